package discord

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot/bot/discord/discordtest"
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
	if len(ids) != 4 || ids[3] != prefixThread+i.ID {
		t.Fatalf("buttons = %v", ids)
	}

	src := h.click(m, ids[0], discordtest.DefaultUserID)
	cb := h.waitCallback(src)
	if cb.Type != discordgo.InteractionResponseChannelMessageWithSource {
		t.Fatalf("passages callback type %d", cb.Type)
	}
	p := h.srv.Original(src.Token)
	quote := h.bot.deps.Questions.Knowledge().Briefings[0].Paragraphs[10]
	if p.Flags&discordgo.MessageFlagsEphemeral == 0 || !strings.Contains(p.Content, "**[1] ¶11**") ||
		!strings.Contains(p.Content, "> "+quote[:80]) {
		t.Errorf("passages reply (flags %b):\n%s", p.Flags, p.Content)
	}

	// 👍 then 👎 by the same member: one vote, the last.
	for n, id := range []string{ids[1], ids[2]} {
		v := h.click(m, id, "200000000000000009")
		h.waitCallback(v)
		want := []string{"Thanks", "Changed your vote"}[n]
		if r := h.srv.Original(v.Token); r.Flags&discordgo.MessageFlagsEphemeral == 0 || !strings.Contains(r.Content, want) {
			t.Errorf("vote reply = %q, want %q", r.Content, want)
		}
	}
	fb := h.feedback
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
	if len(id) > maxCustomID || !strings.HasPrefix(id, prefixSources+k.Version[:versionPrefix]+":40/0:11") {
		t.Errorf("custom id %q (%d)", id, len(id))
	}
}

// The cited paragraphs are written in citation order, runs of them as
// ranges, each briefing's after its index, and read back as written;
// buttons made before (each reference "briefing.paragraph") are read too.
func TestSourceRefsRoundTrip(t *testing.T) {
	refs := []sourceRef{{0, 11}, {0, 3}, {0, 20}, {0, 21}, {0, 22}, {1, 4}, {1, 5}, {0, 1}, {0, 1}}
	enc := encodeRefs(refs)
	if want := "0:11,3,20-22;1:4-5;0:1,1"; enc != want {
		t.Errorf("encodeRefs = %q, want %q", enc, want)
	}
	if got, ok := decodeRefs(enc); !ok || !slices.Equal(got, refs) {
		t.Errorf("decodeRefs(%q) = %v, %v", enc, got, ok)
	}
	if got, ok := decodeRefs("0.11,1.3"); !ok || !slices.Equal(got, []sourceRef{{0, 11}, {1, 3}}) {
		t.Errorf("the old form: %v, %v", got, ok)
	}
	for _, bad := range []string{"", "x:1", "0:", "0:5-2", "0:1-999999", "0.x"} {
		if got, ok := decodeRefs(bad); ok {
			t.Errorf("decodeRefs(%q) = %v, want an error", bad, got)
		}
	}
}

// A member clicking a vote is told privately what is now recorded: the
// same vote twice is counted once and says so (and how to change it),
// the other vote replaces it and says so; the moderators' counts follow
// the last click throughout.
func TestVoteClicksSayWhatIsRecorded(t *testing.T) {
	t.Parallel()
	h := start(t, setup{})
	i := h.ask(franceQ, false)
	m := h.waitFinal(i)
	up, down := prefixFeedback+"u:"+i.ID, prefixFeedback+"d:"+i.ID
	const member = "200000000000000009"
	steps := []struct {
		id, want   string
		nUp, nDown int
	}{
		{up, "Thanks — noted. 👍", 1, 0},
		{up, "already counted", 1, 0},
		{down, "Changed your vote on this answer to 👎", 0, 1},
		{down, "already counted", 0, 1},
		{up, "Changed your vote on this answer to 👍", 1, 0},
	}
	for n, st := range steps {
		c := h.click(m, st.id, member)
		h.waitCallback(c)
		r := h.srv.Original(c.Token)
		if r == nil || r.Flags&discordgo.MessageFlagsEphemeral == 0 || !strings.Contains(r.Content, st.want) {
			t.Errorf("click %d: reply = %+v, want a private %q", n, r, st.want)
		}
		u, d, err := h.feedback.Counts(context.Background(), h.guild)
		if err != nil {
			t.Fatal(err)
		}
		if u != st.nUp || d != st.nDown {
			t.Errorf("click %d: counts 👍%d 👎%d, want 👍%d 👎%d", n, u, d, st.nUp, st.nDown)
		}
	}
}

// A button that could not hold every cited paragraph shows those it holds
// and says how many more the answer cites; one made before the count was
// written shows its paragraphs as before.
func TestShowPassagesSaysWhatDidNotFit(t *testing.T) {
	t.Parallel()
	h := start(t, setup{})
	m := h.waitFinal(h.ask(franceQ, false))
	ver := testKnowledge(t).Version[:versionPrefix]
	for id, want := range map[string][]string{
		prefixSources + ver + ":5/0:11,3": {"**[1] ¶11**", "**[2] ¶3**", "The answer cites 3 more passages"},
		prefixSources + ver + ":0.11,0.3": {"**[1] ¶11**", "**[2] ¶3**"},
		prefixSources + ver + ":2/0:11,3": {"**[1] ¶11**", "**[2] ¶3**"},
	} {
		c := h.click(m, id, discordtest.DefaultUserID)
		h.waitCallback(c)
		got := h.srv.Original(c.Token).Content
		for _, w := range want {
			if !strings.Contains(got, w) {
				t.Errorf("%s: passages lack %q:\n%s", id, w, got)
			}
		}
		if len(want) == 2 && strings.Contains(got, "more passages") {
			t.Errorf("%s: says passages are missing:\n%s", id, got)
		}
	}
}
