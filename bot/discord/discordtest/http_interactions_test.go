package discordtest_test

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot/bot/discord/discordtest"
)

// The fake signs as Discord does: discordgo's own VerifyInteraction, an
// implementation independent of the bot's, accepts its requests with its
// public key, and an endpoint's deferral becomes the interaction's callback,
// after which its webhook routes work.
func TestPostInteractionSignedAsDiscord(t *testing.T) {
	srv := discordtest.New(t)
	ep := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !discordgo.VerifyInteraction(r, srv.PublicKey()) {
			http.Error(w, "bad signature", http.StatusUnauthorized)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`{"type":5,"data":{"flags":64}}`))
	}))
	defer ep.Close()
	resp := srv.PostInteraction(ep.URL, &discordgo.Interaction{GuildID: discordtest.DefaultGuildID,
		Data: discordgo.ApplicationCommandInteractionData{Name: "ask"}})
	if resp.Status != http.StatusOK || resp.Callback == nil || resp.Callback.Type != discordgo.InteractionResponseDeferredChannelMessageWithSource {
		t.Fatalf("→ %d %q (refused %s)", resp.Status, resp.Body, resp.Refused)
	}
	m := srv.Original(resp.Interaction.Token)
	if m == nil || m.Flags&discordgo.MessageFlagsLoading == 0 || m.Flags&discordgo.MessageFlagsEphemeral == 0 {
		t.Errorf("original after a private deferral = %+v", m)
	}
	// The same interaction answered again: Discord refuses the second.
	again := srv.PostInteraction(ep.URL, resp.Interaction)
	if again.Callback != nil || len(again.Refused) == 0 {
		t.Errorf("second response taken: %+v", again)
	}
	bad := srv.PostInteraction(ep.URL, &discordgo.Interaction{Type: discordgo.InteractionPing},
		discordtest.AlterRequest(func(r *http.Request) { r.Header.Set("X-Signature-Timestamp", "0") }))
	if bad.Status != http.StatusUnauthorized {
		t.Errorf("a spoilt signature passed discordgo's check: %d", bad.Status)
	}
}
