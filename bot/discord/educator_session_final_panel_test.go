package discord

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"
)

// The panel's last edit, at /session end, is tried again when Discord
// rate-limits it (after its Retry-After) or fails it on its side: it was
// logged and lost, and the locked thread's panel showed a live queue.
func TestSessionFinalPanelEditIsRetried(t *testing.T) {
	t.Parallel()
	e := startEducator(t)
	for _, fail := range []string{"429", "500"} {
		thread := e.startSession("Final panel " + fail)
		panel := e.srv.ChannelMessages(thread)[0]
		seq := seqOf(t, e.inThread(thread, eduMember, franceAsked))
		e.waitPanel(thread, panel.ID, "1 waiting · 0 answered")
		e.until("the draft", func() bool {
			q, err := e.ed.Sessions.Question(context.Background(), thread, "q"+seq)
			return err == nil && q.Draft != nil
		})
		path := "/channels/" + thread + "/messages/" + panel.ID
		if fail == "429" {
			e.srv.RateLimitNext(http.MethodPatch, path, 500*time.Millisecond)
		} else {
			e.srv.FailNext(http.MethodPatch, path, http.StatusInternalServerError)
		}
		before := e.srv.Hits(http.MethodPatch, path)
		if r := e.reply(e.slash(eduRole, thread, "session", sub("end"))); !strings.Contains(r.Content, "locked") {
			t.Errorf("%s: /session end = %q", fail, r.Content)
		}
		if m := e.srv.Message(thread, panel.ID); m == nil || !strings.Contains(m.Content, "📊 **Final:** 0 answered · 0 skipped · 1 not reached") {
			t.Errorf("%s: the panel after the end: %v", fail, m)
		}
		if n := e.srv.Hits(http.MethodPatch, path) - before; n != 2 {
			t.Errorf("%s: %d edits of the panel at the end, want 2 (one refused, one tried again)", fail, n)
		}
	}
}
