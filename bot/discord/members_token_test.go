package discord

import (
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
)

// A slow model still writing when the interaction's token is about to
// expire (Discord allows edits for 15 minutes): the answer is stopped
// while the member can still be told, and told, in place of the half
// written answer; nothing more is edited.
func TestMembersAnswerOutlivingItsTokenIsStoppedAndTold(t *testing.T) {
	t.Parallel()
	g := newGated(newEngine(t), "France objects to the office [1].")
	h := start(t, setup{answerer: g, cfg: Config{AnswerWithin: 600 * time.Millisecond}})
	i := h.ask(franceQ, false)
	<-g.started
	m := h.waitOriginal(i, func(m *discordgo.Message) bool {
		return m.Content == tr(discordgo.EnglishUS, msgInternal)
	})
	if len(m.Components) != 0 {
		t.Errorf("buttons under the notice: %+v", m.Components)
	}
	edits := h.srv.Hits("PATCH", "/webhooks/")
	close(g.release)
	time.Sleep(300 * time.Millisecond)
	if n := h.srv.Hits("PATCH", "/webhooks/"); n != edits {
		t.Errorf("%d edits after the notice%s", n-edits, h.summary())
	}
	if !strings.Contains(h.log.String(), "interaction") || strings.Contains(h.log.String(), i.Token) {
		t.Errorf("log should say why, without the token:\n%s", h.log.String())
	}
}
