package discord

import (
	"context"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot/bot/answer"
	"github.com/briefbot/briefbot/bot/asking"
	"github.com/briefbot/briefbot/bot/discord/discordtest"
)

// Two processes, one shard each, on one gateway: each guild's events reach
// the shard that owns it ((guild_id >> 22) % 2), and only that one answers.
func TestTwoShardsAnswerTheirOwnGuilds(t *testing.T) {
	t.Parallel()
	const guild0, guild1 = "300000000000000001", "300000000004194305" // shards 0 and 1
	srv := discordtest.New(t, discordtest.WithGuilds(guild0, guild1), discordtest.WithRecommendedShards(2))
	for shard := range 2 {
		text := []string{"Shard zero says Macron [1].", "Shard one says Macron [1]."}[shard]
		k := testKnowledge(t)
		a := answer.Answer{Text: text, Mode: answer.ModeLLM, KnowledgeVersion: k.Version,
			Citations: []answer.Citation{{N: 1, Briefing: k.Briefings[0].Title, Paragraph: 11, ChunkID: k.Briefings[0].ID + "#p11", Quote: k.Briefings[0].Paragraphs[10]}}}
		shards := 2
		if shard == 1 {
			shards = AutoShards // asks GET /gateway/bot: 2
		}
		b, err := New(Config{Token: "test-token", APIURL: srv.APIBase(), GuildID: guild0, EditInterval: 20 * time.Millisecond, Shards: shards, ShardID: shard},
			Deps{Questions: asking.New(asking.Config{}, asking.Deps{Answerer: fixed{a}}, nil)}, slog.New(slog.NewTextHandler(io.Discard, nil)))
		if err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan error, 1)
		go func() { done <- b.Run(ctx) }()
		t.Cleanup(func() { cancel(); <-done })
		select {
		case <-b.Ready():
		case err := <-done:
			t.Fatalf("shard %d: %v", shard, err)
		case <-time.After(wait):
			t.Fatalf("shard %d not ready", shard)
		}
	}
	ask := func(guild string) *discordgo.Message {
		return srv.DispatchMessage(&discordgo.Message{GuildID: guild, Content: "<@" + discordtest.DefaultBotUserID + "> " + franceQ,
			Mentions: []*discordgo.User{botUser()}})
	}
	for guild, want := range map[string]string{guild0: "Shard zero", guild1: "Shard one"} {
		q := ask(guild)
		deadline := time.Now().Add(wait)
		var answers []string
		for time.Now().Before(deadline) {
			answers = answers[:0]
			// The thread started from the question, and the channel (where
			// a second shard, finding the thread taken, would answer).
			for _, m := range append(srv.ChannelMessages(q.ID), srv.ChannelMessages(q.ChannelID)...) {
				if m.Author != nil && m.Author.ID == discordtest.DefaultBotUserID && strings.Contains(m.Content, "Macron") {
					answers = append(answers, m.Content)
				}
			}
			if len(answers) > 0 {
				break
			}
			time.Sleep(5 * time.Millisecond)
		}
		time.Sleep(100 * time.Millisecond) // room for a wrong second answer
		answers = answers[:0]
		for _, m := range append(srv.ChannelMessages(q.ID), srv.ChannelMessages(q.ChannelID)...) {
			if m.Author != nil && m.Author.ID == discordtest.DefaultBotUserID && strings.Contains(m.Content, "Macron") {
				answers = append(answers, m.Content)
			}
		}
		if len(answers) != 1 || !strings.Contains(answers[0], want) {
			t.Errorf("guild %s: answers %q, want one from %q", guild, answers, want)
		}
	}
}

func TestShardOutOfRangeIsRefused(t *testing.T) {
	t.Parallel()
	srv := discordtest.New(t)
	b, err := New(Config{Token: "test-token", APIURL: srv.APIBase(), Shards: 2, ShardID: 2},
		Deps{Questions: asking.New(asking.Config{}, asking.Deps{Answerer: newEngine(t)}, nil)}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := b.Run(context.Background()); err == nil || !strings.Contains(err.Error(), "shard 2 is not one of 0-1") {
		t.Errorf("Run = %v", err)
	}
}
