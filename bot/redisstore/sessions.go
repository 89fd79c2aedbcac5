package redisstore

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"

	"github.com/redis/go-redis/v9"

	"github.com/briefbot/briefbot/bot/session"
)

// scoreSeqSpan separates votes from arrival order in a queue score:
// votes*span + (span - seq), so more votes rank first and, among equal
// votes, the older question (smaller seq). Exact in a float64 while votes
// stay under 2^53/span ≈ 9 million.
const scoreSeqSpan = 1e9

// voteScript adds a voter to a question once and re-scores it in the
// queue in the same step, so a vote and the queue order never disagree and
// a repeated vote changes nothing.
//
// KEYS: session, questions, voters, votes, queue, seq (for TTLs).
// ARGV: question id, user id, seq, ttl ms.
// Returns {added (0/1), votes}, or {-1} for an unknown or withdrawn
// question (its askers deleted it), {-2} for an ended or missing session
// and {-3} for a skipped question.
var voteScript = redis.NewScript(`
local s = redis.call('GET', KEYS[1])
if not s or cjson.decode(s).ended_at then return {-2} end
local q = redis.call('HGET', KEYS[2], ARGV[1])
if not q then return {-1} end
local status = cjson.decode(q).status
if status == 'withdrawn' then return {-1} end
if status == 'skipped' then return {-3} end
local added = redis.call('SADD', KEYS[3], ARGV[1] .. '|' .. ARGV[2])
local n = tonumber(redis.call('HGET', KEYS[4], ARGV[1]) or '0')
if added == 1 then n = redis.call('HINCRBY', KEYS[4], ARGV[1], 1) end
if redis.call('ZSCORE', KEYS[5], ARGV[1]) then
  redis.call('ZADD', KEYS[5], 'XX', n * 1e9 + (1e9 - tonumber(ARGV[3])), ARGV[1])
end
for i = 1, 6 do redis.call('PEXPIRE', KEYS[i], ARGV[4]) end
return {added, n}
`)

// unvoteScript takes voters off a question and re-scores it if queued,
// in one step, as voteScript adds them.
//
// KEYS: session, questions, voters, votes, queue, seq (for TTLs).
// ARGV: question id, seq, ttl ms, user ids....
// Returns the question's votes.
var unvoteScript = redis.NewScript(`
local n = tonumber(redis.call('HGET', KEYS[4], ARGV[1]) or '0')
for i = 4, #ARGV do
  if redis.call('SREM', KEYS[3], ARGV[1] .. '|' .. ARGV[i]) == 1 and n > 0 then
    n = redis.call('HINCRBY', KEYS[4], ARGV[1], -1)
  end
end
if redis.call('ZSCORE', KEYS[5], ARGV[1]) then
  redis.call('ZADD', KEYS[5], 'XX', n * 1e9 + (1e9 - tonumber(ARGV[2])), ARGV[1])
end
for i = 1, 6 do redis.call('PEXPIRE', KEYS[i], ARGV[3]) end
return n
`)

// Unvote implements session.Storage with unvoteScript.
func (s *Sessions) Unvote(ctx context.Context, threadID, questionID string, seq int64, userIDs []string) (int, error) {
	ctx, cancel := s.withTimeout(ctx)
	defer cancel()
	args := []any{questionID, seq, sessionTTL.Milliseconds()}
	for _, u := range userIDs {
		args = append(args, u)
	}
	n, err := unvoteScript.Run(ctx, s.rdb, s.keys.session(threadID).all(), args...).Int()
	if err != nil {
		return 0, fmt.Errorf("session: unvote %s: %w", threadID, err)
	}
	return n, nil
}

// expire refreshes the TTL of every key of a session in p.
func expire(ctx context.Context, p redis.Pipeliner, k sessionKeys) {
	for _, key := range k.all() {
		p.PExpire(ctx, key, sessionTTL)
	}
}

// Create implements session.Storage with SET NX.
func (s *Sessions) Create(ctx context.Context, sess session.Session) (bool, error) {
	data, err := json.Marshal(sess)
	if err != nil {
		return false, err
	}
	ctx, cancel := s.withTimeout(ctx)
	defer cancel()
	return s.rdb.SetNX(ctx, s.keys.session(sess.ThreadID).session, data, sessionTTL).Result()
}

// Get implements session.Storage.
func (s *Sessions) Get(ctx context.Context, threadID string) (session.Session, error) {
	return s.get(ctx, nil, threadID)
}

// get reads a session from c (see getRecord).
func (s *Sessions) get(ctx context.Context, c redis.Cmdable, threadID string) (session.Session, error) {
	return getRecord[session.Session](ctx, s.base, c, s.keys.session(threadID).session, session.ErrNotFound, "session: get "+threadID)
}

// UpdateSession implements session.Storage under WATCH; a conflict is
// retried (updateJSON).
func (s *Sessions) UpdateSession(ctx context.Context, threadID string, f func(*session.Session) bool) (session.Session, error) {
	ctx, cancel := s.withTimeout(ctx)
	defer cancel()
	k := s.keys.session(threadID)
	return updateJSON(ctx, s.rdb, k.session, func(c redis.Cmdable) (session.Session, error) { return s.get(ctx, c, threadID) }, f,
		func(p redis.Pipeliner, data []byte) {
			p.Set(ctx, k.session, data, sessionTTL)
			expire(ctx, p, k)
		})
}

// AddQuestion implements session.Storage: WATCH on the session, the
// questions and the counter; the question, the counter, the queue entry
// and the vote (voteScript) in one MULTI.
func (s *Sessions) AddQuestion(ctx context.Context, threadID, userID string, f func(session.Session, []session.Question, int64) (session.Question, bool, error)) (session.Question, error) {
	k := s.keys.session(threadID)
	var q session.Question
	err := s.watch(ctx, threadID, []string{k.session, k.questions, k.seq}, func(ctx context.Context, tx *redis.Tx, sess session.Session) error {
		all, err := s.questions(ctx, tx, threadID)
		if err != nil {
			return err
		}
		// Read the counter here and write it in the transaction (k.seq
		// is watched): an INCR now would use up a number whenever the
		// transaction is retried, leaving gaps (#1, #2, #4).
		cur, err := tx.Get(ctx, k.seq).Int64()
		if err != nil && !errors.Is(err, redis.Nil) {
			return err
		}
		var isNew bool
		if q, isNew, err = f(sess, all, cur+1); err != nil {
			return err
		}
		data, err := json.Marshal(q)
		if err != nil {
			return err
		}
		var vote *redis.Cmd
		_, err = tx.TxPipelined(ctx, func(p redis.Pipeliner) error {
			p.HSet(ctx, k.questions, q.ID, data)
			if isNew {
				p.Set(ctx, k.seq, q.Seq, sessionTTL)
				p.ZAdd(ctx, k.queue, redis.Z{Score: scoreSeqSpan - float64(q.Seq), Member: q.ID})
			}
			vote = voteScript.Eval(ctx, p, k.all(), q.ID, userID, q.Seq, sessionTTL.Milliseconds())
			return nil
		})
		if err != nil {
			return err
		}
		res, err := vote.Int64Slice()
		if err != nil || len(res) < 2 {
			return fmt.Errorf("vote: %v %w", res, err)
		}
		q.Votes = int(res[1])
		return nil
	})
	return q, err
}

// Vote implements session.Storage with voteScript.
func (s *Sessions) Vote(ctx context.Context, threadID, questionID string, seq int64, userID string) (int, bool, error) {
	ctx, cancel := s.withTimeout(ctx)
	defer cancel()
	res, err := voteScript.Run(ctx, s.rdb, s.keys.session(threadID).all(), questionID, userID, seq, sessionTTL.Milliseconds()).Int64Slice()
	if err != nil {
		return 0, false, fmt.Errorf("session: upvote %s: %w", threadID, err)
	}
	switch res[0] {
	case -1:
		return 0, false, fmt.Errorf("session: upvote %s: question %q: %w", threadID, questionID, session.ErrNotFound)
	case -2:
		return 0, false, fmt.Errorf("session: upvote %s: %w", threadID, session.ErrEnded)
	case -3:
		return 0, false, fmt.Errorf("session: upvote %s: question %q is skipped: %w", threadID, questionID, session.ErrState)
	}
	return int(res[1]), res[0] == 1, nil
}

// Next implements session.Storage: the top of the queue, then the
// question.
func (s *Sessions) Next(ctx context.Context, threadID string) (session.Question, bool, error) {
	ctx, cancel := s.withTimeout(ctx)
	defer cancel()
	ids, err := s.rdb.ZRevRange(ctx, s.keys.session(threadID).queue, 0, 0).Result()
	if err != nil || len(ids) == 0 {
		return session.Question{}, false, err
	}
	q, err := s.question(ctx, s.rdb, threadID, ids[0])
	return q, err == nil, err
}

// Question implements session.Storage.
func (s *Sessions) Question(ctx context.Context, threadID, questionID string) (session.Question, error) {
	ctx, cancel := s.withTimeout(ctx)
	defer cancel()
	return s.question(ctx, s.rdb, threadID, questionID)
}

// Questions implements session.Storage.
func (s *Sessions) Questions(ctx context.Context, threadID string) ([]session.Question, error) {
	ctx, cancel := s.withTimeout(ctx)
	defer cancel()
	return s.questions(ctx, s.rdb, threadID)
}

func (s *Sessions) question(ctx context.Context, c redis.Cmdable, threadID, id string) (session.Question, error) {
	k := s.keys.session(threadID)
	var data, votes *redis.StringCmd
	_, err := c.Pipelined(ctx, func(p redis.Pipeliner) error {
		data = p.HGet(ctx, k.questions, id)
		votes = p.HGet(ctx, k.votes, id)
		return nil
	})
	if errors.Is(data.Err(), redis.Nil) {
		return session.Question{}, fmt.Errorf("session: thread %s: question %q: %w", threadID, id, session.ErrNotFound)
	}
	if err != nil && !errors.Is(err, redis.Nil) {
		return session.Question{}, err
	}
	var q session.Question
	if err := json.Unmarshal([]byte(data.Val()), &q); err != nil {
		return session.Question{}, fmt.Errorf("decode question %s: %w", id, err)
	}
	q.Votes, _ = strconv.Atoi(votes.Val())
	return q, nil
}

func (s *Sessions) questions(ctx context.Context, c redis.Cmdable, threadID string) ([]session.Question, error) {
	k := s.keys.session(threadID)
	var data, votes *redis.MapStringStringCmd
	_, err := c.Pipelined(ctx, func(p redis.Pipeliner) error {
		data = p.HGetAll(ctx, k.questions)
		votes = p.HGetAll(ctx, k.votes)
		return nil
	})
	if err != nil {
		return nil, err
	}
	out := make([]session.Question, 0, len(data.Val()))
	for id, raw := range data.Val() {
		var q session.Question
		if err := json.Unmarshal([]byte(raw), &q); err != nil {
			return nil, fmt.Errorf("decode question %s: %w", id, err)
		}
		q.Votes, _ = strconv.Atoi(votes.Val()[id])
		out = append(out, q)
	}
	slices.SortFunc(out, func(a, b session.Question) int { return int(a.Seq - b.Seq) })
	return out, nil
}

// UpdateQuestion implements session.Storage: WATCH on the questions hash
// and the votes, and the question, its place in the queue and the TTLs in
// one MULTI. A question that stops waiting leaves the queue (ZREM). One
// that waits is added with ZADD NX: one queued keeps its score, which
// voteScript keeps up to date, and one not queued (a posted question put
// back) gets the score voteScript would give it, from its votes read here,
// so it comes back at its place rather than as a new question. The votes
// are watched because voteScript does not re-score a question out of the
// queue: a vote between this read and the MULTI would otherwise be missed
// by the score. The session is watched too: f refuses an ended session,
// and an end between this read and the MULTI must make it run again.
func (s *Sessions) UpdateQuestion(ctx context.Context, threadID, questionID string, f func(session.Session, *session.Question) (bool, error)) (session.Question, error) {
	k := s.keys.session(threadID)
	var q session.Question
	err := s.watch(ctx, threadID, []string{k.session, k.questions, k.votes}, func(ctx context.Context, tx *redis.Tx, sess session.Session) error {
		var err error
		if q, err = s.question(ctx, tx, threadID, questionID); err != nil {
			return err
		}
		waiting, err := f(sess, &q)
		if err != nil {
			return err
		}
		data, err := json.Marshal(q)
		if err != nil {
			return err
		}
		_, err = tx.TxPipelined(ctx, func(p redis.Pipeliner) error {
			p.HSet(ctx, k.questions, q.ID, data)
			if waiting {
				p.ZAddNX(ctx, k.queue, redis.Z{Score: queueScore(q.Votes, q.Seq), Member: q.ID})
			} else {
				p.ZRem(ctx, k.queue, q.ID)
			}
			expire(ctx, p, k)
			return nil
		})
		return err
	})
	return q, err
}

// queueScore is a question's score in the queue, as voteScript computes
// it.
func queueScore(votes int, seq int64) float64 {
	return float64(votes)*scoreSeqSpan + (scoreSeqSpan - float64(seq))
}

// watch runs f on threadID's session under WATCH on keys and one
// deadline, again while another writer got in first, up to
// txRetries times.
func (s *Sessions) watch(ctx context.Context, threadID string, keys []string, f func(context.Context, *redis.Tx, session.Session) error) error {
	ctx, cancel := s.withTimeout(ctx)
	defer cancel()
	return watchRetry(ctx, s.rdb, func(tx *redis.Tx) error {
		sess, err := s.get(ctx, tx, threadID)
		if err != nil {
			return err
		}
		return f(ctx, tx, sess)
	}, keys...)
}
