// Package doc2query asks a model, for each paragraph of a briefing, for
// questions readers might ask that the paragraph answers. Search keeps
// them as a field of their own (knowledge.Chunk.Questions), so that a
// member asking in everyday words finds the paragraph that says it in the
// briefing's. `bot questions` writes them to the questions file kept
// beside a briefing (knowledge.QuestionsFile); they are never shown.
package doc2query

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/briefbot/briefbot/knowledge"
	"github.com/briefbot/briefbot/prompts"
)

// Model writes one reply to a system and a user prompt, reasoning
// removed. Declared here so that this package links no model client;
// bot/llm/llmanswer adapts the real one.
type Model interface {
	Write(ctx context.Context, system, user string, g Generation) (string, error)
}

// Generation bounds a model's reply.
type Generation struct {
	MaxTokens   int
	Temperature float32
}

// PerCall is how many questions one call asks for: ten in one reply
// came out varied; asked for thirty at once, models repeat themselves.
const PerCall = 10

// generation: enough tokens for ten questions of at most a line each; a
// high temperature, as varied wording is the point.
var generation = Generation{MaxTokens: 600, Temperature: 0.9}

// maxRunes bounds one question (knowledge's limit on a questions file).
const maxRunes = 300

// Write returns n questions (at most knowledge.MaxChunkQuestions) for
// chunk c of the briefing titled title, asking model for PerCall at a
// time. Questions already in have are not asked again; a reply's
// duplicates, blank lines, numbering and anything longer than a question
// are dropped. It fails only when a call fails; a call that gives no new
// question ends the asking early, with what there is.
func Write(ctx context.Context, model Model, title string, c knowledge.Chunk, n int, have []string) ([]string, error) {
	n = min(n, knowledge.MaxChunkQuestions)
	out := make([]string, 0, n)
	seen := map[string]bool{}
	add := func(q string) {
		if k := key(q); !seen[k] && len(out) < n {
			seen[k] = true
			out = append(out, q)
		}
	}
	for _, q := range have {
		add(q)
	}
	for len(out) < n {
		r, err := prompts.RenderQuestions(prompts.Questions{Title: title, Paragraph: c.Text, Count: PerCall})
		if err != nil {
			return nil, err
		}
		reply, err := model.Write(ctx, r.System, r.User, generation)
		if err != nil {
			return nil, fmt.Errorf("doc2query: %s: %w", c.ID, err)
		}
		before := len(out)
		for _, q := range Parse(reply) {
			add(q)
		}
		if len(out) == before {
			break
		}
	}
	return out, nil
}

// numbering is a list marker a model puts before a line despite being
// asked not to: "1.", "2)", "-", "*", "•", "Q3:".
var numbering = regexp.MustCompile(`^(?:\d{1,3}[.)]|[-*•]|Q\d{0,3}:)\s*`)

// chatter opens a line a chat model writes around its questions, not a
// question: "Here are ten questions…", "Sure!", "I hope these help!", "I'm
// sorry, but…". Its words ("questions", "help", "sorry") would rank the
// paragraph for members' small talk.
var chatter = regexp.MustCompile(`(?i)^(?:here (?:are|is)|here's|sure\b|certainly|of course|absolutely|okay\b|ok\b|i hope|hope (?:this|these)|i'm sorry|i am sorry|sorry\b|i can(?:'t|not)?\b|i'll|i will|as an ai|let me|note\b|these (?:are|questions)|the (?:above|following) questions)`)

// Parse reads a model's reply, one question per line: list markers and
// surrounding quotes removed; lines with no letter, longer than a
// question, holding a prompt's marker ("<<<"), leading in to the rest
// ("…ten questions:") or chatter around them left out.
func Parse(reply string) []string {
	var out []string
	for _, line := range strings.Split(reply, "\n") {
		q := strings.TrimSpace(line)
		q = strings.TrimSpace(numbering.ReplaceAllString(q, ""))
		q = strings.Trim(q, "\"“”")
		q = strings.Join(strings.Fields(q), " ")
		switch {
		case q == "", strings.HasSuffix(q, ":"), chatter.MatchString(q), !strings.ContainsFunc(q, unicode.IsLetter), strings.Contains(q, "<<<"),
			!utf8.ValidString(q), utf8.RuneCountInString(q) > maxRunes:
			continue
		}
		out = append(out, q)
	}
	return out
}

// key is what makes two questions the same: case and spacing aside.
func key(q string) string { return strings.ToLower(strings.Join(strings.Fields(q), " ")) }
