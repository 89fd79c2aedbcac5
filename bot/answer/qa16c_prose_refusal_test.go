package answer

import (
	"context"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	openai "github.com/sashabaranov/go-openai"

	"github.com/briefbot/briefbot/bot/llm/llmtest"
)

// QA 16c: refusesInProse looks for its pattern anywhere in the reply, so
// a model that answered — in uncited sentences, as small models often
// do — and added that the briefing says no more, or wrote an informative
// sentence that happens to hold "not included" / "it is not … to
// include", is taken to have refused. The member is told "The briefing
// doesn't say" about what the briefing does say (paragraph 11, 3, 2),
// where the extractive answer (with the model-rejected notice) was shown
// before 833eb0e.
func TestQA16cProseRefusalMisfiresOnAnAnswer(t *testing.T) {
	for _, tc := range []struct{ q, reply string }{
		{franceQ, "Macron fears the office would provoke China. The briefing doesn't say more about his reasons."},
		{"Was Japan invited to the NATO summit?", "Yes, Japan was invited for the third consecutive year. Japan was not included in any formal membership talks."},
		{"Is NATO setting its sights on the Indo-Pacific?", "Yes. NATO says it is not trying to include Asian members, but it is looking to the Indo-Pacific region."},
	} {
		a := askReplying(t, tc.q, tc.reply)
		if a.Refused {
			t.Errorf("%q answered %q: refused (%q); want the extractive answer, as for any reply with nothing checked to show", tc.q, tc.reply, a.Text)
		}
	}
}

// QA 16c: a prose refusal that misfires is cached like a real one (a
// refusal is final), where the extractive fallback it replaced was never
// cached: the next asker of the same question, whose model call would
// have answered with checked citations, is served "The briefing doesn't
// say" from the cache for the cache's whole TTL (a day in production).
func TestQA16cMisfiredProseRefusalIsCached(t *testing.T) {
	var calls atomic.Int32
	srv := llmtest.New(t)
	srv.OnChat(func(req openai.ChatCompletionRequest) llmtest.Reply {
		if calls.Add(1) == 1 {
			return llmtest.Reply{Text: "Macron fears the office would provoke China. The briefing doesn't say more about his reasons."}
		}
		return llmtest.Reply{Text: "Macron fears a NATO office in Tokyo could provoke China [" + strconv.Itoa(passageNumber(req, 11)) + "]."}
	})
	e := newEngine(t, srv, WithCache(&mapCache{m: map[string][]byte{}}, time.Hour))
	if _, err := e.Ask(context.Background(), Request{Question: franceQ}, nil); err != nil {
		t.Fatal(err)
	}
	a, err := e.Ask(context.Background(), Request{Question: franceQ}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if a.Refused || !strings.Contains(a.Text, "Macron") {
		t.Errorf("second asker (model calls: %d): refused %v, cached %v: %q; want the model's checked answer", calls.Load(), a.Refused, a.Cached, a.Text)
	}
}

// QA 16c: common English ways of saying the briefing lacks the answer
// are not taken for a refusal, and the member still gets what 833eb0e
// set out to end: the extractive quote about Macron (the question's other
// words meet paragraph 11) under a notice that the model's answer could
// not be checked, when the model had said it was not covered. Among them
// a Markdown-escaped apostrophe (refuses reads the sentinel through
// escapes, the prose pattern does not), and a refusal that goes on to
// list what the briefing does cover (its lead-in, dangling, counts as an
// unchecked sentence).
func TestQA16cProseRefusalMissesCommonWordings(t *testing.T) {
	const q = "Did Macron discuss the NATO office in Tokyo with Germany's chancellor?"
	for _, reply := range []string{
		"The briefing doesn\\'t mention Germany.",
		"The briefing doesn't talk about Germany.",
		"Germany's chancellor isn't covered.",
		"The briefing is silent on Germany.",
		"This information is not available in the briefing.",
		"Sorry, I can't answer that from the briefing.",
		"The briefing doesn't mention Germany. It only names these NATO members:\n- France\n- the United States",
	} {
		a := askReplying(t, q, reply)
		if !a.Refused {
			t.Errorf("%q: not refused; shown %q with notices %v", reply, a.Text, a.Notices)
		}
	}
}
