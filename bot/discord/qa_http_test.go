package discord

import (
	"context"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
)

// headerHook is a ResponseWriter that runs a hook when the status line is
// written, before the body: the moment the endpoint's own "thinking…" is
// on its way to Discord but not there yet.
type headerHook struct {
	*httptest.ResponseRecorder
	hook func()
}

func (w *headerHook) WriteHeader(code int) {
	w.hook()
	w.ResponseRecorder.WriteHeader(code)
}

// A handler slower than InitialTimeout whose message comes just as the
// endpoint writes its own deferral: the message must be sent as an edit of
// that deferral only once the deferral is written, as initialHTTP does for
// a response in time. Before, the edit could reach Discord before the
// deferral it edits, which Discord refuses (Unknown Message), and the member
// got "Something went wrong" in place of the message.
func TestQAHTTPLateMessageEditsOnlyAfterTheDeferralIsWritten(t *testing.T) {
	t.Parallel()
	release := make(chan struct{})
	h := start(t, setup{http: true, cfg: Config{NoGateway: true, InitialTimeout: 20 * time.Millisecond}, noRedis: true, before: func(b *Bot) {
		b.AddCommand(&Command{
			Def: &discordgo.ApplicationCommand{Name: "slow", Description: "slow"},
			Run: func(ctx context.Context, r *Reply) error {
				<-release
				return r.Respond("late but here", false, nil)
			},
		})
	}})
	const token = "late-token"
	i := &discordgo.Interaction{ID: "900000000000000077", AppID: h.srv.ApplicationID(), Token: token, GuildID: h.guild,
		Type: discordgo.InteractionApplicationCommand, Data: discordgo.ApplicationCommandInteractionData{Name: "slow"}}
	edited := func() bool {
		for _, r := range h.srv.Requests() {
			if r.Method == "PATCH" && strings.Contains(r.Path, token) {
				return true
			}
		}
		return false
	}
	early := false
	w := &headerHook{ResponseRecorder: httptest.NewRecorder(), hook: func() {
		close(release)
		deadline := time.Now().Add(300 * time.Millisecond)
		for time.Now().Before(deadline) && !early {
			early = edited()
			time.Sleep(2 * time.Millisecond)
		}
	}}
	h.bot.answerHTTP(w, i)
	if early {
		t.Error("the late message's edit was sent before the endpoint's deferral was written")
	}
	if !strings.Contains(w.Body.String(), `"type":5`) {
		t.Fatalf("HTTP response %q, want the endpoint's deferral", w.Body)
	}
	h.until("the late message's edit", edited)
}
