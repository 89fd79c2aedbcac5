package redisstore

import (
	"context"
	"maps"
	"testing"
	"time"

	"github.com/briefbot/briefbot/bot/guild"
	"github.com/briefbot/briefbot/bot/state"
	"github.com/briefbot/briefbot/knowledge/redistest"
)

func TestGuilds(t *testing.T) {
	ctx := context.Background()
	const g = "111111111111111111"
	for _, be := range backends(t) {
		t.Run(be.name, func(t *testing.T) {
			s := guild.New(be.db().Guilds(), guild.Options{})
			for i, err := range []error{
				s.SetChannel(ctx, g, "200", guild.RuleDeny),
				s.SetChannel(ctx, g, "201", guild.RuleAllow),
				s.SetChannel(ctx, g, "201", guild.RuleNone),
				s.SetUserLimit(ctx, g, state.Limit{Rate: 2, Burst: 1, Period: time.Minute}),
				s.SetPrivateByDefault(ctx, g, true),
				s.SetEducatorRole(ctx, g, "900", true),
				s.SetEducatorRole(ctx, g, "901", true),
				s.SetEducatorRole(ctx, g, "900", false),
			} {
				if err != nil {
					t.Fatalf("step %d: %v", i, err)
				}
			}
			// The hash deployed bots hold, field for field.
			want := map[string]string{"ch:200": "deny", "limit:user": `{"Rate":2,"Burst":1,"Period":60000000000}`, "private": "1", "edu:901": "1"}
			if got := be.rdb.HGetAll(ctx, be.opts.Prefix+"guild:{"+g+"}").Val(); !maps.Equal(got, want) {
				t.Errorf("hash = %v, want %v", got, want)
			}
			// A new process reads the same settings.
			got, err := guild.New(be.restarted().Guilds(), guild.Options{}).Get(ctx, g)
			if err != nil || got.Channels["200"] != guild.RuleDeny || got.UserLimit.Rate != 2 || !got.PrivateByDefault || len(got.EducatorRoles) != 1 {
				t.Fatalf("after restart: %+v, %v", got, err)
			}
			if err := s.Reset(ctx, g); err != nil {
				t.Fatal(err)
			}
			if n := be.rdb.Exists(ctx, be.opts.Prefix+"guild:{"+g+"}").Val(); n != 0 {
				t.Error("Reset left the hash")
			}
		})
	}
}

func TestGuildsRedisDown(t *testing.T) {
	srv := redistest.Start(t)
	s := guild.New(New(srv.Client(t), Options{Prefix: srv.Prefix(), Timeout: 200 * time.Millisecond}).Guilds(), guild.Options{})
	srv.Stop()
	start := time.Now()
	_, err := s.Allowed(context.Background(), "1", "1", "")
	if err == nil || time.Since(start) > 2*time.Second {
		t.Errorf("err %v after %s", err, time.Since(start))
	}
	if err := s.SetChannel(context.Background(), "1", "2", guild.RuleDeny); err == nil {
		t.Error("SetChannel succeeded with Redis down")
	}
}
