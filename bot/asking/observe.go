package asking

import (
	"errors"
	"time"

	"github.com/briefbot/briefbot/bot/answer"
)

// Observer hears what became of each question and how long answering
// took; *metrics.Metrics is the real one.
type Observer interface {
	// Question counts a question's outcome (see outcome).
	Question(surface, outcome string)
	// Stage records a stage's latency: "first_text" (admitted to the first
	// checked sentence), "answer" (the whole answer).
	Stage(stage string, d time.Duration)
}

type nopObserver struct{}

func (nopObserver) Question(string, string)           {}
func (nopObserver) Stage(string, time.Duration)       {}
func (s *Service) observe(q Question, outcome string) { s.obs.Question(string(q.Surface), outcome) }
func (s *Service) observeErr(q Question, err error)   { s.observe(q, errOutcome(err)) }
func (s *Service) stage(name string, since time.Time) { s.obs.Stage(name, time.Since(since)) }

// outcome names what an answer was: approved by the moderators, from the
// cache, refused (the briefings do not cover it), degraded (a model was
// asked but the answer is extractive), or answered.
func outcome(a answer.Answer) string {
	switch {
	case a.Mode == answer.ModeApproved:
		return "approved"
	case a.Cached:
		return "cached"
	case a.Refused:
		return "refused"
	case a.Mode == answer.ModeExtractive && a.Usage != nil && a.Usage.Calls > 0:
		return "degraded"
	}
	return "answered"
}

// errOutcome names why a question got no answer.
func errOutcome(err error) string {
	var r *Refusal
	if errors.As(err, &r) {
		switch r.Reason {
		case EmptyQuestion:
			return "empty"
		case ChannelClosed:
			return "channel_closed"
		case RateLimited:
			return "rate_limited"
		case Busy:
			return "busy"
		}
	}
	return "error"
}
