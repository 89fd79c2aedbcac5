package discord

import (
	"sync"
	"testing"
)

// An educator runs /session next while the question is being drafted,
// and a co-educator ends the session meanwhile: the educator is told the
// session has ended, not "Something went wrong".
func TestEducatorQANextRacingTheEndSaysEnded(t *testing.T) {
	t.Parallel()
	g := newGated(newEngine(t))
	open := sync.OnceFunc(func() { close(g.release) })
	t.Cleanup(open)
	e := startEducatorWith(t, setup{answerer: g})
	thread := e.startSession("Asia week")
	e.inThread(thread, eduMember, franceQ)
	<-g.started // its draft at arrival
	next := e.slash(eduManager, thread, "session", sub("next"))
	<-g.started // /session next's own draft
	e.reply(e.slash(eduRole, thread, "session", sub("end")))
	open()
	if r := e.reply(next); r.Content != tr(english, msgSessionEnded) {
		t.Errorf("/session next racing the end = %q, want %q", r.Content, tr(english, msgSessionEnded))
	}
	if p := e.posted(thread); len(p) != 0 {
		t.Errorf("posted in the ended session: %q", p[0].Content)
	}
}
