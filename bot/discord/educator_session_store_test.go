package discord

import (
	"strings"
	"testing"
)

// With the session store down, a member's upvote is told their vote was
// not recorded, and an educator's /session command that the store could
// not be reached: both read "something went wrong while answering",
// which neither was doing.
func TestSessionStoreDownIsWordedForWhatFailed(t *testing.T) {
	t.Parallel()
	e := startEducator(t)
	thread := e.startSession("Store down")
	proxy := e.sessionsThroughProxy()
	asked := e.inThread(thread, eduMember, franceAsked)
	proxy.Pause()
	t.Cleanup(proxy.Resume)
	if r := e.reply(e.press(asked, buttonIDs(asked)[0], eduMember2)); !strings.Contains(r.Content, "couldn't record your vote") || !ephemeral(r) {
		t.Errorf("upvote with the store down = %q", r.Content)
	}
	for _, cmd := range []string{"next", "end"} {
		if r := e.reply(e.slash(eduRole, thread, "session", sub(cmd))); !strings.Contains(r.Content, "couldn't reach the session's storage") {
			t.Errorf("/session %s with the store down = %q", cmd, r.Content)
		}
	}
}
