package discord

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot/bot/answer"
	"github.com/briefbot/briefbot/bot/discord/discordtest"
	"github.com/briefbot/briefbot/knowledge"
)

// pressApprove presses the Approve button under m, as a member with
// perms.
func (e *adminEnv) pressApprove(m *discordgo.Message, perms int64) *discordgo.Interaction {
	e.t.Helper()
	id := ""
	for _, b := range buttonIDs(m) {
		if strings.HasPrefix(b, prefixApprove) {
			id = b
		}
	}
	if id == "" {
		e.t.Fatalf("no Approve button under %q: %v", m.Content, buttonIDs(m))
	}
	return e.srv.DispatchInteraction(&discordgo.Interaction{
		GuildID: e.guild, ChannelID: m.ChannelID, Type: discordgo.InteractionMessageComponent, Message: m, Member: moderator(perms),
		Data: discordgo.MessageComponentInteractionData{CustomID: id, ComponentType: discordgo.ButtonComponent},
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

// approvalForm waits for the form a moderator's Approve button opens
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

func TestApproveButtonOnAnswers(t *testing.T) {
	t.Parallel()
	e := startAdmin(t, t.TempDir())
	ctx := context.Background()
	asked := e.ask(franceQ, false)
	ans := e.waitFinal(asked)
	rec, err := e.deps.Questions.AnswerRecord(ctx, e.guild, asked.ID)
	if err != nil || !strings.Contains(rec.Text, "[1]") {
		t.Fatalf("record = %+v, %v", rec, err)
	}

	if ids := buttonIDs(ans); len(ids) != 5 || ids[4] != prefixApprove+asked.ID {
		t.Fatalf("buttons = %v, want Approve last", ids)
	}
	// A member is refused, privately, with no form.
	if r := e.reply(e.pressApprove(ans, discordgo.PermissionManageMessages)); r.Content != approveRefusedText {
		t.Errorf("member's Approve = %q", r.Content)
	}

	// A moderator gets the form, prefilled with the answer's own text.
	id, title, text := e.approvalForm(e.pressApprove(ans, manage))
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
	// Members asking it now get the approved, edited answer, with no
	// Approve button; private answers and refusals get none either.
	again := e.waitFinal(e.ask(franceQ, false))
	if !strings.Contains(again.Content, "In short:") || !strings.Contains(again.Content, approvedMark) {
		t.Errorf("answer after approval = %s", again.Content)
	}
	for _, m := range []*discordgo.Message{again, e.waitFinal(e.ask("Which countries make up the Quad?", true)), e.waitFinal(e.ask(moonQ, false))} {
		for _, id := range buttonIDs(m) {
			if strings.HasPrefix(id, prefixApprove) {
				t.Errorf("an Approve button under %q", m.Content)
			}
		}
	}

	// An answer to a mention, in its thread, has the button too.
	q := e.mention("Which countries make up the Quad?")
	inThread := e.waitAnswerIn(q.ID, 0)
	// (It goes by its own id: it replies to nothing, and a reply to it
	// names it by that id.)
	if id, _, _ := e.approvalForm(e.pressApprove(inThread, discordgo.PermissionAdministrator)); id != prefixApproveModal+inThread.ID {
		t.Errorf("form of a thread answer = %q, want the answer's id %s", id, inThread.ID)
	}
	// An answer whose record is gone says so.
	gone := *ans
	gone.Components = []discordgo.MessageComponent{&discordgo.ActionsRow{Components: []discordgo.MessageComponent{
		&discordgo.Button{CustomID: prefixApprove + "123456789", Style: discordgo.SecondaryButton, Label: "Approve"}}}}
	gone.ID = ""
	if r := e.reply(e.pressApprove(&gone, manage)); !strings.Contains(r.Content, "no record of this answer") {
		t.Errorf("approve without a record = %q", r.Content)
	}
	// A moderator of another server, whose button or form names this
	// server's answer, is shown nothing of it and approves nothing.
	const elsewhere = "300000000000000999"
	press := e.srv.DispatchInteraction(&discordgo.Interaction{
		GuildID: elsewhere, ChannelID: ans.ChannelID, Type: discordgo.InteractionMessageComponent, Message: ans, Member: moderator(manage),
		Data: discordgo.MessageComponentInteractionData{CustomID: prefixApprove + asked.ID, ComponentType: discordgo.ButtonComponent},
	})
	if r := e.reply(press); !strings.Contains(r.Content, "no record of this answer") {
		t.Errorf("another server's Approve = %q", r.Content)
	}
	submit := e.reply(e.srv.DispatchInteraction(&discordgo.Interaction{
		GuildID: elsewhere, Type: discordgo.InteractionModalSubmit, Member: moderator(manage),
		Data: modalData{CustomID: prefixApproveModal + asked.ID, Components: []discordgo.MessageComponent{
			discordgo.ActionsRow{Components: []discordgo.MessageComponent{discordgo.TextInput{CustomID: "text", Value: text}}}}},
	}))
	if !strings.Contains(submit.Content, "no record of this answer") {
		t.Errorf("another server's approval = %q", submit.Content)
	}
	if es, _ := e.approvals.List(ctx, elsewhere); len(es) != 0 {
		t.Errorf("approved in another server: %+v", es)
	}
	e.checkNoMentions()
}

// A moderator's Approve when the store does not answer in time (Redis
// stalled for a moment) is told to try again: they were told the
// answer's record was gone (kept 30 days), which it was not. And a form
// emptied to spaces — Discord's required field takes them — is refused:
// it approved a fresh answer the moderator never saw.
func TestApproveButtonStoreStalledOrFormEmptied(t *testing.T) {
	t.Parallel()
	e := startAdmin(t, t.TempDir())
	asked := e.ask(franceQ, false)
	ans := e.waitFinal(asked)

	if r := e.submitApproval(asked.ID, "   ", manage); r.Content != tr(english, msgAdminFormEmpty) {
		t.Errorf("a form of spaces = %q, want %q", r.Content, tr(english, msgAdminFormEmpty))
	}
	if es, _ := e.approvals.List(context.Background(), e.guild); len(es) != 0 {
		t.Fatalf("approved from an empty form: %+v", es)
	}

	rc := e.rds.Client(t)
	if err := rc.Do(context.Background(), "CLIENT", "PAUSE", "2500", "ALL").Err(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { rc.Do(context.Background(), "CLIENT", "UNPAUSE") })
	if r := e.reply(e.pressApprove(ans, manage)); r.Content != tr(english, msgAdminStorage) {
		t.Errorf("Approve with the store stalled = %q, want %q", r.Content, tr(english, msgAdminStorage))
	}
	// The form submitted while it stalls (longer: its read may take two
	// seconds, the moderator's reply being deferred) is told so too.
	if err := rc.Do(context.Background(), "CLIENT", "PAUSE", "4000", "ALL").Err(); err != nil {
		t.Fatal(err)
	}
	if r := e.submitApproval(asked.ID, "France objects [1].", manage); r.Content != tr(english, msgAdminStorage) {
		t.Errorf("the form submitted with the store stalled = %q, want %q", r.Content, tr(english, msgAdminStorage))
	}
	if es, _ := e.approvals.List(context.Background(), e.guild); len(es) != 0 {
		t.Errorf("approved with the store stalled: %+v", es)
	}
}

// askerFunc is an Asker from a function.
type askerFunc func(ctx context.Context, req answer.Request, onDelta func(string)) (answer.Answer, error)

func (f askerFunc) Ask(ctx context.Context, req answer.Request, onDelta func(string)) (answer.Answer, error) {
	return f(ctx, req, onDelta)
}

// The Approve form approves the answer as the moderator saw it: its
// markers name the passages that answer cited, kept with its record, not
// those of a fresh answer (a model's may cite others, and "[1]" would
// then point elsewhere). An answer of another knowledge version, or a
// record kept before passages were, is answered afresh.
func TestApproveFormApprovesTheAnswerAsShown(t *testing.T) {
	t.Parallel()
	e := startAdmin(t, t.TempDir())
	ctx := context.Background()
	asked := e.ask(franceQ, false)
	e.waitFinal(asked)
	rec, err := e.deps.Questions.AnswerRecord(ctx, e.guild, asked.ID)
	if err != nil || len(rec.ChunkIDs) == 0 {
		t.Fatalf("record = %+v, %v", rec, err)
	}
	fresh := 0
	adm := &admin{b: e.bot, d: *e.deps.Admin}
	adm.d.Asker = askerFunc(func(ctx context.Context, req answer.Request, _ func(string)) (answer.Answer, error) {
		fresh++
		kb := e.deps.Questions.Knowledge()
		c := kb.Chunks[slices.IndexFunc(kb.Chunks, func(c knowledge.Chunk) bool { return strings.Contains(c.Text, "75th") })]
		return answer.Answer{Text: "NATO marks its 75th anniversary [1].", KnowledgeVersion: kb.Version,
			Citations: []answer.Citation{{N: 1, Briefing: c.Title, Paragraph: c.Paragraph, ChunkID: c.ID, Quote: c.Text}}}, nil
	})
	r := &Reply{b: e.bot, I: &discordgo.Interaction{GuildID: e.guild, Member: moderator(manage), Locale: discordgo.EnglishUS}}
	if got := adm.approveText(ctx, r, rec.Question, rec.Text, &rec); !strings.HasPrefix(got, "Approved") || fresh != 0 {
		t.Fatalf("approve as shown = %q (%d fresh answers)", got, fresh)
	}
	es, err := e.approvals.List(ctx, e.guild)
	if err != nil || len(es) != 1 || len(es[0].Answer.Citations) != len(rec.ChunkIDs) || es[0].Answer.Citations[0].ChunkID != rec.ChunkIDs[0] {
		t.Fatalf("approved = %+v, %v; record cites %v", es, err, rec.ChunkIDs)
	}
	// Another knowledge version: the passages may have changed, and a
	// fresh answer is the one approved.
	old := rec
	old.KnowledgeVersion = "an-older-version"
	if got := adm.approveText(ctx, r, rec.Question, "", &old); !strings.HasPrefix(got, "Approved") || fresh != 1 {
		t.Errorf("approve of an older answer = %q (%d fresh answers)", got, fresh)
	}
}
