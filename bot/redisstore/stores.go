package redisstore

import (
	"github.com/briefbot/briefbot/bot/approved"
	"github.com/briefbot/briefbot/bot/guild"
	"github.com/briefbot/briefbot/bot/quiz"
	"github.com/briefbot/briefbot/bot/semantic"
	"github.com/briefbot/briefbot/bot/session"
	"github.com/briefbot/briefbot/bot/stats"
	"github.com/briefbot/briefbot/knowledge/store"
)

// The stores a DB makes, each the Redis side of what one domain package
// declares it needs, its methods in the file named. (Buckets, for the
// rate limiter, is in limits.go.)
type (
	// AnswerCache stores rendered answers by state.CacheKey (cache.go).
	AnswerCache struct{ base }

	// Once de-duplicates events: the gateway may deliver an interaction or
	// message twice, to one process or to two (cache.go).
	Once struct{ base }

	// Conversations keeps each conversation's recent turns (a Redis list per
	// conversation id, e.g. a Discord thread id) and remembers which threads
	// are the bot's, so both survive a bot restart (conversations.go).
	Conversations struct{ base }

	// Feedback stores votes per guild, one per user per answer, for moderator
	// statistics (stats.Feedback). Unlike the caches it does not expire;
	// instead each guild keeps its newest maxVotes votes (the question log's
	// cap), the oldest removed as new ones are recorded.
	//
	// Per guild: a hash of votes (JSON) by answer and user, a sorted set of
	// the same members by time, and a set each of up and down voters, so that
	// counts are O(1). A guild's keys share a hash tag, so one script writes
	// and trims them in Redis Cluster too (feedback.go).
	Feedback struct{ base }

	// Approved keeps approved answers (approved.Storage): per guild one hash
	// of id → entry JSON changed under WATCH, a counter for ids, and a set of
	// the guilds with approvals (approved.go).
	Approved struct{ base }

	// Sessions keeps live Q&A sessions (session.Storage). Per thread, under
	// one hash tag (so a MULTI or script covers them in Redis Cluster): the
	// session JSON, a hash of questions (JSON) by id, a set of "question|voter"
	// pairs, a hash of vote counts, a sorted set of the questions still to
	// answer scored by votes then age, and the last question number. Every
	// write refreshes sessionTTL on all of them (sessions.go).
	Sessions struct{ base }

	// Quizzes keeps quizzes and answers (quiz.Storage). Per quiz, under one
	// hash tag (so a MULTI or script covers it in Redis Cluster): the quiz as
	// JSON, a hash of answers by member and question, and hashes of each
	// member's correct and answered counts and last answer time. Every write
	// refreshes quizTTL (quiz.go).
	Quizzes struct{ base }

	// Stats keeps each guild's question log (stats.Log) as one sorted set
	// scored by the time of the question. A sorted set rather than a stream
	// because events carry their own time and several bot processes append
	// concurrently: a stream's ids must grow, scores need not (stats.go).
	Stats struct{ base }

	// Guilds keeps each guild's settings (guild.Storage) as one Redis hash, so
	// every change is a single atomic command and a read is one round trip
	// (guilds.go).
	Guilds struct{ base }

	// Vectors caches embeddings (semantic.Cache) by model and a hash of the
	// text, as little-endian float32s (semantic.go).
	Vectors struct{ base }

	// Knowledge keeps encoded corpora by version and the current version
	// (store.Storage). Neither expires (knowledge.go).
	Knowledge struct{ base }
)

// Each store implements its domain's interface.
var (
	_ stats.Feedback   = (*Feedback)(nil)
	_ approved.Storage = (*Approved)(nil)
	_ session.Storage  = (*Sessions)(nil)
	_ quiz.Storage     = (*Quizzes)(nil)
	_ stats.Log        = (*Stats)(nil)
	_ guild.Storage    = (*Guilds)(nil)
	_ semantic.Cache   = (*Vectors)(nil)
	_ store.Storage    = (*Knowledge)(nil)
)

// AnswerCache returns the AnswerCache store.
func (db *DB) AnswerCache() *AnswerCache { return &AnswerCache{db.base(DefaultTimeout)} }

// Once returns the Once store.
func (db *DB) Once() *Once { return &Once{db.base(DefaultTimeout)} }

// Conversations returns the Conversations store.
func (db *DB) Conversations() *Conversations { return &Conversations{db.base(DefaultTimeout)} }

// Feedback returns the Feedback store.
func (db *DB) Feedback() *Feedback { return &Feedback{db.base(DefaultTimeout)} }

// Approved returns the Approved store.
func (db *DB) Approved() *Approved { return &Approved{db.base(DefaultTimeout)} }

// Sessions returns the Sessions store.
func (db *DB) Sessions() *Sessions { return &Sessions{db.base(DefaultTimeout)} }

// Quizzes returns the Quizzes store.
func (db *DB) Quizzes() *Quizzes { return &Quizzes{db.base(DefaultTimeout)} }

// Stats returns the Stats store.
func (db *DB) Stats() *Stats { return &Stats{db.base(DefaultTimeout)} }

// Guilds returns the Guilds store.
func (db *DB) Guilds() *Guilds { return &Guilds{db.base(DefaultTimeout)} }

// Vectors returns the Vectors store.
func (db *DB) Vectors() *Vectors { return &Vectors{db.base(DefaultTimeout)} }

// Knowledge returns the Knowledge store.
func (db *DB) Knowledge() *Knowledge { return &Knowledge{db.base(KnowledgeTimeout)} }
