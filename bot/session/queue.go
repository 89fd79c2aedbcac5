package session

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/briefbot/briefbot/bot/answer"
	"github.com/briefbot/briefbot/knowledge"
	"github.com/briefbot/briefbot/knowledge/lexicon"
)

// Status is where a question is in its life.
type Status string

// The statuses. Queued, drafted and approved questions wait in the queue;
// posted and skipped ones have left it.
const (
	StatusQueued   Status = "queued"
	StatusDrafted  Status = "drafted"
	StatusApproved Status = "approved"
	StatusPosted   Status = "posted"
	StatusSkipped  Status = "skipped"
)

func (s Status) waiting() bool {
	return s == StatusQueued || s == StatusDrafted || s == StatusApproved
}

// Question is one member question of a session, with everyone who asked it
// (near-duplicates merged) and its draft or posted answer.
type Question struct {
	ID      string    `json:"id"`
	Seq     int64     `json:"seq"` // order of arrival, from 1
	Text    string    `json:"text"`
	Askers  []string  `json:"askers"` // user ids, first asker first
	AskedAt time.Time `json:"asked_at"`
	Status  Status    `json:"status"`
	// Draft is the answer to post: drafted by the bot, maybe edited by the
	// educator (Edited). It is what was posted once Status is posted.
	Draft    *answer.Answer `json:"draft,omitempty"`
	Edited   bool           `json:"edited,omitempty"`
	PostedAt time.Time      `json:"posted_at,omitzero"`
	// Votes counts distinct members who asked or upvoted; read from its own
	// counter, not stored in the JSON.
	Votes int `json:"-"`
}

// Duplicate detection: two questions are one when their normalised texts
// are equal, or when the Jaccard overlap of their content-word lemmas is
// at least MergeJaccard and each has at least two content words (a
// one-word question is merged on equal text only, since one shared word
// says little).
const MergeJaccard = 0.6

// maxQuestionRunes bounds a queued question; Discord messages are longer,
// but a question that long is not one.
const maxQuestionRunes = 1000

// maxTxRetries bounds optimistic-lock retries under contention.
const maxTxRetries = 16

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
// Returns {added (0/1), votes}, or {-1} for an unknown question and {-2}
// for an ended or missing session.
var voteScript = redis.NewScript(`
local s = redis.call('GET', KEYS[1])
if not s or cjson.decode(s).ended_at then return {-2} end
if redis.call('HEXISTS', KEYS[2], ARGV[1]) == 0 then return {-1} end
local added = redis.call('SADD', KEYS[3], ARGV[1] .. '|' .. ARGV[2])
local n = tonumber(redis.call('HGET', KEYS[4], ARGV[1]) or '0')
if added == 1 then n = redis.call('HINCRBY', KEYS[4], ARGV[1], 1) end
if redis.call('ZSCORE', KEYS[5], ARGV[1]) then
  redis.call('ZADD', KEYS[5], 'XX', n * 1e9 + (1e9 - tonumber(ARGV[3])), ARGV[1])
end
for i = 1, 6 do redis.call('PEXPIRE', KEYS[i], ARGV[4]) end
return {added, n}
`)

// Add queues userID's question in threadID's session. A near-duplicate of
// a question already asked (see MergeJaccard) is merged into it instead:
// the asker joins its askers and voters, and merged is true. The returned
// question has its vote count.
func (s *Store) Add(ctx context.Context, threadID, userID, text string) (q Question, merged bool, err error) {
	text = strings.TrimSpace(text)
	if userID == "" || text == "" || len([]rune(text)) > maxQuestionRunes {
		return Question{}, false, fmt.Errorf("session: add: need a user and a question of 1-%d characters: %w", maxQuestionRunes, ErrInvalid)
	}
	// Before the deadline starts: the first call loads the lexicon, which
	// is CPU work, not a Redis round trip.
	sig := signature(text)
	ctx, cancel := context.WithTimeout(ctx, s.timeout)
	defer cancel()
	k := s.keys(threadID)
	txf := func(tx *redis.Tx) error {
		sess, err := s.get(ctx, tx, threadID)
		if err != nil {
			return err
		}
		if sess.Ended() {
			return fmt.Errorf("session: add %s: %w", threadID, ErrEnded)
		}
		all, err := s.questions(ctx, tx, threadID)
		if err != nil {
			return err
		}
		merged = false
		for _, o := range all {
			if sig.same(signature(o.Text)) {
				q, merged = o, true
				break
			}
		}
		if merged {
			if !slices.Contains(q.Askers, userID) {
				q.Askers = append(q.Askers, userID)
			}
		} else {
			// Read the counter here and write it in the transaction (k.seq
			// is watched): an INCR now would use up a number whenever the
			// transaction is retried, leaving gaps (#1, #2, #4).
			cur, err := tx.Get(ctx, k.seq).Int64()
			if err != nil && !errors.Is(err, redis.Nil) {
				return err
			}
			seq := cur + 1
			q = Question{ID: "q" + strconv.FormatInt(seq, 10), Seq: seq, Text: text, Askers: []string{userID},
				AskedAt: s.now().UTC(), Status: StatusQueued}
		}
		data, err := json.Marshal(q)
		if err != nil {
			return err
		}
		var vote *redis.Cmd
		_, err = tx.TxPipelined(ctx, func(p redis.Pipeliner) error {
			p.HSet(ctx, k.questions, q.ID, data)
			if !merged {
				p.Set(ctx, k.seq, q.Seq, s.ttl)
				p.ZAdd(ctx, k.queue, redis.Z{Score: scoreSeqSpan - float64(q.Seq), Member: q.ID})
			}
			vote = voteScript.Eval(ctx, p, k.all(), q.ID, userID, q.Seq, s.ttl.Milliseconds())
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
	}
	for i := range maxTxRetries {
		err = s.rdb.Watch(ctx, txf, k.session, k.questions, k.seq)
		if !errors.Is(err, redis.TxFailedErr) {
			break
		}
		backoff(ctx, i)
	}
	if err != nil {
		return Question{}, false, wrap("add", threadID, err)
	}
	return q, merged, nil
}

// Upvote records userID's vote for a question: one per member, so a
// repeat (or a vote by an asker, who already counts) changes nothing. It
// returns the question's votes and whether this vote was new.
func (s *Store) Upvote(ctx context.Context, threadID, questionID, userID string) (votes int, added bool, err error) {
	if userID == "" || questionID == "" {
		return 0, false, fmt.Errorf("session: upvote: need a user and a question: %w", ErrInvalid)
	}
	ctx, cancel := context.WithTimeout(ctx, s.timeout)
	defer cancel()
	k := s.keys(threadID)
	// The seq is in the id ("q12"), so the script needs no extra read.
	seq, err := strconv.ParseInt(strings.TrimPrefix(questionID, "q"), 10, 64)
	if err != nil {
		return 0, false, fmt.Errorf("session: upvote %s: question %q: %w", threadID, questionID, ErrNotFound)
	}
	res, err := voteScript.Run(ctx, s.rdb, k.all(), questionID, userID, seq, s.ttl.Milliseconds()).Int64Slice()
	if err != nil {
		return 0, false, fmt.Errorf("session: upvote %s: %w", threadID, err)
	}
	switch res[0] {
	case -1:
		return 0, false, fmt.Errorf("session: upvote %s: question %q: %w", threadID, questionID, ErrNotFound)
	case -2:
		return 0, false, fmt.Errorf("session: upvote %s: %w", threadID, ErrEnded)
	}
	return int(res[1]), res[0] == 1, nil
}

// Next returns the top-voted question still waiting (queued, drafted or
// approved), the oldest among equals; ok is false when none waits.
func (s *Store) Next(ctx context.Context, threadID string) (q Question, ok bool, err error) {
	ctx, cancel := context.WithTimeout(ctx, s.timeout)
	defer cancel()
	k := s.keys(threadID)
	ids, err := s.rdb.ZRevRange(ctx, k.queue, 0, 0).Result()
	if err != nil {
		return Question{}, false, fmt.Errorf("session: next %s: %w", threadID, err)
	}
	if len(ids) == 0 {
		return Question{}, false, nil
	}
	q, err = s.question(ctx, s.rdb, threadID, ids[0])
	if err != nil {
		return Question{}, false, wrap("next", threadID, err)
	}
	return q, true, nil
}

// Question returns one question with its votes.
func (s *Store) Question(ctx context.Context, threadID, questionID string) (Question, error) {
	ctx, cancel := context.WithTimeout(ctx, s.timeout)
	defer cancel()
	q, err := s.question(ctx, s.rdb, threadID, questionID)
	if err != nil {
		return Question{}, wrap("question", threadID, err)
	}
	return q, nil
}

// Questions returns every question of the session in order of arrival,
// with votes.
func (s *Store) Questions(ctx context.Context, threadID string) ([]Question, error) {
	ctx, cancel := context.WithTimeout(ctx, s.timeout)
	defer cancel()
	qs, err := s.questions(ctx, s.rdb, threadID)
	if err != nil {
		return nil, wrap("questions", threadID, err)
	}
	return qs, nil
}

func (s *Store) question(ctx context.Context, c redis.Cmdable, threadID, id string) (Question, error) {
	k := s.keys(threadID)
	var data, votes *redis.StringCmd
	_, err := c.Pipelined(ctx, func(p redis.Pipeliner) error {
		data = p.HGet(ctx, k.questions, id)
		votes = p.HGet(ctx, k.votes, id)
		return nil
	})
	if errors.Is(data.Err(), redis.Nil) {
		return Question{}, fmt.Errorf("session: thread %s: question %q: %w", threadID, id, ErrNotFound)
	}
	if err != nil && !errors.Is(err, redis.Nil) {
		return Question{}, err
	}
	var q Question
	if err := json.Unmarshal([]byte(data.Val()), &q); err != nil {
		return Question{}, fmt.Errorf("decode question %s: %w", id, err)
	}
	q.Votes, _ = strconv.Atoi(votes.Val())
	return q, nil
}

func (s *Store) questions(ctx context.Context, c redis.Cmdable, threadID string) ([]Question, error) {
	k := s.keys(threadID)
	var data, votes *redis.MapStringStringCmd
	_, err := c.Pipelined(ctx, func(p redis.Pipeliner) error {
		data = p.HGetAll(ctx, k.questions)
		votes = p.HGetAll(ctx, k.votes)
		return nil
	})
	if err != nil {
		return nil, err
	}
	out := make([]Question, 0, len(data.Val()))
	for id, raw := range data.Val() {
		var q Question
		if err := json.Unmarshal([]byte(raw), &q); err != nil {
			return nil, fmt.Errorf("decode question %s: %w", id, err)
		}
		q.Votes, _ = strconv.Atoi(votes.Val()[id])
		out = append(out, q)
	}
	slices.SortFunc(out, func(a, b Question) int { return int(a.Seq - b.Seq) })
	return out, nil
}

// sig is a question reduced for duplicate detection.
type sig struct {
	norm  string
	words map[string]bool
}

// stopWords are left out of the overlap: question words and function
// words say nothing about what is asked.
var stopWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`a an the and or but of in on at to for from by with as into about is are was were be been
		do does did has have had will would can could should may might it its this that these those there their they them
		what why who whom whose which when where how i me my we our you your he she his her s not no so any some than then
		just also please tell explain briefing article say says said`) {
		stopWords[w] = true
	}
}

func signature(text string) sig {
	lex := lexicon.Default()
	n := knowledge.Normalize(text)
	s := sig{norm: strings.TrimRight(n, "?!. "), words: map[string]bool{}}
	for _, w := range strings.FieldsFunc(n, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r > 127 || r == '-')
	}) {
		if stopWords[w] {
			continue
		}
		s.words[lex.Lemma(w)] = true
	}
	return s
}

func (a sig) same(b sig) bool {
	if a.norm == b.norm {
		return true
	}
	if len(a.words) < 2 || len(b.words) < 2 {
		return false
	}
	inter := 0
	for w := range a.words {
		if b.words[w] {
			inter++
		}
	}
	return float64(inter)/float64(len(a.words)+len(b.words)-inter) >= MergeJaccard
}

// backoff waits a little, more after each failed attempt and with jitter,
// so writers contending for one session's questions spread out instead of
// colliding again.
func backoff(ctx context.Context, attempt int) {
	d := time.Duration(rand.Int64N(int64(time.Millisecond) << min(attempt, 5)))
	select {
	case <-time.After(d):
	case <-ctx.Done():
	}
}
