package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot/bot/discord/discordtest"
	"github.com/briefbot/briefbot/knowledge/redistest"
)

const moonBriefing = `---
id: moon-base
title: A base on the Moon
date: 2025-01-02
---

The lunar base will house twelve astronauts from 2031, according to the space agency.

Construction of the base near the Shackleton crater starts in 2028.
`

// A briefing change goes through bot run's own wiring: the library's swap
// in app.go re-checks the approvals, /admin reports which of the guild's it
// suspended, and the status line is set again.
func TestRunAfterABriefingChange(t *testing.T) {
	srv := discordtest.New(t)
	rds := redistest.Start(t)
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "moon-base.md"), []byte(moonBriefing), 0o644); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{
		"DISCORD_TOKEN": "test-token", "DISCORD_API_URL": srv.APIBase(), "DISCORD_GUILD_ID": discordtest.DefaultGuildID,
		"HEALTH_ADDR": freeAddr(t), "REDIS_URL": rds.URL(), "KNOWLEDGE_DIR": dir,
	}
	ctx, cancel := context.WithCancel(context.Background())
	stderr, exited := startRun(ctx, env)
	defer func() {
		cancel()
		select {
		case <-exited:
		case <-time.After(20 * time.Second):
			t.Error("bot run did not stop")
		}
	}()
	eventually(t, "commands registered", func() bool { return len(srv.Commands(discordtest.DefaultGuildID)) > 0 })

	admin := func(sub string, res *discordgo.ApplicationCommandInteractionDataResolved, opts ...*discordgo.ApplicationCommandInteractionDataOption) string {
		t.Helper()
		i := srv.DispatchInteraction(&discordgo.Interaction{
			GuildID: discordtest.DefaultGuildID,
			Member: &discordgo.Member{User: &discordgo.User{ID: discordtest.DefaultUserID, Username: "mod"}, Roles: []string{},
				Permissions: discordgo.PermissionManageGuild, JoinedAt: time.Now().UTC()},
			Data: discordgo.ApplicationCommandInteractionData{Name: "admin", Resolved: res,
				Options: []*discordgo.ApplicationCommandInteractionDataOption{{Name: sub, Type: discordgo.ApplicationCommandOptionSubCommand, Options: opts}}},
		})
		var m *discordgo.Message
		eventually(t, "/admin "+sub, func() bool {
			m = srv.Original(i.Token)
			return m != nil && m.Flags&discordgo.MessageFlagsLoading == 0 && m.Content != ""
		})
		return m.Content
	}
	str := func(name, v string) *discordgo.ApplicationCommandInteractionDataOption {
		return &discordgo.ApplicationCommandInteractionDataOption{Name: name, Type: discordgo.ApplicationCommandOptionString, Value: v}
	}
	const q = "How many astronauts will the lunar base house?"
	if got := admin("approve", nil, str("question", q)); !strings.HasPrefix(got, "Approved #1") {
		t.Fatalf("approve = %q", got)
	}
	changed := strings.Replace(moonBriefing, "2031", "2033", 1)
	url := srv.AddFile("moon.md", []byte(changed))
	const attID = "900000000000000001"
	res := &discordgo.ApplicationCommandInteractionDataResolved{Attachments: map[string]*discordgo.MessageAttachment{
		attID: {ID: attID, Filename: "moon.md", URL: url, ProxyURL: url, Size: len(changed), ContentType: "text/markdown"},
	}}
	got := admin("briefing-add", res,
		&discordgo.ApplicationCommandInteractionDataOption{Name: "file", Type: discordgo.ApplicationCommandOptionAttachment, Value: attID},
		&discordgo.ApplicationCommandInteractionDataOption{Name: "replace", Type: discordgo.ApplicationCommandOptionBoolean, Value: true})
	if !strings.Contains(got, "Suspended approved answers") || !strings.Contains(got, "#1 “"+q+"”") {
		t.Errorf("briefing-add reply lacks the suspended approval:\n%s\nlog:\n%s", got, stderr.String())
	}
	// The swap also refreshes the status line (a READY sets the first).
	eventually(t, "the status line refreshed after the change", func() bool {
		p := srv.Presence()
		return len(p) >= 2 && len(p[len(p)-1].Activities) == 1 && strings.HasPrefix(p[len(p)-1].Activities[0].State, "/ask about A base on the Moon")
	})
	if !strings.Contains(stderr.String(), "approved answer suspended") {
		t.Errorf("the swap did not log the suspension:\n%s", stderr.String())
	}
}
