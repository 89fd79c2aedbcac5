package discord

import (
	"net/http"
	"strings"
	"testing"

	"github.com/briefbot/briefbot/bot/discord/discordtest"
	"github.com/bwmarrin/discordgo"
)

// startSession starts a session in the general channel, with approval
// off unless opts say otherwise, and returns its thread.
func (e *eduHarness) startSession(title string, opts ...*discordgo.ApplicationCommandInteractionDataOption) string {
	e.t.Helper()
	r := e.reply(e.slash(eduManager, "", "session", sub("start", append([]*discordgo.ApplicationCommandInteractionDataOption{strOpt("title", title)}, opts...)...)))
	mm := threadRE.FindStringSubmatch(r.Content)
	if mm == nil {
		e.t.Fatalf("/session start reply = %q", r.Content)
	}
	return mm[1]
}

// /session end says "thread locked" only once the thread is: without
// Manage Threads Discord refuses the lock, and the educator is told the
// thread is still open (the reply used to say it was locked, sent before
// the lock was even tried).
func TestSessionEndSaysWhenTheThreadCouldNotBeLocked(t *testing.T) {
	t.Parallel()
	e := startEducator(t)
	thread := e.startSession("Asia week")
	e.inThread(thread, eduMember, franceQ)
	remove := e.srv.Intercept(func(r discordtest.Request) *discordtest.Response {
		if r.Method == http.MethodPatch && r.Path == "/channels/"+thread {
			return discordtest.JSONResponse(http.StatusForbidden, map[string]any{"message": "Missing Permissions", "code": 50013})
		}
		return nil
	})
	defer remove()
	r := e.reply(e.slash(eduManager, thread, "session", sub("end")))
	if !ephemeral(r) || strings.Contains(r.Content, "thread locked") || !strings.Contains(r.Content, "could not lock the thread") ||
		!strings.Contains(r.Content, "transcript posted") {
		t.Errorf("end with the lock refused = %q", r.Content)
	}
	if ch := e.srv.Channel(thread); ch.ThreadMetadata != nil && ch.ThreadMetadata.Locked {
		t.Fatal("the fake locked the thread after all")
	}
	if n := e.srv.Hits(http.MethodPatch, "/channels/"+thread); n == 0 {
		t.Error("no lock was tried")
	}

	// With the permission, it is locked, and says so.
	remove()
	thread = e.startSession("Asia week 2")
	r = e.reply(e.slash(eduManager, thread, "session", sub("end")))
	if ch := e.srv.Channel(thread); ch.ThreadMetadata == nil || !ch.ThreadMetadata.Locked {
		t.Errorf("thread not locked when the reply %q came", r.Content)
	}
	if r.Content != tr(english, msgEduSessionClosed) {
		t.Errorf("end = %q", r.Content)
	}
}

// A transcript handed to the educator because the thread would not take
// it says so: it was not posted in the thread, here it is (it used to
// say "Session ended. The transcript is attached", as if posted).
func TestSessionEndTranscriptHandedOverSaysWhy(t *testing.T) {
	t.Parallel()
	e := startEducator(t)
	thread := e.startSession("Asia week")
	e.inThread(thread, eduMember, franceQ)
	e.srv.FailNext(http.MethodPost, "/channels/"+thread+"/messages", http.StatusForbidden)
	r := e.reply(e.slash(eduManager, thread, "session", sub("end")))
	if !ephemeral(r) || len(r.Attachments) != 1 || r.Content != tr(english, msgEduTranscriptHere) ||
		!strings.Contains(r.Content, "could not post the transcript in the thread") {
		t.Errorf("end with the transcript refused (%d files) = %q", len(r.Attachments), r.Content)
	}
}
