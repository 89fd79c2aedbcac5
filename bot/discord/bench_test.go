package discord

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/briefbot/briefbot/bot/answer"
	"github.com/briefbot/briefbot/bot/discord/discordtest"
	"github.com/briefbot/briefbot/bot/state"
)

// BenchmarkInteractionLatency measures, on the fake Discord with an instant
// answerer and real Redis stores (dedupe, limits, answer records), the time
// from dispatching INTERACTION_CREATE to the bot's first response (the
// deferred acknowledgement) and to its final edit, as the fake received
// them. It reports p50 and p99 of both.
func BenchmarkInteractionLatency(b *testing.B) {
	k := testKnowledge(b)
	a := answer.Answer{Text: "Macron opposed the office [1].", Mode: answer.ModeLLM, KnowledgeVersion: k.Version,
		Citations: []answer.Citation{{N: 1, Briefing: k.Briefings[0].Title, Paragraph: 11, ChunkID: k.Briefings[0].ID + "#p11", Quote: k.Briefings[0].Paragraphs[10]}}}
	lim := state.Limits{User: state.Limit{Rate: 1 << 30, Burst: 1 << 30, Period: time.Second}}
	h := start(b, setup{answerer: fixed{a}, limits: &lim, cfg: Config{EditInterval: time.Second}})
	var first, final []time.Duration
	b.ResetTimer()
	for n := 0; n < b.N; n++ {
		t0 := time.Now()
		i := h.ask(franceQ, false)
		cb := h.srv.WaitRequest(b, wait, func(r discordtest.Request) bool {
			return r.Method == "POST" && strings.HasSuffix(r.Path, "/"+i.Token+"/callback")
		})
		ed := h.srv.WaitRequest(b, wait, func(r discordtest.Request) bool {
			return r.Method == "PATCH" && strings.Contains(r.Path, "/"+i.Token+"/")
		})
		first = append(first, cb.At.Sub(t0))
		final = append(final, ed.At.Sub(t0))
	}
	b.StopTimer()
	report := func(name string, d []time.Duration) {
		slices.Sort(d)
		pct := func(p float64) float64 {
			return float64(d[min(len(d)-1, int(float64(len(d))*p))]) / float64(time.Millisecond)
		}
		b.ReportMetric(pct(0.50), name+"-p50-ms")
		b.ReportMetric(pct(0.99), name+"-p99-ms")
	}
	report("first", first)
	report("final", final)
}
