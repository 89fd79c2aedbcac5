package discord

import (
	"strings"
	"sync"
	"testing"

	"github.com/bwmarrin/discordgo"
)

// A quiz is closed once: a second "Close quiz" press (a button the first
// press had not yet retired, or two educators pressing together, or the
// button and /quiz close at once) tells that educator privately it is
// closed already, and posts no second leaderboard for everyone.
func TestQuizClosedTwiceHasOneLeaderboard(t *testing.T) {
	t.Parallel()
	e := startEducator(t)
	general := e.srv.GeneralChannel(e.guild)

	// One after the other, with the head message as the first press saw
	// it (its button still there).
	_, qs := e.postQuiz("", 1)
	head, _ := e.postedQuiz(general)
	e.reply(e.press(qs[0], buttonIDs(qs[0])[0], eduMember))
	first := e.reply(e.press(head, buttonIDs(head)[0], eduManager))
	if ephemeral(first) || !strings.Contains(first.Content, "Quiz closed") {
		t.Fatalf("first close = %q", first.Content)
	}
	second := e.reply(e.press(head, buttonIDs(head)[0], eduRole))
	if !ephemeral(second) || !strings.Contains(second.Content, "closed already") {
		t.Errorf("second close (flags %b) = %q", second.Flags, second.Content)
	}

	// Two educators at once, and the command with them.
	_, _ = e.postQuiz("", 1)
	head, _ = e.postedQuiz(general)
	before := publicBoards(e, general)
	var wg sync.WaitGroup
	var replies [3]*discordgo.Message
	for k, who := range []string{eduManager, eduRole} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			replies[k] = e.reply(e.press(head, buttonIDs(head)[0], who))
		}()
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		replies[2] = e.reply(e.slash(eduManager, "", "quiz", sub("close")))
	}()
	wg.Wait()
	if boards := publicBoards(e, general) - before; boards != 1 {
		t.Errorf("%d leaderboards for one quiz closed at once by three; replies %q %q %q", boards,
			replies[0].Content, replies[1].Content, replies[2].Content)
	}
	e.checkNoMentions()
}

// publicBoards counts the leaderboards everyone sees in a channel: posted
// there, or a button's public reply.
func publicBoards(e *eduHarness, channelID string) int {
	n := 0
	for _, m := range e.srv.ChannelMessages(channelID) {
		if !ephemeral(m) && strings.HasPrefix(m.Content, "🏁 **Quiz closed") {
			n++
		}
	}
	return n
}
