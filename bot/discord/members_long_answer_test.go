package discord

import (
	"bytes"
	"errors"
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

// A 503 from Discord on the second part of a long answer: Discord did not
// take the message in, so the part is sent again, and the member gets the
// whole answer, every sentence once, the buttons under its last part.
func TestMembersLongAnswerLaterPartServerErrorIsRetried(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name    string
		mention bool
	}{
		{"ask", false},
		{"mention", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			h := start(t, setup{answerer: fixed{longAnswer()}})
			var failed atomic.Int32
			h.srv.Intercept(func(r discordtest.Request) *discordtest.Response {
				if laterPart(r) && failed.CompareAndSwap(0, 1) {
					return serverError(http.StatusServiceUnavailable)
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

// replayed marks the request postedAnyway sends the fake itself.
const replayed = "X-Test-Replayed"

// postedAnyway makes the fake do what Discord may do on a 500 or a 504:
// post the message, then fail the request. It sends r to the fake again,
// marked so that interceptors let it through, and answers r with status.
func postedAnyway(t *testing.T, h *harness, r discordtest.Request, status int) *discordtest.Response {
	u := strings.TrimSuffix(h.srv.APIBase(), "/") + r.Path
	if len(r.Query) > 0 {
		u += "?" + r.Query.Encode()
	}
	req, err := http.NewRequest(r.Method, u, bytes.NewReader(r.Body))
	if err != nil {
		t.Error(err)
		return serverError(status)
	}
	req.Header.Set("Content-Type", r.Header.Get("Content-Type"))
	req.Header.Set("Authorization", "Bot test-token")
	req.Header.Set(replayed, "1")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Error(err)
		return serverError(status)
	}
	resp.Body.Close()
	if resp.StatusCode >= 300 {
		t.Errorf("the fake refused the replayed %s %s: %s", r.Method, r.Path, resp.Status)
	}
	return serverError(status)
}

// botPost reports whether r is a message the bot posts, not replayed by
// postedAnyway.
func botPost(r discordtest.Request) bool {
	return r.Method == http.MethodPost && r.Header.Get(replayed) == "" &&
		(strings.HasPrefix(r.Path, "/webhooks/") || strings.HasSuffix(r.Path, "/messages"))
}

// A later part of a long answer, and the notice after it, that Discord
// posts but answers with a 500 or a 504 (it failed, or timed out,
// answering): neither is sent again, so the member sees each message
// once, the notice (worded to be true though the part went out) last,
// with the answer's buttons; the first part is left as it was.
func TestMembersLongAnswerPostedDespiteServerErrorIsNotRepeated(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name    string
		status  int
		mention bool
	}{
		{"ask 500", http.StatusInternalServerError, false},
		{"ask 504", http.StatusGatewayTimeout, false},
		{"mention 504", http.StatusGatewayTimeout, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			h := start(t, setup{answerer: fixed{longAnswer()}})
			notice := tr(english, msgAnswerCut)
			h.srv.Intercept(func(r discordtest.Request) *discordtest.Response {
				if c, _ := r.JSON["content"].(string); botPost(r) && (laterPart(r) || c == notice) {
					return postedAnyway(t, h, r, tc.status)
				}
				return nil
			})
			var first string
			var shown func() []*discordgo.Message
			if tc.mention {
				q := h.mention(franceQ)
				h.until("the thread", func() bool { return h.srv.Channel(q.ID) != nil })
				shown = func() []*discordgo.Message {
					var ms []*discordgo.Message
					for _, m := range h.srv.ChannelMessages(q.ID) {
						if m.Author != nil && m.Author.ID == discordtest.DefaultBotUserID {
							ms = append(ms, m)
						}
					}
					return ms
				}
			} else {
				i := h.ask(franceQ, false)
				shown = func() []*discordgo.Message {
					var ms []*discordgo.Message
					if o := h.srv.Original(i.Token); o != nil {
						ms = append(ms, o)
					}
					return append(ms, h.srv.Followups(i.Token)...)
				}
			}
			h.until("the notice", func() bool {
				ms := shown()
				return len(ms) > 0 && ms[len(ms)-1].Content == notice
			})
			time.Sleep(1500 * time.Millisecond) // any more tries
			ms := shown()
			first = ms[0].Content
			var all []string
			for _, m := range ms {
				all = append(all, m.Content)
			}
			text := strings.Join(all, "\n")
			if n := strings.Count(text, "Sentence 00:"); n != 1 {
				t.Errorf("the first part shows %d times", n)
			}
			for _, m := range ms[1 : len(ms)-1] {
				if n := strings.Count(text, firstSentence(m.Content)); n != 1 {
					t.Errorf("the part starting %s shows %d times", firstSentence(m.Content), n)
				}
			}
			if n := strings.Count(text, notice); n != 1 {
				t.Errorf("the notice shows %d times, want once", n)
			}
			if len(ms) < 3 {
				t.Errorf("%d messages, want the first part, the failed part (posted all the same) and the notice", len(ms))
			}
			if strings.Contains(first, notice) {
				t.Errorf("the first part carries the notice too: %q", first)
			}
			if last := ms[len(ms)-1]; len(last.Components) == 0 {
				t.Error("the notice has no buttons; the answer's are to come with it")
			}
			posts := 0
			for _, r := range h.srv.Requests() {
				if botPost(r) && (laterPart(r) || r.JSON["content"] == notice) {
					posts++
				}
			}
			if posts != 2 {
				t.Errorf("%d posts of a later part or the notice, want one of each%s", posts, h.summary())
			}
			if !strings.Contains(h.log.String(), "delivering an answer failed") {
				t.Error("the failure is not logged")
			}
		})
	}
}

// Discord failing a later part of a long answer (a 500: it may have been
// posted): the part is not sent again, and the member is told, where
// the answer stops, that Discord had trouble posting part of it; the
// answer's buttons come with that notice, which is sent once. When
// Discord refuses the notice for good (a 4xx: not posted), it goes at the
// end of the first part instead; when it fails it on its side (a 5xx: it
// may be there), nothing more is done.
func TestMembersLongAnswerLaterPartFailingIsTold(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		// noticeStatus is how Discord answers the notice; 0 takes it.
		noticeStatus int
		// inFirst says the notice is to end the first part, not come after.
		inFirst bool
	}{
		{"notice posted", 0, false},
		{"notice refused", http.StatusBadRequest, true},
		{"notice failing", http.StatusInternalServerError, false},
		// An outage: the notice is not taken in either, so it ends the
		// first part (it once left the member with the first part alone:
		// no notice, no buttons).
		{"notice not taken in", http.StatusServiceUnavailable, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			h := start(t, setup{answerer: fixed{longAnswer()}})
			notice := tr(english, msgAnswerCut)
			var noticeTries atomic.Int32
			h.srv.Intercept(func(r discordtest.Request) *discordtest.Response {
				if laterPart(r) {
					return serverError(http.StatusInternalServerError)
				}
				if r.Method == http.MethodPost && r.JSON["content"] == notice {
					noticeTries.Add(1)
					if tc.noticeStatus != 0 {
						return discordtest.JSONResponse(tc.noticeStatus, map[string]any{"code": 50035, "message": http.StatusText(tc.noticeStatus)})
					}
				}
				return nil
			})
			i := h.ask(franceQ, false)
			if tc.noticeStatus >= 500 && !tc.inFirst {
				h.until("the notice tried", func() bool { return noticeTries.Load() > 0 })
			} else {
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
			}
			time.Sleep(1500 * time.Millisecond) // any more tries
			o := h.srv.Original(i.Token)
			if !strings.Contains(o.Content, "Sentence 00:") {
				t.Errorf("the first part is gone: %q", o.Content)
			}
			if got := strings.Contains(o.Content, notice); got != tc.inFirst {
				t.Errorf("the first part ends with the notice: %v, want %v", got, tc.inFirst)
			}
			parts := 0
			for _, r := range h.srv.Requests() {
				if laterPart(r) {
					parts++
				}
			}
			if parts != 1 {
				t.Errorf("the second part was tried %d times, want once (a 500 may have posted it)%s", parts, h.summary())
			}
			if n := noticeTries.Load(); n != 1 {
				t.Errorf("the notice was tried %d times, want once", n)
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

// recordingSink is Discord posting every new message but answering it
// with a 504: what it shows, and how often each post was tried.
type recordingSink struct{ shown []string }

func (s *recordingSink) edit(content string, _ *[]discordgo.MessageComponent) error {
	if len(s.shown) == 0 {
		s.shown = append(s.shown, content)
	} else {
		s.shown[0] = content
	}
	return nil
}

func (s *recordingSink) more(content string, _ []discordgo.MessageComponent) error {
	s.shown = append(s.shown, content)
	return &discordgo.RESTError{Response: &http.Response{StatusCode: http.StatusGatewayTimeout, Status: "504 Gateway Timeout"}}
}

// deliver and tellCut on their own, as the answer uses them: a part and a
// notice that Discord posts but answers with a 504 show once each.
func TestMembersDeliverNeverPostsTwice(t *testing.T) {
	t.Parallel()
	b := &Bot{work: t.Context()}
	out := &recordingSink{}
	parts := []string{"Sentence 00: first", "Sentence 01: second"}
	btn := []discordgo.MessageComponent{discordgo.ActionsRow{Components: []discordgo.MessageComponent{discordgo.Button{CustomID: "x", Label: "x"}}}}
	err := b.deliver(out, parts, btn)
	if !errors.Is(err, errAnswerCut) {
		t.Fatalf("deliver = %v, want errAnswerCut", err)
	}
	if err := b.tellCut(english, out, parts[0], btn); err == nil {
		t.Error("tellCut with the notice failing = nil, want its error")
	}
	want := []string{parts[0], parts[1], tr(english, msgAnswerCut)}
	if strings.Join(out.shown, "|") != strings.Join(want, "|") {
		t.Errorf("shown %q, want %q", out.shown, want)
	}
}
