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
