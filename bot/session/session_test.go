package session

import (
	"context"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/briefbot/briefbot/bot/answer"
	"github.com/briefbot/briefbot/knowledge"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(time.Minute)
	return c.t
}

type env struct {
	st   *memStorage
	opts Options
	s    *Store
}

func setup(t *testing.T) env {
	t.Helper()
	st := newMem()
	clk := &clock{t: time.Date(2024, 7, 11, 14, 0, 0, 0, time.UTC)}
	srcs, err := knowledge.Sources("")
	if err != nil {
		t.Fatal(err)
	}
	c, err := knowledge.Build(srcs)
	if err != nil {
		t.Fatal(err)
	}
	opts := Options{Now: clk.now, Briefing: c.Briefing}
	return env{st, opts, NewStore(st, opts)}
}

// restarted is a Store as a restarted bot process has it: a new Store
// over the same storage.
func (e env) restarted(*testing.T) *Store { return NewStore(e.st, e.opts) }

var ctx = context.Background()

func must[T any](t *testing.T) func(T, error) T {
	return func(v T, err error) T {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
}

func TestStartGetEnd(t *testing.T) {
	e := setup(t)
	sess := must[Session](t)(e.s.Start(ctx, "g1", "t1", "NATO in Asia", "nato-indo-pacific-2024", true, "edu"))
	if _, err := e.s.Start(ctx, "g1", "t1", "again", "x", false, "edu"); !errors.Is(err, ErrExists) {
		t.Errorf("second start: %v", err)
	}
	got := must[Session](t)(e.restarted(t).Get(ctx, "t1"))
	if !reflect.DeepEqual(got, sess) {
		t.Errorf("get %+v, want %+v", got, sess)
	}
	if _, err := e.s.Get(ctx, "nope"); !errors.Is(err, ErrNotFound) {
		t.Errorf("get unknown: %v", err)
	}
	withPanel := must[Session](t)(e.s.SetPanel(ctx, "t1", "m1"))
	if got := must[Session](t)(e.restarted(t).Get(ctx, "t1")); got.PanelID != "m1" || !reflect.DeepEqual(withPanel, got) {
		t.Errorf("panel: %+v, stored %+v", withPanel, got)
	}
	if _, err := e.s.SetPanel(ctx, "nope", "m1"); !errors.Is(err, ErrNotFound) {
		t.Errorf("panel of an unknown session: %v", err)
	}
	ended, first, err := e.s.End(ctx, "t1")
	if err != nil || !first {
		t.Fatalf("end: first %v, %v", first, err)
	}
	again, first, err := e.s.End(ctx, "t1")
	if err != nil || first {
		t.Fatalf("end again: first %v, %v", first, err)
	}
	if !ended.Ended() || again.EndedAt != ended.EndedAt {
		t.Errorf("end: %+v then %+v", ended, again)
	}
	if _, _, err := e.s.Add(ctx, "t1", "u", "", "late question?"); !errors.Is(err, ErrEnded) {
		t.Errorf("add after end: %v", err)
	}
	if _, _, err := e.s.Add(ctx, "nope", "u", "", "q?"); !errors.Is(err, ErrNotFound) {
		t.Errorf("add without session: %v", err)
	}
}

// TestSkippedQuestionTakesNoMore: the same question asked again after it
// was skipped is queued anew, not merged into one that will never be
// answered; asked again after it was answered, it joins that one.
func TestSkippedQuestionTakesNoMore(t *testing.T) {
	e := setup(t)
	must[Session](t)(e.s.Start(ctx, "g", "t", "T", "nato-indo-pacific-2024", false, "edu"))
	if _, _, err := e.s.Add(ctx, "t", "ann", "", "Who is in the Quad?"); err != nil {
		t.Fatal(err)
	}
	must[Question](t)(e.s.Skip(ctx, "t", "q1", 0))
	q, merged, err := e.s.Add(ctx, "t", "bob", "", "who is in the quad")
	if err != nil || merged || q.ID != "q2" || q.Status != StatusQueued {
		t.Fatalf("asked again after a skip: %s %s merged %v, %v; want q2 queued", q.ID, q.Status, merged, err)
	}
	must[Question](t)(e.s.SetDraft(ctx, "t", "q2", 0, draft()))
	must[Question](t)(e.s.MarkPosted(ctx, "t", "q2"))
	q, merged, err = e.s.Add(ctx, "t", "cat", "", "Who is in the Quad?")
	if err != nil || !merged || q.ID != "q2" || q.Status != StatusPosted || q.Votes != 2 {
		t.Errorf("asked again after the answer: %s %s merged %v votes %d, %v; want q2 posted, merged, 2 votes", q.ID, q.Status, merged, q.Votes, err)
	}
}

func TestQueueMergeVotesNext(t *testing.T) {
	e := setup(t)
	must[Session](t)(e.s.Start(ctx, "g", "t", "T", "nato-indo-pacific-2024", false, "edu"))
	adds := []struct {
		user, text string
		wantID     string
		wantMerged bool
		wantVotes  int
	}{
		{"ann", "Why does France oppose a NATO office in Tokyo?", "q1", false, 1},
		{"bob", "why does france oppose a nato office in tokyo", "q1", true, 2},   // equal after normalising
		{"cat", "Why is France opposed to NATO's Tokyo office?", "q1", true, 3},   // content-word overlap
		{"ann", "Why does France oppose a NATO office in Tokyo??", "q1", true, 3}, // same asker: no new vote
		{"dan", "Who is in the Quad?", "q2", false, 1},
		{"eve", "What is AUKUS?", "q3", false, 1},
		{"fay", "What does China think of NATO in Asia?", "q4", false, 1},
		{"gus", "Why does Japan oppose a NATO office in Seoul?", "q5", false, 1}, // overlap below 0.6
	}
	for _, a := range adds {
		q, merged, err := e.s.Add(ctx, "t", a.user, "", a.text)
		if err != nil {
			t.Fatal(err)
		}
		if q.ID != a.wantID || merged != a.wantMerged || q.Votes != a.wantVotes {
			t.Errorf("add %q: %s merged %v votes %d, want %s %v %d", a.text, q.ID, merged, q.Votes, a.wantID, a.wantMerged, a.wantVotes)
		}
	}
	q1 := must[Question](t)(e.s.Question(ctx, "t", "q1"))
	if strings.Join(q1.Askers, ",") != "ann,bob,cat" || q1.Text != adds[0].text {
		t.Errorf("q1 askers %v text %q", q1.Askers, q1.Text)
	}
	next := func(want string) {
		t.Helper()
		q, ok, err := e.restarted(t).Next(ctx, "t")
		if err != nil || !ok || q.ID != want {
			t.Fatalf("next = %s %v %v, want %s", q.ID, ok, err, want)
		}
	}
	next("q1")
	// Votes: idempotent per member, and they reorder the queue; ties go to
	// the older question.
	votes := []struct {
		q, user   string
		wantVotes int
		wantAdded bool
	}{
		{"q3", "x", 2, true}, {"q3", "x", 2, false}, {"q3", "eve", 2, false},
		{"q4", "x", 2, true}, {"q4", "y", 3, true}, {"q3", "y", 3, true},
	}
	for _, v := range votes {
		n, added, err := e.s.Upvote(ctx, "t", v.q, v.user)
		if err != nil || n != v.wantVotes || added != v.wantAdded {
			t.Errorf("upvote %s by %s: %d %v %v, want %d %v", v.q, v.user, n, added, err, v.wantVotes, v.wantAdded)
		}
	}
	next("q1") // q1, q3, q4 have 3 votes; q1 is oldest
	must[Question](t)(e.s.SetDraft(ctx, "t", "q1", 0, draft()))
	must[Question](t)(e.s.MarkPosted(ctx, "t", "q1"))
	next("q3")
	must[Question](t)(e.s.Skip(ctx, "t", "q3", 0))
	next("q4")
	if _, _, err := e.s.Upvote(ctx, "t", "q99", "x"); !errors.Is(err, ErrNotFound) {
		t.Errorf("upvote unknown: %v", err)
	}
	// A skipped question takes no votes: it will not be answered.
	if _, _, err := e.s.Upvote(ctx, "t", "q3", "z"); !errors.Is(err, ErrState) {
		t.Errorf("upvote skipped: %v", err)
	}
	// Voting on a posted question counts but does not requeue it.
	if n, _, err := e.s.Upvote(ctx, "t", "q1", "z"); err != nil || n != 4 {
		t.Errorf("upvote posted: %d %v", n, err)
	}
	next("q4")
	for _, id := range []string{"q2", "q4", "q5"} {
		must[Question](t)(e.s.Skip(ctx, "t", id, 0))
	}
	if _, ok, err := e.s.Next(ctx, "t"); ok || err != nil {
		t.Errorf("next on empty queue: %v %v", ok, err)
	}
}

func draft() answer.Answer {
	return answer.Answer{
		Text: "Macron fears a NATO office in Tokyo would provoke China [1]. NATO leaders met for the 75th anniversary summit [2].",
		Citations: []answer.Citation{
			{N: 1, Briefing: "NATO's push", Paragraph: 11, ChunkID: "nato-indo-pacific-2024#p11", Quote: "French President Emmanuel Macron has expressed concerns that establishing a NATO office in Tokyo could unnecessarily provoke China and complicate European efforts to maintain a balanced relationship with Beijing."},
			{N: 2, Briefing: "NATO's push", Paragraph: 1, ChunkID: "nato-indo-pacific-2024#p1", Quote: "As NATO leaders gather in Washington D.C. for their 75th anniversary summit, the transatlantic alliance finds itself at a crossroads."},
		},
		Mode: answer.ModeExtractive, KnowledgeVersion: "v1",
	}
}

func TestCheckEdit(t *testing.T) {
	tests := []struct {
		name, text string
		wantErr    string // substring; "" = accepted
		wantText   string
		wantCites  []int // paragraphs of the kept citations, in order
	}{
		{"kept as is", draft().Text, "", draft().Text, []int{11, 1}},
		{"shortened, renumbered", "The summit was the 75th [2]. Macron fears provoking China [1].", "",
			"The summit was the 75th [1]. Macron fears provoking China [2].", []int{1, 11}},
		{"one citation dropped", "Macron worries about provoking China [1].", "", "Macron worries about provoking China [1].", []int{11}},
		{"new marker", "Macron objects [3].", "[3] points to no citation", "", nil},
		{"marker zero", "Macron objects [0].", "[0] points to no citation", "", nil},
		{"no marker", "Macron objects.", "cites nothing", "", nil},
		{"a statement of what the passages do not say", "Macron objects [1]. No date is given.", "", "Macron objects [1]. No date is given.", []int{11}},
		{"a false statement of absence", "Macron objects [1]. Macron isn't named.", "cites nothing", "", nil},
		{"a false statement of absence with a marker", "Macron objects [1]. Macron isn't named [1].", "says the briefing does not say something its passages do say", "", nil},
		{"statements of absence alone", "No date is given. It doesn't say who.", "cites no passage", "", nil},
		{"name not in quote", "Japan objects [1].", "Japan is not in the passages", "", nil},
		{"link", "Macron objects, see https://evil.example [1].", "holds a link", "", nil},
		{"code block", "Macron objects [1].\n~~~ [1]\nrun this now [1].\n~~~ [1]", "\"run this now.\" holds a link, a mention or code", "", nil},
		{"a block quote kept to its line", ">>> Macron worries about provoking China [1].", "", "> Macron worries about provoking China [1].", []int{11}},
		{"a no alone", "No [1].", "says nothing its citation can support", "", nil},
		{"figure not in quote", "It was the 80th summit [2].", "80 is not in the passages", "", nil},
		{"figure cites nothing", "It was the 75th summit. Macron objects [1].", "cites nothing", "", nil},
		{"figure in wrong quote", "It was the 75th summit [1].", "75 is not in the passages", "", nil},
		{"a list's lead-in checked with its item", "Macron's worries:\n- provoking China [1]", "",
			"Macron's worries:\n- provoking China [1]", []int{11}},
		{"a list's lead-in naming what its item's passage lacks", "Japan's worries:\n- provoking China [1]", "cites nothing", "", nil},
		{"a list's lead-in with nothing under it", "Macron's worries [1]:", "introduces a list, but no item under it passes", "", nil},
		{"empty", "   ", "1-4000 characters", "", nil},
		// What the Edit form holds can be saved: a long draft, one word
		// changed, is longer than one Discord message.
		{"longer than a message", strings.Repeat("Macron fears provoking China [1]. ", 80), "",
			strings.TrimSpace(strings.Repeat("Macron fears provoking China [1]. ", 80)), []int{11}},
		{"longer than the form", strings.Repeat("Macron fears provoking China [1]. ", 130), "1-4000 characters", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := CheckEdit(draft(), tt.text)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if a.Text != tt.wantText {
				t.Errorf("text %q, want %q", a.Text, tt.wantText)
			}
			var paras []int
			for i, c := range a.Citations {
				paras = append(paras, c.Paragraph)
				if c.N != i+1 {
					t.Errorf("citation %d numbered %d", i+1, c.N)
				}
			}
			if len(paras) != len(tt.wantCites) || (len(paras) > 0 && paras[0] != tt.wantCites[0]) {
				t.Errorf("citations %v, want %v", paras, tt.wantCites)
			}
		})
	}
}

// An edit that turns its passage's denial round is refused, saying so.
func TestCheckEditDenialTurnedRound(t *testing.T) {
	d := draft()
	d.Citations = append(d.Citations, answer.Citation{N: 3, Briefing: "NATO's push", Paragraph: 3, ChunkID: "nato-indo-pacific-2024#p3",
		Quote: "Japan, South Korea, Australia, and New Zealand have been invited to the NATO summit for the third consecutive year, but this outreach has not translated into widespread enthusiasm for NATO’s increased presence in the region."})
	if _, err := CheckEdit(d, "Macron objects [1]. The outreach has not translated into widespread enthusiasm [3]."); err != nil {
		t.Fatalf("the denial kept: %v", err)
	}
	_, err := CheckEdit(d, "Macron objects [1]. The outreach has translated into widespread enthusiasm [3].")
	if want := "goes against its passage, which says “… not translated into widespread …”"; err == nil || !strings.Contains(err.Error(), want) {
		t.Fatalf("err = %v, want %q", err, want)
	}
}

func TestDraftFlows(t *testing.T) {
	e := setup(t)
	must[Session](t)(e.s.Start(ctx, "g", "ta", "T", "b", true, "edu"))
	must[Session](t)(e.s.Start(ctx, "g", "tn", "T", "b", false, "edu"))
	for _, th := range []string{"ta", "tn"} {
		for _, q := range []string{"Why does France object?", "Who is in the Quad?", "What is AUKUS?"} {
			must[Question](t)(func() (Question, error) { q, _, err := e.s.Add(ctx, th, "u", "", q); return q, err }())
		}
	}
	type step struct {
		op      string // draft, approve, edit, skip, post
		q, text string
		want    Status
		wantErr error
	}
	run := func(th string, steps []step) {
		t.Helper()
		for i, st := range steps {
			s := e.s
			if i%2 == 1 {
				s = e.restarted(t)
			}
			var q Question
			var err error
			// The revision the educator sees (an edit makes a new one).
			var rev int
			if cur, err := e.s.Question(ctx, th, st.q); err == nil {
				rev = cur.Rev
			}
			switch st.op {
			case "draft":
				q, err = s.SetDraft(ctx, th, st.q, rev, draft())
			case "approve":
				q, err = s.Approve(ctx, th, st.q, rev)
			case "edit":
				q, err = s.Edit(ctx, th, st.q, rev, st.text)
			case "skip":
				q, err = s.Skip(ctx, th, st.q, rev)
			case "post":
				q, err = s.MarkPosted(ctx, th, st.q)
			}
			if st.wantErr != nil {
				if !errors.Is(err, st.wantErr) {
					t.Errorf("%s step %d %s %s: err %v, want %v", th, i, st.op, st.q, err, st.wantErr)
				}
				continue
			}
			if err != nil {
				t.Fatalf("%s step %d %s %s: %v", th, i, st.op, st.q, err)
			}
			if q.Status != st.want {
				t.Errorf("%s step %d %s %s: status %s, want %s", th, i, st.op, st.q, q.Status, st.want)
			}
			got := must[Question](t)(e.s.Question(ctx, th, st.q))
			if got.Status != st.want {
				t.Errorf("%s step %d: stored status %s, want %s", th, i, got.Status, st.want)
			}
		}
	}
	run("ta", []step{
		{op: "post", q: "q1", wantErr: ErrState}, // nothing drafted
		{op: "approve", q: "q1", wantErr: ErrState},
		{op: "draft", q: "q1", want: StatusDrafted},
		{op: "post", q: "q1", wantErr: ErrNotApproved},
		{op: "approve", q: "q1", want: StatusApproved},
		{op: "post", q: "q1", want: StatusPosted},
		{op: "post", q: "q1", wantErr: ErrState}, // exactly one post
		{op: "draft", q: "q1", wantErr: ErrState},
		{op: "draft", q: "q2", want: StatusDrafted},
		{op: "edit", q: "q2", text: "France objects [7].", wantErr: ErrCitations},
		{op: "edit", q: "q2", text: "Macron fears provoking China [1].", want: StatusApproved},
		{op: "post", q: "q2", want: StatusPosted},
		{op: "skip", q: "q2", wantErr: ErrState},
		{op: "skip", q: "q3", want: StatusSkipped},
		{op: "skip", q: "q9", wantErr: ErrNotFound},
	})
	run("tn", []step{
		{op: "draft", q: "q1", want: StatusDrafted},
		{op: "post", q: "q1", want: StatusPosted}, // no approval needed
		{op: "edit", q: "q1", text: "x [1].", wantErr: ErrState},
	})
	q2 := must[Question](t)(e.s.Question(ctx, "ta", "q2"))
	if !q2.Edited || q2.Draft.Text != "Macron fears provoking China [1]." || len(q2.Draft.Citations) != 1 {
		t.Errorf("edited draft: %+v", q2.Draft)
	}
}

// goldenSession is a session's whole life over three "processes"
// (stores on new clients), ended: a question answered after an edit,
// one answered, two not covered (one skipped), one skipped, one never
// reached.
func goldenSession(t *testing.T) env {
	t.Helper()
	e := setup(t)
	must[Session](t)(e.s.Start(ctx, "g", "t", "NATO in Asia: live Q&A", "nato-indo-pacific-2024", true, "edu"))
	add := func(s *Store, user, text string) {
		t.Helper()
		if _, _, err := s.Add(ctx, "t", user, "", text); err != nil {
			t.Fatal(err)
		}
	}
	add(e.s, "ann", "Why does France oppose a NATO office in Tokyo?")
	add(e.s, "bob", "Who won the 2022 FIFA World Cup?")
	add(e.s, "cat", "why does france oppose a nato office in tokyo")
	add(e.s, "dan", "What is AUKUS?")
	add(e.s, "eve", "## Ignore this\nIs NATO opening a base in Taiwan?")
	add(e.s, "fay", "Who is in the Quad?")

	s2 := e.restarted(t) // the bot restarted
	for _, u := range []string{"x", "y"} {
		if _, _, err := s2.Upvote(ctx, "t", "q2", u); err != nil {
			t.Fatal(err)
		}
	}
	must[Question](t)(s2.SetDraft(ctx, "t", "q1", 0, draft()))
	must[Question](t)(s2.Edit(ctx, "t", "q1", 0, "Macron fears a NATO office in Tokyo could provoke China [1]."))
	must[Question](t)(s2.MarkPosted(ctx, "t", "q1"))
	must[Question](t)(s2.SetDraft(ctx, "t", "q2", 0, answer.Answer{Text: "The briefing doesn't say.", Refused: true, Mode: answer.ModeExtractive}))
	must[Question](t)(s2.Approve(ctx, "t", "q2", 0))
	must[Question](t)(s2.MarkPosted(ctx, "t", "q2"))

	s3 := e.restarted(t)                          // and again
	must[Question](t)(s3.Skip(ctx, "t", "q3", 0)) // AUKUS (q3: cat's question merged into q1)
	q4 := answer.Answer{Text: "The Quad comprises the U.S., Japan, Australia and India [1].", Citations: []answer.Citation{{N: 1, Paragraph: 20,
		ChunkID: "nato-indo-pacific-2024#p20", Quote: "One approach could be to enhance cooperation between NATO and existing Indo-Pacific security frameworks, such as the Quad (comprising the U.S., Japan, Australia, and India) or the AUKUS partnership between Australia, the UK, and the U.S."}}}
	must[Question](t)(s3.SetDraft(ctx, "t", "q5", 0, q4))
	must[Question](t)(s3.Approve(ctx, "t", "q5", 0))
	must[Question](t)(s3.MarkPosted(ctx, "t", "q5"))
	// Taiwan: refused, then skipped; listed as not covered.
	must[Question](t)(s3.SetDraft(ctx, "t", "q4", 0, answer.Answer{Text: "Not covered.", Refused: true}))
	must[Question](t)(s3.Skip(ctx, "t", "q4", 0))
	add(s3, "gus", "What does China think of NATO in Asia?")
	must[Session](t)(endOf(s3.End(ctx, "t")))
	// q6 (gus) was never reached.
	return e
}

// The golden session rendered as a transcript in English and compared
// with the golden file.
func TestTranscriptGolden(t *testing.T) {
	e := goldenSession(t)
	got := must[string](t)(e.restarted(t).Transcript(ctx, "t", EnglishTranscript))
	// A TranscriptText left empty is English.
	if zero := must[string](t)(e.s.Transcript(ctx, "t", TranscriptText{})); zero != got {
		t.Errorf("TranscriptText{} is not English:\n%s", zero)
	}
	path := filepath.Join("testdata", "transcript.golden")
	if *update {
		os.MkdirAll("testdata", 0o755)
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./bot/session -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("transcript differs from %s (go test ./bot/session -update after checking):\n%s", path, got)
	}
}

// A refused draft edited into an answer is checked as an answer whatever
// form its markers take: "［１］" and "[١]" are markers too, and the
// sentence citing them must stand on the quote.
func TestCheckEditRefusalWithMarkersInOtherForms(t *testing.T) {
	d := draft()
	d.Refused = true
	for _, text := range []string{"Japan objects [1].", "Japan objects ［１］.", "Japan objects [١].", "Japan objects [1, 2]."} {
		if _, err := CheckEdit(d, text); err == nil || !strings.Contains(err.Error(), "Japan is not in the passages") {
			t.Errorf("%q: err = %v, want the name checked against the quote", text, err)
		}
	}
}

// A draft that lands after the question was drafted (and maybe approved
// or edited) keeps what is there: the draft started at the question's
// arrival finishes after /session next drafted it and the educator
// approved or edited that draft. It used to replace it, approval and
// edit gone, the question back to drafted.
func TestSetDraftKeepsTheDraftThere(t *testing.T) {
	e := setup(t)
	must[Session](t)(e.s.Start(ctx, "g", "t", "T", "b", true, "edu"))
	for _, text := range []string{"Why does France object?", "Who is in the Quad?", "What is AUKUS?"} {
		must[Question](t)(func() (Question, error) { q, _, err := e.s.Add(ctx, "t", "u", "", text); return q, err }())
	}
	late := answer.Answer{Text: "A late draft [1].", Citations: draft().Citations}
	must[Question](t)(e.s.SetDraft(ctx, "t", "q1", 0, draft()))
	must[Question](t)(e.s.Approve(ctx, "t", "q1", 0))
	must[Question](t)(e.s.SetDraft(ctx, "t", "q2", 0, draft()))
	must[Question](t)(e.s.Edit(ctx, "t", "q2", 0, "Macron fears provoking China [1]."))
	must[Question](t)(e.s.SetDraft(ctx, "t", "q3", 0, draft()))
	for _, c := range []struct {
		id, text string
		status   Status
		edited   bool
	}{
		{"q1", draft().Text, StatusApproved, false},
		{"q2", "Macron fears provoking China [1].", StatusApproved, true},
		{"q3", draft().Text, StatusDrafted, false},
	} {
		got, err := e.restarted(t).SetDraft(ctx, "t", c.id, 0, late)
		if c.edited {
			// The educator's edit is a new revision: a draft asked for
			// before it is refused outright.
			if !errors.Is(err, ErrChanged) {
				t.Errorf("%s: late draft after an edit: %v", c.id, err)
			}
			got = must[Question](t)(e.s.Question(ctx, "t", c.id))
		} else if err != nil {
			t.Fatalf("%s: late draft: %v", c.id, err)
		}
		stored := must[Question](t)(e.s.Question(ctx, "t", c.id))
		for _, q := range []Question{got, stored} {
			if q.Draft == nil || q.Draft.Text != c.text || q.Status != c.status || q.Edited != c.edited {
				t.Errorf("%s after a late draft: %+v, want %q %s edited %v", c.id, q, c.text, c.status, c.edited)
			}
		}
	}
}

// A member may have MaxWaitingPerMember questions waiting and a session
// MaxWaiting: a new question past either is refused, saying the limit; a
// near-duplicate is merged whatever the limits, and a question that stops
// waiting makes room. There were no limits: one member could queue (and
// have drafted) any number of questions.
func TestAddLimitsWaitingQuestions(t *testing.T) {
	e := setup(t)
	opts := e.opts
	opts.MaxWaitingPerMember, opts.MaxWaiting = 2, 3
	s := NewStore(e.st, opts)
	must[Session](t)(s.Start(ctx, "g", "t", "T", "b", false, "edu"))
	add := func(user, text string) (Question, bool, error) { return s.Add(ctx, "t", user, "", text) }
	must[Question](t)(func() (Question, error) { q, _, err := add("ann", "Why does France object?"); return q, err }())
	must[Question](t)(func() (Question, error) { q, _, err := add("ann", "Who is in the Quad?"); return q, err }())
	var full *FullError
	if _, _, err := add("ann", "What is AUKUS?"); !errors.Is(err, ErrMemberFull) || !errors.As(err, &full) || full.Limit != 2 {
		t.Errorf("ann's third waiting question: %v", err)
	}
	if q, merged, err := add("ann", "who is in the quad??"); err != nil || !merged || q.ID != "q2" {
		t.Errorf("ann's near-duplicate at her limit: %s merged %v, %v", q.ID, merged, err)
	}
	must[Question](t)(func() (Question, error) { q, _, err := add("bob", "What is AUKUS?"); return q, err }())
	if _, _, err := add("cat", "What did Lin Jian say?"); !errors.Is(err, ErrQueueFull) || !errors.As(err, &full) || full.Limit != 3 {
		t.Errorf("a question past the session's limit: %v", err)
	}
	if q, merged, err := add("cat", "Who is in the Quad?"); err != nil || !merged || q.Votes != 2 {
		t.Errorf("an upvote by asking again, the queue full: %+v merged %v, %v", q, merged, err)
	}
	must[Question](t)(s.Skip(ctx, "t", "q1", 0))
	if q, merged, err := add("ann", "How many astronauts will the base house?"); err != nil || merged || q.Status != StatusQueued {
		t.Errorf("ann's question once one of hers was skipped: %+v %v", q, err)
	}
	// The defaults.
	d := NewStore(e.st, e.opts)
	if d.maxMember != DefaultMaxWaitingPerMember || d.maxWaiting != DefaultMaxWaiting {
		t.Errorf("defaults %d %d", d.maxMember, d.maxWaiting)
	}
}

// endOf is End's session and error, for must.
func endOf(sess Session, _ bool, err error) (Session, error) { return sess, err }
