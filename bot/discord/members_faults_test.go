package discord

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot/bot/asking"
	"github.com/briefbot/briefbot/bot/guild"
)

// autoGuilds is a guild settings store whose guild answers every question
// in the given channels.
type autoGuilds struct{ auto []string }

func (g autoGuilds) Get(context.Context, string) (guild.Settings, error) {
	set := guild.Settings{Channels: map[string]guild.Rule{}}
	for _, c := range g.auto {
		set.Channels[c] = guild.RuleAuto
	}
	return set, nil
}

// withAuto wires guild settings that answer every question in channels.
func withAuto(channels ...string) func(*harness, *asking.Deps) {
	return func(_ *harness, qd *asking.Deps) { qd.Guilds = autoGuilds{auto: channels} }
}

const forumID = "560000000000000001"

// forumPost adds a post (a thread) titled title to the forum forumID.
func (h *harness) forumPost(title string) *discordgo.Channel {
	h.srv.AddChannel(&discordgo.Channel{ID: forumID, GuildID: h.guild, Name: "ask-here", Type: discordgo.ChannelTypeGuildForum})
	return h.srv.AddChannel(&discordgo.Channel{GuildID: h.guild, ParentID: forumID, Name: title,
		Type: discordgo.ChannelTypeGuildPublicThread, ThreadMetadata: &discordgo.ThreadMetadata{AutoArchiveDuration: 1440}})
}

// A forum post edited right after it was posted (a typo fixed in its
// body, or an edit that changes no word) while its answer is written: the
// question stays the post's, title included, and an edit that changes no
// word restarts nothing.
func TestMembersForumPostEditedRightAfter(t *testing.T) {
	t.Parallel()
	g := newGated(newEngine(t))
	h := start(t, setup{answerer: g, wire: []func(*harness, *asking.Deps){withAuto(forumID)}})
	post := h.forumPost("Why does France oppose the Tokyo office?")
	body := "I read the briefing but missed that part."
	m := h.srv.DispatchMessage(&discordgo.Message{ID: post.ID, ChannelID: post.ID, GuildID: h.guild, Content: body})
	<-g.started
	// An edit that keeps every word (a flag, an embed suppressed, the
	// same text saved again).
	h.edit(m, body)
	select {
	case <-g.started:
		t.Fatalf("an edit that changed no word restarted the answer: %+v", g.requests())
	case <-time.After(300 * time.Millisecond):
	}
	// A real edit of the body: the title still asks.
	h.edit(m, "I read the briefing but missed that part, sorry.")
	select {
	case <-g.started:
	case <-time.After(wait):
		t.Fatal("the edited post was not asked again")
	}
	close(g.release)
	a := h.waitAnswerIn(post.ID, 0)
	reqs := g.requests()
	last := reqs[len(reqs)-1].Question
	if !strings.Contains(last, "France") || !strings.Contains(last, "sorry") {
		t.Errorf("the edited post asked %q, want its title and its edited body", last)
	}
	if !strings.Contains(a.Content, "Macron") {
		t.Errorf("answer = %q", a.Content)
	}
}
