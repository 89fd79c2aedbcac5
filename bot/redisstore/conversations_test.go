package redisstore

import (
	"context"
	"testing"
	"time"
)

// A turn appended to a thread's history keeps the thread bound as long as
// the history: a thread in use does not stop taking follow-ups when the
// binding made at its first click would have expired. An expired binding
// is not brought back, and a history with no thread gets no binding.
func TestConversationsAppendRefreshesTheBinding(t *testing.T) {
	ctx := context.Background()
	for _, be := range backends(t) {
		t.Run(be.name, func(t *testing.T) {
			c := be.db().Conversations()
			bindingTTL := func(id string) time.Duration {
				t.Helper()
				return be.rdb.PTTL(ctx, be.opts.Prefix+"thread:"+id).Val()
			}
			if err := c.Bind(ctx, "1500000000000000001", []byte(`{"owner":"u"}`), time.Hour); err != nil {
				t.Fatal(err)
			}
			if err := c.Append(ctx, "1500000000000000001", []byte("turn"), 6, 3*time.Hour); err != nil {
				t.Fatal(err)
			}
			if ttl := bindingTTL("1500000000000000001"); ttl <= 2*time.Hour || ttl > 3*time.Hour {
				t.Errorf("binding TTL after a turn = %s, want the history's (3h)", ttl)
			}
			if meta, ok, err := c.Lookup(ctx, "1500000000000000001"); err != nil || !ok || string(meta) != `{"owner":"u"}` {
				t.Errorf("Lookup after a turn = %q, %v, %v; want the binding as bound", meta, ok, err)
			}
			if err := c.Append(ctx, "dm:1", []byte("turn"), 6, time.Hour); err != nil {
				t.Fatal(err)
			}
			if _, ok, err := c.Lookup(ctx, "dm:1"); ok || err != nil {
				t.Errorf("Lookup of a history never bound = %v, %v; want no binding", ok, err)
			}
		})
	}
}
