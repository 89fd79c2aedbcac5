package discord

import (
	"context"
	"strings"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"
)

// Leaderboards name members by their display name in the server: their
// nick, else their global name, else their username. Every interaction
// carries its member, so the names of members who answered a quiz are
// remembered as they answer; a name not remembered (after a restart, or
// from another bot process) is asked of Discord (Get Guild Member, which
// needs no privileged intent).

// maxNames bounds the name cache; past it the cache starts over.
const maxNames = 10_000

// nameLookupTimeout bounds the requests one leaderboard makes for names.
const nameLookupTimeout = 2 * time.Second

// nameCache remembers members' display names, by guild and user.
type nameCache struct {
	mu    sync.Mutex
	names map[string]string
}

func newNameCache() *nameCache { return &nameCache{names: map[string]string{}} }

func nameKey(guildID, userID string) string { return guildID + "/" + userID }

// remember keeps m's display name in guildID.
func (c *nameCache) remember(guildID string, m *discordgo.Member) {
	if guildID == "" || m == nil || m.User == nil || m.User.ID == "" {
		return
	}
	name := m.DisplayName()
	if name == "" {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.names) >= maxNames {
		clear(c.names)
	}
	c.names[nameKey(guildID, m.User.ID)] = name
}

func (c *nameCache) get(guildID, userID string) (string, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	n, ok := c.names[nameKey(guildID, userID)]
	return n, ok
}

// displayNames returns the display names of userIDs in guildID that it
// can find: remembered, else from Discord within nameLookupTimeout (a
// rate-limited request is not waited out). A member it cannot name (gone
// from the server, Discord unreachable) is left out.
func (e *educator) displayNames(ctx context.Context, guildID string, userIDs []string) map[string]string {
	out := map[string]string{}
	ctx, cancel := context.WithTimeout(ctx, nameLookupTimeout)
	defer cancel()
	for _, id := range userIDs {
		if n, ok := e.names.get(guildID, id); ok {
			out[id] = n
			continue
		}
		if ctx.Err() != nil {
			continue
		}
		m, err := e.b.s.GuildMember(guildID, id, discordgo.WithContext(ctx), discordgo.WithRetryOnRatelimit(false))
		if err != nil {
			e.b.log.Info("cannot name a member; shown as a mention", "guild", guildID, "user", id, "err", err)
			continue
		}
		e.names.remember(guildID, m)
		if n, ok := e.names.get(guildID, id); ok {
			out[id] = n
		}
	}
	return out
}

// nameEscaper escapes what Discord's Markdown would read in a name: a
// backslash first, then emphasis, code, strikethrough, spoilers and the
// brackets of a masked link.
var nameEscaper = strings.NewReplacer(`\`, `\\`, "*", `\*`, "_", `\_`, "`", "\\`", "~", `\~`, "|", `\|`, "[", `\[`, "]", `\]`)

// plainName is a display name as plain text: one line, Markdown escaped,
// mention syntax defused, at most 40 characters.
func plainName(name string) string {
	return neutralise(nameEscaper.Replace(truncateRunes(oneLine(name), 40)))
}
