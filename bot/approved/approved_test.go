package approved

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/briefbot/briefbot/bot/answer"
	"github.com/briefbot/briefbot/knowledge"
)

const (
	g  = "1001"
	v1 = "v1"
)

func corpus(version string, texts map[int]string) knowledge.Corpus {
	c := knowledge.Corpus{Version: version}
	for _, p := range []int{3, 4, 11} {
		if t, ok := texts[p]; ok {
			c.Chunks = append(c.Chunks, knowledge.Chunk{ID: citation(0, p, "").ChunkID, BriefingID: "nato", Title: title, Paragraph: p, Text: t})
		}
	}
	return c
}

// france is the pipeline's answer to the France question, citing
// paragraphs 11 and 4.
var france = answer.Answer{
	Text:             "Macron fears that a NATO office in Tokyo would provoke China [1]. Asian countries are wary of a Cold War-style confrontation [2].",
	Citations:        []answer.Citation{citation(1, 11, p11), citation(2, 4, p4)},
	Mode:             answer.ModeLLM,
	KnowledgeVersion: v1,
}

// quad cites paragraph 3 only.
var quad = answer.Answer{
	Text:             "Japan, South Korea, Australia and New Zealand were invited for the third year [1].",
	Citations:        []answer.Citation{citation(1, 3, p3)},
	Mode:             answer.ModeExtractive,
	KnowledgeVersion: v1,
}

func TestApproveAndLookup(t *testing.T) {
	ctx := context.Background()
	st := newMem()
	s := New(st)
	e, err := s.Approve(ctx, g, "Why does France oppose a NATO office in Tokyo?", france, "", "77")
	if err != nil {
		t.Fatal(err)
	}
	if e.ID != "1" || len(e.Chunks) != 2 || e.Chunks[0].ChunkID != "nato#p11" || e.Chunks[0].Hash != hashText(p11) {
		t.Errorf("entry = %+v", e)
	}
	// Another store (a restarted bot) serves it.
	other := New(st)
	tests := []struct {
		name, guild, q, version string
		want                    bool
	}{
		{"exact", g, "Why does France oppose a NATO office in Tokyo?", v1, true},
		{"normalised", g, "why does france oppose a nato office in tokyo", v1, true},
		{"near-equal", g, "Why does France oppose the NATO offices in Tokyo?", v1, true},
		{"near-equal, an extra word", g, "Why exactly does France oppose a NATO office in Tokyo?", v1, true},
		{"different city", g, "Why does France oppose a NATO office in Seoul?", v1, false},
		{"negated", g, "Why does France not oppose a NATO office in Tokyo?", v1, false},
		{"negated with never", g, "Why does France never oppose a NATO office in Tokyo?", v1, false},
		{"other question word", g, "When does France oppose a NATO office in Tokyo?", v1, false},
		{"no question word", g, "Does France oppose a NATO office in Tokyo?", v1, false},
		{"other question", g, "Who is in the Quad?", v1, false},
		{"other version", g, "Why does France oppose a NATO office in Tokyo?", "v2", false},
		{"other guild", "1002", "Why does France oppose a NATO office in Tokyo?", v1, false},
		{"no guild (DM)", "", "Why does France oppose a NATO office in Tokyo?", v1, false},
	}
	for _, tt := range tests {
		a, ok, err := other.Lookup(ctx, tt.guild, tt.q, tt.version)
		if err != nil || ok != tt.want {
			t.Errorf("%s: Lookup = %v, %v; want %v", tt.name, ok, err, tt.want)
			continue
		}
		if ok && (a.Mode != answer.ModeApproved || a.Text != france.Text || len(a.Citations) != 2 || a.KnowledgeVersion != v1) {
			t.Errorf("%s: served %+v", tt.name, a)
		}
	}

	// Approving the same question again replaces it, same id.
	edited := "Macron fears that a NATO office in Tokyo would provoke China [1]."
	e2, err := s.Approve(ctx, g, "why does France oppose a NATO office in Tokyo", france, edited, "78")
	if err != nil || e2.ID != "1" || len(e2.Answer.Citations) != 1 {
		t.Fatalf("re-approve: %+v, %v", e2, err)
	}
	if a, _, _ := s.Lookup(ctx, g, "Why does France oppose a NATO office in Tokyo?", v1); a.Text != edited {
		t.Errorf("served %q after edit", a.Text)
	}
	list, err := s.List(ctx, g)
	if err != nil || len(list) != 1 || list[0].By != "78" {
		t.Errorf("list = %+v, %v", list, err)
	}
}

func TestApproveRejects(t *testing.T) {
	ctx := context.Background()
	s := New(newMem())
	refused := answer.Answer{Refused: true, KnowledgeVersion: v1}
	noVersion := quad
	noVersion.KnowledgeVersion = ""
	tests := []struct {
		name   string
		q      string
		a      answer.Answer
		edited string
		want   string
	}{
		{"unsupported figure", "Who is in the Quad?", quad, "Japan and Australia were invited for the third year [1]. NATO has 32 members [1].", `"NATO has 32 members." mentions 32, not in the cited passage(s) [1]`},
		{"unsupported name", "Who is in the Quad?", quad, "India was invited [1].", "mentions India"},
		{"marker out of range", "Who is in the Quad?", quad, "Japan was invited [2].", "cites [2]"},
		{"refusal", "Who won the World Cup?", refused, "", "a refusal has nothing to approve"},
		{"no version", "Who is in the Quad?", noVersion, "", "no knowledge version"},
		{"empty question", " ?! ", quad, "", "empty question"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := s.Approve(ctx, g, tt.q, tt.a, tt.edited, "77")
			if !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want ErrInvalid with %q", err, tt.want)
			}
		})
	}
	if list, _ := s.List(ctx, g); len(list) != 0 {
		t.Errorf("rejected approvals stored: %+v", list)
	}
}

func TestRevalidate(t *testing.T) {
	ctx := context.Background()
	s := New(newMem())
	s.now = func() time.Time { return time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC) }
	fr, err := s.Approve(ctx, g, "Why does France oppose a NATO office in Tokyo?", france, "", "77")
	if err != nil {
		t.Fatal(err)
	}
	qd, err := s.Approve(ctx, "2002", "Who is in the Quad?", quad, "", "77")
	if err != nil {
		t.Fatal(err)
	}
	const frQ, qdQ = "Why does France oppose a NATO office in Tokyo?", "Who is in the Quad?"

	// Same version again: nothing to do.
	if got, err := s.Revalidate(ctx, corpus(v1, map[int]string{3: p3, 4: p4, 11: p11})); err != nil || len(got) != 0 {
		t.Fatalf("same corpus: %v, %v", got, err)
	}

	// v2 changes paragraph 11 (which France cites) and leaves 3.
	p11v2 := p11 + " Paris has since softened its tone."
	got, err := s.Revalidate(ctx, corpus("v2", map[int]string{3: p3, 4: p4, 11: p11v2}))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].ID != fr.ID || got[0].GuildID != g || !got[0].Suspended || !strings.Contains(got[0].Reason, "[1] paragraph 11") || strings.Contains(got[0].Reason, "paragraph 4") {
		t.Fatalf("suspended = %+v", got)
	}
	if _, ok, _ := s.Lookup(ctx, g, frQ, "v2"); ok {
		t.Error("suspended entry served on the new version")
	}
	if _, ok, _ := s.Lookup(ctx, g, frQ, v1); ok {
		t.Error("suspended entry served on the old version")
	}
	if a, ok, _ := s.Lookup(ctx, "2002", qdQ, "v2"); !ok || a.KnowledgeVersion != "v2" {
		t.Errorf("unchanged entry not carried to v2: %v %+v", ok, a)
	}
	if _, ok, _ := s.Lookup(ctx, "2002", qdQ, v1); ok {
		t.Error("carried entry still served on v1")
	}

	// Revalidating v2 again reports nothing new.
	if again, err := s.Revalidate(ctx, corpus("v2", map[int]string{3: p3, 4: p4, 11: p11v2})); err != nil || len(again) != 0 {
		t.Errorf("second revalidate: %v, %v", again, err)
	}

	// A moderator lifts it: it is served on v2 with the new quote.
	lifted, err := s.Review(ctx, g, fr.ID, true)
	if err != nil || lifted.Suspended || lifted.KnowledgeVersion != "v2" {
		t.Fatalf("review: %+v, %v", lifted, err)
	}
	a, ok, _ := s.Lookup(ctx, g, frQ, "v2")
	if !ok || a.Citations[0].Quote != p11v2 {
		t.Errorf("lifted entry: %v %+v", ok, a)
	}

	// v3 drops paragraph 3: the Quad answer cannot be lifted, only removed.
	got, err = s.Revalidate(ctx, corpus("v3", map[int]string{4: p4, 11: p11v2}))
	if err != nil || len(got) != 1 || got[0].ID != qd.ID || !strings.Contains(got[0].Reason, "is gone") {
		t.Fatalf("v3: %+v, %v", got, err)
	}
	if _, err := s.Review(ctx, "2002", qd.ID, true); !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), "gone") {
		t.Errorf("lifting a gone citation: %v", err)
	}
	if _, err := s.Review(ctx, "2002", qd.ID, false); err != nil {
		t.Fatal(err)
	}
	if list, _ := s.List(ctx, "2002"); len(list) != 0 {
		t.Errorf("after delete: %+v", list)
	}
	if _, err := s.Review(ctx, "2002", qd.ID, true); !errors.Is(err, ErrNotFound) {
		t.Errorf("review of a deleted entry: %v", err)
	}
}

func TestRevalidateRevertLiftsAndFactChangeBlocks(t *testing.T) {
	ctx := context.Background()
	s := New(newMem())
	e, err := s.Approve(ctx, g, "Who is in the Quad?", quad, "", "77")
	if err != nil {
		t.Fatal(err)
	}
	// v2 replaces New Zealand by India in paragraph 3: the answer no
	// longer holds, so a moderator cannot lift it as it is.
	p3v2 := strings.Replace(p3, "New Zealand", "India", 1)
	if got, _ := s.Revalidate(ctx, corpus("v2", map[int]string{3: p3v2})); len(got) != 1 {
		t.Fatalf("not suspended: %+v", got)
	}
	var ce *CheckError
	if _, err := s.Review(ctx, g, e.ID, true); !errors.As(err, &ce) || !strings.Contains(err.Error(), "mentions New, Zealand") {
		t.Errorf("lifting an answer its passage no longer supports: %v", err)
	}
	if _, ok, _ := s.Lookup(ctx, g, "Who is in the Quad?", "v2"); ok {
		t.Error("served while suspended")
	}
	// v3 restores the approved text: the suspension lifts by itself.
	if got, err := s.Revalidate(ctx, corpus("v3", map[int]string{3: p3})); err != nil || len(got) != 0 {
		t.Fatalf("v3: %+v, %v", got, err)
	}
	if a, ok, _ := s.Lookup(ctx, g, "Who is in the Quad?", "v3"); !ok || a.Citations[0].Quote != p3 {
		t.Errorf("reverted entry not served: %v %+v", ok, a)
	}
	if list, _ := s.List(ctx, g); len(list) != 1 || list[0].ID != e.ID || list[0].Suspended {
		t.Errorf("list = %+v", list)
	}
}

func TestConcurrentApprovals(t *testing.T) {
	ctx := context.Background()
	st := newMem()
	const n = 8
	errs := make(chan error, n)
	for i := range n {
		go func() {
			// Separate stores, as separate bot processes would be.
			s := New(st)
			q := "Who is in the Quad, question " + strconv.Itoa(i) + "?"
			_, err := s.Approve(ctx, g, q, quad, "", "77")
			errs <- err
		}()
	}
	for range n {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
	list, err := New(st).List(ctx, g)
	if err != nil || len(list) != n {
		t.Fatalf("%d entries, %v; want %d", len(list), err, n)
	}
	for i, e := range list {
		if e.ID != strconv.Itoa(i+1) {
			t.Errorf("ids not 1..%d in order: %q at %d", n, e.ID, i)
		}
	}
}
