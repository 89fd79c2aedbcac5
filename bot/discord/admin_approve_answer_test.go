package discord

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot/bot/discord/discordtest"
)

// approveAnswer dispatches the "Approve answer" message command on m by a
// member with perms.
func (e *adminEnv) approveAnswer(m *discordgo.Message, perms int64) *discordgo.Interaction {
	return e.srv.DispatchInteraction(&discordgo.Interaction{
		GuildID: e.guild, ChannelID: m.ChannelID, Member: moderator(perms),
		Data: discordgo.ApplicationCommandInteractionData{
			Name: approveAnswerCommand, CommandType: discordgo.MessageApplicationCommand, TargetID: m.ID,
			Resolved: &discordgo.ApplicationCommandInteractionDataResolved{Messages: map[string]*discordgo.Message{m.ID: m}},
		},
	})
}

// submitApproval submits the approval form of answerID with text, by a
// member with perms.
func (e *adminEnv) submitApproval(answerID, text string, perms int64) *discordgo.Message {
	e.t.Helper()
	return e.reply(e.srv.DispatchInteraction(&discordgo.Interaction{
		GuildID: e.guild, Type: discordgo.InteractionModalSubmit, Member: moderator(perms),
		Data: modalData{CustomID: prefixApproveModal + answerID, Components: []discordgo.MessageComponent{
			discordgo.ActionsRow{Components: []discordgo.MessageComponent{discordgo.TextInput{CustomID: "text", Value: text}}}}},
	}))
}

// approvalForm waits for the form a moderator's "Approve answer" opens
// and returns its custom id and prefilled text.
func (e *adminEnv) approvalForm(i *discordgo.Interaction) (customID, title, text string) {
	e.t.Helper()
	cb := e.waitCallback(i)
	if cb.Type != discordgo.InteractionResponseModal {
		e.t.Fatalf("callback type %d (%s), want a modal", cb.Type, cb.Data)
	}
	var form struct {
		CustomID   string `json:"custom_id"`
		Title      string `json:"title"`
		Components []struct {
			Components []struct {
				Value string `json:"value"`
			} `json:"components"`
		} `json:"components"`
	}
	if err := json.Unmarshal(cb.Data, &form); err != nil || len(form.Components) != 1 || len(form.Components[0].Components) != 1 {
		e.t.Fatalf("form %s: %v", cb.Data, err)
	}
	return form.CustomID, form.Title, form.Components[0].Components[0].Value
}

func TestApproveAnswerFromTheMessage(t *testing.T) {
	t.Parallel()
	e := startAdmin(t, t.TempDir())
	ctx := context.Background()
	var def *discordgo.ApplicationCommand
	for _, c := range e.srv.Commands(e.guild) {
		if c.Name == approveAnswerCommand {
			def = c
		}
	}
	if def == nil || def.Type != discordgo.MessageApplicationCommand || def.DefaultMemberPermissions == nil || *def.DefaultMemberPermissions != manage {
		t.Fatalf("registered definition = %+v", def)
	}

	asked := e.ask(franceQ, false)
	ans := e.waitFinal(asked)
	rec, ok := e.deps.Questions.AnswerRecord(ctx, asked.ID)
	if !ok || !strings.Contains(rec.Text, "[1]") {
		t.Fatalf("record = %+v, %v", rec, ok)
	}

	// A member Discord let through (a server override) is refused, with
	// no form.
	if r := e.reply(e.approveAnswer(ans, discordgo.PermissionManageMessages)); r.Content != approveRefusedText {
		t.Errorf("member's Approve answer = %q", r.Content)
	}

	// A moderator gets the form, prefilled with the answer's own text.
	id, title, text := e.approvalForm(e.approveAnswer(ans, manage))
	if id != prefixApproveModal+asked.ID || text != rec.Text || !strings.HasPrefix(title, "Approve: Why does France") {
		t.Fatalf("form %q %q prefilled with %q, want the record's %q", id, title, text, rec.Text)
	}
	// An edit its citations do not support is refused as /admin approve
	// refuses it, naming the sentence.
	bad := e.submitApproval(asked.ID, "France opposes it because Germany asked in 1999 [1].", manage)
	if !strings.HasPrefix(bad.Content, "Not approved: The answer is not supported by its citations:") || !strings.Contains(bad.Content, "1999") {
		t.Errorf("unsupported edit = %q", bad.Content)
	}
	// The form is checked again on submit.
	if r := e.submitApproval(asked.ID, text, 0); r.Content != approveRefusedText {
		t.Errorf("member's submit = %q", r.Content)
	}
	if es, _ := e.approvals.List(ctx, e.guild); len(es) != 0 {
		t.Fatalf("approved before a valid submit: %+v", es)
	}
	short := text
	if i := strings.Index(short, "[1]"); i > 0 {
		short = short[:i+3]
	}
	ok2 := e.submitApproval(asked.ID, "In short: "+short, manage)
	if !strings.HasPrefix(ok2.Content, "Approved #1 for “"+escapeMarkdown(rec.Question)+"”") || !strings.Contains(ok2.Content, "In short:") {
		t.Fatalf("approval = %q", ok2.Content)
	}
	en := e.approvedEntry()
	if !strings.HasPrefix(en.Answer.Text, "In short:") || en.By != discordtest.DefaultUserID || en.Question != rec.Question {
		t.Errorf("entry = %+v", en)
	}
	// Members asking it now get the approved, edited answer.
	again := e.waitFinal(e.ask(franceQ, false))
	if !strings.Contains(again.Content, "In short:") || !strings.Contains(again.Content, approvedMark) {
		t.Errorf("answer after approval = %s", again.Content)
	}

	// An answer to a mention, in its thread: found by its buttons.
	q := e.mention("Which countries make up the Quad?")
	inThread := e.waitAnswerIn(q.ID, 0)
	if id, _, _ := e.approvalForm(e.approveAnswer(inThread, manage)); id != prefixApproveModal+q.ID {
		t.Errorf("form of a thread answer = %q, want the question's id %s", id, q.ID)
	}
	// Someone else's message is not an answer.
	other := e.srv.DispatchMessage(&discordgo.Message{GuildID: e.guild, Content: "an opinion"})
	if r := e.reply(e.approveAnswer(other, manage)); !strings.Contains(r.Content, "isn't one of my answers") {
		t.Errorf("on a member's message = %q", r.Content)
	}
	e.checkNoMentions()
}

func TestAnswerIDOf(t *testing.T) {
	row := func(ids ...string) []discordgo.MessageComponent {
		var bs []discordgo.MessageComponent
		for _, id := range ids {
			bs = append(bs, &discordgo.Button{CustomID: id})
		}
		return []discordgo.MessageComponent{&discordgo.ActionsRow{Components: bs}}
	}
	for _, c := range []struct {
		name string
		m    *discordgo.Message
		want string
	}{
		{"buttons", &discordgo.Message{Components: row(prefixSources+"abc:0.1", prefixFeedback+"u:111", prefixFeedback+"d:111")}, "111"},
		{"thread button", &discordgo.Message{Components: row(prefixThread + "222")}, "222"},
		{"an /ask without buttons", &discordgo.Message{InteractionMetadata: &discordgo.MessageInteractionMetadata{ID: "333", Type: discordgo.InteractionApplicationCommand}}, "333"},
		{"a button's reply", &discordgo.Message{InteractionMetadata: &discordgo.MessageInteractionMetadata{ID: "444", Type: discordgo.InteractionMessageComponent}}, ""},
		{"a reply in a thread", &discordgo.Message{MessageReference: &discordgo.MessageReference{MessageID: "555"}}, "555"},
		{"nothing", &discordgo.Message{Content: "a first part"}, ""},
	} {
		if got := answerIDOf(c.m); got != c.want {
			t.Errorf("%s: %q, want %q", c.name, got, c.want)
		}
	}
}
