package discord

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/briefbot/briefbot/bot/discord/discordtest"
)

// A 500 or 503 from Discord on the final edit of an answer: the member
// is not left with the streamed half of it, the edit is sent again (a
// few times at most).
func TestMembersFinalEditServerErrorIsRetried(t *testing.T) {
	t.Parallel()
	for _, status := range []int{http.StatusInternalServerError, http.StatusServiceUnavailable} {
		t.Run(http.StatusText(status), func(t *testing.T) {
			t.Parallel()
			h := start(t, setup{answerer: trickle{inner: newEngine(t), n: 3, every: 60 * time.Millisecond}})
			// The final edit (the one with the answer's text) fails once.
			failed := make(chan struct{}, 1)
			failed <- struct{}{}
			h.srv.Intercept(func(r discordtest.Request) *discordtest.Response {
				if c, _ := r.JSON["content"].(string); r.Method != "PATCH" || !strings.Contains(c, "Macron") {
					return nil
				}
				select {
				case <-failed:
					return discordtest.JSONResponse(status, map[string]any{"code": 0, "message": http.StatusText(status)})
				default:
					return nil
				}
			})
			i := h.ask(franceQ, false)
			m := h.waitFinal(i)
			if len(failed) != 0 {
				t.Error("the final edit did not fail")
			}
			if !strings.Contains(m.Content, "Macron") {
				t.Errorf("final answer = %q", m.Content)
			}
		})
	}
}

// A 500 or 503 from Discord on the initial response of /ask: the
// acknowledgement is sent again (Discord refuses a second one with 40060
// when the first was applied after all), and the member gets the answer
// once.
func TestMembersInitialResponseServerErrorIsRetried(t *testing.T) {
	t.Parallel()
	for _, status := range []int{http.StatusInternalServerError, http.StatusServiceUnavailable} {
		t.Run(http.StatusText(status), func(t *testing.T) {
			t.Parallel()
			h := start(t, setup{})
			h.srv.FailNext("POST", "/interactions/", status)
			i := h.ask(franceQ, false)
			m := h.waitFinal(i)
			if !strings.Contains(m.Content, "Macron") {
				t.Errorf("answer = %q", m.Content)
			}
			if n := h.srv.Hits("POST", "/interactions/"); n != 2 {
				t.Errorf("%d callbacks, want the failed one and one more%s", n, h.summary())
			}
		})
	}
}

// Discord failing every edit of an answer in a thread (a mention's) with
// a 500: the final edit is tried three times, no more, and the log says
// it failed without the request's details.
func TestMembersEditsFailingForGoodAreNotRetriedForever(t *testing.T) {
	t.Parallel()
	h := start(t, setup{answerer: trickle{inner: newEngine(t), n: 3, every: 60 * time.Millisecond}})
	// Every final edit (the one with the answer's text, not the streamed
	// pieces, which a busy machine may fold into it) fails.
	final := func(r discordtest.Request) bool {
		c, _ := r.JSON["content"].(string)
		return r.Method == "PATCH" && strings.HasPrefix(r.Path, "/channels/") && strings.Contains(c, "Macron")
	}
	h.srv.Intercept(func(r discordtest.Request) *discordtest.Response {
		if final(r) {
			return discordtest.JSONResponse(http.StatusInternalServerError, map[string]any{"code": 0, "message": "500: Internal Server Error"})
		}
		return nil
	})
	h.mention(franceQ)
	h.until("the failure logged", func() bool { return strings.Contains(h.log.String(), "delivering an answer failed") })
	time.Sleep(1500 * time.Millisecond) // any more tries
	n := 0
	for _, r := range h.srv.Requests() {
		if final(r) && r.Status == http.StatusInternalServerError {
			n++
		}
	}
	if n != 3 {
		t.Errorf("final edit tried %d times, want 3%s", n, h.summary())
	}
}

// Discord (or a proxy in front of it) answering every edit of an answer
// with 429: the edits are retried a few times after retry_after, then
// given up, rather than for ever (discordgo's own retry has no end), and
// the answer's work ends.
func TestMembersEditsRateLimitedForGoodAreGivenUp(t *testing.T) {
	t.Parallel()
	h := start(t, setup{})
	h.srv.Intercept(func(r discordtest.Request) *discordtest.Response {
		if r.Method != "PATCH" || !strings.HasPrefix(r.Path, "/webhooks/") {
			return nil
		}
		resp := discordtest.JSONResponse(http.StatusTooManyRequests, map[string]any{
			"message": "You are being rate limited.", "retry_after": 0.05, "global": false,
		})
		resp.Header.Set("Retry-After", "1")
		resp.Header.Set("X-RateLimit-Scope", "user")
		return resp
	})
	i := h.ask(franceQ, false)
	h.until("the failure logged", func() bool { return strings.Contains(h.log.String(), "delivering an answer failed") })
	limited := 0
	for _, r := range h.srv.Requests() {
		if r.Method == "PATCH" && strings.Contains(r.Path, i.Token) && r.Status == http.StatusTooManyRequests {
			limited++
		}
	}
	if limited > 10 {
		t.Errorf("%d edits rate limited, want a few tries only", limited)
	}
	if strings.Contains(h.log.String(), i.Token) {
		t.Error("the log holds the interaction's token")
	}
}
