package discord

import (
	"strings"
	"testing"
	"time"
)

// A question posted in a session's thread while the sessions' Redis
// stalls for a moment is queued once it answers, as any other session
// write waits; it was dropped, with no reply, when the session lookup
// gave up after 150 ms. The stall (300 ms) is twice that and well inside
// the store's 1 s per call, counted from when the call is held
// (PauseFor): at half a second from the pause, and then at 300 ms, a CI
// machine's load took the rest of the budget.
func TestSessionQuestionDuringARedisBlipIsQueued(t *testing.T) {
	// Not parallel: the store's 2 s budget holds the blip and the calls
	// around it, and under -race with the package's parallel tests
	// running the calls alone took most of it (CI, sessions 17 and 18).
	e := startEducator(t)
	thread := e.startSession("Blip")

	proxy := e.sessionsThroughProxy()
	const blip = 300 * time.Millisecond

	proxy.PauseFor(blip)
	t.Cleanup(proxy.Resume)
	if got := e.inThread(thread, eduMember, "Who is in the Quad?"); !strings.Contains(got.Content, "Queued as question #") {
		t.Fatalf("reply = %q", got.Content)
	}
	// A mention of the bot is the session's too: queued, not also
	// answered as a mention.
	proxy.PauseFor(blip)
	if got := e.inThread(thread, eduMember2, "<@"+e.srv.BotUserID()+"> What is AUKUS?"); !strings.Contains(got.Content, "Queued as question #") {
		t.Fatalf("reply to the mention = %q", got.Content)
	}
	time.Sleep(500 * time.Millisecond)
	n := 0
	for _, x := range e.srv.ChannelMessages(thread) {
		if x.Author != nil && x.Author.ID == e.srv.BotUserID() && x.MessageReference != nil {
			n++
		}
	}
	if n != 2 {
		t.Errorf("%d replies in the thread to 2 questions", n)
	}
}
