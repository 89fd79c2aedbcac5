package llm

import (
	"math"
	"os"
	"strings"
	"sync"
	"testing"

	tiktoken "github.com/pkoukk/tiktoken-go"
	loader "github.com/pkoukk/tiktoken-go-loader"
)

// The real tokenizers are a test-only dependency: the offline loader embeds
// their vocabularies (about 7 MB), which the bot's binary does without.
var encodings = sync.OnceValues(func() (map[string]*tiktoken.Tiktoken, error) {
	tiktoken.SetBpeLoader(loader.NewOfflineLoader())
	out := map[string]*tiktoken.Tiktoken{}
	for _, name := range []string{"o200k_base", "cl100k_base"} {
		enc, err := tiktoken.GetEncoding(name)
		if err != nil {
			return nil, err
		}
		out[name] = enc
	}
	return out, nil
})

func readTestdata(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestCountTokensAccuracy measures CountTokens against OpenAI's tokenizers.
// testdata/briefing.txt is seeds/000_7af72a6d13299e5b.txt and
// testdata/questions.txt the questions of eval/questions.jsonl.
func TestCountTokensAccuracy(t *testing.T) {
	encs, err := encodings()
	if err != nil {
		t.Fatal(err)
	}
	briefing := readTestdata(t, "briefing.txt")
	questions := strings.Split(strings.TrimSpace(readTestdata(t, "questions.txt")), "\n")
	paragraphs := strings.Split(briefing, "\n\n")

	for name, enc := range encs {
		real := func(s string) int { return len(enc.Encode(s, nil, nil)) }
		tests := []struct {
			name    string
			texts   []string
			maxSum  float64 // relative error of the total
			maxMean float64 // mean relative error per text
		}{
			{"briefing", []string{briefing}, 0.03, 0.03},
			{"briefing paragraphs", paragraphs, 0.03, 0.10},
			{"questions", questions, 0.03, 0.06},
		}
		for _, tt := range tests {
			t.Run(name+"/"+tt.name, func(t *testing.T) {
				var est, want, mean float64
				for _, s := range tt.texts {
					e, w := float64(CountTokens(s)), float64(real(s))
					est += e
					want += w
					mean += math.Abs(e-w) / w
				}
				mean /= float64(len(tt.texts))
				sum := (est - want) / want
				t.Logf("%d texts: estimate %.0f, %s %.0f: total %+.1f%%, mean |error| %.1f%%",
					len(tt.texts), est, name, want, 100*sum, 100*mean)
				if math.Abs(sum) > tt.maxSum || mean > tt.maxMean {
					t.Errorf("total error %+.1f%% (max %.0f%%), mean |error| %.1f%% (max %.0f%%)",
						100*sum, 100*tt.maxSum, 100*mean, 100*tt.maxMean)
				}
			})
		}
	}
}

func TestCountTokensCases(t *testing.T) {
	tests := []struct {
		in   string
		want int
	}{
		{"", 0},
		{" ", 1},
		{"Hello", 1},
		{"Why does France oppose a NATO office in Tokyo?", 10},
		{"NATO’s role", 3},
		{"2024", 2},
		{"\n\n", 1},
	}
	for _, tt := range tests {
		if got := CountTokens(tt.in); got != tt.want {
			t.Errorf("CountTokens(%q) = %d, want %d", tt.in, got, tt.want)
		}
	}
}

func BenchmarkCountTokens(b *testing.B) {
	b.ReportAllocs()
	raw, err := os.ReadFile("testdata/briefing.txt")
	if err != nil {
		b.Fatal(err)
	}
	s := string(raw)
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		CountTokens(s)
	}
}
