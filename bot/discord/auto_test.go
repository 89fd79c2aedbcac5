package discord

import (
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"
)

// autoRule sets a channel to answer every question, as a moderator does.
func (e *adminEnv) autoRule(channelID string) {
	e.t.Helper()
	m := e.reply(e.admin("channels", manage,
		opt("channel", discordgo.ApplicationCommandOptionChannel, channelID),
		opt("rule", discordgo.ApplicationCommandOptionString, "auto")))
	if !strings.Contains(m.Content, "every question") {
		e.t.Fatalf("/admin channels auto = %q", m.Content)
	}
}

func TestAutoAnswerForumPosts(t *testing.T) {
	t.Parallel()
	e := startAdmin(t, t.TempDir())
	forum := e.srv.AddChannel(&discordgo.Channel{GuildID: e.guild, Name: "ask-here", Type: discordgo.ChannelTypeGuildForum})
	e.autoRule(forum.ID)

	// A new post: its title asks, its first message says more; the post is
	// a thread whose id is the first message's.
	post := e.srv.AddChannel(&discordgo.Channel{GuildID: e.guild, ParentID: forum.ID, Name: "Why does France oppose the Tokyo office?",
		Type: discordgo.ChannelTypeGuildPublicThread, ThreadMetadata: &discordgo.ThreadMetadata{AutoArchiveDuration: 1440}})
	e.srv.DispatchMessage(&discordgo.Message{ID: post.ID, ChannelID: post.ID, GuildID: e.guild, Content: "I read the briefing but missed that part."})
	if a := e.waitAnswerIn(post.ID, 0); !strings.Contains(a.Content, "Macron") {
		t.Errorf("answer to the post = %s", a.Content)
	}
	// Follow-ups in the post need no mention.
	e.srv.DispatchMessage(&discordgo.Message{GuildID: e.guild, ChannelID: post.ID, Content: "and what did the US say about it?"})
	e.waitAnswerIn(post.ID, 1)

	// A post whose first message is only an image: its title asks.
	pic := e.srv.AddChannel(&discordgo.Channel{GuildID: e.guild, ParentID: forum.ID, Name: "Who is in the Quad?",
		Type: discordgo.ChannelTypeGuildPublicThread, ThreadMetadata: &discordgo.ThreadMetadata{AutoArchiveDuration: 1440}})
	e.srv.DispatchMessage(&discordgo.Message{ID: pic.ID, ChannelID: pic.ID, GuildID: e.guild,
		Attachments: []*discordgo.MessageAttachment{{ID: "910000000000000001", Filename: "map.png", URL: "https://cdn.example/map.png"}}})
	if a := e.waitAnswerIn(pic.ID, 0); !strings.Contains(a.Content, "India") {
		t.Errorf("answer to an image-only post = %s", a.Content)
	}

	// A post read without the Message Content intent: its first message
	// comes with neither text nor attachments; its title still asks.
	blind := e.srv.AddChannel(&discordgo.Channel{GuildID: e.guild, ParentID: forum.ID, Name: "What is AUKUS?",
		Type: discordgo.ChannelTypeGuildPublicThread, ThreadMetadata: &discordgo.ThreadMetadata{AutoArchiveDuration: 1440}})
	e.srv.DispatchMessage(&discordgo.Message{ID: blind.ID, ChannelID: blind.ID, GuildID: e.guild})
	if a := e.waitAnswerIn(blind.ID, 0); !strings.Contains(a.Content, "Australia") {
		t.Errorf("answer to a post read without its text = %s", a.Content)
	}

	// A thread of an ordinary channel is not a post: left alone.
	other := e.srv.AddChannel(&discordgo.Channel{GuildID: e.guild, ParentID: e.srv.GeneralChannel(e.guild), Name: "chat",
		Type: discordgo.ChannelTypeGuildPublicThread, ThreadMetadata: &discordgo.ThreadMetadata{AutoArchiveDuration: 1440}})
	e.srv.DispatchMessage(&discordgo.Message{GuildID: e.guild, ChannelID: other.ID, Content: franceQ})
	e.waitFinal(e.ask(franceQ, true)) // a later event, handled after it
	for _, m := range e.srv.ChannelMessages(other.ID) {
		if m.Author != nil && m.Author.Bot {
			t.Errorf("answered in a thread outside the auto forum: %q", m.Content)
		}
	}
	e.checkNoMentions()
}

func TestAutoAnswerChannelQuestions(t *testing.T) {
	t.Parallel()
	e := startAdmin(t, t.TempDir())
	general := e.srv.GeneralChannel(e.guild)
	e.autoRule(general)

	chat := e.srv.DispatchMessage(&discordgo.Message{GuildID: e.guild, ChannelID: general, Content: "thanks all, great session"})
	q := e.srv.DispatchMessage(&discordgo.Message{GuildID: e.guild, ChannelID: general, Content: franceQ})
	e.until("the thread", func() bool { return e.srv.Channel(q.ID) != nil })
	if a := e.waitAnswerIn(q.ID, 0); !strings.Contains(a.Content, "Macron") {
		t.Errorf("answer = %s", a.Content)
	}
	if e.srv.Channel(chat.ID) != nil {
		t.Error("a thread was opened for chat that asks nothing")
	}
	// The moderators see the rule.
	m := e.reply(e.admin("channels", manage,
		opt("channel", discordgo.ApplicationCommandOptionChannel, "555000000000000001"),
		opt("rule", discordgo.ApplicationCommandOptionString, "deny")))
	if !strings.Contains(m.Content, "Every question answered in: <#"+general+">") {
		t.Errorf("rules = %q", m.Content)
	}
}

func TestPostQuestion(t *testing.T) {
	for _, c := range []struct{ title, body, want string }{
		{"Why does France object?", "I missed it.", "Why does France object? I missed it."},
		{"France and the office", "why does it object", "France and the office. why does it object"},
		{"Why does France object", "Why does France object to the office?", "Why does France object to the office?"},
		{"", "Why?", "Why?"},
	} {
		if got := postQuestion(c.title, c.body); got != c.want {
			t.Errorf("postQuestion(%q, %q) = %q, want %q", c.title, c.body, got, c.want)
		}
	}
}
