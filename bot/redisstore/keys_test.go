package redisstore

import (
	"context"
	"go/ast"
	"go/parser"
	"go/token"
	"slices"
	"strings"
	"testing"

	"github.com/briefbot/briefbot/bot/state"
	"github.com/briefbot/briefbot/knowledge/redistest"
)

// keyGroup is keys that one operation may touch together, and the hash tag
// they should share ("" for a single key, which needs none).
type keyGroup struct {
	what string
	tag  string
	keys []string
}

// keyGroups builds, with every key builder of keys.go, the keys the
// adapter uses for id (a guild, thread, quiz or version id) and groups
// them by the operations that need them in one slot. used lists the
// builders called, so that TestKeySlots notices a new one.
func keyGroups(k keys, id string) (groups []keyGroup, used []string) {
	owner := id
	if owner == "" {
		owner = "_"
	}
	guildOwner := orDM(id)
	fb := k.feedback(id)
	s := k.session(id)
	q := k.quiz(id)
	groups = []keyGroup{
		{"Feedback.Record (MULTI); Counts, List", guildOwner, []string{fb.votes, fb.byTime, fb.up, fb.down}},
		{"Approved.Update (WATCH, MULTI) and NextID", owner, []string{k.approved(id), k.approvedSeq(id)}},
		{"a guild's settings, log, feedback and approvals, on one node", guildOwner,
			[]string{k.guild(orDM(id)), k.stats(id), fb.votes, k.approved(orDM(id))}},
		{"Retention.Forget, Keep (MULTI), sweepScript: the mark and the guild's keys", guildOwner, append([]string{k.guildForgotten(id)}, k.guildKeys(id)...)},
		{"Retention.Sweep's list", "", []string{k.forgottenGuilds()}},
		{"Sessions: voteScript, AddQuestion, UpdateSession, UpdateQuestion (WATCH, MULTI)", owner, s.all()},
		{"Quizzes: answerScript, Update (WATCH), Scores", owner, q.all()},
		{"Knowledge.Put (MULTI), Corpus, Current", "kb", []string{k.corpus(id), k.corpus(id + "x"), k.currentCorpus()}},
		// One key each: used alone, or in a MULTI on that key only
		// (Conversations.Append, Stats.Append, Guilds.write).
		{"Guilds", "", []string{k.guild(id)}},
		{"Stats.Append", "", []string{k.stats(id)}},
		{"Approved.AddGuild, Guilds", "", []string{k.approvedGuilds()}},
		{"Retention.Enroll, Unenroll, Roster", "", []string{k.guildRoster(id)}},
		{"Buckets: a user's (redis_rate's script on one key)", "", []string{k.rate(state.ScopeUser, id)}},
		{"Buckets: a guild's", "", []string{k.rate(state.ScopeGuild, id)}},
		{"AnswerCache", "", []string{k.answer(id)}},
		{"Conversations.Append (MULTI), Load", "", []string{k.conversation(id)}},
		{"Conversations.Bind, Lookup", "", []string{k.thread(id)}},
		{"Once", "", []string{k.once(id)}},
		{"IdentifyLeases", "", []string{k.identify(len(id))}},
		{"DB.Check", "", []string{k.health()}},
		// Many embeddings are read in one pipeline, which needs no slot.
		{"Vectors", "", []string{k.embedding("model", id)}},
	}
	used = []string{"health", "feedback", "approved", "approvedSeq", "guild", "stats", "session", "quiz",
		"corpus", "currentCorpus", "approvedGuilds", "rate", "answer", "conversation", "thread", "once", "identify", "embedding", "guildKeys", "guildRoster", "guildForgotten", "forgottenGuilds"}
	return groups, used
}

// TestKeySlots derives every key the adapter builds and checks that each
// group an operation touches atomically lies in one Redis Cluster slot,
// under a tag named after the data's owner, whatever the prefix and the
// id (empty, with braces, not ASCII).
func TestKeySlots(t *testing.T) {
	builders := keyBuilders(t)
	_, used := keyGroups(keys{Prefix}, "1")
	for _, b := range builders {
		if !slices.Contains(used, b) {
			t.Errorf("keys.%s is not in keyGroups: add its keys to a group so that their slots are checked", b)
		}
	}
	ids := []string{"123456789012345678", "dm", "", "_", "kb", "a}b", "{x}", "x{y", "ünï", "a b", "v" + strings.Repeat("0", 64)}
	for _, prefix := range []string{Prefix, "redistest:0123456789abcdef:", "test:"} {
		for _, id := range ids {
			groups, _ := keyGroups(keys{prefix}, id)
			for _, g := range groups {
				slot := redistest.Slot(g.keys[0])
				for _, key := range g.keys {
					if redistest.Slot(key) != slot {
						t.Errorf("prefix %q id %q: %s: %q is in slot %d, %q in %d", prefix, id, g.what, g.keys[0], slot, key, redistest.Slot(key))
					}
					// The owner's tag, for ids that are ids (no braces).
					if g.tag != "" && !strings.ContainsAny(id, "{}") {
						if tag := redistest.HashTag(key); tag != g.tag {
							t.Errorf("prefix %q id %q: %s: %q has tag %q, want %q", prefix, id, g.what, key, tag, g.tag)
						}
					}
				}
			}
		}
	}
}

// keyBuilders lists the methods of keys in keys.go.
func keyBuilders(t *testing.T) []string {
	t.Helper()
	f, err := parser.ParseFile(token.NewFileSet(), "keys.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, d := range f.Decls {
		fn, ok := d.(*ast.FuncDecl)
		if !ok || fn.Recv == nil || len(fn.Recv.List) != 1 {
			continue
		}
		if id, ok := fn.Recv.List[0].Type.(*ast.Ident); ok && id.Name == "keys" {
			out = append(out, fn.Name.Name)
		}
	}
	if len(out) < 10 {
		t.Fatalf("found only %v in keys.go", out)
	}
	return out
}

// The slots computed in Go are the server's: CLUSTER KEYSLOT on a real
// cluster agrees for every key of every group.
func TestKeySlotsMatchServer(t *testing.T) {
	c := redistest.SharedCluster(t)
	rdb := c.Client(t)
	ctx := context.Background()
	for _, id := range []string{"123456789012345678", "", "a}b"} {
		groups, _ := keyGroups(keys{Prefix}, id)
		for _, g := range groups {
			for _, key := range g.keys {
				want, err := rdb.ClusterKeySlot(ctx, key).Result()
				if err != nil {
					t.Fatal(err)
				}
				if got := redistest.Slot(key); int64(got) != want {
					t.Errorf("%q: slot %d in Go, %d by CLUSTER KEYSLOT", key, got, want)
				}
			}
		}
	}
}
