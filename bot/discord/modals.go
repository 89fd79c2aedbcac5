package discord

import (
	"context"
	"strings"

	"github.com/bwmarrin/discordgo"
)

// ModalHandler handles a modal submit whose custom id starts with the
// prefix it was registered under.
type ModalHandler func(ctx context.Context, r *Reply, data discordgo.ModalSubmitInteractionData) error

// addModal routes modal submits whose custom id starts with prefix to h;
// dispatch does for them what it does for commands and buttons: refuse
// while shutting down, handle a redelivered interaction once, tell the user
// about a failure.
func (b *Bot) addModal(prefix string, h ModalHandler) { b.modals[prefix] = h }

// dispatchModal routes a modal submit to its handler; false when it was
// not handled (a duplicate, or no handler for its custom id).
func (b *Bot) dispatchModal(ctx context.Context, r *Reply) bool {
	data := r.I.ModalSubmitData()
	var h ModalHandler
	for prefix, mh := range b.modals {
		if strings.HasPrefix(data.CustomID, prefix) {
			h = mh
			break
		}
	}
	if h == nil {
		return false
	}
	if b.isClosing() {
		b.fail(r, &UserError{Kind: KindRestarting})
		return true
	}
	if !b.first(ctx, "interaction:"+r.I.ID, preAckTimeout) {
		return false
	}
	if err := h(ctx, r, data); err != nil {
		b.fail(r, err)
	}
	return true
}

// modalValue is the value of the modal's text input with this custom id.
func modalValue(data discordgo.ModalSubmitInteractionData, id string) string {
	for _, row := range data.Components {
		if ar, ok := row.(*discordgo.ActionsRow); ok {
			for _, c := range ar.Components {
				if ti, ok := c.(*discordgo.TextInput); ok && ti.CustomID == id {
					return ti.Value
				}
			}
		}
	}
	return ""
}

// maxModalText is the most a modal's text input holds.
const maxModalText = 4000

// textModal is a modal with one paragraph input, prefilled with value.
func textModal(customID, title, label, value string) *discordgo.InteractionResponse {
	return &discordgo.InteractionResponse{
		Type: discordgo.InteractionResponseModal,
		Data: &discordgo.InteractionResponseData{
			CustomID: customID,
			Title:    truncateRunes(title, 45),
			Components: []discordgo.MessageComponent{discordgo.ActionsRow{Components: []discordgo.MessageComponent{
				discordgo.TextInput{CustomID: "text", Label: truncateRunes(label, 45), Style: discordgo.TextInputParagraph,
					Value: value, Required: true, MaxLength: maxModalText},
			}}},
		},
	}
}
