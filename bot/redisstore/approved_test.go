package redisstore

import (
	"context"
	"encoding/json"
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/briefbot/briefbot/bot/answer"
	"github.com/briefbot/briefbot/bot/approved"
	"github.com/briefbot/briefbot/knowledge"
	"github.com/briefbot/briefbot/knowledge/redistest"
)

const quadText = "Japan, South Korea, Australia and New Zealand were invited to the summit for the third year in a row."

// quad is an answer citing one passage, to approve.
var quad = answer.Answer{
	Text:             "Japan, South Korea, Australia and New Zealand were invited for the third year [1].",
	Citations:        []answer.Citation{{N: 1, Briefing: "NATO", Paragraph: 3, ChunkID: "nato#p3", Quote: quadText}},
	Mode:             answer.ModeExtractive,
	KnowledgeVersion: "v1",
}

func TestApproved(t *testing.T) {
	ctx := context.Background()
	const g = "1001"
	for _, be := range backends(t) {
		t.Run(be.name, func(t *testing.T) {
			s := approved.New(be.db().Approved())
			e, err := s.Approve(ctx, g, "Who is in the Quad?", quad, "", "77")
			if err != nil || e.ID != "1" {
				t.Fatalf("approve: %+v, %v", e, err)
			}
			// The layout deployed bots hold.
			p := be.opts.Prefix
			var stored approved.Entry
			if err := json.Unmarshal([]byte(be.rdb.HGet(ctx, p+"approved:{"+g+"}", "1").Val()), &stored); err != nil || stored.Question != "Who is in the Quad?" {
				t.Errorf("approved:{%s} field 1 = %+v, %v", g, stored, err)
			}
			if seq := be.rdb.Get(ctx, p+"approved:{"+g+"}:seq").Val(); seq != "1" {
				t.Errorf("seq = %q, want 1", seq)
			}
			if !be.rdb.SIsMember(ctx, p+"approved:guilds", g).Val() {
				t.Error("guild not in approved:guilds")
			}
			// A restarted bot serves it, and revalidates every guild listed.
			other := approved.New(be.restarted().Approved())
			if a, ok, err := other.Lookup(ctx, g, "who is in the quad", "v1"); err != nil || !ok || a.Mode != answer.ModeApproved {
				t.Fatalf("lookup after restart: %+v, %v, %v", a, ok, err)
			}
			c := knowledge.Corpus{Version: "v2", Chunks: []knowledge.Chunk{{ID: "nato#p3", Title: "NATO", Paragraph: 3, Text: quadText}}}
			if got, err := other.Revalidate(ctx, c); err != nil || len(got) != 0 {
				t.Fatalf("revalidate: %+v, %v", got, err)
			}
			if _, ok, _ := s.Lookup(ctx, g, "Who is in the Quad?", "v2"); !ok {
				t.Error("not carried over to v2")
			}
			if _, err := s.Remove(ctx, g, "9"); !errors.Is(err, approved.ErrNotFound) {
				t.Errorf("remove unknown id: %v, want ErrNotFound", err)
			}
			if _, err := s.Remove(ctx, g, "1"); err != nil || be.rdb.HLen(ctx, p+"approved:{"+g+"}").Val() != 0 {
				t.Errorf("remove: %v", err)
			}
		})
	}
}

// Separate processes approving at once lose nothing: WATCH retries.
func TestApprovedConcurrent(t *testing.T) {
	ctx := context.Background()
	for _, be := range backends(t) {
		t.Run(be.name, func(t *testing.T) {
			const n = 8
			errs := make(chan error, n)
			for i := range n {
				go func() {
					s := approved.New(be.restarted().Approved())
					_, err := s.Approve(ctx, "1001", "Who is in the Quad, question "+strconv.Itoa(i)+"?", quad, "", "77")
					errs <- err
				}()
			}
			for range n {
				if err := <-errs; err != nil {
					t.Error(err)
				}
			}
			list, err := approved.New(be.db().Approved()).List(ctx, "1001")
			if err != nil || len(list) != n {
				t.Fatalf("%d entries, %v; want %d", len(list), err, n)
			}
		})
	}
}

func TestApprovedRedisDown(t *testing.T) {
	srv := redistest.Start(t)
	s := approved.New(New(srv.Client(t), Options{Prefix: srv.Prefix(), Timeout: 200 * time.Millisecond}).Approved())
	srv.Stop()
	start := time.Now()
	if _, _, err := s.Lookup(context.Background(), "1001", "Who is in the Quad?", "v1"); err == nil || !strings.HasPrefix(err.Error(), "approved: lookup:") || time.Since(start) > 2*time.Second {
		t.Errorf("err %v after %s", err, time.Since(start))
	}
	if _, err := s.Approve(context.Background(), "1001", "Who is in the Quad?", quad, "", "77"); err == nil || !strings.HasPrefix(err.Error(), "approved: approve:") {
		t.Errorf("approve with Redis down: %v", err)
	}
}
