package llmtest

import (
	"fmt"
	"strings"

	openai "github.com/sashabaranov/go-openai"

	"github.com/briefbot/briefbot/knowledge"
	"github.com/briefbot/briefbot/prompts"
)

// Oracle is a chat handler (for OnChat) that answers as a perfect model
// would, so that a test measures the answering pipeline apart from any
// real model: when a passage of the prompt holds a gold span of the
// question, it answers with the passage's sentences holding it, each cited
// to that passage; when none does, it refuses with the sentinel. gold
// returns a question's gold spans (none for a question that must be
// refused), looked up by the question as the prompt carries it.
//
// A query-rewrite request is answered with the question unchanged: the
// oracle cannot translate, so a question in another language is searched
// as asked.
func Oracle(gold func(question string) []string) func(openai.ChatCompletionRequest) Reply {
	return func(req openai.ChatCompletionRequest) Reply {
		user := ""
		for _, m := range req.Messages {
			if m.Role == openai.ChatMessageRoleUser {
				user = m.Content
			}
		}
		p, ok := prompts.ParseAnswer(user)
		if !ok {
			// The rewrite prompt: the question is the quoted text.
			if q, ok := quoted(user); ok {
				return Reply{Text: q}
			}
			return Reply{Text: prompts.Refusal}
		}
		for _, g := range gold(p.Question) {
			g = knowledge.Normalize(g)
			if g == "" {
				continue
			}
			for _, ps := range p.Passages {
				if !strings.Contains(knowledge.Normalize(ps.Text), g) {
					continue
				}
				return Reply{Text: answerFrom(ps, g)}
			}
		}
		return Reply{Text: prompts.Refusal}
	}
}

// answerFrom cites the sentences of a passage that hold the span; when the
// span runs over sentences, every sentence of the passage.
func answerFrom(ps prompts.Passage, span string) string {
	sents := knowledge.Sentences(ps.Text)
	var picked []string
	for _, s := range sents {
		if strings.Contains(knowledge.Normalize(s), span) {
			picked = append(picked, s)
		}
	}
	if len(picked) == 0 {
		picked = sents
	}
	var b strings.Builder
	for _, s := range picked {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		fmt.Fprintf(&b, "%s [%d]", s, ps.N)
	}
	return b.String()
}

// quoted returns the text between the first pair of <<<… >>> markers.
func quoted(user string) (string, bool) {
	i := strings.Index(user, ">>>")
	j := strings.LastIndex(user, "<<<")
	if i < 0 || j <= i {
		return "", false
	}
	return strings.TrimSpace(user[i+3 : j]), true
}
