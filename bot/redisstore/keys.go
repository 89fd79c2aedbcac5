package redisstore

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"
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
// (Prefix, unless Options.Prefix says otherwise; it must hold no braces).
// Deployed bots hold data under these names: change none without
// migrating it.
//
// A part in braces is a Redis Cluster hash tag: the keys sharing one are
// in one slot, so a MULTI, a WATCH or a script may cover them all. Every
// group of keys that one operation touches atomically shares a tag named
// after the data's owner, and keys_test.go checks it for every builder
// below (TestKeySlots):
//
//   - {<guild id, or dm>}: a guild's feedback keys (recordVoteScript), its
//     approvals hash (WATCH + MULTI) and counter, its question log and
//     its settings;
//   - {<thread id>}: a session's six keys (WATCH, MULTI, voteScript);
//   - {<quiz id>}: a quiz's five keys (WATCH, answerScript);
//   - {kb}: the knowledge corpora and the current version (putCorpusScript).
//
// Keys without a tag (rate limits, cached answers, conversations, thread
// bindings, once markers, embeddings) are only ever used one at a time,
// or in pipelines that need no atomicity, which Redis Cluster splits by
// node.
//
// Renamed for Redis Cluster (#12): kb:corpus:<version> and kb:current
// became {kb}:corpus:<version> and {kb}:current, so that Put (one script) is
// in one slot. Nothing was migrated: the knowledge is rebuilt from the
// briefing files and written under the new names on the first start (or
// by bot index); the old keys can be deleted (see the README).
type keys struct{ p string }

// tag makes id a hash tag. Redis ignores an empty tag ("{}") and hashes
// the whole key instead, which would scatter a group; no caller passes
// an empty id (they are refused or mapped to "dm" first), but should one,
// "{_}" keeps its group together. "_" is no Discord id, quiz id (hex) or
// "dm".
func tag(id string) string {
	if id == "" {
		id = "_"
	}
	return "{" + id + "}"
}

// rl:user:<guild id>:<user id> (rl:user:<user id> in DMs), rl:guild:<guild
// id> — GCRA state (redis_rate) of a member's limit in one guild and of a
// guild's. scope is state.ScopeUser or state.ScopeGuild.
func (k keys) rate(scope, id string) string { return k.p + "rl:" + scope + ":" + id }

// answer:<state.CacheKey> — a rendered answer, expiring.
func (k keys) answer(cacheKey string) string { return k.p + "answer:" + cacheKey }

// conv:<conversation id> — a list of a conversation's recent turns,
// trimmed and expiring on every append. The question service keeps
// answers' records here too, lists of one item: conv:answer:<answer id>
// (what votes and follow-ups refer to).
func (k keys) conversation(id string) string { return k.p + "conv:" + id }

// thread:<thread id> — the caller's meta of a thread that is one of the
// bot's conversations, expiring.
func (k keys) thread(id string) string { return k.p + "thread:" + id }

// once:<event id> — SET NX marker of an event already handled, expiring.
func (k keys) once(id string) string { return k.p + "once:" + id }

// health — written by DB.Check to learn whether Redis takes writes; it
// expires after a minute.
func (k keys) health() string { return k.p + "health" }

// identify:<bucket> — the IDENTIFY lease of a gateway rate-limit bucket
// (shard id % max_concurrency): its holder's name, expiring.
func (k keys) identify(bucket int) string { return k.p + "identify:" + strconv.Itoa(bucket) }

// fb:{<guild id, or dm>}:votes — hash "answer NUL user" → vote JSON;
// :time — sorted set of the same members by vote time (ms);
// :up, :down — sets of the members voting each way. Never expire; capped
// together at the newest maxVotes by :time (recordVoteScript).
type feedbackKeys struct{ votes, byTime, up, down string }

func (k keys) feedback(guildID string) feedbackKeys {
	p := k.p + "fb:" + tag(orDM(guildID)) + ":"
	return feedbackKeys{p + "votes", p + "time", p + "up", p + "down"}
}

// approved:{<guild id>} — hash approval id → approved.Entry JSON;
// approved:{<guild id>}:seq — counter for approval ids;
// approved:guilds — set of the guilds with approvals (for Revalidate).
func (k keys) approved(guildID string) string    { return k.p + "approved:" + tag(guildID) }
func (k keys) approvedSeq(guildID string) string { return k.p + "approved:" + tag(guildID) + ":seq" }
func (k keys) approvedGuilds() string            { return k.p + "approved:guilds" }

// session:{<thread id>}:meta — session.Session JSON; :questions — hash
// question id → session.Question JSON; :voters — set of "question|user";
// :votes — hash question id → vote count; :queue — sorted set of the
// questions still waiting, by votes then age; :seq — last question number.
// All expire together, sessionTTL after the last change.
type sessionKeys struct{ session, questions, voters, votes, queue, seq string }

func (k keys) session(threadID string) sessionKeys {
	p := k.p + "session:" + tag(threadID) + ":"
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
	p := k.p + "quiz:" + tag(id) + ":"
	return quizKeys{p + "data", p + "answers", p + "correct", p + "answered", p + "last"}
}

func (k quizKeys) all() []string { return []string{k.quiz, k.answers, k.correct, k.answered, k.last} }

// stats:{<guild id, or dm>}:events — sorted set of stats.Event JSON (with
// a nonce) by time asked (ms), capped at the newest MaxEvents.
func (k keys) stats(guildID string) string { return k.p + "stats:" + tag(orDM(guildID)) + ":events" }

// guild:{<guild id>} — hash of a guild's settings, one field per setting
// (guild package's field names).
func (k keys) guild(guildID string) string { return k.p + "guild:" + tag(guildID) }

// guildKeys is every key that holds a guild's own data and never expires
// by itself: its settings, approvals and their counter, feedback and
// question log (the keys above that are named after the guild). They
// share the guild's tag, so one MULTI covers them on Redis Cluster too
// (Retention). Keys that expire anyway (rate limits, sessions, quizzes,
// conversations, caches) are not listed, nor approved:guilds, which is
// in another slot. orDM as for feedback and stats, so that even an empty
// id gives keys of one slot (Retention refuses it anyway).
func (k keys) guildKeys(guildID string) []string {
	g := orDM(guildID)
	fb := k.feedback(g)
	return []string{k.guild(g), k.approved(g), k.approvedSeq(g), fb.votes, fb.byTime, fb.up, fb.down, k.stats(g)}
}

// guild:{<guild id>}:forgotten — when the guild's data is to be gone
// (Unix ms; Retention.Forget sets it, Keep deletes it), in the guild's
// slot so that a sweep acts on the keys only while it stands;
// guilds:forgotten — the set of guilds so marked, for the sweep to find.
func (k keys) guildForgotten(guildID string) string {
	return k.p + "guild:" + tag(orDM(guildID)) + ":forgotten"
}

func (k keys) forgottenGuilds() string { return k.p + "guilds:forgotten" }

// guilds:roster:<bot user id> — set of the guilds that bot was in at a
// connection and has not since been removed from (Retention.Enroll,
// Unenroll): a guild missing from a later connection's list removed the
// bot while it was offline.
func (k keys) guildRoster(bot string) string { return k.p + "guilds:roster:" + bot }

// emb:<model>:<hex of the first 16 bytes of sha256(text)> — a normalised
// embedding as little-endian float32s, expiring.
func (k keys) embedding(model, text string) string {
	h := sha256.Sum256([]byte(text))
	return k.p + "emb:" + model + ":" + hex.EncodeToString(h[:16])
}

// {kb}:corpus:<version> — knowledge.Corpus JSON; {kb}:current — the
// version last written. The current corpus never expires; the one it
// superseded expires after KnowledgeGrace. One fixed tag, so that Put
// writes them in one script on Redis Cluster too: all corpora live on one
// node (a corpus is a few megabytes, and one is read at start).
func (k keys) corpus(version string) string { return k.p + "{kb}:corpus:" + version }
func (k keys) currentCorpus() string        { return k.p + "{kb}:current" }

// orDM names a DM's "guild": Discord guild ids are numbers, so "dm" is
// never one.
func orDM(guildID string) string {
	if guildID == "" {
		return "dm"
	}
	return guildID
}
