package prompts

// Questions is what the doc2query prompt needs: one paragraph of a
// briefing, for which a model writes questions readers might ask that it
// answers (see knowledge.QuestionsFile).
type Questions struct {
	Title     string
	Paragraph string
	Count     int // questions wanted; default 10
	// Boundary marks where the quoted paragraph starts and ends (see
	// Answer.Boundary). Empty = a fresh random one.
	Boundary string
}

// RenderQuestions renders the prompt asking a model for a paragraph's
// reader questions, one per line, with the paragraph quoted as untrusted.
func RenderQuestions(q Questions) (Rendered, error) {
	if q.Boundary == "" {
		q.Boundary = NewBoundary()
	}
	if q.Count <= 0 {
		q.Count = 10
	}
	q.Title = defuseTitle(q.Title, q.Boundary)
	q.Paragraph = defuse(q.Paragraph, q.Boundary)
	return render("questions", q)
}
