package discord

import (
	"context"
	"log/slog"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"
	"github.com/redis/go-redis/v9"

	"github.com/briefbot/briefbot/bot/guild"
	"github.com/briefbot/briefbot/bot/redisstore"
	"github.com/briefbot/briefbot/knowledge/redistest"
)

// limitsReply runs /admin limits with opts over gs, and returns the reply
// and the settings stored afterwards.
func limitsReply(t *testing.T, gs *guild.Store, opts ...*discordgo.ApplicationCommandInteractionDataOption) (string, guild.Settings) {
	t.Helper()
	const g = "111111111111111111"
	a := &admin{b: &Bot{log: slog.New(slog.DiscardHandler)}, d: AdminDeps{Guilds: gs}}
	m := map[string]*discordgo.ApplicationCommandInteractionDataOption{}
	for _, o := range opts {
		m[o.Name] = o
	}
	got := a.limits(context.Background(), &Reply{I: &discordgo.Interaction{GuildID: g, Locale: discordgo.EnglishUS}}, m)
	s, err := gs.Get(context.Background(), g)
	if err != nil {
		t.Fatal(err)
	}
	return got, s
}

// /admin limits saves every setting it is given or none, so that "Not
// changed" is true: a Redis failure, or an invalid setting, after the
// first setting was written left that one saved.
func TestAdminLimitsAllOrNothing(t *testing.T) {
	srv := redistest.Start(t)
	ctx := context.Background()

	// An invalid server limit after a valid member limit saves neither.
	gs := guild.New(redisstore.New(srv.Client(t), redisstore.Options{Prefix: srv.Prefix()}).Guilds(), guild.Options{CacheTTL: -1})
	got, s := limitsReply(t, gs, intOpt("user_per_minute", 5), intOpt("guild_per_minute", 5000))
	if !strings.HasPrefix(got, "Not changed: ") || s.UserLimit.Rate != 0 {
		t.Errorf("invalid server limit: reply %q, stored member limit %+v; want Not changed and nothing stored", got, s.UserLimit)
	}

	// Redis fails the second change (a user that may not HDEL: clearing
	// the server limit) after accepting the first (HSET of the member
	// limit).
	admin := srv.Client(t)
	if err := admin.Do(ctx, "ACL", "SETUSER", "nohdel", "on", ">pw", "~*", "&*", "+@all", "-hdel").Err(); err != nil {
		t.Skipf("cannot create an ACL user on this Redis: %v", err)
	}
	t.Cleanup(func() { admin.Do(context.Background(), "ACL", "DELUSER", "nohdel") })
	rdb := redis.NewClient(&redis.Options{Addr: srv.Addr(), Username: "nohdel", Password: "pw"})
	t.Cleanup(func() { rdb.Close() })
	gs = guild.New(redisstore.New(rdb, redisstore.Options{Prefix: srv.Prefix()}).Guilds(), guild.Options{CacheTTL: -1})
	got, s = limitsReply(t, gs, intOpt("user_per_minute", 5), intOpt("guild_per_minute", 0))
	if !strings.HasPrefix(got, "Not changed: ") {
		t.Errorf("Redis refused a change, yet the reply is %q", got)
	}
	if s.UserLimit.Rate != 0 {
		t.Errorf("reply %q, yet the member limit was saved: %+v", got, s.UserLimit)
	}

	// With nothing failing, both are saved at once.
	got, s = limitsReply(t, gs, intOpt("user_per_minute", 5), opt("private", discordgo.ApplicationCommandOptionBoolean, true))
	if !strings.HasPrefix(got, "Saved member limit, private default:") || s.UserLimit.Rate != 5 || !s.PrivateByDefault {
		t.Errorf("reply %q, stored %+v", got, s)
	}
}
