package discord

import (
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot/bot/library"
)

// TestAdminAutoRefusalsNameTheRulesAsThePickerDoes: the refusals of auto
// named the rules "auto", "allow" and "deny", which the moderator never
// sees (the picker shows the choices' localised names), said of a voice
// channel that "allow and deny work there" right after naming a text
// channel, and left media channels, which take auto, out of the list.
func TestAdminAutoRefusalsNameTheRulesAsThePickerDoes(t *testing.T) {
	choice := func(l discordgo.Locale, value string) string {
		if l == english {
			for _, o := range adminDef().Options {
				if o.Name != "channels" {
					continue
				}
				for _, c := range o.Options[1].Choices {
					if c.Value == value {
						return c.Name
					}
				}
			}
			t.Fatalf("no choice %q", value)
		}
		return commandTexts["admin channels rule ="+value].name[l]
	}
	for _, l := range append([]discordgo.Locale{english}, locales...) {
		for _, id := range []msg{msgAdminAutoVoice, msgAdminAutoStage, msgAdminAutoOther, msgAdminAutoThread} {
			got := tr(l, id, "<#1>")
			if auto := choice(l, "auto"); !strings.Contains(got, auto) {
				t.Errorf("%s message %d does not name %q: %q", l, id, auto, got)
			}
			if id == msgAdminAutoOther {
				continue
			}
			for _, v := range []string{"allow", "deny"} {
				if name := choice(l, v); !strings.Contains(got, name) {
					t.Errorf("%s message %d does not name %q: %q", l, id, name, got)
				}
			}
		}
	}
	for id, want := range map[msg]string{
		msgAdminAutoVoice: "still work in the voice channel.", msgAdminAutoStage: "still work in the stage channel.",
		msgAdminAutoOther: "forum or media channel",
	} {
		if got := tr(english, id, "<#1>"); !strings.Contains(got, want) {
			t.Errorf("message %d = %q, want it to say %q", id, got, want)
		}
	}
	// The cap counts the operator's own files too (bot/library).
	if got := tr(english, msgAdminTooMany, library.MaxAdded); !strings.Contains(got, "those its operator put there included") ||
		!strings.Contains(got, "/admin briefing-remove") {
		t.Errorf("msgAdminTooMany = %q", got)
	}
}
