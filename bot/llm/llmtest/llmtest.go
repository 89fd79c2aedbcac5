// Package llmtest runs a fake OpenAI-compatible server for tests: chat
// completions (plain JSON and real server-sent events, with the final usage
// chunk), embeddings and the model list, on an httptest server.
//
// Replies are scripted per test with OnChat, Enqueue and EnqueueEmbedding:
// text, explicit stream pieces, an error status with Retry-After, a raw
// body, delays, a hang before the headers, or a stall in mid-stream. Every
// request is recorded.
//
// Embeddings are deterministic fake vectors (see Vector): a hashed bag of
// lower-cased words, so texts that share words are closer by cosine
// similarity, and texts that share none are near-orthogonal. That is enough
// for tests of semantic retrieval in other packages; it knows nothing of
// synonyms.
package llmtest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"io"
	"math"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode"

	openai "github.com/sashabaranov/go-openai"
)

// Model names listed by GET /v1/models. Requests for any model are served.
const (
	ChatModel      = "fake-chat"
	EmbeddingModel = "fake-embed"
	// Dim is the length of every fake embedding.
	Dim = 64
)

// Reply scripts one answer of the server.
type Reply struct {
	// Text of the answer. For a stream without Pieces it is sent word by
	// word (each piece a word with its following spaces).
	Text string
	// Pieces are the exact stream chunks; for a plain request they are
	// joined. They win over Text.
	Pieces []string
	// FinishReason of the last chunk (default "stop").
	FinishReason string

	// Status, when not 200, answers with that status and an OpenAI-style
	// JSON error body (or Body), before any stream starts.
	Status int
	// RetryAfter is sent as the Retry-After header when not empty.
	RetryAfter string
	// Body replaces the response body as is (status Status, or 200).
	Body string

	// Delay before the headers are written.
	Delay time.Duration
	// PieceDelay between stream chunks.
	PieceDelay time.Duration
	// Hang never answers: the handler waits, before any header, until the
	// client goes away.
	Hang bool
	// Stall sends the headers and the pieces, then neither finishes nor
	// sends anything more until the client goes away. Streams only.
	Stall bool
}

// Request is one recorded request. Exactly one of Chat and Embedding is set
// for POSTs to those endpoints.
type Request struct {
	Method, Path string
	// Header as received, Authorization included so tests can check what
	// was sent; this package never logs it.
	Header    http.Header
	Chat      *openai.ChatCompletionRequest
	Embedding *openai.EmbeddingRequestStrings
}

// Server is the fake. Its methods are safe for concurrent use.
type Server struct {
	srv  *httptest.Server
	done chan struct{} // closed at cleanup: releases hanging handlers

	mu       sync.Mutex
	onChat   func(openai.ChatCompletionRequest) Reply
	queue    []Reply
	embQueue []Reply
	requests []Request
	chats    int
	embeds   int
}

// New starts a Server that is closed when the test ends. By default a chat
// answers "echo: " followed by the last user message.
func New(t testing.TB) *Server {
	t.Helper()
	s := &Server{done: make(chan struct{}), onChat: Echo}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /v1/chat/completions", s.chat)
	mux.HandleFunc("POST /v1/embeddings", s.embeddings)
	mux.HandleFunc("GET /v1/models", s.models)
	s.srv = httptest.NewServer(mux)
	t.Cleanup(func() {
		close(s.done)
		s.srv.Close()
	})
	return s
}

// Echo is the default chat handler: "echo: " and the last user message.
func Echo(req openai.ChatCompletionRequest) Reply {
	last := ""
	for _, m := range req.Messages {
		if m.Role == openai.ChatMessageRoleUser {
			last = m.Content
		}
	}
	return Reply{Text: "echo: " + last}
}

// BaseURL is the API root to give a client, ending in /v1.
func (s *Server) BaseURL() string { return s.srv.URL + "/v1" }

// OnChat sets the handler for chat requests that find the queue empty.
func (s *Server) OnChat(f func(openai.ChatCompletionRequest) Reply) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.onChat = f
}

// Enqueue adds replies that the next chat requests get, in order, before
// the handler is used again.
func (s *Server) Enqueue(replies ...Reply) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.queue = append(s.queue, replies...)
}

// EnqueueEmbedding adds replies for the next embeddings requests. Only
// Status, RetryAfter, Body, Delay and Hang apply; afterwards requests get
// fake vectors again.
func (s *Server) EnqueueEmbedding(replies ...Reply) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.embQueue = append(s.embQueue, replies...)
}

// Requests returns a copy of every request received so far, in order.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.requests...)
}

// ChatCalls counts chat completion requests, retries included.
func (s *Server) ChatCalls() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.chats
}

// EmbeddingCalls counts embeddings requests, retries included.
func (s *Server) EmbeddingCalls() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.embeds
}

func (s *Server) record(r *http.Request, rec Request) {
	rec.Method, rec.Path, rec.Header = r.Method, r.URL.Path, r.Header.Clone()
	s.mu.Lock()
	defer s.mu.Unlock()
	s.requests = append(s.requests, rec)
	switch {
	case rec.Chat != nil:
		s.chats++
	case rec.Embedding != nil:
		s.embeds++
	}
}

func (s *Server) chat(w http.ResponseWriter, r *http.Request) {
	var req openai.ChatCompletionRequest
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		writeError(w, http.StatusBadRequest, "invalid JSON: "+err.Error())
		return
	}
	s.record(r, Request{Chat: &req})

	s.mu.Lock()
	var rep Reply
	if len(s.queue) > 0 {
		rep, s.queue = s.queue[0], s.queue[1:]
		s.mu.Unlock()
	} else {
		f := s.onChat
		s.mu.Unlock()
		rep = f(req)
	}

	if !s.before(w, r, rep) {
		return
	}
	pieces := rep.Pieces
	if pieces == nil {
		pieces = words(rep.Text)
	}
	finish := rep.FinishReason
	if finish == "" {
		finish = string(openai.FinishReasonStop)
	}
	usage := openai.Usage{PromptTokens: promptTokens(req)}
	for _, p := range pieces {
		usage.CompletionTokens += len(strings.Fields(p))
	}
	usage.TotalTokens = usage.PromptTokens + usage.CompletionTokens

	if !req.Stream {
		writeJSON(w, openai.ChatCompletionResponse{
			ID: "chatcmpl-fake", Object: "chat.completion", Created: time.Now().Unix(), Model: req.Model,
			Choices: []openai.ChatCompletionChoice{{
				Message:      openai.ChatCompletionMessage{Role: openai.ChatMessageRoleAssistant, Content: strings.Join(pieces, "")},
				FinishReason: openai.FinishReason(finish),
			}},
			Usage: usage,
		})
		return
	}

	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-cache")
	w.WriteHeader(http.StatusOK)
	chunk := func(choices []openai.ChatCompletionStreamChoice, u *openai.Usage) {
		b, _ := json.Marshal(openai.ChatCompletionStreamResponse{
			ID: "chatcmpl-fake", Object: "chat.completion.chunk", Created: time.Now().Unix(), Model: req.Model,
			Choices: choices, Usage: u,
		})
		fmt.Fprintf(w, "data: %s\n\n", b)
		http.NewResponseController(w).Flush()
	}
	// The first chunk carries the role, as OpenAI's do.
	chunk([]openai.ChatCompletionStreamChoice{{Delta: openai.ChatCompletionStreamChoiceDelta{Role: openai.ChatMessageRoleAssistant}}}, nil)
	for i, p := range pieces {
		if i > 0 && !s.wait(r, rep.PieceDelay) {
			return
		}
		chunk([]openai.ChatCompletionStreamChoice{{Delta: openai.ChatCompletionStreamChoiceDelta{Content: p}}}, nil)
	}
	if rep.Stall {
		s.wait(r, -1)
		return
	}
	chunk([]openai.ChatCompletionStreamChoice{{FinishReason: openai.FinishReason(finish)}}, nil)
	if req.StreamOptions != nil && req.StreamOptions.IncludeUsage {
		chunk([]openai.ChatCompletionStreamChoice{}, &usage)
	}
	fmt.Fprint(w, "data: [DONE]\n\n")
}

// before applies a reply's delay, hang, error status and raw body. It
// reports whether the handler should go on with a normal answer.
func (s *Server) before(w http.ResponseWriter, r *http.Request, rep Reply) bool {
	if rep.Hang {
		s.wait(r, -1)
		return false
	}
	if !s.wait(r, rep.Delay) {
		return false
	}
	if rep.RetryAfter != "" {
		w.Header().Set("Retry-After", rep.RetryAfter)
	}
	status := rep.Status
	if status == 0 {
		status = http.StatusOK
	}
	if rep.Body != "" {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		io.WriteString(w, rep.Body)
		return false
	}
	if status != http.StatusOK {
		writeError(w, status, fmt.Sprintf("fake error %d", status))
		return false
	}
	return true
}

// wait sleeps d (forever when negative) unless the client goes away or the
// server shuts down; it reports whether the full time passed.
func (s *Server) wait(r *http.Request, d time.Duration) bool {
	if d == 0 {
		return true
	}
	var timeout <-chan time.Time
	if d > 0 {
		t := time.NewTimer(d)
		defer t.Stop()
		timeout = t.C
	}
	select {
	case <-timeout:
		return true
	case <-r.Context().Done():
	case <-s.done:
	}
	return false
}

func (s *Server) embeddings(w http.ResponseWriter, r *http.Request) {
	// Input may be one string or a list of them.
	var raw struct {
		Input json.RawMessage                `json:"input"`
		Model openai.EmbeddingModel          `json:"model"`
		User  string                         `json:"user"`
		Enc   openai.EmbeddingEncodingFormat `json:"encoding_format"`
		Dims  int                            `json:"dimensions"`
	}
	if err := json.NewDecoder(r.Body).Decode(&raw); err != nil {
		writeError(w, http.StatusBadRequest, "invalid JSON: "+err.Error())
		return
	}
	req := openai.EmbeddingRequestStrings{Model: raw.Model, User: raw.User, EncodingFormat: raw.Enc, Dimensions: raw.Dims}
	var one string
	if err := json.Unmarshal(raw.Input, &one); err == nil {
		req.Input = []string{one}
	} else if err := json.Unmarshal(raw.Input, &req.Input); err != nil {
		writeError(w, http.StatusBadRequest, "input must be a string or a list of strings")
		return
	}
	s.record(r, Request{Embedding: &req})

	s.mu.Lock()
	var rep Reply
	if len(s.embQueue) > 0 {
		rep, s.embQueue = s.embQueue[0], s.embQueue[1:]
	}
	s.mu.Unlock()
	if !s.before(w, r, rep) {
		return
	}

	resp := openai.EmbeddingResponse{Object: "list", Model: req.Model}
	for i, text := range req.Input {
		if strings.TrimSpace(text) == "" {
			writeError(w, http.StatusBadRequest, fmt.Sprintf("input[%d] is empty", i))
			return
		}
		resp.Data = append(resp.Data, openai.Embedding{Object: "embedding", Index: i, Embedding: Vector(text)})
		resp.Usage.PromptTokens += len(strings.Fields(text))
	}
	resp.Usage.TotalTokens = resp.Usage.PromptTokens
	writeJSON(w, resp)
}

func (s *Server) models(w http.ResponseWriter, r *http.Request) {
	s.record(r, Request{})
	writeJSON(w, openai.ModelsList{Models: []openai.Model{
		{ID: ChatModel, Object: "model", OwnedBy: "llmtest"},
		{ID: EmbeddingModel, Object: "model", OwnedBy: "llmtest"},
	}})
}

// Vector is the fake embedding of text: each lower-cased word (a run of
// letters and digits) adds ±1 to one of Dim slots chosen by its FNV hash,
// then the vector is L2-normalised. Texts sharing words have a positive
// cosine similarity, growing with the share; a text without words gets the
// zero vector.
func Vector(text string) []float32 {
	v := make([]float32, Dim)
	for _, w := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}) {
		h := fnv.New64a()
		io.WriteString(h, w)
		sum := h.Sum64()
		// A hashed sign keeps unrelated words that share a slot from
		// looking alike on average.
		if sum>>63 == 1 {
			v[sum%Dim]--
		} else {
			v[sum%Dim]++
		}
	}
	var norm float64
	for _, x := range v {
		norm += float64(x) * float64(x)
	}
	if norm == 0 {
		return v
	}
	n := float32(math.Sqrt(norm))
	for i := range v {
		v[i] /= n
	}
	return v
}

// words splits text into stream pieces: each word with the spaces after it.
func words(text string) []string {
	var out []string
	start := 0
	for i := 1; i < len(text); i++ {
		if text[i-1] == ' ' && text[i] != ' ' {
			out = append(out, text[start:i])
			start = i
		}
	}
	if start < len(text) {
		out = append(out, text[start:])
	}
	return out
}

// promptTokens is the fake's token count: words in all messages.
func promptTokens(req openai.ChatCompletionRequest) int {
	n := 0
	for _, m := range req.Messages {
		n += len(strings.Fields(m.Content))
	}
	return n
}

func writeJSON(w http.ResponseWriter, v any) {
	var buf bytes.Buffer
	if err := json.NewEncoder(&buf).Encode(v); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Content-Length", strconv.Itoa(buf.Len()))
	w.Write(buf.Bytes())
}

// writeError answers in OpenAI's error shape.
func writeError(w http.ResponseWriter, status int, msg string) {
	typ := "invalid_request_error"
	switch {
	case status == http.StatusTooManyRequests:
		typ = "rate_limit_error"
	case status >= 500:
		typ = "server_error"
	}
	b, _ := json.Marshal(map[string]any{"error": map[string]any{"message": msg, "type": typ, "code": nil}})
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	w.Write(b)
}
