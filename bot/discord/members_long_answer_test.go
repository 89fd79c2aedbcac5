package discord

import (
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot/bot/discord/discordtest"
)

// laterPart reports whether r posts a part of longAnswer after its first
// (the first replaces the placeholder by an edit, a PATCH): an /ask's
// follow-up (a POST on /webhooks/) or a message in the mention's thread
// (a POST on /channels/, its placeholder's "thinking" not included).
func laterPart(r discordtest.Request) bool {
	c, _ := r.JSON["content"].(string)
	return r.Method == http.MethodPost && strings.Contains(c, "Sentence ")
}

// serverError is the reply of a Discord that failed on its side.
func serverError(status int) *discordtest.Response {
	return discordtest.JSONResponse(status, map[string]any{"code": 0, "message": http.StatusText(status)})
}

// longAnswerParts waits for the messages of a long answer whose last one
// holds the buttons: an /ask's original and follow-ups, or the bot's
// messages in a mention's thread.
func (h *harness) longAnswerParts(i *discordgo.Interaction, threadID string) []*discordgo.Message {
	var ms []*discordgo.Message
	h.until("the answer's last part, with the buttons", func() bool {
		ms = ms[:0]
		if i != nil {
			if o := h.srv.Original(i.Token); o != nil {
				ms = append(ms, o)
			}
			ms = append(ms, h.srv.Followups(i.Token)...)
		} else {
			for _, m := range h.srv.ChannelMessages(threadID) {
				if m.Author != nil && m.Author.ID == discordtest.DefaultBotUserID && m.Content != thinkingText {
					ms = append(ms, m)
				}
			}
		}
		return len(ms) > 1 && len(ms[len(ms)-1].Components) > 0
	})
	return ms
}

// A 5xx from Discord on the second part of a long answer: the part is
// sent again, as the first part's edit would be, and the member gets the
// whole answer, every sentence once, the buttons under its last part.
func TestMembersLongAnswerLaterPartServerErrorIsRetried(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name    string
		status  int
		mention bool
	}{
		{"ask 500", http.StatusInternalServerError, false},
		{"ask 503", http.StatusServiceUnavailable, false},
		{"mention 504", http.StatusGatewayTimeout, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			h := start(t, setup{answerer: fixed{longAnswer()}})
			var failed atomic.Int32
			h.srv.Intercept(func(r discordtest.Request) *discordtest.Response {
				if laterPart(r) && failed.CompareAndSwap(0, 1) {
					return serverError(tc.status)
				}
				return nil
			})
			var ms []*discordgo.Message
			if tc.mention {
				q := h.mention(franceQ)
				h.until("the thread", func() bool { return h.srv.Channel(q.ID) != nil })
				ms = h.longAnswerParts(nil, q.ID)
			} else {
				ms = h.longAnswerParts(h.ask(franceQ, false), "")
			}
			if failed.Load() != 1 {
				t.Fatal("the second part's post did not fail")
			}
			checkSplit(t, ms)
			posts := 0
			for _, r := range h.srv.Requests() {
				if laterPart(r) && strings.Contains(r.JSON["content"].(string), firstSentence(ms[1].Content)) {
					posts++
				}
			}
			if posts != 2 {
				t.Errorf("the second part was posted %d times, want the failed post and one more%s", posts, h.summary())
			}
			if strings.Contains(h.log.String(), "delivering an answer failed") {
				t.Error("the log says the answer failed")
			}
		})
	}
}

// firstSentence is the "Sentence NN:" a part of longAnswer starts with
// (or the first one in it).
func firstSentence(s string) string {
	i := strings.Index(s, "Sentence ")
	if i < 0 || len(s) < i+len("Sentence 00:") {
		return s
	}
	return s[i : i+len("Sentence 00:")]
}

// Discord failing a later part of a long answer every time: the part is
// tried three times, as an edit is, no more, and the member is told,
// where the answer stops, that the rest could not be posted; the
// answer's buttons come with that notice. When Discord refuses the
// notice too, it goes at the end of the first part.
func TestMembersLongAnswerLaterPartFailingForGoodIsTold(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		fail func(discordtest.Request) bool
		// inFirst says the notice is to end the first part, not come after.
		inFirst bool
	}{
		{"parts", laterPart, false},
		{"every post", func(r discordtest.Request) bool {
			return r.Method == http.MethodPost && strings.HasPrefix(r.Path, "/webhooks/")
		}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			h := start(t, setup{answerer: fixed{longAnswer()}})
			h.srv.Intercept(func(r discordtest.Request) *discordtest.Response {
				if tc.fail(r) {
					return serverError(http.StatusInternalServerError)
				}
				return nil
			})
			i := h.ask(franceQ, false)
			notice := tr(english, msgAnswerCut)
			var told *discordgo.Message
			h.until("the member told", func() bool {
				for _, m := range append([]*discordgo.Message{h.srv.Original(i.Token)}, h.srv.Followups(i.Token)...) {
					if m != nil && strings.HasSuffix(m.Content, notice) {
						told = m
						return true
					}
				}
				return false
			})
			if first := h.srv.Original(i.Token); (told.ID == first.ID) != tc.inFirst {
				t.Errorf("the notice is in message %s (the first part is %s), want it there: %v", told.ID, first.ID, tc.inFirst)
			}
			if len(told.Components) == 0 {
				t.Errorf("the notice %q has no buttons; the answer's are to come with it", told.Content)
			}
			if o := h.srv.Original(i.Token); !strings.Contains(o.Content, "Sentence 00:") {
				t.Errorf("the first part is gone: %q", o.Content)
			}
			time.Sleep(1500 * time.Millisecond) // any more tries
			parts := 0
			for _, r := range h.srv.Requests() {
				if laterPart(r) {
					parts++
				}
			}
			if parts != 3 {
				t.Errorf("the second part was tried %d times, want 3%s", parts, h.summary())
			}
			if !strings.Contains(h.log.String(), "delivering an answer failed") {
				t.Error("the failure is not logged")
			}
			if strings.Contains(h.log.String(), i.Token) {
				t.Error("the log holds the interaction's token")
			}
		})
	}
}
