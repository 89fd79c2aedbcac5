package prompts

import "slices"

// QuizParagraph is one numbered paragraph of the briefing a quiz is on.
type QuizParagraph struct {
	N    int // 1-based, as a reader counts
	Text string
}

// Quiz is what the quiz-writing prompt needs.
type Quiz struct {
	Title      string
	Date       string
	Paragraphs []QuizParagraph
	Count      int // questions wanted; default 5
	// Boundary marks where quoted paragraphs start and end (see
	// Answer.Boundary). Empty = a fresh random one.
	Boundary string
}

// RenderQuiz renders the prompt asking a model for multiple-choice
// questions as JSON, with the briefing's paragraphs quoted as untrusted.
func RenderQuiz(q Quiz) (Rendered, error) {
	if q.Boundary == "" {
		q.Boundary = NewBoundary()
	}
	if q.Count <= 0 {
		q.Count = 5
	}
	q.Title = defuseTitle(q.Title, q.Boundary)
	// Copy before defusing: the caller's slice is not ours to change.
	q.Paragraphs = slices.Clone(q.Paragraphs)
	for i := range q.Paragraphs {
		q.Paragraphs[i].Text = defuse(q.Paragraphs[i].Text, q.Boundary)
	}
	return render("quiz", q)
}
