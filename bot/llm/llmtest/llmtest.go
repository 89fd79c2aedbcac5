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
	"net"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

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
	// NoFinish leaves the chunk with the finish reason out, as some
	// servers do; NoDone leaves out the closing "data: [DONE]". With
	// both, the stream ends as a proxy that cut it off would end it:
	// whole as far as HTTP goes, and never said to be over.
	NoFinish, NoDone bool

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
	// Hold, when set, holds the stream after its first piece until it is
	// closed (or the client goes away): a test can look at what was
	// shown of an answer while it is being written. A reply of one piece
	// is not held.
	Hold <-chan struct{}
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
	conns    int
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
	s.srv = httptest.NewUnstartedServer(mux)
	s.srv.Config.ConnState = func(_ net.Conn, st http.ConnState) {
		if st == http.StateNew {
			s.mu.Lock()
			s.conns++
			s.mu.Unlock()
		}
	}
	s.srv.Start()
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

// Connections counts the connections clients opened.
func (s *Server) Connections() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.conns
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

func (s *Server) models(w http.ResponseWriter, r *http.Request) {
	s.record(r, Request{})
	writeJSON(w, openai.ModelsList{Models: []openai.Model{
		{ID: ChatModel, Object: "model", OwnedBy: "llmtest"},
		{ID: EmbeddingModel, Object: "model", OwnedBy: "llmtest"},
	}})
}
