// Package asking is the question service: the one path every question
// takes, from whichever surface it comes (a slash command, a mention, a
// thread follow-up, a DM, a Q&A session's draft, and later surfaces such as
// an HTTP interactions endpoint).
//
// It owns a question's whole life apart from Discord itself: the
// moderators' channel rules, the rate limits, private-by-default, cleaning,
// the answer slots, conversation history, the answer record that votes
// refer to, and the stats event. Surfaces parse, call Admit, acknowledge,
// call Answer, and render (an interaction screens, acknowledges, then
// limits: Screen and Limit); they hold no asking policy of their own.
//
// Every store is optional and every store failure degrades alone: with
// Redis down the question is still answered, without limits, history or
// stats, and the failure is logged once per question.
package asking

import (
	"context"
	"fmt"
	"log/slog"
	"math"
	"slices"
	"sync"
	"time"

	"github.com/briefbot/briefbot/bot/answer"
	"github.com/briefbot/briefbot/bot/guild"
	"github.com/briefbot/briefbot/bot/state"
	"github.com/briefbot/briefbot/bot/stats"
)

// Surface is where a question comes from; it decides which rules apply
// (see Service.Admit).
type Surface string

// The surfaces.
const (
	SurfaceSlash   Surface = "slash"   // /ask
	SurfaceMention Surface = "mention" // a mention in a channel
	SurfaceThread  Surface = "thread"  // a follow-up in one of the bot's threads
	SurfaceDM      Surface = "dm"      // a direct message
	SurfaceSession Surface = "session" // an educator's draft of a session question
	// SurfaceSessionQueue is a session question drafted as it arrives:
	// work its member causes, at a model's cost, so it takes the member's
	// rate limit (a member over it is drafted when /session next reaches
	// the question, as SurfaceSession).
	SurfaceSessionQueue Surface = "session-queue"
	// SurfaceMessage is the "Ask briefbot" message command: another
	// member's message asked as a question.
	SurfaceMessage Surface = "message-command"
)

// Question is a question as a surface received it: plain data, no
// Discord types.
type Question struct {
	Surface   Surface
	GuildID   string // empty in a DM
	ChannelID string
	// ParentID is the channel a thread belongs to, when the surface knows
	// it; FindParent looks it up otherwise, and is called only when a
	// channel rule may depend on it (it may cost a REST call).
	ParentID   string
	FindParent func(ctx context.Context) string
	UserID     string
	// ConversationID keys the conversation's history (a thread, a DM);
	// empty for none.
	ConversationID string
	// AnswerID names the answer for later votes; empty for none.
	AnswerID string
	// ReplyTo is the answer (its AnswerID) this question replies to: the
	// question is answered after it (see replyHistory), and when the
	// conversation has no history yet, that answer opens it.
	ReplyTo string
	Text    string
	// Briefing, when set, is the id of the one briefing the question is
	// asked of (a session's): answered and cited from it alone
	// (answer.Request.Briefing). "" = every briefing.
	Briefing string
	// Private is the asker's own choice of visibility; nil leaves it to
	// the guild's default.
	Private *bool
	// Queued, when set, is told that the question waits for an answer
	// slot, with how many questions are ahead of it, so that the asker
	// can be told.
	Queued func(ahead int)
}

// Ticket is an admitted question, ready to be answered.
type Ticket struct {
	Question
	// Clean is the question as answered: mentions, greetings, escapes
	// removed (answer.CleanQuestion).
	Clean string
	// Private says whether the answer is for the asker's eyes only: never
	// for a surface that posts its answers for everyone (a mention, a
	// thread, a DM, a session), whatever the guild's default.
	Private bool
	notices []answer.Notice
	// limits are the rate limits that apply to the asker (the guild's
	// settings read once, by Screen, for Limit).
	limits state.Limits
}

// Result is an answer and what a surface needs to render it.
type Result struct {
	Answer answer.Answer
	// Question is the cleaned question, for echoing above the answer.
	Question string
}

// Reason is why a question was not answered.
type Reason int

// The reasons.
const (
	EmptyQuestion Reason = iota + 1 // nothing to answer
	ChannelClosed                   // the moderators turned the bot off here
	RateLimited                     // the asker or their guild asked too much
	Busy                            // every answer slot taken for too long
)

// Refusal is a question not answered, with the text its asker is told.
type Refusal struct {
	Reason     Reason
	RetryAfter time.Duration // for RateLimited
	Scope      string        // state.ScopeUser or state.ScopeGuild, for RateLimited
	// Again says, for RateLimited, that the asker (or their guild) was
	// refused moments ago by the same limit, in this process: a surface
	// that can only answer in public may leave a repeat unanswered rather
	// than add a message per refused question.
	Again bool
}

// Error is the message for the asker.
func (r *Refusal) Error() string {
	switch r.Reason {
	case EmptyQuestion:
		return "Please ask a question, for example: `/ask question: What is the briefing about?`"
	case ChannelClosed:
		return "I don't answer in this channel — the moderators turned me off here. Try another channel, or DM me."
	case RateLimited:
		secs := max(int(math.Ceil(r.RetryAfter.Seconds())), 1)
		if r.Scope == state.ScopeGuild {
			return fmt.Sprintf("This server is asking a lot right now — please try again in %d s.", secs)
		}
		return fmt.Sprintf("You're asking quickly — please try again in %d s.", secs)
	case Busy:
		return "I'm answering a lot of questions right now — please ask again in a minute."
	}
	return "I can't answer that right now."
}

// The stores the service uses, declared here in the service's terms;
// main wires the real ones.

// Answerer answers a question from the briefings; *answer.Engine is one.
type Answerer interface {
	Ask(ctx context.Context, req answer.Request, onDelta func(string)) (answer.Answer, error)
	Knowledge() *answer.Knowledge
}

// Guilds reads a guild's settings (channel rules, limits, private
// default); *guild.Store is one.
type Guilds interface {
	Get(ctx context.Context, guildID string) (guild.Settings, error)
}

// Limiter takes one question from a user's and a guild's budgets.
type Limiter interface {
	AllowLimits(ctx context.Context, guildID, userID string, lim state.Limits) (state.Decision, error)
}

// Conversations keeps short lists per key (a conversation's turns, an
// answer's record) and which threads are the bot's conversations.
type Conversations interface {
	Append(ctx context.Context, key string, item []byte, keep int, ttl time.Duration) error
	Load(ctx context.Context, key string) ([][]byte, error)
	Bind(ctx context.Context, threadID string, meta []byte, ttl time.Duration) error
	Lookup(ctx context.Context, threadID string) (meta []byte, ok bool, err error)
}

// Recorder logs each question for the moderators' stats.
type Recorder interface {
	Record(ctx context.Context, e stats.Event) error
}

// Votes stores 👍/👎 votes, one per user and answer.
type Votes interface {
	Record(ctx context.Context, v state.Vote) error
	// Last is the user's vote on the answer; ok is false when none.
	Last(ctx context.Context, guildID, answerID, userID string) (v state.Vote, ok bool, err error)
}

// Defaults for Config.
const (
	// DefaultSlots is sized for a hosted model, which serves many calls at
	// once; a local model queues them itself.
	DefaultSlots = 64
	// DefaultQueueWait: a question waits this long for a slot, its asker
	// told it is queued, before being told the bot is busy.
	DefaultQueueWait = 30 * time.Second
	// DefaultQueueNotice: a question that has waited this long for a slot
	// has its asker told it is queued.
	DefaultQueueNotice = time.Second
	// storeTimeout bounds each store call made once the question is
	// acknowledged.
	storeTimeout = time.Second
	// AdmitBudget bounds every store call Admit (or Screen) makes
	// together before a question is acknowledged (the guild's settings,
	// and in Admit the rate limit): Discord allows 3 s for an
	// acknowledgement, and a stalled Redis must not use them; it then
	// answers without the rules it could not read. Limit, called once
	// the question is acknowledged, has storeTimeout.
	AdmitBudget = 250 * time.Millisecond
)

// Config sets the service's limits. Zero values mean the defaults.
type Config struct {
	// Slots caps answers being written at once (model calls).
	Slots int
	// QueueWait is how long a question waits for a free slot before its
	// asker is told the bot is busy.
	QueueWait time.Duration
	// QueueNotice is how long a question waits for a slot before its
	// asker is told it is queued.
	QueueNotice time.Duration
	// Limits are the rate limits where a guild has set none of its own.
	Limits state.Limits
}

// Deps are the service's parts. Answerer is required; a nil store turns
// its feature off.
type Deps struct {
	Answerer      Answerer
	Guilds        Guilds
	Limiter       Limiter
	Conversations Conversations
	Stats         Recorder
	Votes         Votes
	Observer      Observer // metrics; nil for none
}

// Service is the question service. Make one with New.
type Service struct {
	cfg   Config
	d     Deps
	log   *slog.Logger
	obs   Observer
	slots *slots
	// refused repeats the limiter's refusals while they run (see
	// refusedUntil).
	refused refusedUntil
}

// New returns a Service.
func New(cfg Config, d Deps, log *slog.Logger) *Service {
	if d.Answerer == nil {
		panic("asking: New without an Answerer")
	}
	if cfg.Slots <= 0 {
		cfg.Slots = DefaultSlots
	}
	if cfg.QueueWait <= 0 {
		cfg.QueueWait = DefaultQueueWait
	}
	if cfg.QueueNotice <= 0 {
		cfg.QueueNotice = DefaultQueueNotice
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	obs := d.Observer
	if obs == nil {
		obs = nopObserver{}
	}
	return &Service{cfg: cfg, d: d, log: log, obs: obs, slots: newSlots(cfg.Slots)}
}

// Knowledge is what the answers are written from now.
func (s *Service) Knowledge() *answer.Knowledge { return s.d.Answerer.Knowledge() }

// rules says which rules apply to a surface. Session drafts are asked by
// the service for an educator who reviews them: the channel rules were
// the session's to apply, and the educator's review, not the stats, is
// their record. A draft at the question's arrival takes its member's
// limits; one /session next asks for does not (the educator needs it).
func rules(s Surface) (channels, limits, stats bool) {
	switch s {
	case SurfaceSession:
		return false, false, false
	case SurfaceSessionQueue:
		return false, true, false
	}
	return true, true, true
}

// privateCapable says whether a surface can show an answer to its asker
// alone: interactions can (an ephemeral reply); messages cannot.
func privateCapable(s Surface) bool { return s == SurfaceSlash || s == SurfaceMessage }

// Admit applies everything that comes before a surface acknowledges a
// question: the channel rules, cleaning, the rate limits and the choice of
// visibility; it is Screen then Limit. A question not admitted comes back
// as a *Refusal; store failures never refuse (the question is answered
// without the rule the store could not give).
func (s *Service) Admit(ctx context.Context, q Question) (Ticket, error) {
	actx, cancel := context.WithTimeout(ctx, AdmitBudget)
	defer cancel()
	t, err := s.screen(actx, q)
	if err == nil {
		err = s.limit(actx, t)
	}
	if err != nil {
		s.observeErr(q, err)
	}
	return t, err
}

// Screen is Admit without the rate limits: what can be decided from the
// question and the guild's settings, which are almost always in memory.
// An interaction screens its question, acknowledges it, then calls Limit:
// the limiter is a round trip to the store for every question, and under a
// burst of questions the acknowledgement must not wait for it.
func (s *Service) Screen(ctx context.Context, q Question) (Ticket, error) {
	actx, cancel := context.WithTimeout(ctx, AdmitBudget)
	defer cancel()
	t, err := s.screen(actx, q)
	if err != nil {
		s.observeErr(q, err)
	}
	return t, err
}

// Limit takes a screened question from its asker's and their guild's rate
// limits; a question over them comes back as a *Refusal (RateLimited).
func (s *Service) Limit(ctx context.Context, t Ticket) error {
	err := s.limit(ctx, t)
	if err != nil {
		s.observeErr(t.Question, err)
	}
	return err
}

func (s *Service) screen(ctx context.Context, q Question) (Ticket, error) {
	checkChannel, limit, _ := rules(q.Surface)
	set := s.settings(ctx, q.GuildID)
	// The channel rule comes first: where the moderators turned the bot
	// off, that is all it says.
	if checkChannel && !s.channelAllowed(ctx, set, q) {
		return Ticket{}, &Refusal{Reason: ChannelClosed}
	}
	clean, notices, err := answer.CleanQuestion(q.Text)
	if err != nil {
		return Ticket{}, &Refusal{Reason: EmptyQuestion}
	}
	if limit && q.UserID != "" {
		if r, ok := s.refused.check(q.GuildID, q.UserID, time.Now()); ok {
			return Ticket{}, r
		}
	}
	t := Ticket{Question: q, Clean: clean, notices: notices, limits: set.Limits(s.cfg.Limits)}
	if privateCapable(q.Surface) {
		t.Private = set.PrivateByDefault
		if q.Private != nil {
			t.Private = *q.Private
		}
	}
	return t, nil
}

func (s *Service) limit(ctx context.Context, t Ticket) error {
	if _, limit, _ := rules(t.Surface); !limit || s.d.Limiter == nil || t.UserID == "" {
		return nil
	}
	ctx, cancel := context.WithTimeout(ctx, storeTimeout)
	defer cancel()
	d, err := s.d.Limiter.AllowLimits(ctx, t.GuildID, t.UserID, t.limits)
	switch {
	case err != nil:
		s.log.Warn("rate limits unavailable; answering without them", "err", err)
	case !d.Allowed:
		fresh := s.refused.note(t.GuildID, t.UserID, d, time.Now())
		return &Refusal{Reason: RateLimited, RetryAfter: d.RetryAfter, Scope: d.Scope, Again: !fresh}
	}
	return nil
}

// settings reads a guild's settings; the zero Settings (no rules, the
// default limits, public answers) outside a guild or with the store
// unavailable.
func (s *Service) settings(ctx context.Context, guildID string) guild.Settings {
	if s.d.Guilds == nil || guildID == "" {
		return guild.Settings{}
	}
	ctx, cancel := context.WithTimeout(ctx, storeTimeout)
	defer cancel()
	set, err := s.d.Guilds.Get(ctx, guildID)
	if err != nil {
		s.log.Warn("guild settings unavailable; answering with the defaults", "guild", guildID, "err", err)
		return guild.Settings{}
	}
	return set
}

// channelAllowed applies the channel rules; a thread's parent is looked
// up only when the thread has no rule of its own.
func (s *Service) channelAllowed(ctx context.Context, set guild.Settings, q Question) bool {
	if len(set.Channels) == 0 || q.ChannelID == "" {
		return true
	}
	parent := q.ParentID
	if _, own := set.Channels[q.ChannelID]; !own && parent == "" && q.FindParent != nil {
		parent = q.FindParent(ctx)
	}
	return set.Allowed(q.ChannelID, parent)
}

// Answer answers an admitted question: it waits for an answer slot, loads
// the conversation's history, asks the answering core (streaming checked
// text to onDelta, which may be nil) and stores the conversation turn, the
// answer's record and the stats event before returning, so that a
// follow-up, a vote or /admin stats that comes the instant the answer
// shows finds them.
func (s *Service) Answer(ctx context.Context, t Ticket, onDelta func(string)) (Result, error) {
	start, shown := time.Now(), false
	res, err := s.answer(ctx, t, func(d string) {
		if !shown {
			shown = true
			s.stage("first_text", start)
		}
		if onDelta != nil {
			onDelta(d)
		}
	})
	if err != nil {
		s.observeErr(t.Question, err)
		return res, err
	}
	s.stage("answer", start)
	s.observe(t.Question, outcome(res.Answer))
	return res, nil
}

func (s *Service) answer(ctx context.Context, t Ticket, onDelta func(string)) (Result, error) {
	release, err := s.slots.acquire(ctx, t.GuildID, s.cfg.QueueWait, s.cfg.QueueNotice, t.Queued)
	if err != nil {
		return Result{}, err
	}
	slot := &slotHold{s: s, t: t, release: release}
	defer slot.Release()
	hist, opened := s.replyHistory(ctx, t, s.history(ctx, t.ConversationID))
	req := answer.Request{
		Question: t.Clean, Notices: t.notices, Cleaned: true,
		History: hist, GuildID: t.GuildID, Briefing: t.Briefing, Slot: slot,
	}
	a, err := s.d.Answerer.Ask(ctx, req, onDelta)
	if err != nil {
		return Result{}, err
	}
	// The slot is for writing the answer; storing it is not, and a
	// question waiting for the slot should not wait for these writes.
	slot.Release()
	// The asker may have gone (a cut answer); what was answered is still
	// worth keeping. The three writes do not depend on each other: each
	// takes a round trip to the store, and the answer is shown only once
	// all are done, so they run at once.
	bg, cancel := context.WithTimeout(context.WithoutCancel(ctx), 3*time.Second)
	defer cancel()
	var writes sync.WaitGroup
	writes.Go(func() { s.saveRecord(bg, t.GuildID, t.AnswerID, t.Clean, a, len(hist) > 0) })
	writes.Go(func() {
		if t.Private && t.GuildID != "" {
			// A private answer in a server's thread is the asker's: the
			// thread's history shapes the answers everyone sees there.
			return
		}
		ttl := historyTTL
		if t.GuildID == "" {
			ttl = dmHistoryTTL
		}
		if opened != nil {
			s.appendHistory(bg, t.ConversationID, ttl, *opened)
		}
		s.appendHistory(bg, t.ConversationID, ttl, answer.Turn{Question: t.Clean, Answer: a.Text})
	})
	writes.Go(func() { s.recordStats(bg, t, a) })
	writes.Wait()
	return Result{Answer: a, Question: t.Clean}, nil
}

// replyHistory is the history a question is answered with when it
// replies to an answer: the replied answer is what it is about, so it
// comes last (the latest turn is what a follow-up is read against), even
// when the conversation went on after it. opened is that answer when the
// conversation's kept turns do not hold it (none yet, or it has left
// them): the conversation then takes it in again before the reply.
func (s *Service) replyHistory(ctx context.Context, t Ticket, hist []answer.Turn) (_ []answer.Turn, opened *answer.Turn) {
	if t.ReplyTo == "" {
		return hist, nil
	}
	rec, ok := s.loadRecord(ctx, t.GuildID, t.ReplyTo)
	if !ok {
		return hist, nil
	}
	replied := answer.Turn{Question: rec.Question, Answer: rec.Answer}
	i := slices.Index(hist, replied)
	if i < 0 {
		opened = &replied
	} else {
		hist = slices.Delete(slices.Clone(hist), i, i+1)
	}
	return append(hist, replied), opened
}

// recordStats logs an answered or refused question for /admin stats.
func (s *Service) recordStats(ctx context.Context, t Ticket, a answer.Answer) {
	if _, _, record := rules(t.Surface); !record || s.d.Stats == nil || t.GuildID == "" {
		return
	}
	e := stats.Event{
		GuildID: t.GuildID, ChannelID: t.ChannelID, UserID: t.UserID, Question: t.Clean,
		Refused: a.Refused, Mode: string(a.Mode), KnowledgeVersion: a.KnowledgeVersion,
	}
	if err := s.d.Stats.Record(ctx, e); err != nil {
		s.log.Warn("question not logged for stats", "err", err)
	}
}

// Hold takes an answer slot for work that is not a member's question (a
// grounding check, a moderator's approval), waiting like a question does;
// release gives it back.
func (s *Service) Hold(ctx context.Context) (release func(), err error) {
	// The moderators' work counts as a guild of its own in the fair share.
	return s.slots.acquire(ctx, "", s.cfg.QueueWait, 0, nil)
}

// slotHold is a question's answer slot as the answering core sees it
// (answer.Slot): handed back while the question waits for the same
// question's answer being written, taken again should it have to write
// its own.
type slotHold struct {
	s       *Service
	t       Ticket
	mu      sync.Mutex
	release func() // nil while no slot is held
}

func (h *slotHold) Release() {
	h.mu.Lock()
	release := h.release
	h.release = nil
	h.mu.Unlock()
	if release != nil {
		release()
	}
}

func (h *slotHold) Take(ctx context.Context) error {
	release, err := h.s.slots.acquire(ctx, h.t.GuildID, h.s.cfg.QueueWait, h.s.cfg.QueueNotice, h.t.Queued)
	if err != nil {
		return err
	}
	h.mu.Lock()
	h.release = release
	h.mu.Unlock()
	return nil
}
