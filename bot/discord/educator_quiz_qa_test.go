package discord

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/briefbot/briefbot/bot/discord/discordtest"
	"github.com/briefbot/briefbot/bot/quiz"
)

// failQuizPost makes Discord answer status to the nth post in channelID
// (1-based: the quiz's head is the first) and, with every, to each post
// after it too.
func failQuizPost(e *eduHarness, channelID string, nth, status int, every bool) {
	var mu sync.Mutex
	n := 0
	remove := e.srv.Intercept(func(r discordtest.Request) *discordtest.Response {
		if r.Method != http.MethodPost || r.Path != "/channels/"+channelID+"/messages" {
			return nil
		}
		mu.Lock()
		defer mu.Unlock()
		if n++; n == nth || every && n > nth {
			return discordtest.JSONResponse(status, map[string]any{"message": http.StatusText(status), "code": 0})
		}
		return nil
	})
	e.t.Cleanup(sync.OnceFunc(remove))
}

// A quiz's question that Discord answers 503 Service Unavailable is one
// it did not take in: it is sent again, and the quiz is posted whole.
// Before, the educator was told "Something went wrong" and the channel
// kept a quiz with its first question alone.
func TestQuizQuestionPostA503IsSentAgain(t *testing.T) {
	t.Parallel()
	e := startEducator(t)
	general := e.srv.GeneralChannel(e.guild)
	failQuizPost(e, general, 3, http.StatusServiceUnavailable, false)
	r := e.reply(e.slash(eduRole, "", "quiz", sub("start", intOpt("questions", 3))))
	if !ephemeral(r) || !strings.Contains(r.Content, "Quiz posted (3 questions)") {
		t.Errorf("/quiz start with a 503 on its second question = %q", r.Content)
	}
	if head, qs := e.postedQuiz(general); head == nil || len(qs) != 3 {
		t.Errorf("head %v and %d questions posted, want the quiz whole", head != nil, len(qs))
	}
}

// A quiz Discord stops taking part-way (its head and first question
// posted, then a 500 on every try of the second) is withdrawn: what was
// posted is deleted and the quiz closed, so the educator, told to try
// again, does not leave the class half a quiz whose leaderboard counts
// questions nobody saw; a refusal (403) says what to check, as when the
// head is refused. Before, the half quiz stayed, open, beside the
// educator's second try.
func TestQuizPostedInPartIsWithdrawn(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		status int
		want   string
	}{
		{http.StatusInternalServerError, tr(english, msgInternal)},
		{http.StatusForbidden, tr(english, msgEduQuizNotPosted)},
	} {
		t.Run(http.StatusText(tc.status), func(t *testing.T) {
			t.Parallel()
			e := startEducator(t)
			general := e.srv.GeneralChannel(e.guild)
			failQuizPost(e, general, 3, tc.status, true)
			r := e.reply(e.slash(eduRole, "", "quiz", sub("start", intOpt("questions", 3))))
			if !ephemeral(r) || r.Content != tc.want {
				t.Errorf("/quiz start = %q, want %q", r.Content, tc.want)
			}
			if head, qs := e.postedQuiz(general); head != nil || len(qs) != 0 {
				t.Fatalf("left in the channel: head %v, %d questions", head != nil, len(qs))
			}
			// A question Discord posted despite its error (a 500 can come
			// after) answers that the quiz is closed.
			id := postedQuizID(e, general)
			qz, err := e.ed.Quizzes.Get(context.Background(), id)
			if err != nil || !qz.Closed {
				t.Errorf("quiz %q: closed %v (%v), want closed", id, qz.Closed, err)
			}
			if _, err := e.ed.Quizzes.AnswerIn(context.Background(), e.guild, id, eduMember, 0, 0); !errors.Is(err, quiz.ErrClosed) {
				t.Errorf("an answer to the withdrawn quiz: %v, want it closed", err)
			}
			e.checkNoMentions()
		})
	}
}

// postedQuizID is the id of the quiz whose head the bot sent to channelID
// (taken in or not).
func postedQuizID(e *eduHarness, channelID string) string {
	for _, req := range e.srv.Requests() {
		if req.Method != http.MethodPost || req.Path != "/channels/"+channelID+"/messages" {
			continue
		}
		var m struct {
			Components []struct {
				Components []struct {
					CustomID string `json:"custom_id"`
				} `json:"components"`
			} `json:"components"`
		}
		if json.Unmarshal(req.Body, &m) == nil && len(m.Components) == 1 && len(m.Components[0].Components) == 1 &&
			strings.HasPrefix(m.Components[0].Components[0].CustomID, prefixQuizClose) {
			return strings.TrimPrefix(m.Components[0].Components[0].CustomID, prefixQuizClose)
		}
	}
	e.t.Fatal("no quiz head sent")
	return ""
}

// A "Close quiz" press whose own reply Discord does not take — the press
// answered too late (404 Unknown interaction) or its edit refused or
// answered 503 each time — still has its leaderboard posted for everyone,
// in the quiz's channel, as /quiz close posts it, and the buttons retired.
// Before, the quiz was closed with no leaderboard anywhere but in the
// educator's private "closed already" of a second press, and its buttons
// stayed live.
func TestQuizCloseReplyNotTakenPostsTheLeaderboard(t *testing.T) {
	t.Parallel()
	for name, fail := range map[string]func(discordtest.Request) *discordtest.Response{
		"press too late": func(r discordtest.Request) *discordtest.Response {
			if strings.HasSuffix(r.Path, "/callback") {
				return discordtest.JSONResponse(http.StatusNotFound, map[string]any{"message": "Unknown interaction", "code": 10062})
			}
			return nil
		},
		"edit 503": func(r discordtest.Request) *discordtest.Response {
			if r.Method == http.MethodPatch && strings.HasPrefix(r.Path, "/webhooks/") {
				return discordtest.JSONResponse(http.StatusServiceUnavailable, map[string]any{"message": "Service Unavailable", "code": 0})
			}
			return nil
		},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			e := startEducator(t)
			general := e.srv.GeneralChannel(e.guild)
			_, qs := e.postQuiz("", 1)
			head, _ := e.postedQuiz(general)
			e.reply(e.press(qs[0], buttonIDs(qs[0])[0], eduMember))
			remove := e.srv.Intercept(fail)
			t.Cleanup(sync.OnceFunc(remove))
			e.press(head, buttonIDs(head)[0], eduManager)
			e.until("the leaderboard posted and the buttons retired", func() bool {
				return len(buttonIDs(e.srv.Message(general, head.ID))) == 0
			})
			remove()
			if boards := e.leaderboards(general); len(boards) != 1 || !strings.Contains(boards[0], "Ann\\_the\\*great — ") {
				t.Errorf("leaderboards in the channel = %q, want one", boards)
			}
			e.checkNoMentions()
		})
	}
}
