package discord

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot/bot/answer"
	"github.com/briefbot/briefbot/bot/asking"
	"github.com/briefbot/briefbot/bot/discord/discordtest"
	"github.com/briefbot/briefbot/bot/internal/loadbench"
	"github.com/briefbot/briefbot/bot/state"
	"github.com/briefbot/briefbot/knowledge/redistest"
)

// slowModel stands in for a hosted model: each answer takes its delay.
type slowModel struct {
	a     answer.Answer
	delay time.Duration
}

func (m slowModel) Ask(ctx context.Context, _ answer.Request, onDelta func(string)) (answer.Answer, error) {
	select {
	case <-time.After(m.delay):
	case <-ctx.Done():
		return answer.Answer{}, ctx.Err()
	}
	if onDelta != nil {
		onDelta(m.a.Text)
	}
	return m.a, nil
}

func (m slowModel) Knowledge() *answer.Knowledge { return kb }

// BenchmarkConcurrentAsks sends b.N /ask interactions at once from members
// of 8 guilds through the fake Discord, each answered by a stand-in model
// taking 60 ms, with real Redis stores (dedupe, limits, history, records),
// and reports questions per second, the acknowledgement's and the final
// answer's p99 (sent to the fake's receipt), the process's resident
// memory and its CPU time per question (the fake's included).
//
// The gateway runs deliver INTERACTION_CREATE over the fake's gateway and
// take the acknowledgement from the REST callback; the http runs POST each
// interaction, signed, to the bot's HTTP endpoint (an HTTP-only replica,
// DISCORD_GATEWAY=off), all at once, over connections opened (and kept
// alive, as Discord keeps them) before the clock starts, and take the
// acknowledgement from the response. slots=4 is the cap before
// MAX_CONCURRENT_ANSWERS; slots=64 its default now; slots=128 and 256 show
// what more slots buy (300 questions are 5 rounds of the model at 64, 3
// at 128, 2 at 256).
//
//	go test ./bot/discord -run '^$' -bench ConcurrentAsks -benchtime 300x -count 6
func BenchmarkConcurrentAsks(b *testing.B) {
	for _, slots := range []int{4, 64, 128, 256} {
		b.Run("slots="+strconv.Itoa(slots), func(b *testing.B) { benchmarkConcurrentAsks(b, false, slots, 0) })
	}
	// The same with every Redis reply 5 ms late (a Redis across a network),
	// and over the HTTP endpoint, at the default and at 256 slots.
	for _, slots := range []int{64, 128, 256} {
		n := strconv.Itoa(slots)
		b.Run("slots="+n+"/redis+5ms", func(b *testing.B) { benchmarkConcurrentAsks(b, false, slots, 5*time.Millisecond) })
		b.Run("http/slots="+n, func(b *testing.B) { benchmarkConcurrentAsks(b, true, slots, 0) })
		b.Run("http/slots="+n+"/redis+5ms", func(b *testing.B) { benchmarkConcurrentAsks(b, true, slots, 5*time.Millisecond) })
	}
}

func benchmarkConcurrentAsks(b *testing.B, overHTTP bool, slots int, redisLatency time.Duration) {
	k := testKnowledge(b)
	a := answer.Answer{Text: "Macron opposed the office [1].", Mode: answer.ModeLLM, KnowledgeVersion: k.Version,
		Citations: []answer.Citation{{N: 1, Briefing: k.Briefings[0].Title, Paragraph: 11, ChunkID: k.Briefings[0].ID + "#p11", Quote: k.Briefings[0].Paragraphs[10]}}}
	lim := state.Limits{User: state.Limit{Rate: 1 << 30, Burst: 1 << 30, Period: time.Second}}
	su := setup{answerer: slowModel{a, 60 * time.Millisecond}, limits: &lim,
		asking: asking.Config{Slots: slots, QueueWait: time.Minute}, cfg: Config{EditInterval: time.Second}}
	if overHTTP {
		su.http, su.cfg.NoGateway = true, true
	}
	var proxy *redistest.Proxy
	if redisLatency > 0 {
		su.redisURL = behindProxy(&proxy)
	}
	h := start(b, su)
	if proxy != nil {
		proxy.SetLatency(redisLatency)
	}
	tok := fmt.Sprintf("load-%d-%s", slots, redisLatency)
	// Discord keeps its connections to an endpoint open.
	client := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: 1024}}
	defer client.CloseIdleConnections()

	burst := loadbench.NewBurst(b.N)
	remove := h.srv.Intercept(func(r discordtest.Request) *Response {
		tok := loadbench.Token(r.Path, "load-")
		switch {
		case r.Method == "POST" && strings.HasSuffix(r.Path, "/callback"):
			burst.Acked(tok)
		case r.Method == "PATCH" && strings.Contains(string(r.Body), "Macron"):
			burst.Answered(tok)
		}
		return nil
	})
	defer remove()

	if overHTTP {
		h.srv.OpenConnections(h.endpoint, client, b.N)
	}
	b.ResetTimer()
	cpu0 := loadbench.CPU()
	start := time.Now()
	var posts sync.WaitGroup
	for n := range b.N {
		guild := fmt.Sprintf("30000000000000%04d", n%8)
		user := fmt.Sprintf("20000000000%07d", n)
		tok := fmt.Sprintf("%s-%d", tok, n)
		i := &discordgo.Interaction{
			GuildID: guild, Token: tok,
			Member: &discordgo.Member{User: &discordgo.User{ID: user, Username: "u" + user}, Roles: []string{}},
			Data: discordgo.ApplicationCommandInteractionData{Name: "ask", Options: []*discordgo.ApplicationCommandInteractionDataOption{
				{Name: "question", Type: discordgo.ApplicationCommandOptionString, Value: franceQ}}},
		}
		burst.Sent(tok)
		if !overHTTP {
			h.srv.DispatchInteraction(i)
			continue
		}
		burst.Post(&posts, tok, func() (bool, string) {
			resp := h.srv.PostInteraction(h.endpoint, i, discordtest.WithHTTPClient(client))
			return resp.Callback != nil, fmt.Sprintf("POST %s: %d %s, no acknowledgement", tok, resp.Status, resp.Body)
		})
	}
	posts.Wait()
	if left := burst.Wait(time.Minute); left > 0 {
		b.Fatalf("%d of %d questions unanswered after a minute", left, b.N)
	}
	elapsed := time.Since(start)
	cpu := loadbench.CPU() - cpu0
	b.StopTimer()
	ackP99, finalP99, failed := burst.Results()
	if len(failed) > 0 {
		b.Fatalf("%d of %d questions failed, the first: %s", len(failed), b.N, failed[0])
	}
	b.ReportMetric(float64(b.N)/elapsed.Seconds(), "q/s")
	b.ReportMetric(ackP99, "ack-p99-ms")
	b.ReportMetric(finalP99, "final-p99-ms")
	b.ReportMetric(rssMB(), "rss-MB")
	b.ReportMetric(float64(cpu)/float64(time.Millisecond)/float64(b.N), "cpu-ms/q")
}

type Response = discordtest.Response

// rssMB is the process's resident memory (Linux), 0 elsewhere.
func rssMB() float64 {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "VmRSS:" {
			kb, _ := strconv.ParseFloat(f[1], 64)
			return kb / 1024
		}
	}
	return 0
}
