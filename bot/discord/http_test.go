package discord

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot/bot/discord/discordtest"
)

// askHTTP POSTs /ask to the bot's HTTP endpoint.
func (h *harness) askHTTP(q string, mod ...func(*discordgo.Interaction)) *discordtest.HTTPResponse {
	i := &discordgo.Interaction{GuildID: h.guild, Data: discordgo.ApplicationCommandInteractionData{Name: "ask",
		Options: []*discordgo.ApplicationCommandInteractionDataOption{
			{Name: "question", Type: discordgo.ApplicationCommandOptionString, Value: q},
		}}}
	for _, m := range mod {
		m(i)
	}
	return h.srv.PostInteraction(h.endpoint, i)
}

// Discord checks an endpoint with a signed PING before it saves it, and
// sends one now and then: PONG.
func TestHTTPPingPong(t *testing.T) {
	t.Parallel()
	h := start(t, setup{http: true, cfg: Config{NoGateway: true}, noRedis: true})
	resp := h.srv.PostInteraction(h.endpoint, &discordgo.Interaction{Type: discordgo.InteractionPing})
	if resp.Status != http.StatusOK || strings.TrimSpace(string(resp.Body)) != `{"type":1}` ||
		resp.Header.Get("Content-Type") != "application/json" {
		t.Errorf("PING → %d %s %q", resp.Status, resp.Header.Get("Content-Type"), resp.Body)
	}
}

// Discord's rules for an endpoint: a missing or bad signature, or an old
// signed request, is refused with 401 (Discord tests this before it saves
// the URL); a body over the cap is 413.
func TestHTTPRefusesUnsignedOldAndOversized(t *testing.T) {
	t.Parallel()
	h := start(t, setup{http: true, cfg: Config{NoGateway: true}, noRedis: true})
	ping := &discordgo.Interaction{Type: discordgo.InteractionPing}
	for name, opt := range map[string]discordtest.PostOption{
		"no signature": discordtest.AlterRequest(func(r *http.Request) { r.Header.Del("X-Signature-Ed25519") }),
		"no timestamp": discordtest.AlterRequest(func(r *http.Request) { r.Header.Del("X-Signature-Timestamp") }),
		"bad signature": discordtest.AlterRequest(func(r *http.Request) {
			sig := []byte(r.Header.Get("X-Signature-Ed25519"))
			sig[0] ^= 1
			r.Header.Set("X-Signature-Ed25519", string(sig))
		}),
		"another timestamp": discordtest.AlterRequest(func(r *http.Request) {
			r.Header.Set("X-Signature-Timestamp", "1"+r.Header.Get("X-Signature-Timestamp"))
		}),
		"six minutes old":           discordtest.SignedAt(time.Now().Add(-6 * time.Minute)),
		"six minutes in the future": discordtest.SignedAt(time.Now().Add(6 * time.Minute)),
	} {
		if resp := h.srv.PostInteraction(h.endpoint, ping, opt); resp.Status != http.StatusUnauthorized {
			t.Errorf("%s: %d %q, want 401", name, resp.Status, resp.Body)
		}
	}
	// Another body than the one signed.
	resp := h.srv.PostInteraction(h.endpoint, ping, discordtest.AlterRequest(func(r *http.Request) {
		body := []byte(`{"type":1,"id":"1"}`)
		r.Body, r.ContentLength = ioNopCloser(body), int64(len(body))
	}))
	if resp.Status != http.StatusUnauthorized {
		t.Errorf("tampered body: %d, want 401", resp.Status)
	}
	// Four minutes old is within the window.
	if resp := h.srv.PostInteraction(h.endpoint, ping, discordtest.SignedAt(time.Now().Add(-4*time.Minute))); resp.Status != http.StatusOK {
		t.Errorf("4 minutes old: %d, want 200", resp.Status)
	}
	big := append([]byte(`{"type":1,"pad":"`), bytes.Repeat([]byte("x"), MaxInteractionBody)...)
	big = append(big, `"}`...)
	if resp := h.srv.PostRaw(h.endpoint, big); resp.Status != http.StatusRequestEntityTooLarge {
		t.Errorf("oversized: %d, want 413", resp.Status)
	}
	r, err := http.Get(h.endpoint)
	if err != nil {
		t.Fatal(err)
	}
	r.Body.Close()
	if r.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("GET: %d, want 405", r.StatusCode)
	}
	if g := h.srv.Gateway(); g.Live != 0 {
		t.Errorf("an HTTP-only bot connected to the gateway: %+v", g)
	}
	// Nine refusals in a row made one log line: a flood of bad requests
	// does not flood the log.
	if n := strings.Count(h.log.String(), "HTTP interaction refused"); n != 1 {
		t.Errorf("%d log lines for the refused requests, want 1", n)
	}
}

func ioNopCloser(b []byte) *nopCloser { return &nopCloser{bytes.NewReader(b)} }

type nopCloser struct{ *bytes.Reader }

func (nopCloser) Close() error { return nil }

// /ask over HTTP: the deferral is the HTTP response, the answer the
// webhook edit of it, as over the gateway; an HTTP-only bot registers its
// commands over REST and never opens the gateway.
func TestHTTPAskAnswered(t *testing.T) {
	t.Parallel()
	h := start(t, setup{http: true, cfg: Config{NoGateway: true}})
	if got := len(h.srv.Commands(h.guild)); got == 0 {
		t.Error("no commands registered by the HTTP-only bot")
	}
	resp := h.askHTTP(franceQ)
	if resp.Status != http.StatusOK || resp.Callback == nil || resp.Callback.Type != discordgo.InteractionResponseDeferredChannelMessageWithSource {
		t.Fatalf("HTTP response %d %q (refused %s)", resp.Status, resp.Body, resp.Refused)
	}
	var data struct {
		Flags           int             `json:"flags"`
		AllowedMentions json.RawMessage `json:"allowed_mentions"`
	}
	json.Unmarshal(resp.Callback.Data, &data)
	if data.Flags&int(discordgo.MessageFlagsEphemeral) != 0 || !strings.Contains(string(data.AllowedMentions), `"parse":[]`) {
		t.Errorf("deferral data = %s", resp.Callback.Data)
	}
	m := h.waitFinal(resp.Interaction)
	// The fake records a request once it has handled it: wait for the edit.
	h.srv.WaitRequest(t, wait, func(r discordtest.Request) bool {
		return r.Method == "PATCH" && strings.HasSuffix(r.Path, "/@original")
	})
	if !strings.Contains(m.Content, "Macron") || !strings.Contains(m.Content, "[1]") || len(buttonIDs(m)) != 4 {
		t.Errorf("answer = %q, buttons %v", m.Content, buttonIDs(m))
	}
	for _, r := range h.srv.Requests() {
		if strings.HasSuffix(r.Path, "/callback") {
			t.Errorf("an HTTP interaction answered through the callback route: %s %s", r.Method, r.Path)
		}
	}
	if _, ok := h.srv.Identify(); ok {
		t.Error("the HTTP-only bot identified on the gateway")
	}
	if err := h.bot.Healthy(); err != nil {
		t.Errorf("Healthy = %v", err)
	}
	h.checkNoMentions()

	// The button under it, pressed over HTTP: the passages are the HTTP
	// response itself.
	click := h.srv.PostInteraction(h.endpoint, &discordgo.Interaction{
		GuildID: h.guild, Type: discordgo.InteractionMessageComponent, Message: m,
		Data: discordgo.MessageComponentInteractionData{CustomID: buttonIDs(m)[0], ComponentType: discordgo.ButtonComponent},
	})
	if click.Callback == nil || click.Callback.Type != discordgo.InteractionResponseChannelMessageWithSource {
		t.Fatalf("Show passages → %d %q", click.Status, click.Body)
	}
	p := h.srv.Original(click.Interaction.Token)
	if p == nil || p.Flags&discordgo.MessageFlagsEphemeral == 0 || !strings.Contains(p.Content, "**[1] ¶11**") {
		t.Errorf("passages reply = %+v", p)
	}
	if !strings.Contains(string(click.Body), `"allowed_mentions":{"parse":[]`) {
		t.Errorf("passages response without empty allowed_mentions: %s", click.Body)
	}
}

// The same interaction delivered twice (to two replicas, or again) is
// answered once. Each delivery is acknowledged before the store is asked
// whether it is new (Discord takes the first acknowledgement and refuses
// the second); the dedupe after it keeps the second from answering.
func TestHTTPDuplicateAnsweredOnce(t *testing.T) {
	t.Parallel()
	rec := &recorder{inner: newEngine(t)}
	h := start(t, setup{http: true, answerer: rec})
	first := h.askHTTP(franceQ)
	again := h.srv.PostInteraction(h.endpoint, first.Interaction)
	if first.Callback == nil || again.Callback != nil || !strings.Contains(string(again.Refused), "already been acknowledged") {
		t.Fatalf("first %d %q, again %d %q (refused %q)", first.Status, first.Body, again.Status, again.Body, again.Refused)
	}
	h.waitFinal(first.Interaction)
	if n := len(rec.requests()); n != 1 {
		t.Errorf("answered %d times", n)
	}
}

// A handler slower than Discord's 3 s: the endpoint defers the
// interaction itself in time, and the handler's late message becomes the
// edit of that "thinking…".
func TestHTTPSlowHandlerDeferredInTime(t *testing.T) {
	t.Parallel()
	release := make(chan struct{})
	h := start(t, setup{http: true, cfg: Config{InitialTimeout: 50 * time.Millisecond}, noRedis: true, before: func(b *Bot) {
		b.AddCommand(&Command{
			Def: &discordgo.ApplicationCommand{Name: "slow", Description: "slow"},
			Run: func(ctx context.Context, r *Reply) error {
				<-release
				if err := r.Respond("late but here", false, nil); err != nil {
					return err
				}
				return r.Followup("and more", nil)
			},
		})
	}})
	resp := h.srv.PostInteraction(h.endpoint, &discordgo.Interaction{GuildID: h.guild,
		Data: discordgo.ApplicationCommandInteractionData{Name: "slow"}})
	close(release)
	if resp.Callback == nil || resp.Callback.Type != discordgo.InteractionResponseDeferredChannelMessageWithSource {
		t.Fatalf("HTTP response %d %q", resp.Status, resp.Body)
	}
	m := h.waitOriginal(resp.Interaction, func(m *discordgo.Message) bool { return m.Content != "" })
	if m.Content != "late but here" || m.Flags&discordgo.MessageFlagsEphemeral == 0 {
		t.Errorf("original = %q (flags %b)", m.Content, m.Flags)
	}
	// What follows a private message is private too.
	var fs []*discordgo.Message
	h.until("the follow-up", func() bool { fs = h.srv.Followups(resp.Interaction.Token); return len(fs) == 1 })
	if fs[0].Flags&discordgo.MessageFlagsEphemeral == 0 {
		t.Errorf("follow-up of a late private response is public (flags %b)", fs[0].Flags)
	}
}

// Shutting an HTTP-only replica down: the answer in flight finishes within
// the grace period, and an interaction that comes meanwhile is told the bot
// is restarting, in its HTTP response.
func TestHTTPShutdownFinishesAnswersInFlight(t *testing.T) {
	t.Parallel()
	g := newGated(newEngine(t))
	h := start(t, setup{http: true, cfg: Config{NoGateway: true, ShutdownGrace: 5 * time.Second}, answerer: g})
	first := h.askHTTP(franceQ)
	if first.Callback == nil || first.Callback.Type != discordgo.InteractionResponseDeferredChannelMessageWithSource {
		t.Fatalf("first → %d %q", first.Status, first.Body)
	}
	<-g.started
	stopped := make(chan error, 1)
	go func() { stopped <- h.shutdown() }()
	h.until("the bot to stop taking work", h.bot.isClosing)
	late := h.askHTTP(franceQ)
	if late.Callback == nil || late.Callback.Type != discordgo.InteractionResponseChannelMessageWithSource {
		t.Fatalf("during shutdown → %d %q", late.Status, late.Body)
	}
	if m := h.srv.Original(late.Interaction.Token); m == nil || m.Flags&discordgo.MessageFlagsEphemeral == 0 {
		t.Errorf("restarting notice = %+v", m)
	}
	close(g.release)
	if err := <-stopped; err != nil {
		t.Errorf("Run = %v", err)
	}
	if m := h.srv.Original(first.Interaction.Token); m == nil || !strings.Contains(m.Content, "Macron") || m.Flags&discordgo.MessageFlagsLoading != 0 {
		t.Errorf("the answer in flight = %+v", m)
	}
}

// Autocomplete over HTTP: the choices are the HTTP response.
func TestHTTPAutocomplete(t *testing.T) {
	t.Parallel()
	h := start(t, setup{http: true, cfg: Config{NoGateway: true}, noRedis: true})
	resp := h.srv.PostInteraction(h.endpoint, &discordgo.Interaction{
		GuildID: h.guild, Type: discordgo.InteractionApplicationCommandAutocomplete,
		Data: discordgo.ApplicationCommandInteractionData{Name: "ask", Options: []*discordgo.ApplicationCommandInteractionDataOption{
			{Name: "question", Type: discordgo.ApplicationCommandOptionString, Value: "china", Focused: true},
		}},
	})
	if resp.Callback == nil || resp.Callback.Type != discordgo.InteractionApplicationCommandAutocompleteResult ||
		!strings.Contains(string(resp.Callback.Data), "China's opposition") {
		t.Errorf("autocomplete → %d %q", resp.Status, resp.Body)
	}
}

// A handler that ends without any response (a bug): the member is told
// something went wrong, in the HTTP response, rather than Discord's "The
// application did not respond".
func TestHTTPHandlerWithoutResponseGetsAnError(t *testing.T) {
	t.Parallel()
	h := start(t, setup{http: true, cfg: Config{NoGateway: true}, noRedis: true, before: func(b *Bot) {
		b.AddCommand(&Command{
			Def: &discordgo.ApplicationCommand{Name: "mute", Description: "answers nothing"},
			Run: func(context.Context, *Reply) error { return nil },
		})
	}})
	resp := h.srv.PostInteraction(h.endpoint, &discordgo.Interaction{GuildID: h.guild,
		Data: discordgo.ApplicationCommandInteractionData{Name: "mute"}})
	if resp.Callback == nil || resp.Callback.Type != discordgo.InteractionResponseChannelMessageWithSource {
		t.Fatalf("HTTP response %d %q", resp.Status, resp.Body)
	}
	m := h.srv.Original(resp.Interaction.Token)
	if m == nil || !strings.HasPrefix(m.Content, "Something went wrong on my side") || m.Flags&discordgo.MessageFlagsEphemeral == 0 {
		t.Errorf("original = %+v, want the internal error, ephemeral", m)
	}
}

// A form (a modal) can only be the initial response: one a slow handler
// opens after the endpoint deferred in its place cannot be shown, and the
// member is told something went wrong instead of waiting on "thinking…".
func TestHTTPLateModalBecomesAnError(t *testing.T) {
	t.Parallel()
	release := make(chan struct{})
	h := start(t, setup{http: true, cfg: Config{InitialTimeout: 50 * time.Millisecond}, noRedis: true, before: func(b *Bot) {
		b.AddCommand(&Command{
			Def: &discordgo.ApplicationCommand{Name: "form", Description: "a slow form"},
			Run: func(ctx context.Context, r *Reply) error {
				<-release
				return r.callback(textModal("x:1", "A form", "Text", ""))
			},
		})
	}})
	resp := h.srv.PostInteraction(h.endpoint, &discordgo.Interaction{GuildID: h.guild,
		Data: discordgo.ApplicationCommandInteractionData{Name: "form"}})
	close(release)
	if resp.Callback == nil || resp.Callback.Type != discordgo.InteractionResponseDeferredChannelMessageWithSource {
		t.Fatalf("HTTP response %d %q", resp.Status, resp.Body)
	}
	m := h.waitOriginal(resp.Interaction, func(m *discordgo.Message) bool { return m.Content != "" })
	if !strings.HasPrefix(m.Content, "Something went wrong on my side") {
		t.Errorf("original = %q, want the internal error", m.Content)
	}
}
