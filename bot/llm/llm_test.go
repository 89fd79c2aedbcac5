package llm_test

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	openai "github.com/sashabaranov/go-openai"

	"github.com/briefbot/briefbot/bot/llm"
	"github.com/briefbot/briefbot/bot/llm/llmtest"
)

const testKey = "sk-test-SECRET-0123456789"

// syncBuffer collects log output from concurrent calls.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// newClient returns a client of srv whose log is checked for the key at the
// end of the test.
func newClient(t *testing.T, baseURL string, mod func(*llm.Config)) *llm.Client {
	t.Helper()
	cfg := llm.Config{
		APIKey:         testKey,
		BaseURL:        baseURL,
		Model:          llmtest.ChatModel,
		EmbeddingModel: llmtest.EmbeddingModel,
		Timeout:        5 * time.Second,
		RetryBaseDelay: 10 * time.Millisecond,
	}
	if mod != nil {
		mod(&cfg)
	}
	var logs syncBuffer
	c, err := llm.New(cfg, slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug})))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if strings.Contains(logs.String(), testKey) || strings.Contains(logs.String(), "SECRET") {
			t.Errorf("the API key was logged:\n%s", logs.String())
		}
	})
	return c
}

var question = []llm.Message{
	{Role: llm.RoleSystem, Content: "Answer from the briefing."},
	{Role: llm.RoleUser, Content: "Who leads NATO?"},
}

func TestStreamPiecesInOrder(t *testing.T) {
	srv := llmtest.New(t)
	pieces := []string{"Jens", " Stol", "tenberg", " leads", " it."}
	srv.Enqueue(llmtest.Reply{Pieces: pieces, FinishReason: "stop"})
	c := newClient(t, srv.BaseURL(), nil)

	var got []string
	comp, err := c.Stream(context.Background(), question, llm.Options{MaxTokens: 100, Temperature: 0.2}, func(s string) {
		got = append(got, s)
	})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(got, "|") != strings.Join(pieces, "|") {
		t.Errorf("deltas %q, want %q", got, pieces)
	}
	if comp.Text != strings.Join(pieces, "") {
		t.Errorf("text %q, want the concatenation", comp.Text)
	}
	if comp.FinishReason != "stop" {
		t.Errorf("finish reason %q", comp.FinishReason)
	}
	// The fake counts words: 7 in the prompt, one per piece.
	wantUsage := llm.Usage{PromptTokens: 7, CompletionTokens: 5, Calls: 1}
	if comp.Usage != wantUsage {
		t.Errorf("usage %+v, want %+v", comp.Usage, wantUsage)
	}
	if u := c.Usage(); u != wantUsage {
		t.Errorf("client usage %+v, want %+v", u, wantUsage)
	}

	reqs := srv.Requests()
	if len(reqs) != 1 || reqs[0].Chat == nil {
		t.Fatalf("requests %+v", reqs)
	}
	r := reqs[0]
	if !r.Chat.Stream || r.Chat.StreamOptions == nil || !r.Chat.StreamOptions.IncludeUsage {
		t.Errorf("stream options not sent: %+v", r.Chat)
	}
	if r.Chat.MaxTokens != 100 || r.Chat.Temperature != 0.2 || r.Chat.Model != llmtest.ChatModel || len(r.Chat.Messages) != 2 {
		t.Errorf("request %+v", r.Chat)
	}
	if got := r.Header.Get("Authorization"); got != "Bearer "+testKey {
		t.Errorf("Authorization %q", got)
	}
}

func TestEmptyKeySendsNoAuthorization(t *testing.T) {
	srv := llmtest.New(t)
	c := newClient(t, srv.BaseURL(), func(cfg *llm.Config) { cfg.APIKey = "" })
	comp, err := c.Stream(context.Background(), question, llm.Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if comp.Text != "echo: Who leads NATO?" {
		t.Errorf("text %q", comp.Text)
	}
	if h := srv.Requests()[0].Header; h.Get("Authorization") != "" {
		t.Errorf("Authorization sent without a key: %q", h.Get("Authorization"))
	}
}

func TestReasoningModelGetsMaxCompletionTokens(t *testing.T) {
	srv := llmtest.New(t)
	c := newClient(t, srv.BaseURL(), func(cfg *llm.Config) { cfg.Model = "o3-mini" })
	if _, err := c.Stream(context.Background(), question, llm.Options{MaxTokens: 50, Temperature: 0.2}, nil); err != nil {
		t.Fatal(err)
	}
	r := srv.Requests()[0].Chat
	if r.MaxTokens != 0 || r.MaxCompletionTokens != 50 || r.Temperature != 0 {
		t.Errorf("max_tokens %d, max_completion_tokens %d, temperature %v", r.MaxTokens, r.MaxCompletionTokens, r.Temperature)
	}
}

// TestStreamFailures covers retries, deadlines and error kinds. Timings
// have generous upper margins for -race on a loaded machine.
func TestStreamFailures(t *testing.T) {
	errorWithKey := `{"error":{"message":"Incorrect API key provided: ` + testKey + `","type":"invalid_request_error","code":"invalid_api_key"}}`
	tests := []struct {
		name        string
		cfg         func(*llm.Config)
		replies     []llmtest.Reply
		wantErr     error // nil: success
		wantText    string
		wantCalls   int
		wantRetries int
		wantWait    time.Duration // the error's RetryAfter
		minElapsed  time.Duration
		maxElapsed  time.Duration
	}{
		{
			name:      "429 with Retry-After then success",
			replies:   []llmtest.Reply{{Status: 429, RetryAfter: "1"}, {Text: "ok"}},
			wantText:  "ok",
			wantCalls: 2, wantRetries: 1,
			minElapsed: time.Second, maxElapsed: 2500 * time.Millisecond,
		},
		{
			name:      "429 with Retry-After as an HTTP date",
			replies:   []llmtest.Reply{{Status: 429, RetryAfter: time.Now().Add(time.Second).UTC().Format(http.TimeFormat)}, {Text: "ok"}},
			wantText:  "ok",
			wantCalls: 2, wantRetries: 1,
			maxElapsed: 3 * time.Second,
		},
		{
			name:      "503 twice then success",
			replies:   []llmtest.Reply{{Status: 503}, {Status: 503}, {Text: "ok"}},
			wantText:  "ok",
			wantCalls: 3, wantRetries: 2,
			maxElapsed: time.Second,
		},
		{
			name:      "500 after all retries",
			replies:   []llmtest.Reply{{Status: 500}, {Status: 502}, {Status: 503}},
			wantErr:   llm.ErrUnavailable,
			wantCalls: 3, wantRetries: 2,
		},
		{
			name:      "502 with an HTML page",
			cfg:       func(c *llm.Config) { c.MaxRetries = -1 },
			replies:   []llmtest.Reply{{Status: 502, Body: "<html>" + strings.Repeat("bad gateway ", 200) + "</html>"}},
			wantErr:   llm.ErrUnavailable,
			wantCalls: 1,
		},
		{
			name:      "429 after all retries",
			replies:   []llmtest.Reply{{Status: 429, RetryAfter: "0"}, {Status: 429, RetryAfter: "0"}, {Status: 429, RetryAfter: "0"}},
			wantErr:   llm.ErrRateLimited,
			wantCalls: 3, wantRetries: 2,
		},
		{
			name:       "Retry-After beyond the deadline fails fast",
			cfg:        func(c *llm.Config) { c.Timeout = 2 * time.Second },
			replies:    []llmtest.Reply{{Status: 429, RetryAfter: "30"}},
			wantErr:    llm.ErrRateLimited,
			wantCalls:  1,
			wantWait:   30 * time.Second,
			maxElapsed: 500 * time.Millisecond,
		},
		{
			name:      "400 is not retried",
			replies:   []llmtest.Reply{{Status: 400}},
			wantErr:   llm.ErrBadRequest,
			wantCalls: 1,
		},
		{
			name:      "401 with the key in the body",
			replies:   []llmtest.Reply{{Status: 401, Body: errorWithKey}},
			wantErr:   llm.ErrBadRequest,
			wantCalls: 1,
		},
		{
			name:      "404 unknown model",
			replies:   []llmtest.Reply{{Status: 404, Body: `{"error":{"message":"model 'llama9' not found","type":"not_found_error"}}`}},
			wantErr:   llm.ErrBadRequest,
			wantCalls: 1,
		},
		{
			name:       "model hangs until the deadline",
			cfg:        func(c *llm.Config) { c.Timeout = 300 * time.Millisecond },
			replies:    []llmtest.Reply{{Hang: true}},
			wantErr:    llm.ErrTimeout,
			wantCalls:  1,
			minElapsed: 300 * time.Millisecond, maxElapsed: time.Second,
		},
		{
			name:       "stream stalls mid-way",
			cfg:        func(c *llm.Config) { c.StallTimeout = 200 * time.Millisecond },
			replies:    []llmtest.Reply{{Pieces: []string{"NATO ", "is "}, Stall: true}},
			wantErr:    llm.ErrTimeout,
			wantText:   "NATO is ",
			wantCalls:  1,
			minElapsed: 200 * time.Millisecond, maxElapsed: time.Second,
		},
		{
			name:      "slow but steady stream is no stall",
			cfg:       func(c *llm.Config) { c.StallTimeout = 300 * time.Millisecond },
			replies:   []llmtest.Reply{{Pieces: []string{"a ", "b ", "c ", "d"}, PieceDelay: 150 * time.Millisecond}},
			wantText:  "a b c d",
			wantCalls: 1,
		},
		{
			name:      "no content",
			replies:   []llmtest.Reply{{Pieces: []string{}, FinishReason: "content_filter"}},
			wantErr:   llm.ErrEmpty,
			wantCalls: 1,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := llmtest.New(t)
			srv.Enqueue(tt.replies...)
			c := newClient(t, srv.BaseURL(), tt.cfg)

			start := time.Now()
			comp, err := c.Stream(context.Background(), question, llm.Options{}, nil)
			elapsed := time.Since(start)

			if tt.wantErr == nil && err != nil || tt.wantErr != nil && !errors.Is(err, tt.wantErr) {
				t.Fatalf("error %v, want %v", err, tt.wantErr)
			}
			if err != nil {
				if strings.Contains(err.Error(), testKey) || strings.Contains(err.Error(), "SECRET") {
					t.Errorf("error text contains the key: %v", err)
				}
				if len(err.Error()) > 500 {
					t.Errorf("error text is %d bytes long", len(err.Error()))
				}
				var e *llm.Error
				if !errors.As(err, &e) || e.RetryAfter != tt.wantWait {
					t.Errorf("error %#v, want an *llm.Error with RetryAfter %v", err, tt.wantWait)
				}
				if c.Usage().Failures != 1 {
					t.Errorf("failures %d, want 1", c.Usage().Failures)
				}
			}
			if comp.Text != tt.wantText {
				t.Errorf("text %q, want %q", comp.Text, tt.wantText)
			}
			if got := srv.ChatCalls(); got != tt.wantCalls {
				t.Errorf("server saw %d calls, want %d", got, tt.wantCalls)
			}
			if comp.Usage.Retries != tt.wantRetries || c.Usage().Retries != tt.wantRetries {
				t.Errorf("retries %d (client %d), want %d", comp.Usage.Retries, c.Usage().Retries, tt.wantRetries)
			}
			if elapsed < tt.minElapsed || (tt.maxElapsed > 0 && elapsed > tt.maxElapsed) {
				t.Errorf("took %v, want between %v and %v", elapsed, tt.minElapsed, tt.maxElapsed)
			}
		})
	}
}

func TestConnectionRefused(t *testing.T) {
	// A port that was free a moment ago: nothing listens there.
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()

	c := newClient(t, "http://"+addr+"/v1", nil)
	_, err = c.Stream(context.Background(), question, llm.Options{}, nil)
	if !errors.Is(err, llm.ErrUnavailable) {
		t.Fatalf("error %v, want ErrUnavailable", err)
	}
	if u := c.Usage(); u.Retries != 2 || u.Failures != 1 || u.Calls != 1 {
		t.Errorf("usage %+v, want 1 call, 2 retries, 1 failure", u)
	}
}

func TestCallerDeadlineAndCancel(t *testing.T) {
	srv := llmtest.New(t)
	c := newClient(t, srv.BaseURL(), nil) // Timeout 5 s: the caller's ctx is shorter

	srv.Enqueue(llmtest.Reply{Hang: true})
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	_, err := c.Stream(ctx, question, llm.Options{}, nil)
	if !errors.Is(err, llm.ErrTimeout) || !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("caller deadline: error %v, want ErrTimeout and DeadlineExceeded", err)
	}

	srv.Enqueue(llmtest.Reply{Hang: true})
	ctx, cancel = context.WithCancel(context.Background())
	time.AfterFunc(100*time.Millisecond, cancel)
	_, err = c.Stream(ctx, question, llm.Options{}, nil)
	if !errors.Is(err, context.Canceled) || errors.Is(err, llm.ErrTimeout) {
		t.Errorf("caller cancel: error %v, want context.Canceled only", err)
	}
}

func TestSlowConsumerIsNoStall(t *testing.T) {
	srv := llmtest.New(t)
	srv.Enqueue(llmtest.Reply{Pieces: []string{"one ", "two ", "three"}})
	c := newClient(t, srv.BaseURL(), func(cfg *llm.Config) { cfg.StallTimeout = 100 * time.Millisecond })
	comp, err := c.Stream(context.Background(), question, llm.Options{}, func(string) {
		time.Sleep(250 * time.Millisecond) // a slow Discord edit
	})
	if err != nil || comp.Text != "one two three" {
		t.Fatalf("got %q, %v", comp.Text, err)
	}
}

func TestComplete(t *testing.T) {
	srv := llmtest.New(t)
	srv.Enqueue(llmtest.Reply{Status: 503}, llmtest.Reply{Text: "The alliance is NATO."})
	c := newClient(t, srv.BaseURL(), nil)
	comp, err := c.Complete(context.Background(), question, llm.Options{MaxTokens: 20})
	if err != nil {
		t.Fatal(err)
	}
	want := llm.Usage{PromptTokens: 7, CompletionTokens: 4, Calls: 1, Retries: 1}
	if comp.Text != "The alliance is NATO." || comp.FinishReason != "stop" || comp.Usage != want {
		t.Errorf("completion %+v, want usage %+v", comp, want)
	}
	if r := srv.Requests()[1].Chat; r.Stream {
		t.Error("Complete sent stream:true")
	}

	srv.Enqueue(llmtest.Reply{Status: 401})
	if _, err := c.Complete(context.Background(), question, llm.Options{}); !errors.Is(err, llm.ErrBadRequest) {
		t.Errorf("error %v, want ErrBadRequest", err)
	}
}

func TestEmbed(t *testing.T) {
	srv := llmtest.New(t)
	c := newClient(t, srv.BaseURL(), nil)
	texts := make([]string, 130)
	for i := range texts {
		texts[i] = strings.Repeat("word ", i%7) + "text " + string(rune('a'+i%26))
	}
	srv.EnqueueEmbedding(llmtest.Reply{Status: 503})

	vecs, err := c.Embed(context.Background(), texts)
	if err != nil {
		t.Fatal(err)
	}
	if len(vecs) != len(texts) {
		t.Fatalf("%d vectors for %d texts", len(vecs), len(texts))
	}
	for i, v := range vecs {
		want := llmtest.Vector(texts[i])
		if len(v) != llmtest.Dim || v[0] != want[0] || v[llmtest.Dim-1] != want[llmtest.Dim-1] {
			t.Fatalf("vector %d is not the fake's vector of its text", i)
		}
	}
	// 64 + 64 + 2, and one retry of the first batch.
	var sizes []int
	for _, r := range srv.Requests() {
		sizes = append(sizes, len(r.Embedding.Input))
	}
	if got, want := sizes, []int{64, 64, 64, 2}; !equalInts(got, want) {
		t.Errorf("batch sizes %v, want %v", got, want)
	}
	if u := c.Usage(); u.Calls != 3 || u.Retries != 1 || u.PromptTokens == 0 {
		t.Errorf("usage %+v", u)
	}

	tests := []struct {
		name  string
		cfg   func(*llm.Config)
		texts []string
	}{
		{"empty text", nil, []string{"fine", "  "}},
		{"no embedding model", func(c *llm.Config) { c.EmbeddingModel = "" }, []string{"fine"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := srv.EmbeddingCalls()
			_, err := newClient(t, srv.BaseURL(), tt.cfg).Embed(context.Background(), tt.texts)
			if !errors.Is(err, llm.ErrBadRequest) {
				t.Errorf("error %v, want ErrBadRequest", err)
			}
			if srv.EmbeddingCalls() != before {
				t.Error("a request was sent")
			}
		})
	}
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestConcurrentUsage(t *testing.T) {
	srv := llmtest.New(t)
	c := newClient(t, srv.BaseURL(), nil)
	const n = 20
	burst(t, c, n)
	// Each echo: 7 prompt words, 4 answer words ("echo: Who leads NATO?").
	want := llm.Usage{PromptTokens: 7 * n, CompletionTokens: 4 * n, Calls: n}
	if u := c.Usage(); u != want {
		t.Errorf("usage %+v, want %+v", u, want)
	}
}

// A second burst of calls reuses the first's connections: net/http keeps
// only 2 idle per host unless told, and a burst would open a connection
// (and over TLS a handshake) per call every time.
func TestBurstsReuseConnections(t *testing.T) {
	srv := llmtest.New(t)
	srv.OnChat(func(openai.ChatCompletionRequest) llmtest.Reply {
		// Long enough for the burst's calls to be in flight together.
		return llmtest.Reply{Delay: 50 * time.Millisecond, Pieces: []string{"ok"}}
	})
	const n = 16
	c := newClient(t, srv.BaseURL(), func(cfg *llm.Config) { cfg.IdleConns = n })
	burst(t, c, n)
	burst(t, c, n)
	if got := srv.Connections(); got > n {
		t.Errorf("%d connections for two bursts of %d calls: the second did not reuse the first's", got, n)
	}
}

// burst streams n answers to question at once.
func burst(t *testing.T, c *llm.Client, n int) {
	t.Helper()
	var wg sync.WaitGroup
	for range n {
		wg.Go(func() {
			if _, err := c.Stream(context.Background(), question, llm.Options{}, nil); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
}

func TestNewRejectsBadBaseURL(t *testing.T) {
	for _, u := range []string{"localhost:11434", "ftp://x/v1", "http://user:pw@%zz"} {
		_, err := llm.New(llm.Config{BaseURL: u}, nil)
		if err == nil {
			t.Errorf("New accepted %q", u)
		} else if strings.Contains(err.Error(), "pw") {
			t.Errorf("error shows the password: %v", err)
		}
	}
}

// BenchmarkStream measures the client's overhead per streamed call against
// the local fake answering at once (5 pieces).
func BenchmarkStream(b *testing.B) {
	srv := llmtest.New(b)
	srv.OnChat(func(openai.ChatCompletionRequest) llmtest.Reply {
		return llmtest.Reply{Pieces: []string{"a ", "b ", "c ", "d ", "e"}}
	})
	c, err := llm.New(llm.Config{BaseURL: srv.BaseURL(), Model: llmtest.ChatModel}, nil)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.Stream(context.Background(), question, llm.Options{}, func(string) {}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkComplete is the same without streaming.
func BenchmarkComplete(b *testing.B) {
	srv := llmtest.New(b)
	c, err := llm.New(llm.Config{BaseURL: srv.BaseURL(), Model: llmtest.ChatModel}, nil)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.Complete(context.Background(), question, llm.Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
