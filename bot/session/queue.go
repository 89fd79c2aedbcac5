package session

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/briefbot/briefbot/bot/answer"
	"github.com/briefbot/briefbot/bot/similar"
	"github.com/briefbot/briefbot/knowledge"
	"github.com/briefbot/briefbot/knowledge/lexicon"
)

// Status is where a question is in its life.
type Status string

// The statuses. Queued, drafted and approved questions wait in the queue;
// posted, skipped and withdrawn ones have left it. A withdrawn question's
// askers deleted their messages before it was answered: its words are
// forgotten, and it is never posted nor listed in the transcript.
const (
	StatusQueued    Status = "queued"
	StatusDrafted   Status = "drafted"
	StatusApproved  Status = "approved"
	StatusPosted    Status = "posted"
	StatusSkipped   Status = "skipped"
	StatusWithdrawn Status = "withdrawn"
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
	// Asks are the members' messages that asked it, merged near-duplicates
	// included, so that a message deleted or edited can be followed; From
	// is the one whose words Text is. Questions queued before these were
	// kept have neither, and are left as they are.
	Asks []Ask  `json:"asks,omitempty"`
	From string `json:"from,omitempty"`
	// Gone are the asks taken out of it (their messages deleted, or
	// edited into another question), without their words: the bot's
	// replies to them quoted the question, and are to be taken down.
	Gone []Gone `json:"gone,omitempty"`
	// Rev counts the changes of Text (an edit, or the deletion of the
	// message it came from); an educator's action on a draft names the
	// revision they saw, and one made on another is refused (ErrChanged):
	// what is posted is what an educator reviewed.
	Rev int `json:"rev,omitempty"`
	// Draft is the answer to post: drafted by the bot, maybe edited by the
	// educator (Edited). It is what was posted once Status is posted.
	Draft    *answer.Answer `json:"draft,omitempty"`
	Edited   bool           `json:"edited,omitempty"`
	PostedAt time.Time      `json:"posted_at,omitzero"`
	// Votes counts distinct members who asked or upvoted; read from its own
	// counter, not stored in the JSON.
	Votes int `json:"-"`
	// left are the askers dropAsks took off (none of their messages asks
	// it any more), whose votes go with them once it is written.
	left []string
}

// Ask is one member's message asking a question, in its words. Reply
// is the bot's reply to it: a merged ask's "same as question #n", which
// quotes the question's words and is kept up to date when they change,
// or a Plain one that quotes nothing ("queued as question #n" to the ask
// that opened the question, "you asked this already" to its asker's
// repeat). Either is taken down with the ask (Gone).
type Ask struct {
	User    string `json:"user"`
	Message string `json:"message"`
	Text    string `json:"text"`
	Reply   string `json:"reply,omitempty"`
	// Plain says the bot's reply quotes nothing: it is not edited when
	// the question's words change.
	Plain bool `json:"plain,omitempty"`
	// Edited is when the message was edited into Text (zero: as
	// written): an older edit handled late is not applied (Reword).
	Edited time.Time `json:"edited,omitzero"`
}

// Gone is an ask taken out of its question: its message, and the bot's
// reply to it ("" for none).
type Gone struct {
	Message string `json:"message"`
	Reply   string `json:"reply,omitempty"`
}

// ask is the index of the ask by message id in q.Asks, or -1.
func (q *Question) ask(messageID string) int {
	return slices.IndexFunc(q.Asks, func(a Ask) bool { return a.Message == messageID })
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

// Add queues userID's question, asked by their message messageID ("" for
// none), in threadID's session. A near-duplicate of
// a question waiting or answered (see MergeJaccard) is merged into it
// instead: the asker joins its askers and voters, and merged is true (an
// answered one comes back posted: its answer is above). A skipped
// question takes no more: the same question asked again is queued anew,
// for the educator to see, rather than joined to one that will never be
// answered. The returned question has its vote count. A new question is
// refused with a *FullError when userID already has MaxWaitingPerMember
// questions waiting (those they asked first), or the session MaxWaiting;
// a near-duplicate is merged whatever the limits. A message already
// deleted (Withdraw ran first: Discord's events may be handled out of
// order) is not queued: ErrDeleted; nor one that asks a question already
// (its event handled twice): ErrAsked.
func (s *Store) Add(ctx context.Context, threadID, userID, messageID, text string) (q Question, merged bool, err error) {
	return s.add(ctx, threadID, userID, messageID, text, time.Time{})
}

// add is Add of a message's text as edited at edited (zero: as written).
func (s *Store) add(ctx context.Context, threadID, userID, messageID, text string, edited time.Time) (q Question, merged bool, err error) {
	text = strings.TrimSpace(text)
	if userID == "" || text == "" || len([]rune(text)) > maxQuestionRunes {
		return Question{}, false, fmt.Errorf("session: add: need a user and a question of 1-%d characters: %w", maxQuestionRunes, ErrInvalid)
	}
	// Before the storage's deadline starts: the first call loads the
	// lexicon, which is CPU work, not a round trip.
	sig := signature(text)
	q, err = s.st.AddQuestion(ctx, threadID, userID, func(sess Session, all []Question, next int64) (Question, bool, error) {
		if sess.Ended() {
			return Question{}, false, fmt.Errorf("session: add %s: %w", threadID, ErrEnded)
		}
		if messageID != "" && slices.Contains(sess.Deleted, messageID) {
			return Question{}, false, fmt.Errorf("session: add %s: message %s: %w", threadID, messageID, ErrDeleted)
		}
		if messageID != "" && slices.ContainsFunc(all, func(o Question) bool { return o.ask(messageID) >= 0 }) {
			return Question{}, false, fmt.Errorf("session: add %s: message %s: %w", threadID, messageID, ErrAsked)
		}
		var asks []Ask
		if messageID != "" {
			asks = []Ask{{User: userID, Message: messageID, Text: text, Edited: edited}}
		}
		merged = false
		waiting, mine := 0, 0
		for _, o := range all {
			// A deletion recorded but not yet applied to o (Withdraw
			// does that after recording it) is applied now: merged, o
			// is written, and its words are quoted in the reply.
			o.left = nil
			o.dropAsks(deletedIn(sess))
			if o.Status != StatusSkipped && o.Status != StatusWithdrawn && sig.same(signature(o.Text)) {
				if !slices.Contains(o.Askers, userID) {
					o.Askers = append(o.Askers, userID)
				}
				// Asking it again, they keep the vote their deleted
				// message's ask would have taken with it.
				o.left = slices.DeleteFunc(o.left, func(u string) bool { return u == userID })
				o.Asks = append(o.Asks, asks...)
				merged = true
				return o, false, nil
			}
			if o.Status.waiting() {
				waiting++
				if len(o.Askers) > 0 && o.Askers[0] == userID {
					mine++
				}
			}
		}
		switch {
		case mine >= s.maxMember:
			return Question{}, false, &FullError{Kind: ErrMemberFull, Limit: s.maxMember}
		case waiting >= s.maxWaiting:
			return Question{}, false, &FullError{Kind: ErrQueueFull, Limit: s.maxWaiting}
		}
		if len(asks) > 0 {
			asks[0].Plain = true // "queued as question #n"
		}
		return Question{ID: "q" + strconv.FormatInt(next, 10), Seq: next, Text: text, Askers: []string{userID},
			AskedAt: s.now().UTC(), Status: StatusQueued, Asks: asks, From: messageID}, true, nil
	})
	if err != nil {
		return Question{}, false, wrap("add", threadID, err)
	}
	q.Votes = s.unvote(ctx, threadID, q)
	return q, merged, nil
}

// Upvote records userID's vote for a question: one per member, so a
// repeat (or a vote by an asker, who already counts) changes nothing. It
// returns the question's votes and whether this vote was new. A skipped
// question takes no votes (ErrState): it will not be answered; nor does a
// withdrawn one (ErrNotFound).
func (s *Store) Upvote(ctx context.Context, threadID, questionID, userID string) (votes int, added bool, err error) {
	if userID == "" || questionID == "" {
		return 0, false, fmt.Errorf("session: upvote: need a user and a question: %w", ErrInvalid)
	}
	// The seq is in the id ("q12"), so the storage needs no extra read.
	seq, err := strconv.ParseInt(strings.TrimPrefix(questionID, "q"), 10, 64)
	if err != nil {
		return 0, false, fmt.Errorf("session: upvote %s: question %q: %w", threadID, questionID, ErrNotFound)
	}
	return s.st.Vote(ctx, threadID, questionID, seq, userID)
}

// Next returns the top-voted question still waiting (queued, drafted or
// approved), the oldest among equals; ok is false when none waits. A
// deletion the session recorded and Withdraw has not applied yet (it
// was interrupted, or is under way) is applied first: the question is
// never shown to an educator in a deleted message's words.
func (s *Store) Next(ctx context.Context, threadID string) (q Question, ok bool, err error) {
	for range 3 {
		q, ok, err = s.st.Next(ctx, threadID)
		if err != nil {
			return Question{}, false, wrap("next", threadID, err)
		}
		if !ok || len(q.Asks) == 0 {
			return q, ok, nil
		}
		sess, err := s.st.Get(ctx, threadID)
		if err != nil {
			return Question{}, false, wrap("next", threadID, err)
		}
		if !slices.ContainsFunc(q.Asks, func(a Ask) bool { return deletedIn(sess)(a.Message) }) {
			return q, true, nil
		}
		if _, err := s.update(ctx, "next", threadID, q.ID, func(Session, *Question) error { return errLeft }); err != nil && !errors.Is(err, errLeft) {
			return Question{}, false, err
		}
	}
	return Question{}, false, fmt.Errorf("session: next %s: the queue keeps changing: %w", threadID, ErrState)
}

// Question returns one question with its votes.
func (s *Store) Question(ctx context.Context, threadID, questionID string) (Question, error) {
	q, err := s.st.Question(ctx, threadID, questionID)
	if err != nil {
		return Question{}, wrap("question", threadID, err)
	}
	if len(q.Asks) > 0 {
		sess, err := s.st.Get(ctx, threadID)
		if err != nil {
			return Question{}, wrap("question", threadID, err)
		}
		q.dropAsks(deletedIn(sess))
	}
	return q, nil
}

// Questions returns every question of the session in order of arrival,
// with votes.
//
// Questions and Question show each question without the asks of the
// messages the session has recorded as deleted, applied or not yet
// (Withdraw records a deletion before it applies it, and may fail
// between): the panel, the transcript and an educator see no deleted
// words, whatever the state of the store.
func (s *Store) Questions(ctx context.Context, threadID string) ([]Question, error) {
	sess, err := s.st.Get(ctx, threadID)
	if err != nil {
		return nil, wrap("questions", threadID, err)
	}
	qs, err := s.st.Questions(ctx, threadID)
	if err != nil {
		return nil, wrap("questions", threadID, err)
	}
	for i := range qs {
		qs[i].dropAsks(deletedIn(sess))
	}
	return qs, nil
}

// sig is a question reduced for duplicate detection: its normalised
// text, its content-word lemmas, and among them its key words — figures
// and names (a word capitalised other than at a sentence's start, or a
// country, its capital or its adjective, however written) — which two
// questions must share to be one: "Why does France oppose …" and "Why
// does Japan oppose …" ask different things.
type sig struct {
	norm  string
	words map[string]bool
	key   map[string]bool
	// asks are the question words it asks with ("why", "when"), which are
	// stop words of the overlap but must be the same: "Why did …" and
	// "When did …" ask different things. negated says it holds a
	// negation ("not", "never", "n't"), and sides the sides of opposite
	// pairs its words take ("support" and "oppose"): "Why does France
	// not support …" is not "Why does France support …", nor is "oppose"
	// "support".
	asks    map[string]bool
	negated bool
	sides   map[int]int
}

// negations turn a question into its opposite, in the bot's languages;
// "n't" is read as "not" before the text is split into words, and so is
// "nt" typed without its apostrophe ("doesnt").
var negations = map[string]bool{"not": true, "no": true, "never": true, "nor": true, "neither": true, "cannot": true,
	"nicht": true, "kein": true, "keine": true, "pas": true, "jamais": true, "nunca": true, "não": true, "nao": true}

// asides are what a member says about their own asking, not what they
// ask: a negation in them negates nothing ("I don't get why France
// opposes…", "No really, why…", "…? Not sure I get it").
var asides = regexp.MustCompile(`\b(?:i|we)\s+(?:do\s+not|did\s+not|can\s+not)\s+(?:get|understand|know|see|follow)\b|\bnot\s+sure\b|^no\b[\s,!.]*|\bno\s+(?:idea|clue)\b`)

// opposites are words of opposite meaning, by lemma: two questions one
// of which takes one side of a pair and the other the other ask opposite
// things, however many words they share. Each group is numbered by its
// place; a word maps to its group and side (1 or 2).
var opposites = map[string][2]int{}

func init() {
	for i, group := range [][2]string{
		{"support favour favor welcome endorse back", "oppose against object resist reject"},
		{"agree", "disagree"},
		{"accept approve", "disapprove refuse"},
		{"like", "dislike"},
		{"increase rise raise grow expand", "decrease fall lower shrink cut reduce"},
		{"win gain", "lose"},
		{"open", "close shut"},
		{"strengthen", "weaken"},
		{"more", "less fewer"},
		{"before", "after"},
		{"allow permit", "ban forbid prevent prohibit"},
		{"join enter", "leave exit quit"},
		{"benefit help", "harm hurt"},
		{"advantage", "disadvantage"},
		{"pro", "anti"},
		{"succeed", "fail"},
	} {
		for side, words := range group {
			for _, w := range strings.Fields(words) {
				opposites[w] = [2]int{i, side + 1}
			}
		}
	}
}

// negated contractions ("doesn't", "won't", "can't", and as typed
// without the apostrophe, "doesnt") read as "not".
var contraction = strings.NewReplacer("won't", "will not", "can't", "can not", "shan't", "shall not", "n't", " not",
	"wont", "will not", "cant", "can not", "doesnt", "does not", "dont", "do not", "didnt", "did not", "isnt", "is not",
	"arent", "are not", "wasnt", "was not", "werent", "were not", "hasnt", "has not", "havent", "have not",
	"shouldnt", "should not", "wouldnt", "would not", "couldnt", "could not")

// stopWords are left out of the overlap: function words say little about
// what is asked. Question words and negations among them are not left
// out of the comparison: they must agree (sig.asks, sig.negated).
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
	s := sig{norm: strings.TrimRight(n, "?!. "), words: map[string]bool{}, key: map[string]bool{}, asks: map[string]bool{}, sides: map[int]int{}}
	for _, q := range similar.QuestionWords(text) {
		s.asks[q] = true
	}
	for _, w := range strings.FieldsFunc(asides.ReplaceAllString(similar.AskedAs(contraction.Replace(n)), " "), wordSep) {
		if negations[w] {
			s.negated = true
		}
		if o, ok := opposites[w]; ok {
			s.sides[o[0]] |= o[1]
		}
		if stopWords[w] {
			continue
		}
		l := lex.Lemma(w)
		if o, ok := opposites[l]; ok {
			s.sides[o[0]] |= o[1]
		}
		s.words[l] = true
		if strings.ContainsFunc(w, unicode.IsDigit) || lex.Country(w) != "" {
			s.key[l] = true
		}
	}
	// Names: capitalised words as the member wrote them, but for the
	// first of a sentence (and "I").
	start := true
	for _, f := range strings.FieldsFunc(text, unicode.IsSpace) {
		for i, w := range strings.FieldsFunc(f, func(r rune) bool { return wordSep(unicode.ToLower(r)) }) {
			r, _ := utf8.DecodeRuneInString(w)
			if !start && unicode.IsUpper(r) && w != "I" {
				for _, v := range strings.FieldsFunc(knowledge.Normalize(w), wordSep) {
					if !stopWords[v] {
						s.key[lex.Lemma(v)] = true
					}
				}
			}
			if i == 0 {
				start = false
			}
		}
		start = start || strings.ContainsAny(f[len(f)-1:], ".?!:;")
	}
	return s
}

// wordSep separates the words of normalised (lower case) text.
func wordSep(r rune) bool {
	return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r > 127 || r == '-')
}

func (a sig) same(b sig) bool {
	if a.norm == b.norm {
		return true
	}
	if len(a.words) < 2 || len(b.words) < 2 || a.negated != b.negated || !maps.Equal(a.asks, b.asks) {
		return false
	}
	for pair, side := range a.sides {
		if other := b.sides[pair]; other != 0 && other != side {
			return false
		}
	}
	for w := range a.key {
		if !b.words[w] {
			return false
		}
	}
	for w := range b.key {
		if !a.words[w] {
			return false
		}
	}
	inter := 0
	for w := range a.words {
		if b.words[w] {
			inter++
		}
	}
	return float64(inter)/float64(len(a.words)+len(b.words)-inter) >= MergeJaccard
}
