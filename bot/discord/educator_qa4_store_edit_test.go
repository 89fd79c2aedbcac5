package discord

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"
)

// With the session store not answering, an educator's submitted
// Edit form (up to 4,000 characters typed) is answered only "I couldn't
// reach the session's storage… try again": what they wrote is lost, and
// Discord's form cannot be reopened with it. Every other refusal of the
// edit (check failed, changed since seen) hands it back as a file.
func TestQA4EditSubmittedWithStoreDownIsHandedBack(t *testing.T) {
	t.Parallel()
	e := startEducator(t)
	ctx := context.Background()
	thread := e.startSession("Edit store down", boolOpt("approve", true))
	proxy := e.sessionsThroughProxy()
	seq := seqOf(t, e.inThread(thread, eduMember, franceAsked))
	var q1 struct {
		text string
		rev  int
	}
	e.until("the draft", func() bool {
		q, err := e.ed.Sessions.Question(ctx, thread, "q"+seq)
		if err == nil && q.Draft != nil {
			q1.text, q1.rev = q.Draft.Text, q.Rev
			return true
		}
		return false
	})
	proxy.Pause()
	t.Cleanup(proxy.Resume)
	typed := "In short: France fears provoking China. " + q1.text
	r := e.reply(e.srv.DispatchInteraction(&discordgo.Interaction{
		GuildID: e.guild, ChannelID: thread, Type: discordgo.InteractionModalSubmit, Member: e.member(eduRole),
		Data: modalData{CustomID: prefixSessionModal + thread + ":q" + seq + ":" + strconv.Itoa(q1.rev),
			Components: []discordgo.MessageComponent{discordgo.ActionsRow{Components: []discordgo.MessageComponent{
				discordgo.TextInput{CustomID: "text", Value: typed}}}}},
	}))
	if !strings.Contains(r.Content, "couldn't reach") {
		t.Fatalf("edit with the store down = %q", r.Content)
	}
	if len(r.Attachments) != 1 {
		t.Errorf("edit with the store down: %q with %d attachments; the educator's typed answer is lost (want it handed back as a file)", r.Content, len(r.Attachments))
	}
}
