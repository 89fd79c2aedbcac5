// Package llm is the bot's client for OpenAI-compatible model servers
// (OpenAI, Ollama, vLLM, LM Studio, llama.cpp server): streamed and plain chat completions, embeddings, and a
// token estimate for prompt budgets.
//
// It wraps go-openai and adds what that library leaves to its users: a
// deadline on every call, a watchdog for streams that stop sending, retries
// of 429 and 5xx that honour Retry-After without outliving the deadline,
// errors sorted into a few kinds (ErrUnavailable, ErrRateLimited, ErrTimeout,
// ErrBadRequest and its ErrUnauthorized, ErrEmpty) with the API key kept out of their text, and
// usage counters. go-openai's types stay inside: callers see Message,
// Options, Completion and Usage.
package llm

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/briefbot/briefbot/bot/httppool"
	openai "github.com/sashabaranov/go-openai"
)

// Defaults for the zero values of Config.
const (
	DefaultTimeout        = 30 * time.Second
	DefaultMaxRetries     = 2
	DefaultStallTimeout   = 15 * time.Second
	DefaultRetryBaseDelay = 500 * time.Millisecond
	DefaultEmbedBatch     = 64
	maxRetryDelay         = 8 * time.Second
)

// Config says which server and models to use. Only BaseURL's default
// (OpenAI) and the durations have defaults; an empty Model means "no chat
// model", which callers check before calling New or Stream.
type Config struct {
	// APIKey may be empty: local servers (Ollama, llama.cpp) need none, and
	// then no Authorization header is sent.
	APIKey string
	// BaseURL of the OpenAI-compatible API, ending in /v1 for most servers
	// (Ollama: http://localhost:11434/v1). Empty means OpenAI.
	BaseURL        string
	Model          string // chat model
	EmbeddingModel string // empty: Embed fails with ErrBadRequest

	// Timeout bounds each call as a whole, a streamed answer included
	// (default 30 s; raise it for slow local models). It is applied through
	// the context, never as an http.Client timeout.
	Timeout time.Duration
	// MaxRetries of a 429, 5xx or connection failure (default 2; negative
	// means none).
	MaxRetries int
	// StallTimeout aborts a stream that sends no byte for this long after
	// its headers (default 15 s).
	StallTimeout time.Duration
	// RetryBaseDelay is the first backoff when the server gives no
	// Retry-After; it doubles per attempt, up to 8 s (default 500 ms).
	RetryBaseDelay time.Duration
	// EmbedBatch is the number of texts per embeddings request (default 64).
	EmbedBatch int
	// HTTPClient replaces the default client (for a proxy or a custom
	// transport). Leave its Timeout at zero: it would cut streams.
	HTTPClient *http.Client
	// IdleConns is how many idle connections to the server the default
	// client keeps for reuse (default 64): as many as calls may be in
	// flight at once (the bot's MAX_CONCURRENT_ANSWERS), so that a burst
	// of answers does not open (and handshake) a connection per call. It
	// limits nothing.
	IdleConns int
}

// Role of a message in a chat.
const (
	RoleSystem    = "system"
	RoleUser      = "user"
	RoleAssistant = "assistant"
)

// Message is one turn of a chat: Role is RoleSystem, RoleUser or
// RoleAssistant.
type Message struct {
	Role    string
	Content string
}

// Options tune one completion. Zero values leave the server's defaults.
type Options struct {
	// MaxTokens caps the answer's length. For reasoning models that refuse
	// max_tokens it is sent as max_completion_tokens instead.
	MaxTokens int
	// Temperature; 0 is not sent at all (go-openai omits zero values), so
	// the server's default applies: pass a small value such as 0.01 for
	// near-deterministic answers.
	Temperature float32
}

// Usage accounts for one call (in a Completion: Calls is 1, Failures 0) or
// for all calls of a Client so far (Client.Usage). Token counts are what the
// server reported; a server that reports none adds zero.
type Usage struct {
	PromptTokens     int
	CompletionTokens int
	Calls            int // requests made by Stream, Complete and Embed (one per Embed batch)
	Retries          int // extra attempts after a 429, 5xx or connection failure
	Failures         int // calls that returned an error
}

// Completion is a model's answer.
type Completion struct {
	Text         string
	Usage        Usage
	FinishReason string // "stop", "length", "content_filter", … or "" when the server sent none
	// Ended says the server said the reply was over: a finish reason, or
	// a stream's closing "data: [DONE]". A stream that just stopped —
	// a proxy or a load balancer ending it mid-reply — has neither, and
	// its last sentence may be unfinished. Always true for Complete.
	Ended bool
}

// Client talks to one OpenAI-compatible server. It is safe for concurrent
// use.
type Client struct {
	api        *openai.Client
	model      string
	embedModel string
	key        string
	timeout    time.Duration
	stall      time.Duration
	batch      int
	log        *slog.Logger

	calls, retries, failures, promptTokens, completionTokens atomic.Int64
	// keyRefused is set by a call the server refused the key for
	// (ErrUnauthorized) and cleared by the next call that succeeds: the
	// ERROR saying so is logged once, not at every question.
	keyRefused atomic.Bool
	// missing holds the models (by name) the server said it has no such
	// model or endpoint for (ErrNotFound), until a call to one succeeds:
	// the ERROR is logged once per model, and a wrong embedding model
	// does not make the chat model's successes say it again.
	missing sync.Map
}

// CheckBaseURL says whether raw can be a model server's base URL:
// http(s)://host[:port]/path. The error never repeats a password (the
// URL is shown redacted, a parse error not at all: it would quote it).
func CheckBaseURL(raw string) error {
	u, err := url.Parse(raw)
	if err != nil {
		return errors.New("llm: base URL does not parse: want http(s)://host[:port]/path")
	}
	// A query ("?api-key=…") is neither sent right — the client appends
	// its paths after it ("…?api-key=k/chat/completions") — nor kept out
	// of logged request errors: refused before any message quotes it.
	if u.RawQuery != "" || u.ForceQuery || u.Fragment != "" {
		return errors.New("llm: base URL has a query or fragment ('?…', '#…'), which the client cannot keep: want http(s)://host[:port]/path, with the key in OPENAI_API_KEY")
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Hostname() == "" {
		return fmt.Errorf("llm: base URL %q: want http(s)://host[:port]/path", u.Redacted())
	}
	return nil
}

// New makes a Client. It does no I/O; a wrong URL, key or model shows up as
// an error of the first call.
func New(cfg Config, log *slog.Logger) (*Client, error) {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	oc := openai.DefaultConfig(cfg.APIKey)
	if cfg.BaseURL != "" {
		if err := CheckBaseURL(cfg.BaseURL); err != nil {
			return nil, err
		}
		oc.BaseURL = cfg.BaseURL
	}
	c := &Client{
		model:      cfg.Model,
		embedModel: cfg.EmbeddingModel,
		key:        cfg.APIKey,
		timeout:    orDefault(cfg.Timeout, DefaultTimeout),
		stall:      orDefault(cfg.StallTimeout, DefaultStallTimeout),
		batch:      orDefault(cfg.EmbedBatch, DefaultEmbedBatch),
		log:        log,
	}
	var next openai.HTTPDoer = &http.Client{Transport: httppool.Transport(orDefault(cfg.IdleConns, DefaultIdleConns))}
	if cfg.HTTPClient != nil {
		next = cfg.HTTPClient
	}
	retries := cfg.MaxRetries
	switch {
	case retries == 0:
		retries = DefaultMaxRetries
	case retries < 0:
		retries = 0
	}
	base := orDefault(cfg.RetryBaseDelay, DefaultRetryBaseDelay)
	oc.HTTPClient = &retryDoer{
		next:       next,
		maxRetries: retries,
		baseDelay:  base,
		maxDelay:   max(maxRetryDelay, base),
		log:        log,
		retries:    &c.retries,
	}
	c.api = openai.NewClientWithConfig(oc)
	return c, nil
}

// DefaultIdleConns is Config.IdleConns's default: the bot's default
// MAX_CONCURRENT_ANSWERS (asking.DefaultSlots, which this package does
// not import).
const DefaultIdleConns = 64

func orDefault[T time.Duration | int](v, def T) T {
	if v <= 0 {
		return def
	}
	return v
}

// KeyRefused reports whether the server refused the API key (401 or 403)
// on the last call that got an answer from it.
func (c *Client) KeyRefused() bool { return c.keyRefused.Load() }

// Model is the chat model this client asks for ("" when none is set).
func (c *Client) Model() string { return c.model }

// Usage returns the totals of every call made so far.
func (c *Client) Usage() Usage {
	return Usage{
		PromptTokens:     int(c.promptTokens.Load()),
		CompletionTokens: int(c.completionTokens.Load()),
		Calls:            int(c.calls.Load()),
		Retries:          int(c.retries.Load()),
		Failures:         int(c.failures.Load()),
	}
}

// Stream asks for a chat completion and calls onDelta (which may be nil)
// with each piece of text in order as it arrives, on the calling goroutine.
// The returned Completion's Text is the concatenation of the pieces; after
// an error it holds what arrived before it. The call ends at ctx's deadline
// or Config.Timeout, whichever is first, and with ErrTimeout when no byte
// arrives for Config.StallTimeout; time spent inside onDelta does not count
// as a stall.
func (c *Client) Stream(ctx context.Context, msgs []Message, opts Options, onDelta func(string)) (Completion, error) {
	ctx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	ctx, cancelCause := context.WithCancelCause(ctx)
	defer cancelCause(nil)

	// The watchdog is armed when the response headers arrive and re-armed
	// by every byte read (see progressBody).
	watchdog := time.AfterFunc(time.Hour, func() { cancelCause(errStalled) })
	watchdog.Stop()
	defer watchdog.Stop()
	st := &callState{progress: func() { watchdog.Reset(c.stall) }}
	ctx = withCallState(ctx, st)

	req := c.chatRequest(msgs, opts)
	req.StreamOptions = &openai.StreamOptions{IncludeUsage: true}
	c.calls.Add(1)
	start := time.Now()

	var comp Completion
	stream, err := c.api.CreateChatCompletionStream(ctx, req)
	if err != nil {
		return c.finish(ctx, "chat", comp, st, start, err)
	}
	defer stream.Close()

	var text strings.Builder
	for {
		chunk, err := stream.Recv()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			comp.Text = text.String()
			return c.finish(ctx, "chat", comp, st, start, err)
		}
		if chunk.Usage != nil {
			comp.Usage.PromptTokens = chunk.Usage.PromptTokens
			comp.Usage.CompletionTokens = chunk.Usage.CompletionTokens
		}
		for _, ch := range chunk.Choices {
			if ch.Index != 0 {
				continue
			}
			if ch.FinishReason != "" {
				comp.FinishReason = string(ch.FinishReason)
			}
			if ch.Delta.Content == "" {
				continue
			}
			text.WriteString(ch.Delta.Content)
			if onDelta != nil {
				// A slow consumer (a Discord edit) must not look like a
				// silent server: pause the watchdog meanwhile.
				watchdog.Stop()
				onDelta(ch.Delta.Content)
				watchdog.Reset(c.stall)
			}
		}
	}
	comp.Text = text.String()
	comp.Ended = comp.FinishReason != "" || st.done.Load()
	if comp.Text == "" {
		err = &Error{Op: "chat", Kind: ErrEmpty, msg: "finish reason " + orNone(comp.FinishReason)}
	}
	return c.finish(ctx, "chat", comp, st, start, err)
}

// Complete asks for a chat completion without streaming. Same deadline,
// retries and errors as Stream, minus the stall watchdog.
func (c *Client) Complete(ctx context.Context, msgs []Message, opts Options) (Completion, error) {
	ctx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	st := &callState{}
	ctx = withCallState(ctx, st)
	c.calls.Add(1)
	start := time.Now()

	var comp Completion
	resp, err := c.api.CreateChatCompletion(ctx, c.chatRequest(msgs, opts))
	if err != nil {
		return c.finish(ctx, "complete", comp, st, start, err)
	}
	comp.Usage.PromptTokens = resp.Usage.PromptTokens
	comp.Usage.CompletionTokens = resp.Usage.CompletionTokens
	comp.Ended = true // a JSON body that decoded is whole
	if len(resp.Choices) > 0 {
		comp.Text = resp.Choices[0].Message.Content
		comp.FinishReason = string(resp.Choices[0].FinishReason)
	}
	if comp.Text == "" {
		err = &Error{Op: "complete", Kind: ErrEmpty, msg: "finish reason " + orNone(comp.FinishReason)}
	}
	return c.finish(ctx, "complete", comp, st, start, err)
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}

// finish records a call's usage and outcome and classifies its error.
func (c *Client) finish(ctx context.Context, op string, comp Completion, st *callState, start time.Time, err error) (Completion, error) {
	comp.Usage.Calls = 1
	comp.Usage.Retries = st.retries
	c.promptTokens.Add(int64(comp.Usage.PromptTokens))
	c.completionTokens.Add(int64(comp.Usage.CompletionTokens))
	model := c.model
	if op == "embed" {
		model = c.embedModel
	}
	if err != nil {
		err = c.classify(ctx, op, err)
		var e *Error
		if errors.As(err, &e) && e.Kind == ErrRateLimited {
			e.RetryAfter = st.retryAfter
		}
		c.failures.Add(1)
		if errors.Is(err, ErrUnauthorized) && c.keyRefused.CompareAndSwap(false, true) {
			c.log.Error("llm: the model server refuses the API key (OPENAI_API_KEY): every call to it fails until the key is fixed; "+
				"the bot answers without the model meanwhile", "op", op, "model", model, "status", e.Status, "error", err.Error())
		}
		if errors.Is(err, ErrNotFound) {
			if _, logged := c.missing.LoadOrStore(model, true); !logged {
				c.log.Error("llm: the model server has no such model or endpoint (OPENAI_MODEL, OPENAI_EMBEDDING_MODEL, OPENAI_BASE_URL): every call for this model fails until it is fixed; "+
					"the bot answers without it meanwhile", "op", op, "model", model, "status", e.Status, "error", err.Error())
			}
		}
		c.log.Warn("llm: call failed", "op", op, "model", model, "error", err.Error(),
			"retries", st.retries, "elapsed", time.Since(start).Round(time.Millisecond))
		return comp, err
	}
	if _, was := c.missing.LoadAndDelete(model); was {
		c.log.Info("llm: the model server answers for the model again", "op", op, "model", model)
	}
	if c.keyRefused.CompareAndSwap(true, false) {
		c.log.Info("llm: the model server accepts the API key again", "op", op, "model", model)
	}
	c.log.Debug("llm: call done", "op", op, "model", model, "prompt_tokens", comp.Usage.PromptTokens,
		"completion_tokens", comp.Usage.CompletionTokens, "finish", comp.FinishReason,
		"retries", st.retries, "elapsed", time.Since(start).Round(time.Millisecond))
	return comp, nil
}

// chatRequest builds the wire request, moving parameters that a reasoning
// model refuses (go-openai's own validator knows which models those are).
func (c *Client) chatRequest(msgs []Message, opts Options) openai.ChatCompletionRequest {
	req := openai.ChatCompletionRequest{
		Model:       c.model,
		Messages:    make([]openai.ChatCompletionMessage, len(msgs)),
		MaxTokens:   opts.MaxTokens,
		Temperature: opts.Temperature,
	}
	for i, m := range msgs {
		req.Messages[i] = openai.ChatCompletionMessage{Role: m.Role, Content: m.Content}
	}
	v := openai.NewReasoningValidator()
	if err := v.Validate(req); errors.Is(err, openai.ErrReasoningModelMaxTokensDeprecated) || errors.Is(err, openai.ErrO1MaxTokensDeprecated) {
		req.MaxCompletionTokens, req.MaxTokens = req.MaxTokens, 0
	}
	if err := v.Validate(req); errors.Is(err, openai.ErrReasoningModelLimitationsOther) || errors.Is(err, openai.ErrReasoningSamplingUnsupported) {
		req.Temperature = 0
	}
	return req
}

// Embed returns one vector per text, in order, asking for Config.EmbedBatch
// texts per request; each request has its own deadline (Config.Timeout,
// within ctx) and the same retries as chat. Empty texts are refused with
// ErrBadRequest before anything is sent, since OpenAI refuses them too.
func (c *Client) Embed(ctx context.Context, texts []string) ([][]float32, error) {
	if c.embedModel == "" {
		return nil, &Error{Op: "embed", Kind: ErrBadRequest, msg: "no embedding model configured"}
	}
	for i, t := range texts {
		if strings.TrimSpace(t) == "" {
			return nil, &Error{Op: "embed", Kind: ErrBadRequest, msg: fmt.Sprintf("text %d is empty", i)}
		}
	}
	out := make([][]float32, 0, len(texts))
	for lo := 0; lo < len(texts); lo += c.batch {
		batch := texts[lo:min(lo+c.batch, len(texts))]
		vecs, err := c.embedBatch(ctx, batch)
		if err != nil {
			return nil, err
		}
		out = append(out, vecs...)
	}
	return out, nil
}

func (c *Client) embedBatch(ctx context.Context, texts []string) ([][]float32, error) {
	ctx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	st := &callState{}
	ctx = withCallState(ctx, st)
	c.calls.Add(1)
	start := time.Now()

	var comp Completion
	var vecs [][]float32
	resp, err := c.api.CreateEmbeddings(ctx, openai.EmbeddingRequestStrings{
		Input: texts,
		Model: openai.EmbeddingModel(c.embedModel),
	})
	if err == nil {
		comp.Usage.PromptTokens = resp.Usage.PromptTokens
		vecs, err = vectors(resp.Data, len(texts))
	}
	if _, err = c.finish(ctx, "embed", comp, st, start, err); err != nil {
		return nil, err
	}
	return vecs, nil
}

// vectors puts the response's vectors in input order, checking that there
// is one non-empty vector per text. The API numbers them: don't rely on the
// array's order.
func vectors(data []openai.Embedding, n int) ([][]float32, error) {
	if len(data) != n {
		return nil, &Error{Op: "embed", Kind: ErrEmpty, msg: fmt.Sprintf("%d vectors for %d texts", len(data), n)}
	}
	vecs := make([][]float32, n)
	for _, d := range data {
		if d.Index < 0 || d.Index >= n || vecs[d.Index] != nil || len(d.Embedding) == 0 {
			return nil, &Error{Op: "embed", Kind: ErrEmpty, msg: fmt.Sprintf("vector %d missing or repeated", d.Index)}
		}
		vecs[d.Index] = d.Embedding
	}
	return vecs, nil
}
