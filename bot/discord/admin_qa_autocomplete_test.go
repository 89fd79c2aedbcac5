package discord

import (
	"encoding/json"
	"testing"

	"github.com/bwmarrin/discordgo"
)

// A moderator typing in briefing-remove's id box got no suggestion for a
// leading space (" moon", which the command itself trims) nor for words
// of the title the suggestions show ("base on the", "Moon Base").
func TestAdminQAAutocompleteOddInput(t *testing.T) {
	t.Parallel()
	e := startAdmin(t, t.TempDir())
	e.addFile("moon.md", moon)
	auto := func(typed any) []*discordgo.ApplicationCommandOptionChoice {
		i := e.srv.DispatchInteraction(&discordgo.Interaction{
			Type: discordgo.InteractionApplicationCommandAutocomplete, GuildID: e.guild, Member: moderator(manage),
			Data: discordgo.ApplicationCommandInteractionData{Name: "admin", Options: []*discordgo.ApplicationCommandInteractionDataOption{{
				Name: "briefing-remove", Type: discordgo.ApplicationCommandOptionSubCommand,
				Options: []*discordgo.ApplicationCommandInteractionDataOption{{Name: "id", Type: discordgo.ApplicationCommandOptionString, Value: typed, Focused: true}},
			}}},
		})
		var data struct {
			Choices []*discordgo.ApplicationCommandOptionChoice `json:"choices"`
		}
		if err := json.Unmarshal(e.waitCallback(i).Data, &data); err != nil {
			t.Fatal(err)
		}
		return data.Choices
	}
	for _, typed := range []any{"", " moon ", "MOON", "base on the", "Moon Base", "  ", nil} {
		if got := auto(typed); len(got) != 1 || got[0].Value != "moon-base" {
			t.Errorf("%q: choices = %+v", typed, got)
		}
	}
	for _, typed := range []any{"mars", "ムーン", "%"} {
		if got := auto(typed); len(got) != 0 {
			t.Errorf("%q: choices = %+v", typed, got)
		}
	}
}
