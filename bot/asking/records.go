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
}

// AnswerRecord returns the record of the answer with this id given in
// the server guildID; ok is false when there is none (never kept, expired,
// the store unavailable) or it was given in another server: a moderator
// sees and approves only their own server's answers, whatever id a
// button or form carries.
func (s *Service) AnswerRecord(ctx context.Context, guildID, answerID string) (AnswerRecord, bool) {
	if answerID == "" {
		return AnswerRecord{}, false
	}
	rec, ok := s.loadRecord(ctx, guildID, answerID)
	if !ok {
		return AnswerRecord{}, false
	}
	return AnswerRecord{Question: rec.Question, Text: rec.Answer, KnowledgeVersion: rec.Version}, true
}
