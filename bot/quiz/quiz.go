// Package quiz makes multiple-choice quizzes on a briefing and keeps their
// state in Redis. Every question is grounded in one paragraph: its correct
// option is supported by that paragraph and its wrong options are not.
//
// Questions come from the briefing's own text (Generate: a sentence with a
// name, place, date or number blanked out) or from a model
// (GenerateWithModel), whose proposals are checked and, when they fail,
// replaced by extractive ones. The package knows nothing of Discord.
package quiz

// Options per question: one correct, the rest distractors.
const Options = 4

// Kind says what a question asks for; distractors are of the same kind.
type Kind string

// The kinds of question.
const (
	KindCity         Kind = "city"
	KindCountry      Kind = "country"
	KindRegion       Kind = "region"
	KindOrganisation Kind = "organisation"
	KindPerson       Kind = "person"
	KindNumber       Kind = "number"
	KindYear         Kind = "year"
	KindDate         Kind = "date"
	// KindModel is a question a model wrote and our checks accepted.
	KindModel Kind = "model"
)

// Question is one multiple-choice question with its citation.
type Question struct {
	// Text is what members read: a prompt and, for extractive questions,
	// the sentence with a blank.
	Text    string   `json:"text"`
	Options []string `json:"options"`
	Correct int      `json:"correct"` // index into Options
	Kind    Kind     `json:"kind"`
	// Paragraph is the 1-based paragraph the question rests on, ChunkID its
	// chunk, and Quote the verbatim sentence of it that answers the
	// question.
	Paragraph int    `json:"paragraph"`
	ChunkID   string `json:"chunk_id"`
	Quote     string `json:"quote"`
}

// Answer returns the text of the correct option.
func (q Question) Answer() string { return q.Options[q.Correct] }
