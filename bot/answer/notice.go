package answer

import (
	"fmt"
	"strings"
)

// Notice is a one-line remark shown with an answer: that the model was not
// used, that sentences were left out, that the question was cut. Each
// surface says it in the asker's language by its Kind; Text is the
// English, for the terminal and the JSON.
type Notice struct {
	Kind NoticeKind `json:"kind"`
	// N is the sentences left out (NoticeDropped) or the question's
	// length in characters (NoticeCut).
	N int `json:"n,omitempty"`
	// Lang is the question's language (NoticeOverviewInEnglish), as
	// language() tells it.
	Lang string `json:"lang,omitempty"`
}

// NoticeKind is what a Notice says.
type NoticeKind string

// The notices.
const (
	NoticeModelBusy     NoticeKind = "model_busy"     // rate-limited or overloaded: extractive instead
	NoticeModelSlow     NoticeKind = "model_slow"     // past its deadline: extractive instead
	NoticeModelDown     NoticeKind = "model_down"     // unreachable or failing: extractive instead
	NoticeModelSetup    NoticeKind = "model_setup"    // its server refused the bot's key, or has no such model (an operator's fix, not a wait): extractive instead
	NoticeModelRejected NoticeKind = "model_rejected" // nothing it wrote passed the checks: extractive instead
	NoticeDropped       NoticeKind = "dropped"        // N sentences failed the checks and were left out
	NoticeCut           NoticeKind = "cut"            // the question was cut to MaxQuestionRunes
	// NoticeOverviewInEnglish: an overview asked in another language,
	// answered in English without a model. Its Text is already in the
	// question's language and in English.
	NoticeOverviewInEnglish NoticeKind = "overview_in_english"
)

// Text is the notice in English.
func (n Notice) Text() string {
	switch n.Kind {
	case NoticeModelBusy:
		return "The language model is busy right now, so this answer quotes the briefing directly."
	case NoticeModelSlow:
		return "The language model took too long, so this answer quotes the briefing directly."
	case NoticeModelSetup:
		return "The language model cannot be used until the bot's operators fix its setup, so this answer quotes the briefing directly."
	case NoticeModelRejected:
		return "The language model's answer could not be checked against the briefing, so this answer quotes the briefing directly."
	case NoticeDropped:
		return fmt.Sprintf("%d sentence(s) of the model's answer were left out: they did not pass the checks against the briefing (a claim it does not support, a link or mention, or a sentence left unfinished).", n.N)
	case NoticeCut:
		return fmt.Sprintf("Your question was %d characters long; only the first %d were used.", n.N, MaxQuestionRunes)
	case NoticeOverviewInEnglish:
		return overviewInEnglish(n.Lang)
	default:
		return "The language model is unavailable right now, so this answer quotes the briefing directly."
	}
}

// NoticeText is the answer's notices in English, in one line; "" when
// there are none.
func (a Answer) NoticeText() string {
	texts := make([]string, len(a.Notices))
	for i, n := range a.Notices {
		texts[i] = n.Text()
	}
	return strings.Join(texts, " ")
}
