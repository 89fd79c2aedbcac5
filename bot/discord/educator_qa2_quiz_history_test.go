package discord

import (
	"encoding/json"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot/bot/discord/discordtest"
)

// retired reports whether a quiz question message's buttons are disabled.
func retired(e *eduHarness, channelID, messageID string) bool {
	m := e.srv.Message(channelID, messageID)
	if m == nil || len(m.Components) == 0 {
		return false
	}
	row, ok := m.Components[0].(*discordgo.ActionsRow)
	return ok && len(row.Components) > 0 && row.Components[0].(*discordgo.Button).Disabled
}

// In a channel where the bot may post but not read the message history,
// Discord lists no messages (200 with an empty list, as its docs say), or
// refuses the listing (403). /quiz close without quiz: tells the educator
// which permission is missing, its autocomplete says so too, and a quiz
// closed there still has its buttons retired.
func TestQuizCloseWithoutReadMessageHistory(t *testing.T) {
	t.Parallel()
	e := startEducator(t)
	general := e.srv.GeneralChannel(e.guild)
	quizID, qs := e.postQuiz("", 2)

	forbidden := false
	var mu sync.Mutex
	remove := e.srv.Intercept(func(r discordtest.Request) *discordtest.Response {
		if r.Method != http.MethodGet || r.Path != "/channels/"+general+"/messages" {
			return nil
		}
		mu.Lock()
		defer mu.Unlock()
		if forbidden {
			return discordtest.JSONResponse(http.StatusForbidden, map[string]any{"code": 50001, "message": "Missing Access"})
		}
		return discordtest.JSONResponse(http.StatusOK, []any{})
	})
	t.Cleanup(sync.OnceFunc(remove))
	// Every permission but Read Message History, as Discord sends them
	// with each interaction.
	noHistory := int64(discordgo.PermissionAllChannel &^ discordgo.PermissionReadMessageHistory)
	closeCmd := func(perms int64) *discordgo.Interaction {
		return e.srv.DispatchInteraction(&discordgo.Interaction{
			GuildID: e.guild, ChannelID: general, Member: e.member(eduManager), AppPermissions: perms,
			Data: discordgo.ApplicationCommandInteractionData{Name: "quiz", Options: []*discordgo.ApplicationCommandInteractionDataOption{sub("close")}},
		})
	}
	want := tr(english, msgEduQuizNoHistory, "Close quiz")
	if r := e.reply(closeCmd(noHistory)); !ephemeral(r) || r.Content != want {
		t.Errorf("/quiz close without Read Message History = %q, want %q", r.Content, want)
	}
	// Without app_permissions (an older payload), a refused listing says
	// the same.
	mu.Lock()
	forbidden = true
	mu.Unlock()
	if r := e.reply(closeCmd(0)); !ephemeral(r) || r.Content != want {
		t.Errorf("/quiz close with the listing refused = %q, want %q", r.Content, want)
	}
	mu.Lock()
	forbidden = false
	mu.Unlock()

	ac := e.srv.DispatchInteraction(&discordgo.Interaction{GuildID: e.guild, ChannelID: general, Type: discordgo.InteractionApplicationCommandAutocomplete,
		Member: e.member(eduRole), AppPermissions: noHistory, Data: discordgo.ApplicationCommandInteractionData{Name: "quiz", Options: []*discordgo.ApplicationCommandInteractionDataOption{
			sub("close", &discordgo.ApplicationCommandInteractionDataOption{Name: "quiz", Type: discordgo.ApplicationCommandOptionString, Value: "", Focused: true}),
		}}})
	var choices struct {
		Choices []*discordgo.ApplicationCommandOptionChoice `json:"choices"`
	}
	if err := json.Unmarshal(e.waitCallback(ac).Data, &choices); err != nil {
		t.Fatal(err)
	}
	if c := choices.Choices; len(c) != 1 || c[0].Name != tr(english, msgEduQuizChoiceNoHistory) {
		t.Errorf("choices = %s", mustJSON(c))
	} else {
		// Picking it says what to do, as the command without quiz: does.
		i := e.srv.DispatchInteraction(&discordgo.Interaction{
			GuildID: e.guild, ChannelID: general, Member: e.member(eduManager), AppPermissions: noHistory,
			Data: discordgo.ApplicationCommandInteractionData{Name: "quiz", Options: []*discordgo.ApplicationCommandInteractionDataOption{sub("close", strOpt("quiz", c[0].Value.(string)))}},
		})
		if r := e.reply(i); r.Content != want {
			t.Errorf("/quiz close with the hint picked = %q, want %q", r.Content, want)
		}
	}

	// Closed by its button, the quiz's buttons are retired all the same.
	head, _ := e.postedQuiz(general)
	if r := e.reply(e.press(head, prefixQuizClose+quizID, eduManager)); !strings.Contains(r.Content, "Quiz closed") {
		t.Fatalf("Close quiz = %q", r.Content)
	}
	e.until("the quiz's buttons retired without the channel's history", func() bool {
		h := e.srv.Message(general, head.ID)
		return retired(e, general, qs[0].ID) && retired(e, general, qs[1].ID) && h != nil && len(h.Components) == 0
	})
}
