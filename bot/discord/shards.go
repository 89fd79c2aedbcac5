package discord

import (
	"context"
	"fmt"

	"github.com/bwmarrin/discordgo"
)

// AutoShards (Config.Shards) asks Discord how many shards to run.
const AutoShards = -1

// setShard tells the session which shard it is before it connects: the
// gateway then sends it the events of its own guilds only ((guild_id >> 22)
// % shards; DMs go to shard 0). Commands, buttons and the state shared in
// Redis work the same from every shard.
func (b *Bot) setShard(ctx context.Context) error {
	n := b.cfg.Shards
	if n == AutoShards {
		gb, err := b.s.GatewayBot(discordgo.WithContext(ctx))
		if err != nil {
			return fmt.Errorf("discord: ask Discord how many shards to run (DISCORD_SHARDS=auto): %w", err)
		}
		n = max(gb.Shards, 1)
		b.log.Info("Discord recommends shards", "shards", n)
	}
	if n <= 1 {
		return nil
	}
	if b.cfg.ShardID < 0 || b.cfg.ShardID >= n {
		return fmt.Errorf("discord: shard %d is not one of 0-%d (DISCORD_SHARD_ID, DISCORD_SHARDS)", b.cfg.ShardID, n-1)
	}
	b.s.ShardID, b.s.ShardCount = b.cfg.ShardID, n
	return nil
}
