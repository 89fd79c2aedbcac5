// Package llmanswer lets the answering core use an OpenAI-compatible
// client: it adapts *llm.Client to answer.Model, and llm's error kinds to
// the ones the core explains to members. The core declares what it needs in
// its own terms; this adapter is the only place that knows both.
package llmanswer

import (
	"context"
	"errors"
	"fmt"

	"github.com/briefbot/briefbot/bot/answer"
	"github.com/briefbot/briefbot/bot/llm"
)

// Model is an answer.Model backed by an llm.Client.
type Model struct{ Client *llm.Client }

var _ answer.Model = Model{}

// New adapts c.
func New(c *llm.Client) Model { return Model{Client: c} }

// Stream asks the client for a streamed completion.
func (m Model) Stream(ctx context.Context, msgs []answer.Message, g answer.Generation, onDelta func(string)) (answer.Reply, error) {
	lm := make([]llm.Message, len(msgs))
	for i, msg := range msgs {
		lm[i] = llm.Message{Role: msg.Role, Content: msg.Content}
	}
	comp, err := m.Client.Stream(ctx, lm, llm.Options{MaxTokens: g.MaxTokens, Temperature: g.Temperature}, onDelta)
	r := answer.Reply{Text: comp.Text, PromptTokens: comp.Usage.PromptTokens, CompletionTokens: comp.Usage.CompletionTokens}
	switch {
	case errors.Is(err, llm.ErrRateLimited):
		err = fmt.Errorf("%w: %w", answer.ErrModelBusy, err)
	case errors.Is(err, llm.ErrTimeout):
		err = fmt.Errorf("%w: %w", answer.ErrModelSlow, err)
	}
	return r, err
}
