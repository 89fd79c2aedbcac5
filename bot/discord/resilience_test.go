package discord

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	openai "github.com/sashabaranov/go-openai"

	"github.com/briefbot/briefbot/bot/answer"
	"github.com/briefbot/briefbot/bot/asking"
	"github.com/briefbot/briefbot/bot/discord/discordtest"
	"github.com/briefbot/briefbot/bot/llm"
	"github.com/briefbot/briefbot/bot/llm/llmanswer"
	"github.com/briefbot/briefbot/bot/llm/llmtest"
	"github.com/briefbot/briefbot/knowledge/redistest"
)

func askReq(q string) answer.Request { return answer.Request{Question: q} }

func TestModelDownGivesExtractiveAnswerWithNotice(t *testing.T) {
	t.Parallel()
	fake := llmtest.New(t)
	fake.OnChat(func(openai.ChatCompletionRequest) llmtest.Reply {
		return llmtest.Reply{Status: http.StatusServiceUnavailable}
	})
	client, err := llm.New(llm.Config{BaseURL: fake.BaseURL(), Model: "m", MaxRetries: -1, Timeout: 2 * time.Second}, nil)
	if err != nil {
		t.Fatal(err)
	}
	h := start(t, setup{answerer: newEngine(t, answer.WithModel(llmanswer.New(client), "m"))})
	m := h.waitFinal(h.ask(franceQ, false))
	for _, want := range []string{"Macron", "-# ⚠️ The language model is unavailable", "¶11"} {
		if !strings.Contains(m.Content, want) {
			t.Errorf("answer lacks %q:\n%s", want, m.Content)
		}
	}
	// The notice is in the asker's language, as the bot's other lines are.
	de := h.waitFinal(h.ask(franceQ, true, inLocale(discordgo.German)))
	if !strings.Contains(de.Content, "-# ⚠️ Das Sprachmodell ist gerade nicht erreichbar") {
		t.Errorf("German asker's notice:\n%s", de.Content)
	}
}

func TestRedisRestartMidRun(t *testing.T) {
	t.Parallel()
	h := start(t, setup{})
	h.waitFinal(h.ask(franceQ, false))

	h.rds.Stop()
	// Without Redis: no limits, no dedupe, no history — but an answer.
	m := h.waitFinal(h.ask(franceQ, false))
	if !strings.Contains(m.Content, "Macron") {
		t.Errorf("answer with Redis down = %q", m.Content)
	}
	dm := h.srv.DispatchMessage(&discordgo.Message{Content: franceQ})
	h.waitAnswerIn(dm.ChannelID, 0)

	h.rds.Restart()
	// go-redis stops dialling after a burst of failures and probes the
	// server once a second: the bot's client recovers within about that.
	// The lookup goes in a pipeline (redisstore batches it), the thread's
	// binding alone: both must work again, and they need not recover at
	// the same moment.
	h.until("the bot's Redis client to recover", func() bool {
		_, _, err := h.conv.Lookup(context.Background(), "probe")
		_, err2 := h.conv.Load(context.Background(), "probe")
		return err == nil && err2 == nil
	})
	// Back: threads are remembered again.
	q := h.srv.DispatchMessage(&discordgo.Message{
		GuildID: h.guild, Content: "<@" + discordtest.DefaultBotUserID + "> " + franceQ, Mentions: []*discordgo.User{botUser()},
	})
	h.waitAnswerIn(q.ID, 0)
	_, ok, err := h.conv.Lookup(context.Background(), q.ID)
	if err != nil || !ok {
		t.Errorf("thread not bound after Redis came back: ok=%v err=%v\n%s", ok, err, h.log.String())
	}
	if !strings.Contains(h.log.String(), "answering without") {
		t.Error("no warning logged while Redis was down")
	}
}

func TestShutdownDuringAnswer(t *testing.T) {
	t.Parallel()
	t.Run("finishes within grace", func(t *testing.T) {
		t.Parallel()
		g := newGated(newEngine(t))
		h := start(t, setup{answerer: g, cfg: Config{ShutdownGrace: 5 * time.Second}})
		i := h.ask(franceQ, false)
		<-g.started
		stopped := make(chan struct{})
		go func() { h.shutdown(); close(stopped) }()
		// New work is refused while the answer in flight may finish.
		h.until("shutdown started", h.bot.isClosing)
		j := h.ask(franceQ, false)
		h.waitCallback(j)
		if c := h.srv.Original(j.Token).Content; c != RestartText {
			t.Errorf("question during shutdown got %q", c)
		}
		close(g.release)
		<-stopped
		if m := h.srv.Original(i.Token); !strings.Contains(m.Content, "Macron") {
			t.Errorf("answer in flight = %q, want it finished", m.Content)
		}
	})
	t.Run("cut after grace says to retry", func(t *testing.T) {
		t.Parallel()
		g := newGated(newEngine(t))
		h := start(t, setup{answerer: g, cfg: Config{ShutdownGrace: 100 * time.Millisecond}})
		i := h.ask(franceQ, false)
		<-g.started
		h.shutdown()
		if m := h.srv.Original(i.Token); m.Content != RestartText {
			t.Errorf("cut answer = %q, want %q", m.Content, RestartText)
		}
	})
}

func TestDisallowedMessageContentIntentIsDropped(t *testing.T) {
	t.Parallel()
	h := start(t, setup{srvOpts: []discordtest.Option{discordtest.WithDisallowedIntents(discordgo.IntentMessageContent)}})
	id, ok := h.srv.Identify()
	if !ok || id.Intents != Intents(false) {
		t.Errorf("identified with intents %d, want %d", id.Intents, Intents(false))
	}
	if !strings.Contains(h.log.String(), "Message Content intent") {
		t.Error("the refused intent was not explained in the log")
	}
	// Slash commands still work.
	h.waitFinal(h.ask(franceQ, false))
}

func TestBadTokenFailsRun(t *testing.T) {
	t.Parallel()
	srv := discordtest.New(t, discordtest.WithToken("Bot right"))
	b, err := New(Config{Token: "wrong", APIURL: srv.APIBase()}, Deps{Questions: asking.New(asking.Config{}, asking.Deps{Answerer: newEngine(t)}, nil)}, nil)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), wait)
	defer cancel()
	if err := b.Run(ctx); err != ErrUnauthorized {
		t.Errorf("Run = %v, want ErrUnauthorized", err)
	}
}

func TestHealthy(t *testing.T) {
	t.Parallel()
	h := start(t, setup{noRedis: true})
	// discordgo runs the connect handler in a goroutine of its own, which
	// may come after start returns.
	h.until("the bot healthy", func() bool { return h.bot.Healthy() == nil })
	h.shutdown()
	b, _ := New(Config{Token: "x"}, Deps{Questions: asking.New(asking.Config{}, asking.Deps{Answerer: newEngine(t)}, nil)}, nil)
	if b.Healthy() == nil {
		t.Error("a bot never connected is healthy")
	}
}

func TestBusyWhenEverySlotIsTaken(t *testing.T) {
	t.Parallel()
	g := newGated(newEngine(t))
	h := start(t, setup{answerer: g, asking: asking.Config{Slots: 1, QueueWait: 50 * time.Millisecond}})
	first := h.ask(franceQ, false)
	<-g.started
	second := h.ask(franceQ, false)
	h.waitOriginal(second, func(m *discordgo.Message) bool { return strings.Contains(m.Content, "answering a lot of questions") })
	close(g.release)
	if m := h.waitFinal(first); !strings.Contains(m.Content, "Macron") {
		t.Errorf("held answer = %q", m.Content)
	}
}

func TestQueuedQuestionIsToldThenAnswered(t *testing.T) {
	t.Parallel()
	g := newGated(newEngine(t))
	h := start(t, setup{answerer: g, asking: asking.Config{Slots: 1, QueueWait: wait, QueueNotice: time.Millisecond}})
	first := h.ask(franceQ, false)
	<-g.started
	second := h.ask(franceQ, false)
	h.waitOriginal(second, func(m *discordgo.Message) bool { return strings.Contains(m.Content, "yours is next in line") })
	close(g.release)
	for _, i := range []*discordgo.Interaction{first, second} {
		h.waitOriginal(i, func(m *discordgo.Message) bool { return strings.Contains(m.Content, "Macron") })
	}
}

func TestGatewayDropIsReconnected(t *testing.T) {
	t.Parallel()
	h := start(t, setup{})
	h.srv.DropConnections()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if _, err := h.srv.WaitGateway(ctx, func(g discordtest.GatewayStats) bool { return g.Live == 1 && g.Connects >= 2 }); err != nil {
		t.Fatalf("not reconnected: %+v", h.srv.Gateway())
	}
	h.waitFinal(h.ask(franceQ, false))
	if err := h.bot.Healthy(); err != nil {
		t.Errorf("Healthy after reconnect = %v", err)
	}
	if strings.Contains(h.log.String(), "test-token") {
		t.Error("the log contains the bot token")
	}
}

// Close codes retrying cannot fix stop Run at the first IDENTIFY, saying
// what to do; 4013 is a bug, not the Message Content setting.
func TestFatalCloseCodesStopRun(t *testing.T) {
	t.Parallel()
	for _, code := range []int{4010, 4011, 4012, 4013} {
		t.Run(strconv.Itoa(code), func(t *testing.T) {
			t.Parallel()
			srv := discordtest.New(t, discordtest.WithIdentifyClose(code, "refused"))
			var logs syncBuffer
			b, err := New(Config{Token: "test-token", APIURL: srv.APIBase()},
				Deps{Questions: asking.New(asking.Config{}, asking.Deps{Answerer: newEngine(t)}, nil)}, slog.New(slog.NewTextHandler(&logs, nil)))
			if err != nil {
				t.Fatal(err)
			}
			ctx, cancel := context.WithTimeout(context.Background(), wait)
			defer cancel()
			err = b.Run(ctx)
			var ge *GatewayError
			if !errors.As(err, &ge) || ge.Code != code || ge.Msg == "" {
				t.Fatalf("Run = %v, want a GatewayError with code %d", err, code)
			}
			if n := srv.Gateway().Identifies; n != 0 {
				t.Errorf("identifies completed = %d", n)
			}
			if c := srv.Gateway().Connects; c != 1 {
				t.Errorf("connections = %d, want 1 (no retrying)", c)
			}
			if strings.Contains(logs.String(), "Message Content") {
				t.Errorf("logged the Message Content hint for %d:\n%s", code, logs.String())
			}
		})
	}
}

// With Redis stalled, an /ask is acknowledged within a second and answered
// (without history, limits or stats) rather than left to Discord's 3 s.
func TestStalledRedisStillAcksAndAnswers(t *testing.T) {
	t.Parallel()
	h := start(t, setup{stalledRedis: true})
	sent := time.Now()
	i := h.ask(franceQ, false)
	h.waitCallback(i)
	var acked time.Time
	for _, r := range h.srv.Requests() {
		if r.Method == "POST" && strings.Contains(r.Path, "/callback") && strings.Contains(r.Path, i.ID) {
			acked = r.At
		}
	}
	if d := acked.Sub(sent); acked.IsZero() || d > time.Second {
		t.Errorf("acknowledged %v after the question, want within 1 s", d)
	}
	h.until("the answer", func() bool {
		m := h.srv.Original(i.Token)
		return m != nil && strings.Contains(m.Content, "Macron") && !strings.HasSuffix(m.Content, "…")
	})
}

// A Redis slow but answering (300 ms a reply: past what an
// acknowledgement may wait, within what an acknowledged question may) still
// applies the rate limit: it is taken after the acknowledgement.
func TestSlowRedisStillLimits(t *testing.T) {
	t.Parallel()
	var proxy *redistest.Proxy
	h := start(t, setup{limits: &limitsOne, redisURL: behindProxy(&proxy)})
	// Warmed up first, by another member: the connection's own start-up
	// calls done, the pool's connections open and the limit's script
	// loaded. Otherwise the limit's call may have to open a connection at
	// 300 ms a round trip, past its second, and fail open: that measures
	// handshakes, not the limit (it did, under load).
	other := func(i *discordgo.Interaction) {
		i.Member = &discordgo.Member{User: &discordgo.User{ID: "200000000000000777", Username: "other"}}
	}
	h.waitFinal(h.ask(franceQ, false, other))
	proxy.SetLatency(300 * time.Millisecond)
	sent := time.Now()
	first := h.ask(franceQ, false)
	h.waitCallback(first)
	if d := time.Since(sent); d > time.Second {
		t.Errorf("acknowledged %v after the question with Redis 300 ms away", d)
	}
	if m := h.waitShown(first); !strings.Contains(m.Content, "Macron") {
		t.Fatalf("first question: %q", m.Content)
	}
	if m := h.waitRefusal(h.ask(franceQ, false)); !strings.Contains(m.Content, "try again in") {
		t.Errorf("second question within the minute: %q, want the wait", m.Content)
	}
}

// Redis stalls behind a proxy, then comes back: meanwhile questions are
// acknowledged within a second and answered (without limits); afterwards
// the bot uses Redis again by itself — the rate limit holds.
func TestRedisStallAndRecovery(t *testing.T) {
	t.Parallel()
	var proxy *redistest.Proxy
	h := start(t, setup{limits: &limitsOne, redisURL: behindProxy(&proxy)})
	proxy.Pause()
	sent := time.Now()
	i := h.ask(franceQ, false)
	h.waitCallback(i)
	if d := time.Since(sent); d > time.Second {
		t.Errorf("acknowledged %v after the question with Redis stalled", d)
	}
	h.until("the answer", func() bool {
		m := h.srv.Original(i.Token)
		return m != nil && strings.Contains(m.Content, "Macron") && !strings.HasSuffix(m.Content, "…")
	})

	proxy.Resume()
	proxy.Drop() // the stalled connections are gone; new ones work
	// Back: the user's one question a minute is counted again, so that of
	// two questions in a row the second is refused. (The first questions
	// after the drop may still find a broken connection and pass.)
	deadline := time.Now().Add(wait)
	for {
		h.waitFinal(h.ask(franceQ, false))
		next := h.ask(franceQ, false)
		if m := h.waitShown(next); strings.Contains(m.Content, "try again in") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the rate limit never applied again after Redis came back")
		}
	}
}

// A question asked by message while the bot shuts down (answers in
// flight finishing; the gateway still delivers) is told to ask again, as
// an /ask is: the next process will not see the message, so without a
// word the member is left waiting for an answer that never comes.
func TestMessageQuestionDuringShutdownIsToldToAskAgain(t *testing.T) {
	t.Parallel()
	g := newGated(newEngine(t))
	h := start(t, setup{answerer: g, cfg: Config{ShutdownGrace: 5 * time.Second}})
	i := h.ask(franceQ, false)
	<-g.started
	stopped := make(chan struct{})
	go func() { h.shutdown(); close(stopped) }()
	h.until("shutdown started", h.bot.isClosing)
	dm := h.srv.DispatchMessage(&discordgo.Message{Content: franceQ})
	ment := h.srv.DispatchMessage(&discordgo.Message{
		GuildID: h.guild, Content: "<@" + discordtest.DefaultBotUserID + "> " + franceQ, Mentions: []*discordgo.User{botUser()},
	})
	chat := h.srv.DispatchMessage(&discordgo.Message{GuildID: h.guild, ChannelID: ment.ChannelID, Content: "just chatting"})
	for _, m := range []*discordgo.Message{dm, ment} {
		h.until("the notice in "+m.ChannelID, func() bool {
			for _, x := range h.srv.ChannelMessages(m.ChannelID) {
				if x.Author != nil && x.Author.ID == discordtest.DefaultBotUserID && x.Content == RestartText &&
					x.MessageReference != nil && x.MessageReference.MessageID == m.ID {
					return true
				}
			}
			return false
		})
	}
	close(g.release)
	<-stopped
	for _, x := range h.srv.ChannelMessages(chat.ChannelID) {
		if x.MessageReference != nil && x.MessageReference.MessageID == chat.ID {
			t.Errorf("chat not addressed to the bot got %q", x.Content)
		}
	}
	if m := h.srv.Original(i.Token); !strings.Contains(m.Content, "Macron") {
		t.Errorf("answer in flight = %q, want it finished", m.Content)
	}
}
