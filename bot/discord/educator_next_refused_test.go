package discord

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot/bot/discord/discordtest"
	"github.com/briefbot/briefbot/bot/session"
)

// refuseAnswerPost makes the fake Discord refuse, once, the first post of
// an answer in thread with status and Discord's error code: 403 Missing
// Permissions when the bot lost Send Messages in Threads, 400 Thread
// Locked when a moderator locked it. The interceptor is removed when the
// test ends.
func refuseAnswerPost(t *testing.T, e *eduHarness, thread string, status, code int) {
	t.Helper()
	var done atomic.Bool
	remove := e.srv.Intercept(func(r discordtest.Request) *discordtest.Response {
		content, _ := r.JSON["content"].(string)
		if r.Method != http.MethodPost || r.Path != "/channels/"+thread+"/messages" ||
			!strings.HasPrefix(content, "**Question #") || !done.CompareAndSwap(false, true) {
			return nil
		}
		return discordtest.JSONResponse(status, map[string]any{"code": code, "message": http.StatusText(status)})
	})
	t.Cleanup(sync.OnceFunc(remove))
}

// /session next whose answer Discord refuses to post in the thread: the
// educator is told so, privately, and why when the fix is theirs (a
// permission, a locked thread); the question is back in the
// queue as it was (approved where the session needs approval, so it is
// not reviewed again), not listed as answered; and a second /session
// next posts it. It used to be marked posted before the post, so the
// educator saw "Something went wrong", then "No questions waiting", and
// the question was lost.
func TestEducatorSessionNextRefusedByDiscordRequeues(t *testing.T) {
	for _, tc := range []struct {
		name         string
		approve      bool
		status, code int
		want         session.Status
		told         msg
	}{
		{"no permission", false, http.StatusForbidden, discordgo.ErrCodeMissingPermissions, session.StatusDrafted, msgEduPostRefused},
		{"approval on", true, http.StatusForbidden, discordgo.ErrCodeMissingAccess, session.StatusApproved, msgEduPostRefused},
		{"thread locked", false, http.StatusBadRequest, discordgo.ErrCodeThreadIsLocked, session.StatusDrafted, msgEduPostRefused},
		{"not taken in", true, http.StatusServiceUnavailable, 0, session.StatusApproved, msgEduPostFailed},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			e := startEducator(t)
			r := e.reply(e.slash(eduManager, "", "session", sub("start", strOpt("title", "Asia week"), boolOpt("approve", tc.approve))))
			mm := threadRE.FindStringSubmatch(r.Content)
			if mm == nil {
				t.Fatalf("/session start reply = %q", r.Content)
			}
			thread := mm[1]
			seq := seqOf(t, e.inThread(thread, eduMember, franceQ))
			e.until("the draft", func() bool {
				q, err := e.ed.Sessions.Question(context.Background(), thread, "q"+seq)
				return err == nil && q.Draft != nil
			})
			if tc.approve {
				if _, err := e.ed.Sessions.Approve(context.Background(), thread, "q"+seq, 0); err != nil {
					t.Fatal(err)
				}
			}
			refuseAnswerPost(t, e, thread, tc.status, tc.code)

			r = e.reply(e.slash(eduManager, thread, "session", sub("next")))
			n, _ := strconv.Atoi(seq)
			if want := tr(english, tc.told, n); !ephemeral(r) || r.Content != want {
				t.Errorf("next refused by Discord = %q (ephemeral %v), want %q", r.Content, ephemeral(r), want)
			}
			if p := e.posted(thread); len(p) != 0 {
				t.Errorf("posted in the thread: %q", p[0].Content)
			}
			q, ok, err := e.ed.Sessions.Next(context.Background(), thread)
			if err != nil || !ok || q.ID != "q"+seq || q.Status != tc.want || !q.PostedAt.IsZero() || q.Draft == nil {
				t.Errorf("the queue after the refusal: %s %s (posted %v) %v %v, want q%s %s with its draft", q.ID, q.Status, q.PostedAt, ok, err, seq, tc.want)
			}
			if md, err := e.ed.Sessions.Transcript(context.Background(), thread, session.EnglishTranscript); err != nil || !strings.Contains(md, "(0 answered,") {
				t.Errorf("the transcript lists the refused answer as answered (%v):\n%s", err, md)
			}
			if !regexp.MustCompile(`cannot post a session answer.* thread=` + thread + ` .*err=`).MatchString(e.log.String()) {
				t.Errorf("the refusal is not logged with the thread %s:\n%s", thread, e.log.String())
			}

			r = e.reply(e.slash(eduManager, thread, "session", sub("next")))
			if !strings.Contains(r.Content, "Posted question #"+seq) {
				t.Errorf("next again = %q, want question #%s posted", r.Content, seq)
			}
			if p := e.posted(thread); len(p) != 1 || !strings.Contains(p[0].Content, franceQ) {
				t.Errorf("posted after the second next: %d answers", len(p))
			}
			if q, err := e.ed.Sessions.Question(context.Background(), thread, "q"+seq); err != nil || q.Status != session.StatusPosted {
				t.Errorf("the question after the second next: %s %v, want posted", q.Status, err)
			}
		})
	}
}

// An answer long enough for several messages whose first part was
// posted and a later one refused stays posted (members saw it), and the
// educator is told it was only partly posted rather than that something
// went wrong.
func TestEducatorSessionNextPartlyPostedSaysSo(t *testing.T) {
	t.Parallel()
	e, thread, seq := longDraftSession(t)
	if _, err := e.ed.Sessions.Approve(context.Background(), thread, "q"+seq, 0); err != nil {
		t.Fatal(err)
	}
	var first, refused atomic.Bool
	remove := e.srv.Intercept(func(r discordtest.Request) *discordtest.Response {
		if r.Method != http.MethodPost || r.Path != "/channels/"+thread+"/messages" {
			return nil
		}
		if content, _ := r.JSON["content"].(string); strings.HasPrefix(content, "**Question #") {
			first.Store(true)
			return nil
		}
		if !first.Load() || !refused.CompareAndSwap(false, true) {
			return nil
		}
		return discordtest.JSONResponse(http.StatusForbidden, map[string]any{"code": 50013, "message": "Missing Permissions"})
	})
	t.Cleanup(sync.OnceFunc(remove))
	r := e.reply(e.slash(eduManager, thread, "session", sub("next")))
	n, _ := strconv.Atoi(seq)
	if want := tr(english, msgEduPostedPartly, n); !ephemeral(r) || r.Content != want {
		t.Errorf("next partly posted = %q, want %q", r.Content, want)
	}
	if !refused.Load() {
		t.Fatal("no later part was refused")
	}
	if p := e.posted(thread); len(p) != 1 {
		t.Errorf("%d answers posted, want the first part", len(p))
	}
	if q, err := e.ed.Sessions.Question(context.Background(), thread, "q"+seq); err != nil || q.Status != session.StatusPosted {
		t.Errorf("the question after a partial post: %s %v, want posted", q.Status, err)
	}
}

// A first message Discord answers with a 500 or a 504 may have been
// posted all the same: the question stays posted, so that /session next
// does not post it twice, and the educator is told it is uncertain.
// (Put back in the queue, it was posted again by the next /session next.)
func TestEducatorSessionNextUncertainPostStaysPosted(t *testing.T) {
	for _, status := range []int{http.StatusInternalServerError, http.StatusGatewayTimeout} {
		t.Run(strconv.Itoa(status), func(t *testing.T) {
			t.Parallel()
			e := startEducator(t)
			r := e.reply(e.slash(eduManager, "", "session", sub("start", strOpt("title", "Asia week"))))
			mm := threadRE.FindStringSubmatch(r.Content)
			if mm == nil {
				t.Fatalf("/session start reply = %q", r.Content)
			}
			thread := mm[1]
			seq := seqOf(t, e.inThread(thread, eduMember, franceQ))
			e.until("the draft", func() bool {
				q, err := e.ed.Sessions.Question(context.Background(), thread, "q"+seq)
				return err == nil && q.Draft != nil
			})
			refuseAnswerPost(t, e, thread, status, 0)

			r = e.reply(e.slash(eduManager, thread, "session", sub("next")))
			n, _ := strconv.Atoi(seq)
			if want := tr(english, msgEduPostUncertain, n); !ephemeral(r) || r.Content != want {
				t.Errorf("next answered %d = %q, want %q", status, r.Content, want)
			}
			if q, err := e.ed.Sessions.Question(context.Background(), thread, "q"+seq); err != nil || q.Status != session.StatusPosted {
				t.Errorf("the question after a %d: %s %v, want posted", status, q.Status, err)
			}
			r = e.reply(e.slash(eduManager, thread, "session", sub("next")))
			if want := tr(english, msgEduNoneWaiting); r.Content != want {
				t.Errorf("next again = %q, want %q (not posted twice)", r.Content, want)
			}
		})
	}
}

// A post that never reached Discord (no connection: refused, a name that
// did not resolve) cannot have been taken in: its question goes back to
// the queue rather than be counted as posted, unseen.
func TestNeverSent(t *testing.T) {
	dial := &url.Error{Op: "Post", URL: "https://discord.example/api", Err: &net.OpError{Op: "dial", Net: "tcp", Err: errors.New("connection refused")}}
	read := &url.Error{Op: "Post", URL: "https://discord.example/api", Err: &net.OpError{Op: "read", Net: "tcp", Err: errors.New("connection reset")}}
	dns := &url.Error{Op: "Post", URL: "https://discord.example/api", Err: &net.DNSError{Err: "no such host", Name: "discord.example"}}
	for err, want := range map[error]bool{dial: true, dns: true, read: false, context.DeadlineExceeded: false} {
		if got := neverSent(err); got != want {
			t.Errorf("neverSent(%v) = %v, want %v", err, got, want)
		}
	}
}
