package discord

import (
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
)

// /session next whose draft a slow model still writes when the
// interaction's token is about to expire: the educator is told while
// they can be, not left with "thinking…" (or told nothing) once Discord
// refuses the late reply.
func TestSessionNextDraftOutlivingItsTokenIsStoppedAndTold(t *testing.T) {
	t.Parallel()
	g := newGated(newEngine(t))
	t.Cleanup(func() { close(g.release) })
	e := startEducatorWith(t, setup{answerer: g, cfg: Config{AnswerWithin: 800 * time.Millisecond}})
	r := e.reply(e.slash(eduRole, "", "session", sub("start", strOpt("title", "Asia week"))))
	mm := threadRE.FindStringSubmatch(r.Content)
	if mm == nil {
		t.Fatalf("/session start reply = %q", r.Content)
	}
	thread := mm[1]
	e.srv.DispatchMessage(&discordgo.Message{ChannelID: thread, GuildID: e.guild, Content: "Why does France object to the Tokyo office?",
		Author: &discordgo.User{ID: eduMember, Username: "u" + eduMember}})
	<-g.started // its draft at arrival waits on the model
	i := e.slash(eduRole, thread, "session", sub("next"))
	m := e.waitOriginal(i, func(m *discordgo.Message) bool {
		return strings.Contains(m.Content, tr(discordgo.EnglishUS, msgInternal))
	})
	if len(m.Components) != 0 {
		t.Errorf("buttons under the notice: %+v", m.Components)
	}
}
