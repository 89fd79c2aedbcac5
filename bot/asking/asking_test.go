package asking

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/briefbot/briefbot/bot/answer"
	"github.com/briefbot/briefbot/bot/guild"
	"github.com/briefbot/briefbot/bot/state"
	"github.com/briefbot/briefbot/bot/stats"
)

var errDown = errors.New("store down")

// fakeAnswerer answers every question with its text, recording requests;
// with block set it waits for release.
type fakeAnswerer struct {
	mu      sync.Mutex
	reqs    []answer.Request
	block   chan struct{}
	started chan struct{}
}

func (f *fakeAnswerer) Ask(ctx context.Context, req answer.Request, onDelta func(string)) (answer.Answer, error) {
	f.mu.Lock()
	f.reqs = append(f.reqs, req)
	f.mu.Unlock()
	if f.started != nil {
		f.started <- struct{}{}
	}
	if f.block != nil {
		select {
		case <-f.block:
		case <-ctx.Done():
			return answer.Answer{}, ctx.Err()
		}
	}
	text := "About " + req.Question + " [1]."
	if onDelta != nil {
		onDelta(text)
	}
	return answer.Answer{Text: text, Mode: answer.ModeExtractive, KnowledgeVersion: "v1",
		Citations: []answer.Citation{{N: 1, Briefing: "B", Paragraph: 11, ChunkID: "b#11", Quote: "Q"}}}, nil
}

func (f *fakeAnswerer) Knowledge() *answer.Knowledge { return &answer.Knowledge{Version: "v-now"} }

func (f *fakeAnswerer) requests() []answer.Request {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]answer.Request(nil), f.reqs...)
}

type fakeGuilds struct {
	set   guild.Settings
	err   error
	calls int
}

func (g *fakeGuilds) Get(context.Context, string) (guild.Settings, error) {
	g.calls++
	return g.set, g.err
}

type fakeLimiter struct {
	d    state.Decision
	err  error
	lims []state.Limits
}

func (l *fakeLimiter) AllowLimits(_ context.Context, _, _ string, lim state.Limits) (state.Decision, error) {
	l.lims = append(l.lims, lim)
	return l.d, l.err
}

// fakeConversations keeps lists in memory; err fails every call.
type fakeConversations struct {
	mu    sync.Mutex
	lists map[string][][]byte
	bound map[string][]byte
	ttls  map[string]time.Duration // the last TTL each key was given
	err   error
}

func newConversations() *fakeConversations {
	return &fakeConversations{lists: map[string][][]byte{}, bound: map[string][]byte{}, ttls: map[string]time.Duration{}}
}

func (c *fakeConversations) Append(_ context.Context, key string, item []byte, keep int, ttl time.Duration) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.err != nil {
		return c.err
	}
	c.ttls[key] = ttl
	l := append(c.lists[key], item)
	if len(l) > keep {
		l = l[len(l)-keep:]
	}
	c.lists[key] = l
	return nil
}

func (c *fakeConversations) Load(_ context.Context, key string) ([][]byte, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.lists[key], c.err
}

func (c *fakeConversations) Bind(_ context.Context, id string, meta []byte, ttl time.Duration) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.err != nil {
		return c.err
	}
	c.ttls["bound:"+id] = ttl
	c.bound[id] = meta
	return nil
}

func (c *fakeConversations) Lookup(_ context.Context, id string) ([]byte, bool, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	m, ok := c.bound[id]
	return m, ok, c.err
}

type fakeStats struct {
	events []stats.Event
	err    error
}

func (s *fakeStats) Record(_ context.Context, e stats.Event) error {
	if s.err != nil {
		return s.err
	}
	s.events = append(s.events, e)
	return nil
}

type fakeVotes struct {
	votes   []state.Vote
	err     error
	lastErr error // Last alone fails
}

func (v *fakeVotes) Record(_ context.Context, x state.Vote) error {
	if v.err != nil {
		return v.err
	}
	v.votes = append(v.votes, x)
	return nil
}

func (v *fakeVotes) Last(_ context.Context, guildID, answerID, userID string) (state.Vote, bool, error) {
	if err := cmp.Or(v.err, v.lastErr); err != nil {
		return state.Vote{}, false, err
	}
	for i := len(v.votes) - 1; i >= 0; i-- {
		if x := v.votes[i]; x.GuildID == guildID && x.AnswerID == answerID && x.UserID == userID {
			return x, true, nil
		}
	}
	return state.Vote{}, false, nil
}

type parts struct {
	ans   *fakeAnswerer
	guild *fakeGuilds
	lim   *fakeLimiter
	conv  *fakeConversations
	stats *fakeStats
	votes *fakeVotes
}

func newService(cfg Config) (*Service, parts) {
	p := parts{
		ans: &fakeAnswerer{}, guild: &fakeGuilds{}, lim: &fakeLimiter{d: state.Decision{Allowed: true}},
		conv: newConversations(), stats: &fakeStats{}, votes: &fakeVotes{},
	}
	s := New(cfg, Deps{Answerer: p.ans, Guilds: p.guild, Limiter: p.lim, Conversations: p.conv, Stats: p.stats, Votes: p.votes}, nil)
	return s, p
}

func refusal(t *testing.T, err error) Reason {
	t.Helper()
	var r *Refusal
	if !errors.As(err, &r) {
		t.Fatalf("err = %v, want a *Refusal", err)
	}
	if r.Error() == "" {
		t.Error("a refusal with no text for the asker")
	}
	return r.Reason
}

func TestAdmitRules(t *testing.T) {
	yes, no := true, false
	closed := map[string]guild.Rule{"c1": guild.RuleDeny}
	onlyParent := map[string]guild.Rule{"parent": guild.RuleAllow}
	cases := []struct {
		name        string
		q           Question
		set         guild.Settings
		decision    *state.Decision
		want        Reason // 0: admitted
		wantPrivate bool
		wantParent  bool // FindParent consulted
	}{
		{name: "plain question", q: Question{Surface: SurfaceSlash, Text: "What did Lin Jian say?"}},
		{name: "only a mention and emoji", q: Question{Surface: SurfaceSlash, Text: "<@123> 👋"}, want: EmptyQuestion},
		{name: "closed channel", q: Question{Surface: SurfaceSlash, ChannelID: "c1", Text: "Why?"}, set: guild.Settings{Channels: closed}, want: ChannelClosed},
		{name: "closed channel wins over an empty question", q: Question{Surface: SurfaceMention, ChannelID: "c1", Text: " "}, set: guild.Settings{Channels: closed}, want: ChannelClosed},
		{name: "session draft ignores channel rules", q: Question{Surface: SurfaceSession, ChannelID: "c1", Text: "Why?"}, set: guild.Settings{Channels: closed}},
		{name: "thread in an allowed parent", q: Question{Surface: SurfaceThread, ChannelID: "t1", Text: "Why?"}, set: guild.Settings{Channels: onlyParent}, wantParent: true},
		{name: "rate limited", q: Question{Surface: SurfaceDM, UserID: "u", Text: "Why?"}, decision: &state.Decision{RetryAfter: 2 * time.Second, Scope: state.ScopeUser}, want: RateLimited},
		{name: "session draft not rate limited", q: Question{Surface: SurfaceSession, UserID: "u", Text: "Why?"}, decision: &state.Decision{RetryAfter: time.Second}},
		{name: "session draft at arrival takes the member's limit", q: Question{Surface: SurfaceSessionQueue, UserID: "u", Text: "Why?"}, decision: &state.Decision{RetryAfter: time.Second, Scope: state.ScopeUser}, want: RateLimited},
		{name: "session draft at arrival ignores channel rules", q: Question{Surface: SurfaceSessionQueue, ChannelID: "c1", Text: "Why?"}, set: guild.Settings{Channels: closed}},
		{name: "guild default private", q: Question{Surface: SurfaceSlash, Text: "Why?"}, set: guild.Settings{PrivateByDefault: true}, wantPrivate: true},
		{name: "asker's choice wins", q: Question{Surface: SurfaceSlash, Text: "Why?", Private: &no}, set: guild.Settings{PrivateByDefault: true}},
		{name: "asker asks private", q: Question{Surface: SurfaceSlash, Text: "Why?", Private: &yes}, wantPrivate: true},
		{name: "message command private", q: Question{Surface: SurfaceMessage, Text: "Why?", Private: &yes}, wantPrivate: true},
		// A message's answer goes in the channel, for everyone: public
		// whatever the guild's default.
		{name: "mention public under a private default", q: Question{Surface: SurfaceMention, Text: "Why?"}, set: guild.Settings{PrivateByDefault: true}},
		{name: "thread follow-up public under a private default", q: Question{Surface: SurfaceThread, Text: "Why?"}, set: guild.Settings{PrivateByDefault: true}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s, p := newService(Config{})
			p.guild.set = c.set
			if c.decision != nil {
				p.lim.d = *c.decision
			}
			asked := false
			c.q.GuildID = "g"
			c.q.FindParent = func(context.Context) string { asked = true; return "parent" }
			tk, err := s.Admit(context.Background(), c.q)
			if c.want != 0 {
				if got := refusal(t, err); got != c.want {
					t.Fatalf("reason = %v, want %v", got, c.want)
				}
				return
			}
			if err != nil {
				t.Fatalf("Admit: %v", err)
			}
			if tk.Private != c.wantPrivate {
				t.Errorf("Private = %v, want %v", tk.Private, c.wantPrivate)
			}
			if asked != c.wantParent {
				t.Errorf("FindParent called = %v, want %v", asked, c.wantParent)
			}
			if p.guild.calls != 1 {
				t.Errorf("guild settings read %d times, want once", p.guild.calls)
			}
		})
	}
}

func TestAdmitAppliesTheGuildsOwnLimits(t *testing.T) {
	def := state.Limits{User: state.Limit{Rate: 5, Burst: 3, Period: time.Minute}, Guild: state.Limit{Rate: 60, Burst: 60, Period: time.Minute}}
	s, p := newService(Config{Limits: def})
	p.guild.set = guild.Settings{UserLimit: state.Limit{Rate: 1, Burst: 1, Period: time.Minute}}
	if _, err := s.Admit(context.Background(), Question{Surface: SurfaceSlash, GuildID: "g", UserID: "u", Text: "Why?"}); err != nil {
		t.Fatal(err)
	}
	got := p.lim.lims[0]
	if got.User.Rate != 1 || got.Guild.Rate != 60 {
		t.Errorf("limits = %+v, want the guild's user limit over the default guild limit", got)
	}
}

// Screen decides everything but the rate limit, without the limiter;
// Limit then applies the limits Screen read from the guild's settings.
func TestScreenThenLimit(t *testing.T) {
	s, p := newService(Config{})
	p.guild.set = guild.Settings{PrivateByDefault: true, UserLimit: state.Limit{Rate: 1, Burst: 1, Period: time.Minute}}
	p.lim.d = state.Decision{RetryAfter: 3 * time.Second, Scope: state.ScopeUser}
	q := Question{Surface: SurfaceSlash, GuildID: "g", UserID: "u", Text: "<@1> Why?"}
	tk, err := s.Screen(context.Background(), q)
	if err != nil || !tk.Private || tk.Clean != "Why?" || len(p.lim.lims) != 0 {
		t.Fatalf("Screen = %+v, %v; limiter asked %d times, want a private ticket and no limiter", tk, err, len(p.lim.lims))
	}
	if got := refusal(t, s.Limit(context.Background(), tk)); got != RateLimited {
		t.Fatalf("Limit reason = %v, want RateLimited", got)
	}
	if len(p.lim.lims) != 1 || p.lim.lims[0].User.Rate != 1 || p.guild.calls != 1 {
		t.Errorf("limits taken %+v, settings read %d times: want the guild's own limits, read once", p.lim.lims, p.guild.calls)
	}
	// A session's draft is never limited; an empty question never admitted.
	p.lim.lims = nil
	if err := s.Limit(context.Background(), Ticket{Question: Question{Surface: SurfaceSession, UserID: "u"}}); err != nil || len(p.lim.lims) != 0 {
		t.Errorf("session draft: Limit = %v, limiter asked %d times", err, len(p.lim.lims))
	}
	if _, err := s.Screen(context.Background(), Question{Surface: SurfaceSlash, GuildID: "g", Text: "<@1>"}); refusal(t, err) != EmptyQuestion {
		t.Errorf("empty question screened: %v", err)
	}
}

// A refusal of the limiter is repeated by Screen while it runs, for that
// asker (or, for a guild's limit, that guild) only, with no round trip.
func TestScreenRepeatsARunningRefusal(t *testing.T) {
	ctx := context.Background()
	s, p := newService(Config{})
	ask := func(user string) Question {
		return Question{Surface: SurfaceSlash, GuildID: "g", UserID: user, Text: "Why?"}
	}
	p.lim.d = state.Decision{RetryAfter: 50 * time.Millisecond, Scope: state.ScopeUser}
	tk, _ := s.Screen(ctx, ask("u"))
	if refusal(t, s.Limit(ctx, tk)) != RateLimited {
		t.Fatal("the limiter's refusal was not passed on")
	}
	p.lim.d = state.Decision{Allowed: true}
	if _, err := s.Screen(ctx, ask("u")); refusal(t, err) != RateLimited {
		t.Errorf("asking again at once: %v, want RateLimited", err)
	}
	if _, err := s.Screen(ctx, ask("v")); err != nil {
		t.Errorf("another member: %v", err)
	}
	if _, err := s.Screen(ctx, Question{Surface: SurfaceSession, GuildID: "g", UserID: "u", Text: "Why?"}); err != nil {
		t.Errorf("a session's draft, never limited: %v", err)
	}
	time.Sleep(60 * time.Millisecond)
	if _, err := s.Screen(ctx, ask("u")); err != nil {
		t.Errorf("after the wait: %v", err)
	}
	// A guild's limit refuses everyone in it.
	p.lim.d = state.Decision{RetryAfter: time.Minute, Scope: state.ScopeGuild}
	tk, _ = s.Screen(ctx, ask("u"))
	s.Limit(ctx, tk)
	if _, err := s.Screen(ctx, ask("w")); refusal(t, err) != RateLimited {
		t.Errorf("another member of a limited guild: %v, want RateLimited", err)
	}
	if n := len(p.lim.lims); n != 2 {
		t.Errorf("limiter asked %d times, want 2 (the refusals repeated from memory)", n)
	}
}

func TestAdmitDegradesWhenStoresFail(t *testing.T) {
	s, p := newService(Config{})
	p.guild.err = errDown
	p.lim.err = errDown
	p.lim.d = state.Decision{}
	tk, err := s.Admit(context.Background(), Question{Surface: SurfaceSlash, GuildID: "g", UserID: "u", ChannelID: "c", Text: "Why?"})
	if err != nil {
		t.Fatalf("Admit with the stores down = %v, want the question admitted", err)
	}
	if tk.Private {
		t.Error("private without the guild's settings; want public")
	}
}

func TestAnswerCleansOnceAndKeepsTheConversation(t *testing.T) {
	s, p := newService(Config{})
	ctx := context.Background()
	q := Question{Surface: SurfaceThread, GuildID: "g", ChannelID: "t", UserID: "u", ConversationID: "t", AnswerID: "m1",
		Text: "hey everyone, <@42> why does France oppose the office?"}
	tk, err := s.Admit(ctx, q)
	if err != nil {
		t.Fatal(err)
	}
	var streamed strings.Builder
	res, err := s.Answer(ctx, tk, func(d string) { streamed.WriteString(d) })
	if err != nil {
		t.Fatal(err)
	}
	if res.Question != "why does France oppose the office?" {
		t.Errorf("question = %q", res.Question)
	}
	if streamed.String() != res.Answer.Text {
		t.Errorf("streamed %q, answered %q", streamed.String(), res.Answer.Text)
	}
	req := p.ans.requests()[0]
	if !req.Cleaned || req.Question != res.Question {
		t.Errorf("request = %+v, want the cleaned question marked Cleaned", req)
	}
	// A follow-up sees the first turn.
	tk2, _ := s.Admit(ctx, Question{Surface: SurfaceThread, GuildID: "g", UserID: "u", ConversationID: "t", AnswerID: "m2", Text: "and Germany?"})
	if _, err := s.Answer(ctx, tk2, nil); err != nil {
		t.Fatal(err)
	}
	h := p.ans.requests()[1].History
	if len(h) != 1 || h[0].Question != res.Question || h[0].Answer != res.Answer.Text {
		t.Errorf("history = %+v, want the first turn", h)
	}
	// Both records name their passages, for an approval of the answer as
	// shown: the follow-up's form holds the text the moderator read, whose
	// markers name its own passages, not a fresh answer's.
	if rec, err := s.AnswerRecord(ctx, "g", "m1"); err != nil || len(rec.ChunkIDs) == 0 {
		t.Errorf("first answer's record = %+v, %v", rec, err)
	}
	if rec, err := s.AnswerRecord(ctx, "g", "m2"); err != nil || len(rec.ChunkIDs) == 0 {
		t.Errorf("follow-up's record = %+v, %v; want its passages", rec, err)
	}
	if n := len(p.stats.events); n != 2 || p.stats.events[0].Question != res.Question || p.stats.events[0].Mode != "extractive" {
		t.Errorf("stats events = %+v", p.stats.events)
	}
	// A vote finds the answer's record.
	if _, err := s.Vote(ctx, Vote{GuildID: "g", UserID: "v", AnswerID: "m1", Up: true, Shown: "ignored"}); err != nil {
		t.Fatal(err)
	}
	v := p.votes.votes[0]
	if v.Question != res.Question || v.Answer != res.Answer.Text || v.KnowledgeVersion != "v1" || !v.Up {
		t.Errorf("vote = %+v", v)
	}
}

func TestAnswerSurfacesWithoutStats(t *testing.T) {
	for _, q := range []Question{
		{Surface: SurfaceSession, GuildID: "g", Text: "Why?"},
		{Surface: SurfaceDM, Text: "Why?"},
	} {
		s, p := newService(Config{})
		tk, err := s.Admit(context.Background(), q)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.Answer(context.Background(), tk, nil); err != nil {
			t.Fatal(err)
		}
		if len(p.stats.events) != 0 {
			t.Errorf("%s: stats recorded %+v", q.Surface, p.stats.events)
		}
	}
}

func TestAnswerDegradesWhenStoresFail(t *testing.T) {
	s, p := newService(Config{})
	p.conv.err, p.stats.err = errDown, errDown
	tk, err := s.Admit(context.Background(), Question{Surface: SurfaceThread, GuildID: "g", ConversationID: "t", AnswerID: "a", Text: "Why?"})
	if err != nil {
		t.Fatal(err)
	}
	res, err := s.Answer(context.Background(), tk, nil)
	if err != nil || res.Answer.Text == "" {
		t.Fatalf("Answer with the stores down = %+v, %v; want an answer", res, err)
	}
	if s.IsConversation(context.Background(), "t") {
		t.Error("IsConversation with the store down = true, want false")
	}
}

func TestVoteWithoutRecordUsesWhatWasShown(t *testing.T) {
	s, p := newService(Config{})
	if _, err := s.Vote(context.Background(), Vote{GuildID: "g", UserID: "u", AnswerID: "gone", Shown: "the answer"}); err != nil {
		t.Fatal(err)
	}
	v := p.votes.votes[0]
	if v.Answer != "the answer" || v.KnowledgeVersion != "v-now" || v.Up {
		t.Errorf("vote = %+v", v)
	}
	p.votes.err = errDown
	if _, err := s.Vote(context.Background(), Vote{AnswerID: "x"}); !errors.Is(err, errDown) {
		t.Errorf("Vote with the store down = %v, want its error", err)
	}
}

func TestConversations(t *testing.T) {
	s, _ := newService(Config{})
	ctx := context.Background()
	if s.IsConversation(ctx, "th") {
		t.Fatal("unbound thread is a conversation")
	}
	s.StartConversation(ctx, "th", "u")
	if !s.IsConversation(ctx, "th") {
		t.Fatal("bound thread is not a conversation")
	}
}

// A thread stays the bot's conversation as long as its history is kept: a
// question in a thread quiet for a week was answered as the bot's, with
// none of the context the member sees above it.
func TestThreadHistoryLastsAsLongAsTheThread(t *testing.T) {
	s, p := newService(Config{})
	ctx := context.Background()
	s.StartConversation(ctx, "th", "u")
	tk, _ := s.Admit(ctx, Question{Surface: SurfaceThread, GuildID: "g", ConversationID: "th", Text: "Why does France object?"})
	if _, err := s.Answer(ctx, tk, nil); err != nil {
		t.Fatal(err)
	}
	p.conv.mu.Lock()
	defer p.conv.mu.Unlock()
	if h, b := p.conv.ttls["th"], p.conv.ttls["bound:th"]; h == 0 || h != b {
		t.Errorf("history kept %v, the thread bound %v", h, b)
	}
	p.conv.mu.Unlock()
	// A DM's history, which no thread shows, is kept a week.
	dm, _ := s.Admit(ctx, Question{Surface: SurfaceDM, ConversationID: "dm:c", Text: "Why does France object?"})
	if _, err := s.Answer(ctx, dm, nil); err != nil {
		t.Fatal(err)
	}
	p.conv.mu.Lock()
	if d := p.conv.ttls["dm:c"]; d != 7*24*time.Hour {
		t.Errorf("a DM's history kept %v, want a week", d)
	}
}

func TestBusyWhenEverySlotIsTaken(t *testing.T) {
	s, p := newService(Config{Slots: 1, QueueWait: 20 * time.Millisecond})
	p.ans.block, p.ans.started = make(chan struct{}), make(chan struct{}, 1)
	ctx := context.Background()
	tk, _ := s.Admit(ctx, Question{Surface: SurfaceDM, Text: "Why?"})
	done := make(chan error, 1)
	go func() { _, err := s.Answer(ctx, tk, nil); done <- err }()
	<-p.ans.started
	if _, err := s.Answer(ctx, tk, nil); refusal(t, err) != Busy {
		t.Errorf("second answer: %v, want Busy", err)
	}
	if _, err := s.Hold(ctx); refusal(t, err) != Busy {
		t.Errorf("Hold: %v, want Busy", err)
	}
	close(p.ans.block)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	release, err := s.Hold(ctx)
	if err != nil {
		t.Fatalf("Hold after the slot was freed: %v", err)
	}
	release()
}

// slowStats holds every stats write until released.
type slowStats struct {
	mu sync.Mutex
	fakeStats
	started chan struct{}
	release chan struct{}
}

func (s *slowStats) Record(ctx context.Context, e stats.Event) error {
	s.started <- struct{}{}
	<-s.release
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.fakeStats.Record(ctx, e)
}

// Storing an answer does not hold its slot: with one slot, a second
// question is answered while the first's writes are still under way,
// and each Answer returns only once its own writes are done.
func TestSlotFreedBeforeTheWrites(t *testing.T) {
	st := &slowStats{started: make(chan struct{}, 2), release: make(chan struct{})}
	ans := &fakeAnswerer{}
	s := New(Config{Slots: 1, QueueWait: time.Second}, Deps{Answerer: ans, Stats: st}, nil)
	ctx := context.Background()
	answered := make(chan error, 2)
	for _, q := range []string{"Why?", "How?"} {
		tk, err := s.Admit(ctx, Question{Surface: SurfaceSlash, GuildID: "g", Text: q})
		if err != nil {
			t.Fatal(err)
		}
		go func() { _, err := s.Answer(ctx, tk, nil); answered <- err }()
		select {
		case <-st.started:
		case <-time.After(2 * time.Second):
			t.Fatalf("%q never reached its writes: the slot is held while the first answer is stored", q)
		}
	}
	select {
	case err := <-answered:
		t.Fatalf("an Answer returned (%v) before its writes were done", err)
	case <-time.After(20 * time.Millisecond):
	}
	close(st.release)
	for range 2 {
		if err := <-answered; err != nil {
			t.Fatal(err)
		}
	}
	if len(st.events) != 2 {
		t.Errorf("stats events = %d, want 2", len(st.events))
	}
}

func TestContinueConversationOpensWithTheAnswer(t *testing.T) {
	s, p := newService(Config{})
	ctx := context.Background()
	tk, _ := s.Admit(ctx, Question{Surface: SurfaceSlash, GuildID: "g", AnswerID: "a1", Text: "Why does France object?"})
	res, err := s.Answer(ctx, tk, nil)
	if err != nil {
		t.Fatal(err)
	}
	if q, err := s.AnswerQuestion(ctx, "g", "a1"); err != nil || q != res.Question {
		t.Errorf("AnswerQuestion = %q, %v", q, err)
	}
	if _, err := s.AnswerQuestion(ctx, "g", "expired"); !errors.Is(err, ErrAnswerGone) {
		t.Errorf("AnswerQuestion of an answer without a record = %v, want ErrAnswerGone", err)
	}
	for range 2 { // continued twice: the answer opens the history once
		if err := s.ContinueConversation(ctx, "g", "th", "u", "a1"); err != nil {
			t.Fatal(err)
		}
	}
	if !s.IsConversation(ctx, "th") {
		t.Error("the thread is not a conversation")
	}
	if h := s.history(ctx, "th"); len(h) != 1 || h[0].Question != res.Question || h[0].Answer != res.Answer.Text {
		t.Errorf("history = %+v", h)
	}
	p.conv.err = errDown
	if _, err := s.AnswerQuestion(ctx, "g", "a1"); err == nil || errors.Is(err, ErrAnswerGone) {
		t.Errorf("AnswerQuestion with the store down = %v, want an error other than ErrAnswerGone", err)
	}
	if err := s.ContinueConversation(ctx, "g", "th2", "u", "a1"); !errors.Is(err, errDown) {
		t.Errorf("ContinueConversation with the store down = %v", err)
	}
}

func TestReplyOpensTheHistoryWithTheRepliedAnswer(t *testing.T) {
	s, p := newService(Config{})
	ctx := context.Background()
	first, _ := s.Admit(ctx, Question{Surface: SurfaceSlash, GuildID: "g", AnswerID: "a1", Text: "Why does France object?"})
	res, _ := s.Answer(ctx, first, nil)
	reply, _ := s.Admit(ctx, Question{Surface: SurfaceMention, GuildID: "g", ConversationID: "th", ReplyTo: "a1", Text: "and Japan?"})
	if _, err := s.Answer(ctx, reply, nil); err != nil {
		t.Fatal(err)
	}
	if h := p.ans.requests()[1].History; len(h) != 1 || h[0].Answer != res.Answer.Text {
		t.Errorf("reply history = %+v", h)
	}
	if h := s.history(ctx, "th"); len(h) != 2 {
		t.Errorf("the conversation keeps %d turns, want the replied answer and the reply", len(h))
	}
}

// A reply to an earlier answer of a conversation is about that answer,
// not about the conversation's latest turn: the replied answer comes last
// in the history the reply is answered with, and when it has left the
// kept turns it joins them again, as it does a conversation that has none.
func TestReplyToAnEarlierAnswerIsAnsweredAfterIt(t *testing.T) {
	s, p := newService(Config{})
	ctx := context.Background()
	ask := func(id, replyTo, text string) string {
		t.Helper()
		tk, err := s.Admit(ctx, Question{Surface: SurfaceThread, GuildID: "g", ConversationID: "th", AnswerID: id, ReplyTo: replyTo, Text: text})
		if err != nil {
			t.Fatal(err)
		}
		res, err := s.Answer(ctx, tk, nil)
		if err != nil {
			t.Fatal(err)
		}
		return res.Question
	}
	first := ask("a1", "", "Why does France object?")
	ask("a2", "", "What did Japan say?")
	ask("a3", "", "And the United States?")
	ask("a4", "a1", "Why?")
	hist := p.ans.requests()[3].History
	if len(hist) != 3 || hist[len(hist)-1].Question != first {
		t.Fatalf("reply to the first answer: history = %+v, want the three turns with the replied one last", hist)
	}
	if h := s.history(ctx, "th"); len(h) != 4 {
		t.Errorf("the conversation keeps %d turns, want 4 (the replied answer once)", len(h))
	}
	// Pushed out of the kept turns, the replied answer still comes last,
	// and joins them again.
	for i := range historyKeep {
		ask(fmt.Sprintf("b%d", i), "", fmt.Sprintf("Question %d?", i))
	}
	ask("a5", "a1", "Who said so?")
	reqs := p.ans.requests()
	hist = reqs[len(reqs)-1].History
	if len(hist) != historyKeep+1 || hist[len(hist)-1].Question != first {
		t.Errorf("reply to an answer no longer kept: history = %+v, want the kept turns and the replied one last", hist)
	}
	if h := s.history(ctx, "th"); h[len(h)-2].Question != first {
		t.Errorf("after the reply the conversation keeps %+v, want the replied answer before the reply", h)
	}
}

func TestLooksLikeQuestion(t *testing.T) {
	for text, want := range map[string]bool{
		"Why does France oppose the office?":               true,
		"why does france oppose the office":                true,
		"Thanks. How many partners were invited":           true,
		"¿Qué dijo Macron?":                                true,
		"is the office in Tokyo":                           true,
		"thanks!":                                          false,
		"lol same":                                         false,
		"I think the summit went well.":                    false,
		"Whatever happened, the statement was strong.":     false,
		"Howdy all":                                        false,
		"The office in Tokyo. Interesting stuff, I guess.": false,
	} {
		if got := LooksLikeQuestion(text); got != want {
			t.Errorf("LooksLikeQuestion(%q) = %v, want %v", text, got, want)
		}
	}
}

func TestAutoAnswers(t *testing.T) {
	s, p := newService(Config{})
	p.guild.set = guild.Settings{Channels: map[string]guild.Rule{"forum": guild.RuleAuto, "chan": guild.RuleAllow}}
	ctx := context.Background()
	asked := 0
	parent := func(p string) func(context.Context) string {
		return func(context.Context) string { asked++; return p }
	}
	if !s.AutoAnswers(ctx, "g", "post", parent("forum")) || !s.AutoAnswers(ctx, "g", "forum", parent("")) {
		t.Error("a forum set to auto, or its post, does not auto-answer")
	}
	if asked != 1 {
		t.Errorf("parent looked up %d times, want once (for the post)", asked)
	}
	if s.AutoAnswers(ctx, "g", "other", parent("")) || s.AutoAnswers(ctx, "g", "chan", parent("")) || s.AutoAnswers(ctx, "", "forum", nil) {
		t.Error("auto-answers outside an auto channel")
	}
	p.guild.set = guild.Settings{Channels: map[string]guild.Rule{"chan": guild.RuleAllow}}
	asked = 0
	if s.AutoAnswers(ctx, "g", "post", parent("forum")) || asked != 0 {
		t.Errorf("a guild without auto channels: looked up the parent %d times", asked)
	}
	p.guild.err = errDown
	if s.AutoAnswers(ctx, "g", "forum", nil) {
		t.Error("auto-answers with the settings unavailable")
	}
}

type fakeObserver struct {
	mu       sync.Mutex
	outcomes []string
	stages   []string
}

func (o *fakeObserver) Question(surface, outcome string) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.outcomes = append(o.outcomes, surface+"/"+outcome)
}

func (o *fakeObserver) Stage(stage string, d time.Duration) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if d >= 0 {
		o.stages = append(o.stages, stage)
	}
}

func TestObserverHearsEveryOutcome(t *testing.T) {
	obs := &fakeObserver{}
	p := parts{ans: &fakeAnswerer{}, guild: &fakeGuilds{}, lim: &fakeLimiter{d: state.Decision{Allowed: true}}, conv: newConversations(), stats: &fakeStats{}, votes: &fakeVotes{}}
	s := New(Config{}, Deps{Answerer: p.ans, Guilds: p.guild, Limiter: p.lim, Observer: obs}, nil)
	ctx := context.Background()
	tk, _ := s.Admit(ctx, Question{Surface: SurfaceSlash, GuildID: "g", UserID: "u", Text: "Why?"})
	if _, err := s.Answer(ctx, tk, nil); err != nil {
		t.Fatal(err)
	}
	s.Admit(ctx, Question{Surface: SurfaceDM, Text: "👋"})
	p.lim.d = state.Decision{RetryAfter: time.Second}
	s.Admit(ctx, Question{Surface: SurfaceMention, GuildID: "g", UserID: "u", Text: "Why?"})
	p.guild.set = guild.Settings{Channels: map[string]guild.Rule{"c": guild.RuleDeny}}
	s.Admit(ctx, Question{Surface: SurfaceAuto, GuildID: "g", ChannelID: "c", Text: "Why?"})
	want := []string{"slash/answered", "dm/empty", "mention/rate_limited", "auto/channel_closed"}
	if !slices.Equal(obs.outcomes, want) {
		t.Errorf("outcomes = %v, want %v", obs.outcomes, want)
	}
	if !slices.Equal(obs.stages, []string{"first_text", "answer"}) {
		t.Errorf("stages = %v", obs.stages)
	}
	for a, want := range map[*answer.Answer]string{
		{Mode: answer.ModeApproved}:                                   "approved",
		{Mode: answer.ModeLLM, Cached: true}:                          "cached",
		{Mode: answer.ModeExtractive, Refused: true}:                  "refused",
		{Mode: answer.ModeExtractive, Usage: &answer.Usage{Calls: 1}}: "degraded",
		{Mode: answer.ModeLLM, Usage: &answer.Usage{Calls: 1}}:        "answered",
	} {
		if got := outcome(*a); got != want {
			t.Errorf("outcome(%+v) = %s, want %s", *a, got, want)
		}
	}
}

// waitingAnswerer waits, slot handed back, as the answering core does
// for the same question's answer being written by another asker; then
// writes its own, slot taken again.
type waitingAnswerer struct {
	fakeAnswerer
	waiting chan struct{}
	done    chan struct{}
}

func (w *waitingAnswerer) Ask(ctx context.Context, req answer.Request, onDelta func(string)) (answer.Answer, error) {
	if req.Question != "Same question?" {
		return w.fakeAnswerer.Ask(ctx, req, onDelta)
	}
	req.Slot.Release()
	w.waiting <- struct{}{}
	<-w.done
	if err := req.Slot.Take(ctx); err != nil {
		return answer.Answer{}, err
	}
	return w.fakeAnswerer.Ask(ctx, req, onDelta)
}

// A question waiting for another asker's answer holds no slot: with one
// slot, another question is answered meanwhile, not told the bot is busy.
func TestWaitingQuestionHoldsNoSlot(t *testing.T) {
	s, _ := newService(Config{Slots: 1, QueueWait: 50 * time.Millisecond})
	w := &waitingAnswerer{waiting: make(chan struct{}), done: make(chan struct{})}
	s.d.Answerer = w
	ctx := context.Background()
	same, _ := s.Admit(ctx, Question{Surface: SurfaceDM, UserID: "u1", Text: "Same question?"})
	errc := make(chan error, 1)
	go func() { _, err := s.Answer(ctx, same, nil); errc <- err }()
	<-w.waiting
	other, _ := s.Admit(ctx, Question{Surface: SurfaceDM, UserID: "u2", Text: "Other question?"})
	if _, err := s.Answer(ctx, other, nil); err != nil {
		t.Errorf("another question while one waits: %v", err)
	}
	close(w.done)
	if err := <-errc; err != nil {
		t.Errorf("the waiting question, its own answer written: %v", err)
	}
	// Every slot is free again.
	release, err := s.Hold(ctx)
	if err != nil {
		t.Fatalf("a slot after both: %v", err)
	}
	release()
}

// A member is told what each click did: a first vote, the same vote again
// (kept as cast, its time too, so that the moderators' period counts do
// not move), the other vote (which replaces it). Another member's vote on
// the same answer is their own.
func TestVoteSaysWhatTheClickChanged(t *testing.T) {
	s, p := newService(Config{})
	ctx := context.Background()
	steps := []struct {
		user string
		up   bool
		want VoteOutcome
	}{
		{"u", true, VoteRecorded},
		{"u", true, VoteUnchanged},
		{"u", false, VoteChanged},
		{"u", false, VoteUnchanged},
		{"u", true, VoteChanged},
		{"w", true, VoteRecorded},
	}
	for n, st := range steps {
		got, err := s.Vote(ctx, Vote{GuildID: "g", UserID: st.user, AnswerID: "a1", Up: st.up})
		if err != nil {
			t.Fatal(err)
		}
		if got != st.want {
			t.Errorf("step %d (%s up=%v): outcome %d, want %d", n, st.user, st.up, got, st.want)
		}
	}
	vs := p.votes.votes
	if len(vs) != len(steps) || !vs[1].At.Equal(vs[0].At) || vs[2].At.Before(vs[0].At) || !vs[3].At.Equal(vs[2].At) {
		t.Errorf("votes stored = %+v, want each click stored, a repeated vote with its first time", vs)
	}
	// The earlier vote unreadable: a click is a first vote again, and stored.
	p.votes.lastErr = errDown
	if got, err := s.Vote(ctx, Vote{GuildID: "g", UserID: "u", AnswerID: "a1", Up: true}); err != nil || got != VoteRecorded || len(p.votes.votes) != len(steps)+1 {
		t.Errorf("vote with the earlier vote unreadable = %d, %v; want VoteRecorded, stored", got, err)
	}
}

// A button's answer id is whatever the client sends: an answer given in
// another server is none of this one's — not its question (a thread's
// name, a vote's record), not its history, not a reply's context.
func TestAnotherServersAnswerIsNotRead(t *testing.T) {
	s, p := newService(Config{})
	ctx := context.Background()
	tk, _ := s.Admit(ctx, Question{Surface: SurfaceSlash, GuildID: "g", AnswerID: "a1", Text: "Why does France object?"})
	if _, err := s.Answer(ctx, tk, nil); err != nil {
		t.Fatal(err)
	}
	if q, err := s.AnswerQuestion(ctx, "other", "a1"); !errors.Is(err, ErrAnswerGone) || q != "" {
		t.Errorf("AnswerQuestion from another server = %q, %v", q, err)
	}
	if err := s.ContinueConversation(ctx, "other", "th", "u", "a1"); err != nil {
		t.Fatal(err)
	}
	if h := s.history(ctx, "th"); len(h) != 0 {
		t.Errorf("another server's thread opened with the answer: %+v", h)
	}
	if _, err := s.Vote(ctx, Vote{GuildID: "other", UserID: "u", AnswerID: "a1", Up: true, Shown: "shown"}); err != nil {
		t.Fatal(err)
	}
	if vs := p.votes.votes; len(vs) != 1 || vs[0].Question != "" || vs[0].Answer != "shown" {
		t.Errorf("a vote from another server recorded the answer's question: %+v", vs)
	}
	reply, _ := s.Admit(ctx, Question{Surface: SurfaceMention, GuildID: "other", ConversationID: "th2", ReplyTo: "a1", Text: "and Japan?"})
	if _, err := s.Answer(ctx, reply, nil); err != nil {
		t.Fatal(err)
	}
	if h := p.ans.requests()[1].History; len(h) != 0 {
		t.Errorf("a reply in another server got the answer as context: %+v", h)
	}
}
