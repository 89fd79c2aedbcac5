package redistest

import (
	"context"
	"testing"

	"github.com/redis/go-redis/v9"
)

// RotatePassword starts a password rotation on a server of its own (a
// test given REDIS_URL's server is skipped: its password is not the
// test's to change). The server requires first from now on; rotate
// switches it to next and ends every client's connection, as Redis
// restarted with a new requirepass (or a rotated ACL password) would, so
// that clients authenticated with first meet the refusal as they
// reconnect. The server needs no password again when tb ends.
func (s *Server) RotatePassword(tb testing.TB, first, next string) (rotate func()) {
	tb.Helper()
	if s.External() {
		tb.Skip("changes the server's password: needs a redis-server of its own")
	}
	ctx := context.Background()
	admin := redis.NewClient(&redis.Options{Addr: s.Addr()})
	tb.Cleanup(func() { admin.Close() })
	if err := admin.ConfigSet(ctx, "requirepass", first).Err(); err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		for _, pw := range []string{first, next} {
			c := redis.NewClient(&redis.Options{Addr: s.Addr(), Password: pw})
			c.ConfigSet(ctx, "requirepass", "")
			c.Close()
		}
	})
	return func() {
		tb.Helper()
		if err := admin.ConfigSet(ctx, "requirepass", next).Err(); err != nil {
			tb.Fatal(err)
		}
		if err := admin.ClientKillByFilter(ctx, "TYPE", "normal", "SKIPME", "yes").Err(); err != nil {
			tb.Fatal(err)
		}
	}
}
