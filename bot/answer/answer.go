// Package answer is the answering core: question → passages → prompt →
// model → verified citations → Answer. It knows nothing of Discord.
package answer

import "context"

// Mode says how an answer was written.
type Mode string

const (
	ModeLLM        Mode = "llm"
	ModeExtractive Mode = "extractive"
	ModeApproved   Mode = "approved"
)

// Turn is one earlier exchange in a conversation, oldest first.
type Turn struct {
	Question string `json:"question"`
	Answer   string `json:"answer"`
}

// Request is one question to answer.
type Request struct {
	Question string
	History  []Turn // earlier turns of the same conversation, oldest first
	// GuildID scopes moderator-approved answers; empty outside a server.
	GuildID string
	// Briefing, when set, is the id of the one briefing the question is
	// asked of (an educator's session is on one): it is answered, cited
	// and refused as if the knowledge held that briefing alone. "" =
	// every briefing. A briefing the knowledge no longer holds gets a
	// refusal saying so.
	Briefing string
	// Cleaned says Question is already CleanQuestion's output (a question
	// service cleans before it admits a question), with Notices its
	// notices; Ask then does not clean it again.
	Cleaned bool
	Notices []Notice
	// Slot, when set, is the answer slot the question holds: a question
	// that waits for the same question's answer being written by another
	// asker lets go of it meanwhile, and takes one again should it have to
	// write its own (that answer failed).
	Slot Slot
}

// Slot is a place among the answers being written at once (a question
// service's concurrency cap).
type Slot interface {
	Release()
	Take(ctx context.Context) error
}

// Citation is one numbered source of an answer. Quote is always verbatim
// briefing text, rendered by our code, never by the model.
type Citation struct {
	N         int    `json:"n"`
	Briefing  string `json:"briefing"` // briefing title
	Paragraph int    `json:"paragraph"`
	ChunkID   string `json:"chunk_id"`
	Quote     string `json:"quote"`
}

// Answer is what every front end (terminal, Discord) renders.
type Answer struct {
	Text             string     `json:"answer"` // with [n] markers
	Citations        []Citation `json:"citations"`
	Mode             Mode       `json:"mode"`
	Refused          bool       `json:"refused"`
	KnowledgeVersion string     `json:"knowledge_version"`
	// Notices are remarks for the user, e.g. that the model was
	// unreachable and the answer is extractive. None when all went well.
	Notices []Notice `json:"notices,omitempty"`
	// Covers lists what the briefings do cover; set on refusals.
	Covers []string `json:"covers,omitempty"`
	Cached bool     `json:"cached,omitempty"`
	// Grounding reports the checks on a model's answer (mode llm only).
	Grounding *Grounding `json:"grounding,omitempty"`
	// Usage counts the model calls made for this answer; nil when none.
	Usage *Usage `json:"usage,omitempty"`
}

// Usage is what an answer cost in model calls.
type Usage struct {
	Calls int `json:"model_calls"`
	// PromptTokens as the server reported them, or as we counted them when
	// it reported none.
	PromptTokens     int `json:"prompt_tokens"`
	CompletionTokens int `json:"completion_tokens"`
}

// add counts one call; counted stands in for a server that reports no
// prompt tokens.
func (u *Usage) add(c Reply, counted int) {
	u.Calls++
	if c.PromptTokens > 0 {
		u.PromptTokens += c.PromptTokens
	} else {
		u.PromptTokens += counted
	}
	u.CompletionTokens += c.CompletionTokens
}

func (u *Usage) orNil() *Usage {
	if u.Calls == 0 {
		return nil
	}
	return u
}
