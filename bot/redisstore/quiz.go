package redisstore

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/briefbot/briefbot/bot/quiz"
)

// Create implements quiz.Storage.
func (s *Quizzes) Create(ctx context.Context, q quiz.Quiz) error {
	data, err := json.Marshal(q)
	if err != nil {
		return err
	}
	ctx, cancel := s.withTimeout(ctx)
	defer cancel()
	return s.rdb.Set(ctx, s.keys.quiz(q.ID).quiz, data, quizTTL).Err()
}

// Get implements quiz.Storage.
func (s *Quizzes) Get(ctx context.Context, id string) (quiz.Quiz, error) { return s.get(ctx, nil, id) }

// get reads a quiz from c (see getRecord).
func (s *Quizzes) get(ctx context.Context, c redis.Cmdable, id string) (quiz.Quiz, error) {
	return getRecord[quiz.Quiz](ctx, s.base, c, s.keys.quiz(id).quiz, quiz.ErrNotFound, "quiz: get "+id)
}

// Update implements quiz.Storage: WATCH, so an answer recorded between our
// read and write is not lost and the JSON is not overwritten by a stale
// copy; a conflict is retried (updateJSON).
func (s *Quizzes) Update(ctx context.Context, id string, f func(*quiz.Quiz) bool) error {
	ctx, cancel := s.withTimeout(ctx)
	defer cancel()
	key := s.keys.quiz(id).quiz
	_, err := updateJSON(ctx, s.rdb, key, func(c redis.Cmdable) (quiz.Quiz, error) { return s.get(ctx, c, id) }, f,
		func(p redis.Pipeliner, data []byte) { p.Set(ctx, key, data, quizTTL) })
	return err
}

// answerScript records a member's first answer to a question and updates
// their counts in one step, so two clicks at once count once, and nothing
// is recorded after the quiz closed (the closed flag is in the quiz JSON,
// read here, so closing and answering cannot interleave).
//
// KEYS: quiz, answers, correct, answered, last.
// ARGV: field (user NUL question), user, option, correct (0/1), now ms, ttl ms.
// Returns {-1} when the quiz is gone or closed, {0, first option} when the
// member had answered already, {1} when recorded.
var answerScript = redis.NewScript(`
local data = redis.call('GET', KEYS[1])
if not data or cjson.decode(data).closed then return {-1} end
local prev = redis.call('HGET', KEYS[2], ARGV[1])
if prev then return {0, tonumber(prev)} end
redis.call('HSET', KEYS[2], ARGV[1], ARGV[3])
redis.call('HINCRBY', KEYS[3], ARGV[2], tonumber(ARGV[4]))
redis.call('HINCRBY', KEYS[4], ARGV[2], 1)
redis.call('HSET', KEYS[5], ARGV[2], ARGV[5])
for i = 1, 5 do redis.call('PEXPIRE', KEYS[i], ARGV[6]) end
return {1}
`)

// Record implements quiz.Storage with answerScript.
func (s *Quizzes) Record(ctx context.Context, quizID, userID string, question, option int, correct bool, at time.Time) (int, bool, error) {
	right := 0
	if correct {
		right = 1
	}
	ctx, cancel := s.withTimeout(ctx)
	defer cancel()
	res, err := answerScript.Run(ctx, s.rdb, s.keys.quiz(quizID).all(),
		userID+"\x00"+strconv.Itoa(question), userID, option, right, at.UnixMilli(), quizTTL.Milliseconds()).Int64Slice()
	if err != nil {
		return 0, false, fmt.Errorf("quiz: answer %s: %w", quizID, err)
	}
	switch {
	case len(res) == 0 || res[0] < 0:
		return 0, false, fmt.Errorf("quiz: answer %s: %w", quizID, quiz.ErrClosed)
	case res[0] == 0 && len(res) > 1:
		return int(res[1]), true, nil
	}
	return option, false, nil
}

// Scores implements quiz.Storage in one pipeline.
func (s *Quizzes) Scores(ctx context.Context, quizID string) ([]quiz.Entry, error) {
	ctx, cancel := s.withTimeout(ctx)
	defer cancel()
	k := s.keys.quiz(quizID)
	var correct, answered, last *redis.MapStringStringCmd
	var exists *redis.IntCmd
	_, err := s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		exists = p.Exists(ctx, k.quiz)
		correct = p.HGetAll(ctx, k.correct)
		answered = p.HGetAll(ctx, k.answered)
		last = p.HGetAll(ctx, k.last)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("quiz: leaderboard %s: %w", quizID, err)
	}
	if exists.Val() == 0 {
		return nil, fmt.Errorf("quiz: leaderboard %s: %w", quizID, quiz.ErrNotFound)
	}
	var out []quiz.Entry
	for user, n := range answered.Val() {
		e := quiz.Entry{UserID: user}
		e.Answered, _ = strconv.Atoi(n)
		e.Correct, _ = strconv.Atoi(correct.Val()[user])
		ms, _ := strconv.ParseInt(last.Val()[user], 10, 64)
		e.LastAt = time.UnixMilli(ms).UTC()
		out = append(out, e)
	}
	return out, nil
}
