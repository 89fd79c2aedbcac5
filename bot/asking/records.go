package asking

import "context"

// AnswerRecord is what the service keeps of an answer for later use (a
// vote, a follow-up, a moderator's approval): the question as answered,
// the answer's text with its [n] markers, and the knowledge version it was
// written from.
type AnswerRecord struct {
	Question         string
	Text             string
	KnowledgeVersion string
	// ChunkIDs are the chunks its citations name, [1] first; none in
	// records kept before they were.
	ChunkIDs []string
	// FollowUp says the question followed earlier ones in its thread or
	// DM: its answer is to the question with them, and approved, it
	// would be served to the question asked alone ("why?").
	FollowUp bool
}

// AnswerRecord returns the record of the answer with this id given in
// the server guildID. The error is ErrAnswerGone when there is none
// (never kept, expired) or it was given in another server — a moderator
// sees and approves only their own server's answers, whatever id a
// button or form carries — and another error when the store could not
// be read: the record may well be there, and trying again may find it.
func (s *Service) AnswerRecord(ctx context.Context, guildID, answerID string) (AnswerRecord, error) {
	if answerID == "" {
		return AnswerRecord{}, ErrAnswerGone
	}
	rec, err := s.readRecord(ctx, guildID, answerID)
	if err != nil {
		return AnswerRecord{}, err
	}
	return AnswerRecord{Question: rec.Question, Text: rec.Answer, KnowledgeVersion: rec.Version, ChunkIDs: rec.Chunks, FollowUp: rec.FollowUp}, nil
}
