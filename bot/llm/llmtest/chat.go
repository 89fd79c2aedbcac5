package llmtest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"time"

	openai "github.com/sashabaranov/go-openai"
)

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
		if i == 1 && rep.Hold != nil && !until(s, r, rep.Hold) {
			return
		}
		chunk([]openai.ChatCompletionStreamChoice{{Delta: openai.ChatCompletionStreamChoiceDelta{Content: p}}}, nil)
	}
	if rep.Stall {
		s.wait(r, -1)
		return
	}
	if !rep.NoFinish {
		chunk([]openai.ChatCompletionStreamChoice{{FinishReason: openai.FinishReason(finish)}}, nil)
	}
	if req.StreamOptions != nil && req.StreamOptions.IncludeUsage {
		chunk([]openai.ChatCompletionStreamChoice{}, &usage)
	}
	if !rep.NoDone {
		fmt.Fprint(w, "data: [DONE]\n\n")
	}
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
