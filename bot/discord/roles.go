package discord

import (
	"context"
	"encoding/json"
	"slices"

	"github.com/bwmarrin/discordgo"
)

// Discord gives a bot a managed role of its own in every guild, named like
// the bot, and members often pick it from the @ list instead of the bot.
// A mention of that role counts as a mention of the bot.

// maxGuildRoles bounds the role cache; past it the cache starts over.
const maxGuildRoles = 10_000

// mentionsMyRole reports whether m mentions the bot's managed role. The
// role is learned once per guild (it never changes) from the guild's
// roles, by the bot id Discord tags it with; discordgo's Role has no tags,
// hence the raw request.
func (b *Bot) mentionsMyRole(ctx context.Context, m *discordgo.Message) bool {
	if m.GuildID == "" || len(m.MentionRoles) == 0 {
		return false
	}
	role, ok := b.myRole(ctx, m.GuildID)
	return ok && slices.Contains(m.MentionRoles, role)
}

func (b *Bot) myRole(ctx context.Context, guildID string) (string, bool) {
	b.rolesMu.Lock()
	role, ok := b.roles[guildID]
	b.rolesMu.Unlock()
	if ok {
		return role, role != ""
	}
	// One request per guild: messages of that guild arriving meanwhile
	// wait for it instead of asking again; other guilds' do not wait.
	v, err, _ := b.roleReads.Do(guildID, func() (any, error) { return b.readMyRole(ctx, guildID) })
	if err != nil {
		return "", false
	}
	role = v.(string)
	return role, role != ""
}

// readMyRole reads the guild's roles and remembers the bot's ("" for
// none); a failure is logged and not remembered: the next role mention
// asks again.
func (b *Bot) readMyRole(ctx context.Context, guildID string) (string, error) {
	body, err := b.s.RequestWithBucketID("GET", discordgo.EndpointGuildRoles(guildID), nil,
		discordgo.EndpointGuildRoles(guildID), discordgo.WithContext(ctx))
	if err != nil {
		b.log.Info("cannot read the guild's roles; a mention of the bot's role is not seen as a mention", "guild", guildID, "err", err)
		return "", err
	}
	var roles []struct {
		ID   string `json:"id"`
		Tags *struct {
			BotID string `json:"bot_id"`
		} `json:"tags"`
	}
	if err := json.Unmarshal(body, &roles); err != nil {
		b.log.Info("unreadable guild roles", "guild", guildID, "err", err)
		return "", err
	}
	role := ""
	for _, r := range roles {
		if r.Tags != nil && r.Tags.BotID == b.botUserID() {
			role = r.ID
		}
	}
	b.rolesMu.Lock()
	defer b.rolesMu.Unlock()
	if len(b.roles) >= maxGuildRoles {
		clear(b.roles)
	}
	b.roles[guildID] = role
	return role, nil
}
