package stats

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/briefbot/briefbot/bot/state"
)

var update = flag.Bool("update", false, "rewrite golden files")

var now = time.Date(2026, 1, 10, 12, 0, 0, 0, time.UTC)

const guild = "1234"

// fixture records a small week of questions: covered ones asked in
// several wordings, uncovered ones near-identical in pairs, one formula
// planted in a question, and one event too old for a 7-day report.
func fixture(t *testing.T) *Store {
	t.Helper()
	ctx := context.Background()
	fb := &memFeedback{}
	s := New(&memLog{}, fb, Options{})
	s.now = func() time.Time { return now }
	ago := func(h int) time.Time { return now.Add(-time.Duration(h) * time.Hour) }
	events := []Event{
		{ChannelID: "10", UserID: "u1", Question: "Who is in the Quad?", Mode: "llm", At: ago(1)},
		{ChannelID: "10", UserID: "u2", Question: "who is in the quad", Mode: "llm", At: ago(2)},
		{ChannelID: "11", UserID: "u3", Question: "Who is in the Quad?", Mode: "approved", At: ago(3)},
		{ChannelID: "10", UserID: "u1", Question: "Why does France oppose a NATO office in Tokyo?", Mode: "extractive", At: ago(4)},
		{ChannelID: "10", UserID: "u2", Question: "Who won the World Cup?", Refused: true, At: ago(5)},
		{ChannelID: "11", UserID: "u4", Question: "who won the football world cup?", Refused: true, At: ago(6)},
		{ChannelID: "12", UserID: "u4", Question: "Who won the World Cup in 2022?", Refused: true, At: ago(7)},
		{ChannelID: "12", UserID: "u5", Question: "=HYPERLINK(\"http://x\",\"click\")", Refused: true, At: ago(8)},
		{ChannelID: "10", UserID: "u5", Question: "What is the price of bitcoin?", Refused: true, At: ago(9)},
		{ChannelID: "10", UserID: "u1", Question: "Old question", Mode: "llm", At: ago(24 * 8)},
	}
	for _, e := range events {
		e.GuildID = guild
		if err := s.Record(ctx, e); err != nil {
			t.Fatal(err)
		}
	}
	votes := []state.Vote{
		{UserID: "u1", AnswerID: "a1", Question: "Who is in the Quad?", Up: true, At: ago(1)},
		{UserID: "u2", AnswerID: "a1", Question: "Who is in the Quad?", Up: true, At: ago(1)},
		{UserID: "u3", AnswerID: "a2", Question: "Why does France oppose a NATO office in Tokyo?", Up: false, At: ago(3)},
		{UserID: "u3", AnswerID: "a0", Question: "Old question", Up: false, At: ago(24 * 8)},
	}
	for _, v := range votes {
		v.GuildID = guild
		if err := fb.Record(ctx, v); err != nil {
			t.Fatal(err)
		}
	}
	return s
}

func TestReport(t *testing.T) {
	ctx := context.Background()
	s := fixture(t)
	week, _ := ParsePeriod("7d")
	r, err := s.Report(ctx, guild, week.Since(now))
	if err != nil {
		t.Fatal(err)
	}
	type nums struct{ Asked, Answered, Refused, Askers, Up, Down int }
	if got, want := (nums{r.Asked, r.Answered, r.Refused, r.Askers, r.Up, r.Down}), (nums{9, 4, 5, 5, 2, 1}); got != want {
		t.Errorf("numbers = %+v, want %+v", got, want)
	}
	if r.Top[0].Question != "Who is in the Quad?" || r.Top[0].Count != 3 || !slices.Equal(r.Top[0].Variants, []string{"who is in the quad"}) || !r.Top[0].Last.Equal(now.Add(-time.Hour)) {
		t.Errorf("top[0] = %+v", r.Top[0])
	}
	// The two wordings of the World Cup question are one group;
	// the one naming a year is not (numbers must agree).
	var uncovered []string
	for _, g := range r.Uncovered {
		uncovered = append(uncovered, g.Question+"|"+strings.Join(g.Variants, ","))
	}
	want := []string{
		"Who won the World Cup?|who won the football world cup?",
		"=HYPERLINK(\"http://x\",\"click\")|",
		"What is the price of bitcoin?|",
		"Who won the World Cup in 2022?|",
	}
	if !slices.Equal(uncovered, want) {
		t.Errorf("uncovered =\n%q\nwant\n%q", uncovered, want)
	}
	if got := r.Channels; !slices.Equal(got, []Count{{"10", 5}, {"11", 2}, {"12", 2}}) {
		t.Errorf("channels = %v", got)
	}
	if got := r.Modes; !slices.Equal(got, []Count{{"llm", 2}, {"approved", 1}, {"extractive", 1}}) {
		t.Errorf("modes = %v", got)
	}
	if len(r.Disliked) != 1 || r.Disliked[0].Question != "Why does France oppose a NATO office in Tokyo?" {
		t.Errorf("disliked = %+v", r.Disliked)
	}

	all, err := s.Report(ctx, guild, PeriodAll.Since(now))
	if err != nil {
		t.Fatal(err)
	}
	if all.Asked != 10 || all.Up != 2 || all.Down != 2 || len(all.Disliked) != 2 {
		t.Errorf("all: asked %d up %d down %d disliked %d", all.Asked, all.Up, all.Down, len(all.Disliked))
	}
	empty, err := s.Report(ctx, "999", time.Time{})
	if err != nil || empty.Asked != 0 || empty.Top != nil {
		t.Errorf("empty guild: %+v %v", empty, err)
	}
}

func TestCSVGolden(t *testing.T) {
	s := fixture(t)
	r, err := s.Report(context.Background(), guild, DefaultPeriod.Since(now))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := r.CSV(&buf); err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "report.golden.csv")
	if *update {
		if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), want) {
		t.Errorf("CSV differs from %s (go test -update to accept):\n%s", golden, buf.String())
	}
}

func TestCSVFormulaInjection(t *testing.T) {
	r := Report{Generated: now, Top: []Group{
		{Question: "=1+1", Count: 1}, {Question: "+SUM(A1)", Count: 1}, {Question: "-2+3", Count: 1},
		{Question: "@cmd", Count: 1}, {Question: "\t=x", Count: 1}, {Question: "a=b", Count: 1},
	}, Uncovered: []Group{{Question: "q", Count: 2, Variants: []string{"=evil()", "x"}}}}
	var buf bytes.Buffer
	if err := r.CSV(&buf); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{"top,'=1+1,1", "top,'+SUM(A1),1", "top,'-2+3,1", "top,'@cmd,1", "top,'\t=x,1", "top,a=b,1", "uncovered,q,2,'=evil() | x"} {
		if !strings.Contains(out, want+"\n") && !strings.Contains(out, want+",") {
			t.Errorf("missing %q in\n%s", want, out)
		}
	}
}

func TestParsePeriod(t *testing.T) {
	tests := []struct {
		in      string
		want    time.Duration
		name    string
		invalid bool
	}{
		{"24h", 24 * time.Hour, "24h", false},
		{"7d", 7 * 24 * time.Hour, "7d", false},
		{" 30D ", 30 * 24 * time.Hour, "30d", false},
		{"2w", 14 * 24 * time.Hour, "2w", false},
		{"all", 0, "all", false},
		{"", 7 * 24 * time.Hour, "7d", false},
		{"0d", 0, "", true},
		{"-1d", 0, "", true},
		{"7", 0, "", true},
		{"7m", 0, "", true},
		{"d", 0, "", true},
		{"400d", 0, "", true},
		{"1e3h", 0, "", true},
	}
	for _, tt := range tests {
		p, err := ParsePeriod(tt.in)
		if tt.invalid {
			if !errors.Is(err, ErrInvalid) {
				t.Errorf("ParsePeriod(%q) err = %v, want ErrInvalid", tt.in, err)
			}
			continue
		}
		if err != nil || p.Duration() != tt.want || p.String() != tt.name {
			t.Errorf("ParsePeriod(%q) = %v (%s), %v; want %v (%s)", tt.in, p.Duration(), p, err, tt.want, tt.name)
		}
	}
	if !PeriodAll.Since(now).IsZero() || !DefaultPeriod.Since(now).Equal(now.Add(-7*24*time.Hour)) {
		t.Error("Since wrong")
	}
}

func TestRecordCapsAndRedacts(t *testing.T) {
	ctx := context.Background()
	s := New(&memLog{}, nil, Options{MaxEvents: 5})
	for i := range 8 {
		q := "question " + string(rune('a'+i))
		if i == 7 {
			q = "my key is sk-abcdefghijklmnopqrstuvwx and token MTA4NjQ1NzYwODk2NTk2NTg0MA.GhXy1a.abcdefghijklmnopqrstuvwxyz01234 " + strings.Repeat("x", 400)
		}
		if err := s.Record(ctx, Event{GuildID: "7", UserID: "u", Question: q, At: now.Add(time.Duration(i) * time.Minute)}); err != nil {
			t.Fatal(err)
		}
	}
	evs, err := s.log.Events(ctx, "7", time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	if len(evs) != 5 || evs[0].Question != "question d" {
		t.Fatalf("kept %d events, oldest %q; want the newest 5", len(evs), evs[0].Question)
	}
	last := evs[4].Question
	if strings.Contains(last, "sk-abc") || strings.Contains(last, "GhXy1a") || strings.Count(last, "[redacted]") != 2 {
		t.Errorf("not redacted: %q", last)
	}
	if n := len([]rune(last)); n != MaxQuestionRunes {
		t.Errorf("question kept %d runes, want %d", n, MaxQuestionRunes)
	}
}
