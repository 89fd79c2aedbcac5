package redisstore

import (
	"crypto/sha256"
	"encoding/hex"
	"time"
)

// How long a session's keys and a quiz's live after their last write: a
// session a month, a quiz well past its end for a late leaderboard,
// without letting Redis grow forever.
const (
	sessionTTL = 30 * 24 * time.Hour
	quizTTL    = 30 * 24 * time.Hour
)

// keys is the bot's whole key layout. Every key starts with the prefix
// (Prefix, unless Options.Prefix says otherwise). Deployed
// bots hold data under these names: change none without migrating it.
//
// A part in braces is a Redis Cluster hash tag: the keys sharing one are
// in one slot, so a MULTI or a script may cover them all.
type keys struct{ p string }

// rl:user:<user id>, rl:guild:<guild id> — GCRA state (redis_rate) of a
// user's limit, across guilds, and of a guild's. scope is state.ScopeUser
// or state.ScopeGuild.
func (k keys) rate(scope, id string) string { return k.p + "rl:" + scope + ":" + id }

// answer:<state.CacheKey> — a rendered answer, expiring.
func (k keys) answer(cacheKey string) string { return k.p + "answer:" + cacheKey }

// conv:<conversation id> — a list of a conversation's recent turns,
// trimmed and expiring on every append.
func (k keys) conversation(id string) string { return k.p + "conv:" + id }

// thread:<thread id> — the caller's meta of a thread that is one of the
// bot's conversations, expiring.
func (k keys) thread(id string) string { return k.p + "thread:" + id }

// once:<event id> — SET NX marker of an event already handled, expiring.
func (k keys) once(id string) string { return k.p + "once:" + id }

// fb:{<guild id, or dm>}:votes — hash "answer NUL user" → vote JSON;
// :time — sorted set of the same members by vote time (ms);
// :up, :down — sets of the members voting each way. Never expire.
type feedbackKeys struct{ votes, byTime, up, down string }

func (k keys) feedback(guildID string) feedbackKeys {
	p := k.p + "fb:{" + orDM(guildID) + "}:"
	return feedbackKeys{p + "votes", p + "time", p + "up", p + "down"}
}

// approved:{<guild id>} — hash approval id → approved.Entry JSON;
// approved:{<guild id>}:seq — counter for approval ids;
// approved:guilds — set of the guilds with approvals (for Revalidate).
func (k keys) approved(guildID string) string    { return k.p + "approved:{" + guildID + "}" }
func (k keys) approvedSeq(guildID string) string { return k.p + "approved:{" + guildID + "}:seq" }
func (k keys) approvedGuilds() string            { return k.p + "approved:guilds" }

// session:{<thread id>}:meta — session.Session JSON; :questions — hash
// question id → session.Question JSON; :voters — set of "question|user";
// :votes — hash question id → vote count; :queue — sorted set of the
// questions still waiting, by votes then age; :seq — last question number.
// All expire together, sessionTTL after the last change.
type sessionKeys struct{ session, questions, voters, votes, queue, seq string }

func (k keys) session(threadID string) sessionKeys {
	p := k.p + "session:{" + threadID + "}:"
	return sessionKeys{p + "meta", p + "questions", p + "voters", p + "votes", p + "queue", p + "seq"}
}

func (k sessionKeys) all() []string {
	return []string{k.session, k.questions, k.voters, k.votes, k.queue, k.seq}
}

// quiz:{<quiz id>}:data — quiz.Quiz JSON; :answers — hash "user NUL
// question" → first option chosen; :correct, :answered — hashes user →
// count; :last — hash user → time of last answer (ms). All expire
// together, quizTTL after the last write.
type quizKeys struct{ quiz, answers, correct, answered, last string }

func (k keys) quiz(id string) quizKeys {
	p := k.p + "quiz:{" + id + "}:"
	return quizKeys{p + "data", p + "answers", p + "correct", p + "answered", p + "last"}
}

func (k quizKeys) all() []string { return []string{k.quiz, k.answers, k.correct, k.answered, k.last} }

// stats:{<guild id, or dm>}:events — sorted set of stats.Event JSON (with
// a nonce) by time asked (ms), capped at the newest MaxEvents.
func (k keys) stats(guildID string) string { return k.p + "stats:{" + orDM(guildID) + "}:events" }

// guild:{<guild id>} — hash of a guild's settings, one field per setting
// (guild package's field names).
func (k keys) guild(guildID string) string { return k.p + "guild:{" + guildID + "}" }

// emb:<model>:<hex of the first 16 bytes of sha256(text)> — a normalised
// embedding as little-endian float32s, expiring.
func (k keys) embedding(model, text string) string {
	h := sha256.Sum256([]byte(text))
	return k.p + "emb:" + model + ":" + hex.EncodeToString(h[:16])
}

// kb:corpus:<version> — knowledge.Corpus JSON; kb:current — the version
// last written. Never expire.
func (k keys) corpus(version string) string { return k.p + "kb:corpus:" + version }
func (k keys) currentCorpus() string        { return k.p + "kb:current" }

// orDM names a DM's "guild": Discord guild ids are numbers, so "dm" is
// never one.
func orDM(guildID string) string {
	if guildID == "" {
		return "dm"
	}
	return guildID
}
