package asking

import (
	"context"
	"testing"
)

// A question asked of one briefing (a session's) reaches the answering
// core scoped to it, through Admit and Answer; one that names none is
// asked of every briefing.
func TestBriefingCarriedToTheAnswer(t *testing.T) {
	s, p := newService(Config{})
	for _, briefing := range []string{"mars-base-2031", ""} {
		tk, err := s.Admit(context.Background(), Question{Surface: SurfaceSession, GuildID: "g", Text: "Which crater?", Briefing: briefing})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.Answer(context.Background(), tk, nil); err != nil {
			t.Fatal(err)
		}
		reqs := p.ans.requests()
		if got := reqs[len(reqs)-1].Briefing; got != briefing {
			t.Errorf("request scoped to %q, want %q", got, briefing)
		}
	}
}
