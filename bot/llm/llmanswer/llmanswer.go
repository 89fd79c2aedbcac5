// Package llmanswer lets the answering core and quizzes use an
// OpenAI-compatible client: it adapts *llm.Client to answer.Model (and
// llm's error kinds to the ones the core explains to members), to
// quiz.Model and to doc2query.Model. Each declares what it needs in its
// own terms; this adapter is the only place that knows both sides.
package llmanswer

import (
	"context"
	"errors"
	"fmt"

	"github.com/briefbot/briefbot/bot/answer"
	"github.com/briefbot/briefbot/bot/doc2query"
	"github.com/briefbot/briefbot/bot/llm"
	"github.com/briefbot/briefbot/bot/quiz"
)

// Model is an answer.Model backed by an llm.Client.
type Model struct {
	Client *llm.Client
	// Observer hears each call; nil for none.
	Observer Observer
}

// Observer counts model calls by result (ok, rate_limited, timeout,
// unauthorized, error) and their tokens; *metrics.Metrics is the real one.
type Observer interface {
	ModelCall(result string, promptTokens, completionTokens int)
}

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
	r := answer.Reply{Text: comp.Text, PromptTokens: comp.Usage.PromptTokens, CompletionTokens: comp.Usage.CompletionTokens,
		Cut: cut(comp.FinishReason) || !comp.Ended}
	result := "ok"
	switch {
	case errors.Is(err, llm.ErrRateLimited):
		result, err = "rate_limited", fmt.Errorf("%w: %w", answer.ErrModelBusy, err)
	case errors.Is(err, llm.ErrTimeout):
		result, err = "timeout", fmt.Errorf("%w: %w", answer.ErrModelSlow, err)
	case errors.Is(err, llm.ErrUnauthorized):
		result, err = "unauthorized", fmt.Errorf("%w: %w", answer.ErrModelSetup, err)
	case errors.Is(err, llm.ErrNotFound):
		result, err = "not_found", fmt.Errorf("%w: %w", answer.ErrModelSetup, err)
	case err != nil:
		result = "error"
	}
	if m.Observer != nil {
		m.Observer.ModelCall(result, r.PromptTokens, r.CompletionTokens)
	}
	return r, err
}

// cut reports whether a finish reason says the reply was stopped where it
// stood, maybe mid-sentence: at its token limit, or by the provider's
// content filter. Either way its last sentence may be unfinished — as
// that of a stream never said to be over (Completion.Ended) may be.
func cut(finish string) bool {
	return finish == "length" || finish == "content_filter"
}

// QuizModel is a quiz.Model backed by an llm.Client.
type QuizModel struct{ Client *llm.Client }

var _ quiz.Model = QuizModel{}

// Write asks the client for one completion.
func (m QuizModel) Write(ctx context.Context, system, user string, g quiz.Generation) (string, error) {
	return write(ctx, m.Client, system, user, llm.Options{MaxTokens: g.MaxTokens, Temperature: g.Temperature})
}

// write is one completion of a system and a user prompt.
func write(ctx context.Context, c *llm.Client, system, user string, opts llm.Options) (string, error) {
	comp, err := c.Complete(ctx, []llm.Message{
		{Role: llm.RoleSystem, Content: system},
		{Role: llm.RoleUser, Content: user},
	}, opts)
	return comp.Text, err
}

// Doc2QueryModel is a doc2query.Model backed by an llm.Client: a
// reasoning model's thinking is removed from its reply, or each line of it
// would be taken for a question.
type Doc2QueryModel struct{ Client *llm.Client }

var _ doc2query.Model = Doc2QueryModel{}

// Write asks the client for one completion.
func (m Doc2QueryModel) Write(ctx context.Context, system, user string, g doc2query.Generation) (string, error) {
	text, err := write(ctx, m.Client, system, user, llm.Options{MaxTokens: g.MaxTokens, Temperature: g.Temperature})
	return answer.Visible(text), err
}
