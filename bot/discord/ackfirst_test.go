package discord

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot/bot/discord/discordtest"
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

// pendingAcks is how many interactions b counts as waiting for their
// acknowledgement.
func pendingAcks(b *Bot) int {
	b.acks.mu.Lock()
	defer b.acks.mu.Unlock()
	return b.acks.pending
}

// An interaction stops counting as its acknowledgement is sent, not once
// Discord's reply to it comes back: the round trip is no work answers
// need to wait for (with a real network it is 50–150 ms, and every answer
// would wait the whole ackFirstWait).
func TestAcknowledgementCountsUntilSentNotUntilConfirmed(t *testing.T) {
	t.Parallel()
	h := start(t, setup{})
	during := make(chan int, 1)
	remove := h.srv.Intercept(func(r discordtest.Request) *discordtest.Response {
		if r.Method == "POST" && strings.HasSuffix(r.Path, "/callback") {
			select {
			case during <- pendingAcks(h.bot):
			default:
			}
		}
		return nil
	})
	defer remove()
	h.waitFinal(h.ask(franceQ, false))
	if n := <-during; n != 0 {
		t.Errorf("%d interaction(s) counted as waiting while the acknowledgement was on its way", n)
	}
}

// Over the HTTP endpoint, an interaction whose handler is late is deferred
// by the endpoint itself: Discord has its acknowledgement, and answers do
// not wait for the handler.
func TestLateHandlerStopsCountingWhenTheEndpointDefers(t *testing.T) {
	t.Parallel()
	release := make(chan struct{})
	h := start(t, setup{http: true, cfg: Config{NoGateway: true, InitialTimeout: 50 * time.Millisecond}, before: func(b *Bot) {
		b.AddCommand(&Command{
			Def: &discordgo.ApplicationCommand{Name: "slow", Description: "slow"},
			Run: func(ctx context.Context, r *Reply) error {
				<-release
				return r.Respond("late", false, nil)
			},
		})
	}})
	defer close(release)
	resp := h.srv.PostInteraction(h.endpoint, &discordgo.Interaction{GuildID: h.guild,
		Data: discordgo.ApplicationCommandInteractionData{Name: "slow"}})
	if resp.Callback == nil {
		t.Fatalf("no deferral by the endpoint: %d %q", resp.Status, resp.Body)
	}
	if n := pendingAcks(h.bot); n != 0 {
		t.Errorf("%d interaction(s) counted as waiting after the endpoint deferred the late one", n)
	}
}
