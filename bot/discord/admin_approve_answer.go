package discord

import (
	"context"
	"errors"
	"strings"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot/bot/answer"
	"github.com/briefbot/briefbot/bot/asking"
)

// "Approve" is the moderators' way to approve one of the bot's answers
// where they read it: a button under public answers in servers that opens
// a form prefilled with the answer's text, [n] markers and all; the
// moderator edits it or not, and submitting approves it exactly as
// /admin approve question: text: does.
//
// Discord shows a button to everyone, so members see it too: the
// permission (Manage Server or Administrator) is checked by the bot when
// the button is pressed and again when the form is submitted, and a
// member who presses it is told, privately, that it is for moderators.
// (A message command hidden from members by default_member_permissions
// would be tidier for members, but it would find the answer only from
// the message's shape, and it adds a command to every server's list.)
const (
	// prefixApprove + answer id is the button's custom id.
	prefixApprove = "bb:apr:"
	// prefixApproveModal + answer id is the form's custom id.
	prefixApproveModal = "bb:apm:"
)

// approveRefusedText is msgApproveRefused's English: a member who presses
// Approve is told in their language that it is for moderators. The button
// is labelled in the answer's language; the form, for moderators only,
// in the moderator's, as /admin's replies are.
const approveRefusedText = "Only moderators (Manage Server) can approve answers. To tell them what you think of this one, use 👍 or 👎."

// addApproveAnswer adds the button's handler and its form's.
func (a *admin) addApproveAnswer() {
	a.b.AddComponent(prefixApprove, a.onApproveButton)
	a.b.addModal(prefixApproveModal, a.onApproveModal)
}

// approvals reports whether moderators can approve answers on this bot.
func (b *Bot) approvals() bool {
	return b.deps.Admin != nil && b.deps.Admin.Approved != nil && b.deps.Admin.Asker != nil
}

// approvable says whether an answer gets the Approve button: a public
// answer in a server, that is not a refusal and not an approved answer
// already.
func (b *Bot) approvable(t asking.Ticket, a answer.Answer) bool {
	return b.approvals() && t.GuildID != "" && !t.Private && t.AnswerID != "" && !a.Refused && a.Mode != answer.ModeApproved
}

// approveButton is the Approve button, labelled in loc (the answer's).
func approveButton(loc discordgo.Locale, answerID string) discordgo.Button {
	return discordgo.Button{Label: tr(loc, msgApproveButton), Style: discordgo.SecondaryButton, CustomID: prefixApprove + answerID,
		Emoji: &discordgo.ComponentEmoji{Name: "🛡️"}}
}

// onApproveButton opens the form for the answer. The form must be the
// interaction's first response, so everything here is quick: the answer's
// record is one Redis read, bounded like every read made before an
// acknowledgement.
func (a *admin) onApproveButton(ctx context.Context, r *Reply, customID string) error {
	if !isModerator(r.I) {
		return r.Respond(tr(r.I.Locale, msgApproveRefused), true, nil)
	}
	id := strings.TrimPrefix(customID, prefixApprove)
	if id == "" || r.I.GuildID == "" {
		return &UserError{Kind: KindUnknown}
	}
	rctx, cancel := context.WithTimeout(ctx, preAckTimeout)
	rec, err := a.b.deps.Questions.AnswerRecord(rctx, r.I.GuildID, id)
	cancel()
	switch {
	case errors.Is(err, asking.ErrAnswerGone):
		return r.Respond(tr(r.I.Locale, msgAdminNoRecord), true, nil)
	case err != nil:
		// The store did not answer in time: the record may well be
		// there, and the moderator is told to try again, not that it
		// is gone.
		a.b.log.Warn("approve: answer record unavailable", "err", err)
		return r.Respond(tr(r.I.Locale, msgAdminStorage), true, nil)
	}
	if rec.FollowUp {
		// Approved, it would be served to its question asked alone:
		// "why?" answered about France for everyone asking why.
		return r.Respond(tr(r.I.Locale, msgApproveFollowUp, asWritten(oneLine(rec.Question))), true, nil)
	}
	if utf8.RuneCountInString(rec.Text) > maxModalText {
		return r.Respond(tr(r.I.Locale, msgAdminTooLongForForm), true, nil)
	}
	return r.callback(approveModal(r.I.Locale, id, rec.Question, rec.Text))
}

// approveModal is the Approve form in l for the answer id to question,
// prefilled with its text; the title, the question cut, fits Discord's 45
// characters.
func approveModal(l discordgo.Locale, id, question, text string) *discordgo.InteractionResponse {
	return textModal(prefixApproveModal+id, tr(l, msgAdminFormTitle, oneLine(question)), tr(l, msgEduEditLabel), text)
}

// onApproveModal approves the (maybe edited) text of the form, for the
// question of the answer's record, and tells the moderator the result
// privately.
func (a *admin) onApproveModal(ctx context.Context, r *Reply, data discordgo.ModalSubmitInteractionData) error {
	if !isModerator(r.I) {
		return r.Respond(tr(r.I.Locale, msgApproveRefused), true, nil)
	}
	id := strings.TrimPrefix(data.CustomID, prefixApproveModal)
	text := strings.TrimSpace(modalValue(data, "text"))
	if text == "" {
		// Discord's required field takes spaces; emptied, the form
		// would approve a fresh answer the moderator never saw.
		return r.Respond(tr(r.I.Locale, msgAdminFormEmpty), true, nil)
	}
	return a.slow(ctx, r, func(ctx context.Context) string {
		rec, err := a.b.deps.Questions.AnswerRecord(ctx, r.I.GuildID, id)
		switch {
		case errors.Is(err, asking.ErrAnswerGone):
			return tr(r.I.Locale, msgAdminNoRecordNotApproved)
		case err != nil:
			a.b.log.Warn("approve: answer record unavailable", "err", err)
			return tr(r.I.Locale, msgAdminStorage)
		}
		return a.approveText(ctx, r, rec.Question, text, &rec)
	})
}
