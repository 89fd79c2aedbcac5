package discord

import (
	"context"
	"strings"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"
)

// "Approve answer" is the moderators' way to approve one of the bot's
// answers where they read it: a message command (Apps → Approve answer)
// that opens a form prefilled with the answer's text, [n] markers and
// all; the moderator edits it or not, and submitting approves it exactly
// as /admin approve question: text: does.
//
// A message command rather than a button under every answer: Discord
// shows a button to everyone, so members would see an action they may
// not take (and get refusals for trying), and it would take the last free
// place in the answer's row of buttons. The command is hidden from
// members by default_member_permissions (Manage Server); since a server
// can override that, the permission is checked again on every use and on
// every submit.
const (
	approveAnswerCommand = "Approve answer"
	// prefixApproveModal + answer id is the form's custom id.
	prefixApproveModal = "bb:apm:"
)

const approveRefusedText = "Only moderators (Manage Server) can approve answers."

// addApproveAnswer adds the message command and its form.
func (a *admin) addApproveAnswer() {
	perms := int64(discordgo.PermissionManageGuild)
	dm := false
	a.b.AddCommand(&Command{
		// A message command has no description; Discord shows its name in
		// the message's Apps menu.
		Def: &discordgo.ApplicationCommand{Name: approveAnswerCommand, Type: discordgo.MessageApplicationCommand,
			DefaultMemberPermissions: &perms, DMPermission: &dm},
		Run: a.runApproveAnswer,
	})
	a.b.addModal(prefixApproveModal, a.onApproveModal)
}

// runApproveAnswer opens the form for the answer the command targets. The
// form must be the interaction's first response, so everything here is
// quick: the answer's record is one Redis read, bounded like every read
// made before an acknowledgement.
func (a *admin) runApproveAnswer(ctx context.Context, r *Reply) error {
	if !isModerator(r.I) {
		return r.Respond(approveRefusedText, true, nil)
	}
	if r.I.GuildID == "" {
		return r.Respond("Approved answers belong to a server: use this in one.", true, nil)
	}
	data := r.I.ApplicationCommandData()
	var m *discordgo.Message
	if data.Resolved != nil {
		m = data.Resolved.Messages[data.TargetID]
	}
	if m == nil || m.Author == nil || m.Author.ID != a.b.botUserID() {
		return r.Respond("That isn't one of my answers. To approve an answer to any question, use `/admin approve`.", true, nil)
	}
	id := answerIDOf(m)
	if id == "" {
		return r.Respond("I can't tell which answer this message shows — use **Approve answer** on the answer's last message (the one with 👍/👎), or `/admin approve`.", true, nil)
	}
	rctx, cancel := context.WithTimeout(ctx, preAckTimeout)
	rec, ok := a.b.deps.Questions.AnswerRecord(rctx, id)
	cancel()
	if !ok {
		return r.Respond("I have no record of this answer any more (answers are kept 30 days) — approve it with `/admin approve question:`.", true, nil)
	}
	if utf8.RuneCountInString(rec.Text) > maxModalText {
		return r.Respond("This answer is too long to edit in a form — approve it with `/admin approve question: text:`.", true, nil)
	}
	return a.b.s.InteractionRespond(r.I, textModal(prefixApproveModal+id,
		"Approve: "+oneLine(rec.Question), "Answer (keep the [n] markers)", rec.Text))
}

// onApproveModal approves the (maybe edited) text of the form, for the
// question of the answer's record, and tells the moderator the result
// privately.
func (a *admin) onApproveModal(ctx context.Context, r *Reply, data discordgo.ModalSubmitInteractionData) error {
	if !isModerator(r.I) {
		return r.Respond(approveRefusedText, true, nil)
	}
	id := strings.TrimPrefix(data.CustomID, prefixApproveModal)
	text := strings.TrimSpace(modalValue(data, "text"))
	return a.slow(ctx, r, func(ctx context.Context) string {
		rec, ok := a.b.deps.Questions.AnswerRecord(ctx, id)
		if !ok {
			return "Not approved: I have no record of this answer any more — approve it with `/admin approve question:`."
		}
		return a.approveText(ctx, r, rec.Question, text)
	})
}

// answerIDOf finds which answer a message of the bot's shows: the id its
// 👍/👎 or "Continue in thread" buttons carry (every answer has them under
// its last message), else the command it answers (an /ask), else the
// message it replies to (an answer in a thread replies to its question,
// whose id is the answer's).
func answerIDOf(m *discordgo.Message) string {
	for _, id := range buttonIDs(m) {
		switch {
		case strings.HasPrefix(id, prefixFeedback):
			if _, aid, ok := strings.Cut(strings.TrimPrefix(id, prefixFeedback), ":"); ok && aid != "" {
				return aid
			}
		case strings.HasPrefix(id, prefixThread) && len(id) > len(prefixThread):
			return strings.TrimPrefix(id, prefixThread)
		}
	}
	if md := m.InteractionMetadata; md != nil && md.Type == discordgo.InteractionApplicationCommand && md.ID != "" {
		return md.ID
	}
	if ref := m.MessageReference; ref != nil {
		return ref.MessageID
	}
	return ""
}
