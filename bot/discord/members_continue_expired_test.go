package discord

import (
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"
)

// "Continue in thread" under an answer whose record has expired, when an
// earlier click opened its thread: the thread is linked, but the member
// is not told the bot remembers the answer (it does not); they are told
// it is too old to continue from and to ask again there. In their own
// language too.
func TestMembersContinueExpiredAnswerWithItsThread(t *testing.T) {
	t.Parallel()
	h := start(t, setup{})
	m := h.waitFinal(h.ask(franceQ, false))
	ids := buttonIDs(m)
	if r := h.waitFinal(h.click(m, ids[len(ids)-1], "200000000000000009")); !strings.Contains(r.Content, "<#"+m.ID+">") {
		t.Fatalf("continue = %q, want the thread linked", r.Content)
	}

	gone := prefixThread + "300000000000000404" // an answer id with no record
	for _, l := range []discordgo.Locale{english, discordgo.French} {
		t.Run(string(l), func(t *testing.T) {
			r := h.waitFinal(h.srv.DispatchInteraction(&discordgo.Interaction{
				GuildID: h.guild, Type: discordgo.InteractionMessageComponent, Message: m, Locale: l,
				Member: &discordgo.Member{User: &discordgo.User{ID: "200000000000000008", Username: "u8"}},
				Data:   discordgo.MessageComponentInteractionData{CustomID: gone, ComponentType: discordgo.ButtonComponent},
			}))
			link := "<#" + m.ID + ">"
			if want := tr(l, msgContinueTooOldThread, link); r.Content != want {
				t.Errorf("continue on an expired answer with its thread = %q, want %q", r.Content, want)
			}
			if remembers := tr(l, msgContinueIn, link); r.Content == remembers {
				t.Errorf("the member is told the bot remembers an answer it no longer has: %q", r.Content)
			}
			if r.Flags&discordgo.MessageFlagsEphemeral == 0 {
				t.Errorf("flags %b, want the reply private", r.Flags)
			}
		})
	}
}
