package discordtest_test

import (
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot/bot/discord/discordtest"
)

func TestGuildMembers(t *testing.T) {
	t.Parallel()
	srv := discordtest.New(t)
	s := newSession(t, srv, token)
	g := discordtest.DefaultGuildID
	if _, err := s.GuildMember(g, "200000000000000009"); restCode(err) != 10007 {
		t.Errorf("unknown member: err = %v, want 10007", err)
	}
	if _, err := s.GuildMember("399999999999999999", discordtest.DefaultUserID); restCode(err) != 50001 {
		t.Errorf("another guild: err = %v, want 50001", err)
	}
	// Members become known as they interact, with what Discord sent then.
	srv.DispatchInteraction(&discordgo.Interaction{GuildID: g, Member: &discordgo.Member{
		User: &discordgo.User{ID: "200000000000000002", Username: "ann", GlobalName: "Ann"}, Nick: "Annie", Permissions: 32,
	}, Data: discordgo.ApplicationCommandInteractionData{Name: "ask"}})
	srv.DispatchMessage(&discordgo.Message{GuildID: g, Author: &discordgo.User{ID: "200000000000000003", Username: "bob"}, Content: "hi"})
	srv.AddMember(g, &discordgo.Member{User: &discordgo.User{ID: "200000000000000004", Username: "cy"}, Nick: "Cy"})
	for id, want := range map[string]string{"200000000000000002": "Annie", "200000000000000003": "bob", "200000000000000004": "Cy"} {
		m, err := s.GuildMember(g, id)
		if err != nil || m.User == nil || m.User.ID != id || m.DisplayName() != want || m.Permissions != 0 {
			t.Errorf("member %s = %+v, %v; want %q without permissions", id, m, err, want)
		}
	}
}

func TestModalValidation(t *testing.T) {
	t.Parallel()
	srv := discordtest.New(t)
	s := newSession(t, srv, token)
	modal := func(title, label, value string, maxLen int) error {
		i := srv.DispatchInteraction(&discordgo.Interaction{GuildID: discordtest.DefaultGuildID,
			Data: discordgo.ApplicationCommandInteractionData{Name: "edit"}})
		return s.InteractionRespond(i, &discordgo.InteractionResponse{Type: discordgo.InteractionResponseModal,
			Data: &discordgo.InteractionResponseData{CustomID: "m:1", Title: title, Components: []discordgo.MessageComponent{
				discordgo.ActionsRow{Components: []discordgo.MessageComponent{discordgo.TextInput{
					CustomID: "text", Label: label, Style: discordgo.TextInputParagraph, Value: value, MaxLength: maxLen}}},
			}}})
	}
	if err := modal("Edit", "Answer", "text", 4000); err != nil {
		t.Errorf("a valid modal: %v", err)
	}
	for name, err := range map[string]error{
		"long title":        modal(strings.Repeat("t", 46), "Answer", "", 0),
		"no title":          modal("", "Answer", "", 0),
		"long label":        modal("Edit", strings.Repeat("l", 46), "", 0),
		"value over max":    modal("Edit", "Answer", "12345", 4),
		"value over 4000":   modal("Edit", "Answer", strings.Repeat("v", 4001), 0),
		"max_length > 4000": modal("Edit", "Answer", "", 4001),
	} {
		if restCode(err) != 50035 {
			t.Errorf("%s: err = %v, want 50035", name, err)
		}
	}
}

func TestMessageCommandResolvesComponents(t *testing.T) {
	t.Parallel()
	srv := discordtest.New(t)
	got := make(chan *discordgo.InteractionCreate, 1)
	openSession(t, srv, func(_ *discordgo.Session, i *discordgo.InteractionCreate) { got <- i })
	target := &discordgo.Message{ID: "500000000000000001", Content: "An answer [1].", Author: &discordgo.User{ID: srv.BotUserID(), Bot: true},
		Components: []discordgo.MessageComponent{discordgo.ActionsRow{Components: []discordgo.MessageComponent{
			discordgo.Button{Label: "👍", CustomID: "bb:fb:u:1", Style: discordgo.SecondaryButton}}}}}
	srv.DispatchInteraction(&discordgo.Interaction{GuildID: discordtest.DefaultGuildID, Data: discordgo.ApplicationCommandInteractionData{
		Name: "Ask briefbot", CommandType: discordgo.MessageApplicationCommand, TargetID: target.ID,
		Resolved: &discordgo.ApplicationCommandInteractionDataResolved{Messages: map[string]*discordgo.Message{target.ID: target}},
	}})
	i := receive(t, got)
	m := i.ApplicationCommandData().Resolved.Messages[target.ID]
	if m == nil || len(m.Components) != 1 {
		t.Fatalf("resolved message = %+v", m)
	}
	row, ok := m.Components[0].(*discordgo.ActionsRow)
	if !ok || row.Components[0].(*discordgo.Button).CustomID != "bb:fb:u:1" {
		t.Errorf("components = %+v", m.Components)
	}
}
