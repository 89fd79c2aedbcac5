package discord

import (
	"context"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"
)

// A session whose record is gone from the store (expired a month after
// its last write, or lost with a store reset) says so: a member's
// question in its thread is told it was not queued and why, once, and
// /session end tells the educator the session is gone. Before, the
// question was dropped without a word and /session end said there was
// no session in this channel. After a restart, the thread is known as a
// session's by its name and owner (the bot).
func TestSessionLostFromTheStoreIsSaid(t *testing.T) {
	t.Parallel()
	e := startEducator(t)
	ctx := context.Background()
	thread := e.startSession("Lost")
	seqOf(t, e.inThread(thread, eduMember, franceAsked))
	rdb := e.rds.Client(t)
	forget := func() {
		keys, err := rdb.Keys(ctx, e.rds.Prefix()+"session:*").Result()
		if err != nil || len(keys) == 0 {
			t.Fatalf("session keys: %v %v", keys, err)
		}
		if err := rdb.Del(ctx, keys...).Err(); err != nil {
			t.Fatal(err)
		}
	}
	forget()
	if r := e.inThread(thread, eduMember, moonQuestion); !strings.Contains(r.Content, "gone from my storage") {
		t.Errorf("a question in the lost session's thread: %q", r.Content)
	}
	for _, cmd := range []string{"next", "end"} {
		if r := e.reply(e.slash(eduRole, thread, "session", sub(cmd))); !strings.Contains(r.Content, "gone from my storage") {
			t.Errorf("/session %s in the lost session's thread: %q", cmd, r.Content)
		}
	}

	// After a restart, the gateway's cache knows the thread.
	e.newBot()
	th := e.srv.Channel(thread)
	if th == nil {
		t.Fatal("no thread")
	}
	th.OwnerID = e.bot.botUserID()
	e.srv.Dispatch("THREAD_CREATE", &discordgo.ThreadCreate{Channel: th})
	if r := e.inThread(thread, eduMember2, moonQuestion); !strings.Contains(r.Content, "gone from my storage") {
		t.Errorf("a question in the lost session's thread after a restart: %q", r.Content)
	}
	if r := e.reply(e.slash(eduRole, thread, "session", sub("end"))); !strings.Contains(r.Content, "gone from my storage") {
		t.Errorf("/session end in the lost session's thread after a restart: %q", r.Content)
	}
	// Elsewhere, the command still says to run it in the session's thread.
	if r := e.reply(e.slash(eduRole, "", "session", sub("end"))); !strings.Contains(r.Content, "no session in this channel") {
		t.Errorf("/session end outside a thread: %q", r.Content)
	}
}
