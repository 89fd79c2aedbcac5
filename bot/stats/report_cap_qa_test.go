package stats

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"
)

// A guild that asked more than the log keeps: "all time" (or a long
// period) covered only the newest MaxEvents questions and the report said
// nothing of it, so a moderator read the kept questions as every one
// asked. The report says from when it counts once the log is full.
func TestReportSaysWhenTheLogCapCutsThePeriod(t *testing.T) {
	ctx := context.Background()
	s := New(&memLog{}, nil, Options{MaxEvents: 5})
	s.now = func() time.Time { return now }
	for i := range 8 {
		at := now.Add(-time.Duration(8-i) * time.Hour)
		if err := s.Record(ctx, Event{GuildID: guild, UserID: "u", Question: "question number " + string(rune('a'+i)), At: at}); err != nil {
			t.Fatal(err)
		}
	}
	oldestKept := now.Add(-5 * time.Hour)
	for _, since := range []time.Time{{}, now.Add(-7 * 24 * time.Hour)} {
		r, err := s.Report(ctx, guild, since)
		if err != nil {
			t.Fatal(err)
		}
		if r.Asked != 5 || !r.From.Equal(oldestKept) {
			t.Errorf("since %v: asked %d, from %v; want 5 from %v", since, r.Asked, r.From, oldestKept)
		}
		var buf bytes.Buffer
		if err := r.CSV(&buf); err != nil {
			t.Fatal(err)
		}
		if want := "summary,kept_from,," + oldestKept.Format(time.RFC3339) + "\n"; !strings.Contains(buf.String(), want) {
			t.Errorf("since %v: csv lacks %q:\n%s", since, want, buf.String())
		}
	}
	// A period within what is kept is whole: nothing to say.
	r, err := s.Report(ctx, guild, now.Add(-3*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if r.Asked != 3 || !r.From.IsZero() {
		t.Errorf("within the kept log: asked %d, from %v", r.Asked, r.From)
	}
	var buf bytes.Buffer
	if err := r.CSV(&buf); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(buf.String(), "kept_from") {
		t.Errorf("csv of a whole period says kept_from:\n%s", buf.String())
	}
}
