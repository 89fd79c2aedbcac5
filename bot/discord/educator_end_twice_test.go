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
	posting, release := make(chan struct{}), make(chan struct{})
	releaseOnce := sync.OnceFunc(func() { close(release) })
	t.Cleanup(releaseOnce)
	var held sync.Once
	remove := e.srv.Intercept(func(r discordtest.Request) *discordtest.Response {
		if r.Method == http.MethodPost && r.Path == "/channels/"+thread+"/messages" {
			held.Do(func() {
				close(posting)
				<-release
			})
		}
		return nil
	})
	t.Cleanup(remove)
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
