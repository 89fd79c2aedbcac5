package discord

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot/bot/asking"
)

// "Continue in thread" under an answer whose record has expired, when an
// earlier click opened its thread. The thread's binding and history were
// seeded at that click and outlive the record: while the history holds
// the answer, follow-ups there still see it, and the member is sent there
// as usual. Once the history is gone too, the thread is linked, but the
// member is told the answer is too old to continue from and to ask again
// there. In their own language too; privately.
func TestMembersContinueExpiredAnswerWithItsThread(t *testing.T) {
	t.Parallel()
	h := start(t, setup{})
	m := h.waitFinal(h.ask(franceQ, false))
	ids := buttonIDs(m)
	cont := ids[len(ids)-1]
	if r := h.waitFinal(h.click(m, cont, "200000000000000009")); !strings.Contains(r.Content, "<#"+m.ID+">") {
		t.Fatalf("continue = %q, want the thread linked", r.Content)
	}
	ctx := context.Background()
	rdb := h.rds.Client(t)
	answerID := strings.TrimPrefix(cont, prefixThread)
	if n, err := rdb.Del(ctx, h.rds.Prefix()+"conv:answer:"+answerID).Result(); err != nil || n != 1 {
		t.Fatalf("the answer's record not deleted: %d, %v", n, err)
	}
	link := "<#" + m.ID + ">"
	press := func(t *testing.T, l discordgo.Locale) *discordgo.Message {
		t.Helper()
		r := h.waitFinal(h.srv.DispatchInteraction(&discordgo.Interaction{
			GuildID: h.guild, Type: discordgo.InteractionMessageComponent, Message: m, Locale: l,
			Member: &discordgo.Member{User: &discordgo.User{ID: "200000000000000008", Username: "u8"}},
			Data:   discordgo.MessageComponentInteractionData{CustomID: cont, ComponentType: discordgo.ButtonComponent},
		}))
		if r.Flags&discordgo.MessageFlagsEphemeral == 0 {
			t.Errorf("flags %b, want the reply private", r.Flags)
		}
		return r
	}

	for _, l := range []discordgo.Locale{english, discordgo.French} {
		t.Run("history kept/"+string(l), func(t *testing.T) {
			if hist, err := h.conv.Load(ctx, m.ID); err != nil || len(hist) == 0 {
				t.Fatalf("the thread's history: %d turns, %v", len(hist), err)
			}
			if r := press(t, l); r.Content != tr(l, msgContinueIn, link) {
				t.Errorf("continue on an expired answer whose thread holds it = %q, want %q", r.Content, tr(l, msgContinueIn, link))
			}
		})
	}

	if n, err := rdb.Del(ctx, h.rds.Prefix()+"conv:"+m.ID).Result(); err != nil || n != 1 {
		t.Fatalf("the thread's history not deleted: %d, %v", n, err)
	}
	for _, l := range []discordgo.Locale{english, discordgo.French} {
		t.Run("history gone/"+string(l), func(t *testing.T) {
			r := press(t, l)
			if want := tr(l, msgContinueTooOldThread, link); r.Content != want {
				t.Errorf("continue on an expired answer whose thread's history is gone = %q, want %q", r.Content, want)
			}
		})
	}
}

// historyDown is the question service with a store that fails reading a
// thread's history (and only that).
type historyDown struct{ *asking.Service }

func (historyDown) HasHistory(context.Context, string) (bool, error) {
	return false, errors.New("store down")
}

// When the thread's history cannot be read, the thread (which exists and
// is the bot's) is linked as continuing the answer: its history almost
// always outlives the answer's record.
func TestMembersContinueExpiredAnswerHistoryUnreadable(t *testing.T) {
	t.Parallel()
	h := start(t, setup{before: func(b *Bot) {
		b.deps.Questions = historyDown{b.deps.Questions.(*asking.Service)}
	}})
	m := h.waitFinal(h.ask(franceQ, false))
	ids := buttonIDs(m)
	if r := h.waitFinal(h.click(m, ids[len(ids)-1], "200000000000000009")); !strings.Contains(r.Content, "<#"+m.ID+">") {
		t.Fatalf("continue = %q, want the thread linked", r.Content)
	}
	gone := prefixThread + "300000000000000404" // an answer id with no record
	r := h.waitFinal(h.click(m, gone, "200000000000000008"))
	if want := tr(english, msgContinueIn, "<#"+m.ID+">"); r.Content != want {
		t.Errorf("continue with the thread's history unreadable = %q, want %q", r.Content, want)
	}
	if !strings.Contains(h.log.String(), "thread history unavailable") {
		t.Error("the failed read is not logged")
	}
}
