package state

import "time"

// Vote is one member's thumbs up or down on one answer. The feedback store
// (redisstore.Feedback) keeps one per user per answer, for moderator
// statistics.
type Vote struct {
	GuildID          string    `json:"guild_id"`
	UserID           string    `json:"user_id"`
	AnswerID         string    `json:"answer_id"`
	Question         string    `json:"question"`
	Answer           string    `json:"answer"`
	KnowledgeVersion string    `json:"knowledge_version"`
	Up               bool      `json:"up"`
	At               time.Time `json:"at"`
}
