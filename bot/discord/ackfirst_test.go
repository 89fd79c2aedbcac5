package discord

import (
	"context"
	"testing"
	"time"
)

func TestAckFirst(t *testing.T) {
	var a ackFirst
	// Nothing waits for an acknowledgement: no wait.
	done := make(chan struct{})
	go func() { a.wait(context.Background(), time.Hour); close(done) }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("waited with nothing to acknowledge")
	}

	// Two waiting: an answer waits for both, not for one.
	ack1, ack2 := a.arrived(), a.arrived()
	done = make(chan struct{})
	go func() { a.wait(context.Background(), time.Hour); close(done) }()
	ack1()
	ack1() // twice is once
	select {
	case <-done:
		t.Fatal("went before every acknowledgement")
	case <-time.After(20 * time.Millisecond):
	}
	ack2()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("still waiting once all were acknowledged")
	}

	// One never acknowledged: the wait ends after max, or with ctx.
	never := a.arrived()
	defer never()
	start := time.Now()
	a.wait(context.Background(), 30*time.Millisecond)
	if d := time.Since(start); d < 30*time.Millisecond || d > 5*time.Second {
		t.Errorf("waited %v, want the 30 ms bound", d)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	a.wait(ctx, time.Hour) // returns: ctx is done
}

// An answer waits while another interaction waits for its
// acknowledgement, and goes as soon as it has it; every interaction
// handled, answered or refused, leaves none counted as waiting (one left
// would hold every later answer ackFirstWait).
func TestAnswersWaitForAcknowledgements(t *testing.T) {
	t.Parallel()
	g := newGated(newEngine(t), "France ")
	close(g.release)
	h := start(t, setup{answerer: g})
	unacked := h.bot.acks.arrived() // an interaction still being acknowledged
	i := h.ask(franceQ, false)
	h.waitCallback(i)
	select {
	case <-g.started:
		t.Fatal("the answer started while an interaction waited for its acknowledgement")
	case <-time.After(ackFirstWait / 3):
	}
	unacked()
	select {
	case <-g.started:
	case <-time.After(5 * time.Second):
		t.Fatal("the answer did not start once the acknowledgement was sent")
	}
	h.waitFinal(i)
	h.waitCallback(h.ask("  ?! ", false)) // refused before its acknowledgement
	h.waitFinal(h.ask(franceQ, false))
	h.bot.acks.mu.Lock()
	defer h.bot.acks.mu.Unlock()
	if h.bot.acks.pending != 0 || h.bot.acks.idle != nil {
		t.Errorf("%d interactions still counted as waiting for their acknowledgement", h.bot.acks.pending)
	}
}
