package discord

import (
	"strings"
	"testing"
)

// /session end run again after the session ended, in its thread now
// locked and archived (where Discord refuses the bot's post: 50083),
// hands the educator the transcript privately; it answered "Something
// went wrong on my side".
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
	if !ephemeral(r) || r.Content != tr(english, msgEduTranscriptHere) || len(r.Attachments) != 1 ||
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
