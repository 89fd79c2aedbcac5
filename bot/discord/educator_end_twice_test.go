package discord

import (
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/briefbot/briefbot/bot/discord/discordtest"
)

// /session end run again after the session ended, its transcript
// posted in its thread now locked and archived, hands the educator the
// transcript privately; it answered "Something went wrong on my side"
// (Discord refused the post again: 50083).
func TestSessionEndedTwiceGivesTheTranscriptPrivately(t *testing.T) {
	t.Parallel()
	e := startEducator(t)
	r := e.reply(e.slash(eduRole, "", "session", sub("start", strOpt("title", "Asia week"))))
	thread := threadRE.FindStringSubmatch(r.Content)[1]
	e.inThread(thread, eduMember, franceQ)
	if r := e.reply(e.slash(eduRole, thread, "session", sub("end"))); !strings.Contains(r.Content, "Session ended") {
		t.Fatalf("end = %q", r.Content)
	}
	e.until("the thread locked", func() bool {
		ch := e.srv.Channel(thread)
		return ch != nil && ch.ThreadMetadata != nil && ch.ThreadMetadata.Locked && ch.ThreadMetadata.Archived
	})
	before := len(e.srv.ChannelMessages(thread))

	r = e.reply(e.slash(eduManager, thread, "session", sub("end")))
	if !ephemeral(r) || r.Content != tr(english, msgEduTranscriptPosted) || len(r.Attachments) != 1 ||
		r.Attachments[0].Filename != "transcript.md" {
		t.Fatalf("end again (flags %b, %d files) = %q", r.Flags, len(r.Attachments), r.Content)
	}
	md, ok := e.srv.Attachment(r.Attachments[0].URL)
	if !ok || !strings.Contains(string(md), "# Asia week") || !strings.Contains(string(md), franceQ) {
		t.Errorf("transcript given:\n%s", md)
	}
	if ch := e.srv.Channel(thread); !ch.ThreadMetadata.Locked || !ch.ThreadMetadata.Archived {
		t.Errorf("thread state after the second end: %+v", ch.ThreadMetadata)
	}
	for _, m := range e.srv.ChannelMessages(thread)[before:] {
		if !ephemeral(m) {
			t.Errorf("posted in the locked thread: %q", m.Content)
		}
	}
	e.checkNoMentions()
}

// Two educators ending a session at once (or one pressing twice) post one
// transcript: the other is handed a copy privately. The first end's post
// is held until the second end has replied, so that they overlap.
func TestSessionEndedByTwoAtOncePostsOneTranscript(t *testing.T) {
	t.Parallel()
	e := startEducator(t)
	thread := e.startSession("Asia week")
	e.inThread(thread, eduMember, franceQ)
	posting, releaseOnce := e.holdFirst(func(r discordtest.Request) bool {
		return r.Method == http.MethodPost && r.Path == "/channels/"+thread+"/messages"
	})
	first := e.slash(eduRole, thread, "session", sub("end"))
	<-posting
	if r := e.reply(e.slash(eduManager, thread, "session", sub("end"))); !ephemeral(r) || !strings.Contains(r.Content, "here is a copy") || len(r.Attachments) != 1 {
		t.Errorf("the second end, while the first posts (%d files) = %q", len(r.Attachments), r.Content)
	}
	releaseOnce()
	if r := e.reply(first); !strings.Contains(r.Content, "Session ended") {
		t.Errorf("the first end = %q", r.Content)
	}
	n := 0
	for _, m := range e.srv.ChannelMessages(thread) {
		for _, at := range m.Attachments {
			if at.Filename == "transcript.md" && !ephemeral(m) {
				n++
			}
		}
	}
	if n != 1 {
		t.Errorf("%d transcripts posted in the thread, want 1", n)
	}
}

// A transcript post Discord answers with a 500 may have landed: it
// counts as posted (a later /session end does not post a second), the
// educator is told it is uncertain and given a copy.
func TestSessionEndTranscriptPostUncertain(t *testing.T) {
	t.Parallel()
	e := startEducator(t)
	thread := e.startSession("Asia week")
	e.inThread(thread, eduMember, franceQ)
	e.srv.FailNext("POST", "/channels/"+thread+"/messages", http.StatusInternalServerError)
	r := e.reply(e.slash(eduRole, thread, "session", sub("end")))
	if !ephemeral(r) || !strings.Contains(r.Content, "did not confirm the transcript") || len(r.Attachments) != 1 {
		t.Fatalf("end with the post unconfirmed (%d files) = %q", len(r.Attachments), r.Content)
	}
	before := len(e.srv.ChannelMessages(thread))
	if r := e.reply(e.slash(eduRole, thread, "session", sub("end"))); !strings.Contains(r.Content, "here is a copy") || len(r.Attachments) != 1 {
		t.Errorf("end again = %q", r.Content)
	}
	for _, m := range e.srv.ChannelMessages(thread)[before:] {
		if !ephemeral(m) {
			t.Errorf("posted again in the thread: %q", m.Content)
		}
	}
}

// holdFirst holds the first request matching match in the fake Discord
// until release is called (or the test ends): posting is closed once it
// is held.
func (e *eduHarness) holdFirst(match func(discordtest.Request) bool) (posting <-chan struct{}, release func()) {
	e.t.Helper()
	held, free := make(chan struct{}), make(chan struct{})
	release = sync.OnceFunc(func() { close(free) })
	e.t.Cleanup(release)
	var once sync.Once
	remove := e.srv.Intercept(func(r discordtest.Request) *discordtest.Response {
		if match(r) {
			once.Do(func() {
				close(held)
				<-free
			})
		}
		return nil
	})
	e.t.Cleanup(remove)
	return held, release
}
