package discord

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot/bot/discord/discordtest"
	"github.com/briefbot/briefbot/bot/redisstore"
)

// click dispatches a button press on message m by user.
func (h *harness) click(m *discordgo.Message, customID, userID string) *discordgo.Interaction {
	return h.srv.DispatchInteraction(&discordgo.Interaction{
		GuildID: h.guild, Type: discordgo.InteractionMessageComponent, Message: m,
		Member: &discordgo.Member{User: &discordgo.User{ID: userID, Username: "u" + userID}},
		Data:   discordgo.MessageComponentInteractionData{CustomID: customID, ComponentType: discordgo.ButtonComponent},
	})
}

func TestShowPassagesAndFeedbackButtons(t *testing.T) {
	t.Parallel()
	h := start(t, setup{})
	i := h.ask(franceQ, false)
	m := h.waitFinal(i)
	ids := buttonIDs(m)
	if len(ids) != 3 {
		t.Fatalf("buttons = %v", ids)
	}

	src := h.click(m, ids[0], discordtest.DefaultUserID)
	cb := h.waitCallback(src)
	if cb.Type != discordgo.InteractionResponseChannelMessageWithSource {
		t.Fatalf("passages callback type %d", cb.Type)
	}
	p := h.srv.Original(src.Token)
	quote := h.bot.deps.Answerer.Knowledge().Briefings[0].Paragraphs[10]
	if p.Flags&discordgo.MessageFlagsEphemeral == 0 || !strings.Contains(p.Content, "**[1] ¶11**") ||
		!strings.Contains(p.Content, "> "+quote[:80]) {
		t.Errorf("passages reply (flags %b):\n%s", p.Flags, p.Content)
	}

	// 👍 then 👎 by the same member: one vote, the last.
	for _, id := range []string{ids[1], ids[2]} {
		v := h.click(m, id, "200000000000000009")
		h.waitCallback(v)
		if r := h.srv.Original(v.Token); r.Flags&discordgo.MessageFlagsEphemeral == 0 || !strings.Contains(r.Content, "Thanks") {
			t.Errorf("vote reply = %q", r.Content)
		}
	}
	fb := h.bot.deps.Feedback.(*redisstore.Feedback)
	votes, err := fb.List(context.Background(), h.guild, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	if len(votes) != 1 {
		t.Fatalf("votes = %+v, want one", votes)
	}
	v := votes[0]
	if v.Up || v.Question != franceQ || !strings.Contains(v.Answer, "Macron") || v.KnowledgeVersion == "" || v.AnswerID != i.ID {
		t.Errorf("vote = %+v", v)
	}
	h.checkNoMentions()
}

func TestSourcesIDFitsAndRoundTrips(t *testing.T) {
	k := testKnowledge(t)
	e := newEngine(t)
	a, err := e.Ask(context.Background(), askReq(franceQ), nil)
	if err != nil {
		t.Fatal(err)
	}
	// Many citations still give a custom id within Discord's 100.
	for len(a.Citations) < 40 {
		a.Citations = append(a.Citations, a.Citations[0])
	}
	id := sourcesID(k, a)
	if len(id) > maxCustomID || !strings.HasPrefix(id, prefixSources+k.Version[:versionPrefix]+":0.11") {
		t.Errorf("custom id %q (%d)", id, len(id))
	}
}
