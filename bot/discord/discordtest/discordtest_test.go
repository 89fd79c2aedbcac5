package discordtest_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot/bot/discord"
	"github.com/briefbot/briefbot/bot/discord/discordtest"
)

const token = "Bot test-token"

// wait is how long a test waits for something that should happen at once.
const wait = 5 * time.Second

// newSession makes a real discordgo session whose REST calls, and therefore
// its gateway, go to srv through the production transport.
func newSession(t *testing.T, srv *discordtest.Server, tok string) *discordgo.Session {
	t.Helper()
	s, err := discordgo.New(tok)
	if err != nil {
		t.Fatal(err)
	}
	rt, err := discord.NewAPITransport(srv.APIBase(), http.DefaultTransport)
	if err != nil {
		t.Fatal(err)
	}
	s.Client.Transport = rt
	return s
}

// openSession opens a session and closes it when the test ends (before the
// fake stops, as cleanups run last-in first-out).
func openSession(t *testing.T, srv *discordtest.Server, handlers ...any) *discordgo.Session {
	t.Helper()
	s := newSession(t, srv, token)
	for _, h := range handlers {
		s.AddHandler(h)
	}
	if err := s.Open(); err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func ctxWait(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), wait)
	t.Cleanup(cancel)
	return ctx
}

// receive returns the next value from ch or fails the test.
func receive[T any](t *testing.T, ch <-chan T) T {
	t.Helper()
	select {
	case v := <-ch:
		return v
	case <-time.After(wait):
		t.Fatalf("no %T within %v", *new(T), wait)
		panic("unreachable")
	}
}

// restCode is the Discord error code of a REST error, or -1.
func restCode(err error) int {
	var re *discordgo.RESTError
	if errors.As(err, &re) && re.Message != nil {
		return re.Message.Code
	}
	return -1
}

func TestReadyIdentifyAndGuilds(t *testing.T) {
	t.Parallel()
	srv := discordtest.New(t, discordtest.WithGuilds("301", "302"))
	guilds := make(chan string, 2)
	s := openSession(t, srv, func(_ *discordgo.Session, g *discordgo.GuildCreate) { guilds <- g.ID })

	if got := s.State.User.ID; got != srv.BotUserID() {
		t.Errorf("State.User.ID = %q, want %q", got, srv.BotUserID())
	}
	if !s.State.User.Bot {
		t.Error("READY user is not a bot")
	}
	// Handlers run in goroutines of their own, so arrival order is lost.
	got := []string{receive(t, guilds), receive(t, guilds)}
	slices.Sort(got)
	if strings.Join(got, ",") != "301,302" {
		t.Errorf("GUILD_CREATE for %v, want 301 and 302", got)
	}
	id, ok := srv.Identify()
	if !ok {
		t.Fatal("no IDENTIFY recorded")
	}
	if id.Intents != discordgo.IntentsAllWithoutPrivileged || !id.Compress {
		t.Errorf("IDENTIFY intents=%d compress=%v, want %d true", id.Intents, id.Compress, discordgo.IntentsAllWithoutPrivileged)
	}
	if id.Token != "" {
		t.Error("Identify() exposes the token")
	}
	if !srv.IdentifiedWith("test-token") || srv.IdentifiedWith("other") {
		t.Error("IdentifiedWith does not tell the token apart")
	}
	g := srv.Gateway()
	if g.Query.Get("v") != "9" || g.Query.Get("encoding") != "json" || g.Identifies != 1 || g.Live != 1 {
		t.Errorf("gateway stats = %+v", g)
	}
	if srv.Hits("GET", "/gateway") != 1 {
		t.Errorf("GET /gateway hits = %d, want 1", srv.Hits("GET", "/gateway"))
	}
	for _, r := range srv.Requests() {
		if !r.HasBotToken || !r.AuthorizedAs("test-token") {
			t.Errorf("%s %s: bot token not seen", r.Method, r.Path)
		}
		if strings.Contains(fmt.Sprintf("%+v", r), "test-token") {
			t.Errorf("printing a Request prints the token: %+v", r)
		}
	}
}

func TestInteractionDeferEditAndDoubleAck(t *testing.T) {
	t.Parallel()
	srv := discordtest.New(t)
	got := make(chan *discordgo.InteractionCreate, 1)
	s := openSession(t, srv, func(_ *discordgo.Session, i *discordgo.InteractionCreate) { got <- i })

	sent := srv.DispatchInteraction(&discordgo.Interaction{
		GuildID: discordtest.DefaultGuildID,
		Data:    discordgo.ApplicationCommandInteractionData{Name: "ask", Options: []*discordgo.ApplicationCommandInteractionDataOption{{Name: "question", Type: discordgo.ApplicationCommandOptionString, Value: "Who?"}}},
	})
	i := receive(t, got)
	if i.ID != sent.ID || i.Token != sent.Token || i.AppID != srv.ApplicationID() {
		t.Fatalf("handler got id=%s app=%s, want id=%s app=%s", i.ID, i.AppID, sent.ID, srv.ApplicationID())
	}
	if i.Member == nil || i.Member.User.ID != discordtest.DefaultUserID || i.ChannelID != srv.GeneralChannel(discordtest.DefaultGuildID) {
		t.Fatalf("interaction member/channel not filled: %+v", i.Interaction)
	}
	if d := i.ApplicationCommandData(); d.Name != "ask" || d.Options[0].StringValue() != "Who?" {
		t.Fatalf("command data = %+v", d)
	}

	if err := s.InteractionRespond(i.Interaction, &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredChannelMessageWithSource}); err != nil {
		t.Fatal(err)
	}
	if o := srv.Original(i.Token); o == nil || o.Flags&discordgo.MessageFlagsLoading == 0 {
		t.Fatalf("after defer, original = %+v, want a loading message", o)
	}
	content := "It was NATO [1]."
	m, err := s.InteractionResponseEdit(i.Interaction, &discordgo.WebhookEdit{Content: &content})
	if err != nil {
		t.Fatal(err)
	}
	o := srv.Original(i.Token)
	if o.Content != content || o.ID != m.ID || o.Flags&discordgo.MessageFlagsLoading != 0 || o.Author.ID != srv.BotUserID() {
		t.Errorf("original = %+v, want %q by the bot, not loading", o, content)
	}
	if cb, ok := srv.InteractionCallback(i.Token); !ok || cb.Type != discordgo.InteractionResponseDeferredChannelMessageWithSource {
		t.Errorf("callback = %+v, %v", cb, ok)
	}

	err = s.InteractionRespond(i.Interaction, &discordgo.InteractionResponse{Type: discordgo.InteractionResponseChannelMessageWithSource,
		Data: &discordgo.InteractionResponseData{Content: "again"}})
	if restCode(err) != 40060 {
		t.Errorf("second ack: err = %v, want code 40060", err)
	}
	if srv.Original(i.Token).Content != content {
		t.Error("second ack changed the original")
	}

	// The first follow-up after a deferred response replaces it (here it is
	// already resolved, so it is a new message).
	f, err := s.FollowupMessageCreate(i.Interaction, true, &discordgo.WebhookParams{Content: "Sources: …"})
	if err != nil {
		t.Fatal(err)
	}
	if fs := srv.Followups(i.Token); len(fs) != 1 || fs[0].ID != f.ID || f.ID == o.ID {
		t.Errorf("followups = %v, want the one just sent", fs)
	}
}

func TestFirstFollowupResolvesDeferredResponse(t *testing.T) {
	t.Parallel()
	srv := discordtest.New(t)
	s := openSession(t, srv)
	i := srv.DispatchInteraction(&discordgo.Interaction{Data: discordgo.ApplicationCommandInteractionData{Name: "ask"}})
	if i.User == nil || i.GuildID != "" || srv.Channel(i.ChannelID).Type != discordgo.ChannelTypeDM {
		t.Fatalf("a DM interaction should have a user and a DM channel: %+v", i)
	}
	err := s.InteractionRespond(i, &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredChannelMessageWithSource,
		Data: &discordgo.InteractionResponseData{Flags: discordgo.MessageFlagsEphemeral}})
	if err != nil {
		t.Fatal(err)
	}
	f, err := s.FollowupMessageCreate(i, true, &discordgo.WebhookParams{Content: "answer"})
	if err != nil {
		t.Fatal(err)
	}
	o := srv.Original(i.Token)
	if f.ID != o.ID || o.Content != "answer" || o.Flags != discordgo.MessageFlagsEphemeral {
		t.Errorf("original = %+v, followup id %s; want the follow-up to resolve the ephemeral original", o, f.ID)
	}
}

func TestComponentUpdateMessage(t *testing.T) {
	t.Parallel()
	srv := discordtest.New(t)
	s := openSession(t, srv)
	button := discordgo.ActionsRow{Components: []discordgo.MessageComponent{
		discordgo.Button{Label: "Show sources", CustomID: "sources", Style: discordgo.SecondaryButton},
	}}
	i := srv.DispatchInteraction(&discordgo.Interaction{
		Type: discordgo.InteractionMessageComponent, GuildID: discordtest.DefaultGuildID,
		Data:    discordgo.MessageComponentInteractionData{CustomID: "sources", ComponentType: discordgo.ButtonComponent},
		Message: &discordgo.Message{Content: "answer", Components: []discordgo.MessageComponent{button}},
	})
	err := s.InteractionRespond(i, &discordgo.InteractionResponse{Type: discordgo.InteractionResponseUpdateMessage,
		Data: &discordgo.InteractionResponseData{Content: "answer\n> quoted", Components: []discordgo.MessageComponent{}}})
	if err != nil {
		t.Fatal(err)
	}
	m := srv.Message(i.ChannelID, i.Message.ID)
	if m.Content != "answer\n> quoted" || len(m.Components) != 0 || m.EditedTimestamp == nil {
		t.Errorf("component message = %+v", m)
	}
	if o := srv.Original(i.Token); o == nil || o.ID != i.Message.ID {
		t.Errorf("original of a component update = %+v, want the component's message", o)
	}
}

func TestRateLimitedEditIsRetried(t *testing.T) {
	t.Parallel()
	srv := discordtest.New(t)
	s := openSession(t, srv)
	i := srv.DispatchInteraction(&discordgo.Interaction{GuildID: discordtest.DefaultGuildID})
	if err := s.InteractionRespond(i, &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredChannelMessageWithSource}); err != nil {
		t.Fatal(err)
	}
	const retry = 200 * time.Millisecond
	srv.RateLimitNext("PATCH", "/webhooks/", retry)
	content := "late but there"
	if _, err := s.InteractionResponseEdit(i, &discordgo.WebhookEdit{Content: &content}); err != nil {
		t.Fatal(err)
	}
	var edits []discordtest.Request
	for _, r := range srv.Requests() {
		if r.Method == "PATCH" && strings.HasPrefix(r.Path, "/webhooks/") {
			edits = append(edits, r)
		}
	}
	if len(edits) != 2 || edits[0].Status != http.StatusTooManyRequests || edits[1].Status != http.StatusOK {
		t.Fatalf("edits = %d, want a 429 then a 200", len(edits))
	}
	if gap := edits[1].At.Sub(edits[0].At); gap < retry {
		t.Errorf("retried after %v, want at least retry_after %v", gap, retry)
	}
	if got := srv.Original(i.Token).Content; got != content {
		t.Errorf("original content = %q, want %q", got, content)
	}

	// With retries off, discordgo reports the limit instead.
	srv.RateLimitNext("PATCH", "/webhooks/", retry)
	_, err := s.InteractionResponseEdit(i, &discordgo.WebhookEdit{Content: &content}, discordgo.WithRetryOnRatelimit(false))
	var rl *discordgo.RateLimitError
	if !errors.As(err, &rl) || rl.RetryAfter != retry {
		t.Errorf("err = %v, want a RateLimitError with RetryAfter %v", err, retry)
	}
}

func TestFailNext(t *testing.T) {
	t.Parallel()
	srv := discordtest.New(t)
	s := newSession(t, srv, token)
	ch := srv.GeneralChannel(discordtest.DefaultGuildID)

	srv.FailNext("POST", "/channels/", http.StatusBadGateway)
	if _, err := s.ChannelMessageSend(ch, "retried"); err != nil {
		t.Fatalf("a 502 should be retried: %v", err)
	}
	srv.FailNext("", "/channels/", http.StatusInternalServerError)
	if _, err := s.ChannelMessageSend(ch, "lost"); err == nil {
		t.Fatal("a 500 should fail")
	}
	if n := srv.Hits("POST", "/channels/"+ch+"/messages"); n != 3 {
		t.Errorf("POST hits = %d, want 3", n)
	}
	if msgs := srv.ChannelMessages(ch); len(msgs) != 1 || msgs[0].Content != "retried" {
		t.Errorf("messages = %v, want only the retried one", msgs)
	}
}

func TestInterceptAndUnknownRoutes(t *testing.T) {
	t.Parallel()
	srv := discordtest.New(t)
	s := newSession(t, srv, token)
	remove := srv.Intercept(func(r discordtest.Request) *discordtest.Response {
		if r.Method == "GET" && r.Path == "/users/@me" {
			return discordtest.JSONResponse(http.StatusForbidden, map[string]any{"code": 50001, "message": "Missing Access"})
		}
		return nil
	})
	if _, err := s.User("@me"); restCode(err) != 50001 {
		t.Errorf("intercepted: err = %v, want 50001", err)
	}
	remove()
	if u, err := s.User("@me"); err != nil || u.ID != srv.BotUserID() {
		t.Errorf("after remove: %v, %v", u, err)
	}

	_, err := s.Request("GET", discordgo.EndpointAPI+"no/such/route", nil)
	var re *discordgo.RESTError
	if !errors.As(err, &re) || re.Response.StatusCode != http.StatusNotFound || re.Message == nil {
		t.Errorf("unknown route: err = %v, want a JSON 404", err)
	}
	if srv.Hits("GET", "/no/such/route") != 1 {
		t.Error("unknown route not recorded")
	}
	if _, err := s.ChannelMessage("404404", "1"); restCode(err) != 10003 {
		t.Errorf("unknown channel: err = %v, want 10003", err)
	}
	if _, err := s.ChannelMessage(srv.GeneralChannel(discordtest.DefaultGuildID), "1"); restCode(err) != 10008 {
		t.Errorf("unknown message: err = %v, want 10008", err)
	}
	bogus := &discordgo.Interaction{ID: "1", Token: "nope", AppID: srv.ApplicationID()}
	if err := s.InteractionRespond(bogus, &discordgo.InteractionResponse{Type: 4}); restCode(err) != 10062 {
		t.Errorf("unknown interaction: err = %v, want 10062", err)
	}
}

func TestAckDeadline(t *testing.T) {
	t.Parallel()
	srv := discordtest.New(t, discordtest.WithAckDeadline(time.Nanosecond))
	s := newSession(t, srv, token)
	// No gateway session is needed to make an interaction the fake knows.
	i := srv.DispatchInteraction(&discordgo.Interaction{GuildID: discordtest.DefaultGuildID})
	err := s.InteractionRespond(i, &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredChannelMessageWithSource})
	if restCode(err) != 10062 {
		t.Errorf("late ack: err = %v, want 10062", err)
	}
	if _, ok := srv.InteractionCallback(i.Token); ok {
		t.Error("a refused ack was recorded as the callback")
	}
}

func TestMessageValidation(t *testing.T) {
	t.Parallel()
	srv := discordtest.New(t)
	s := newSession(t, srv, token)
	ch := srv.GeneralChannel(discordtest.DefaultGuildID)
	embed := func(desc string) *discordgo.MessageEmbed { return &discordgo.MessageEmbed{Description: desc} }
	tests := []struct {
		name string
		msg  discordgo.MessageSend
		code int // 0 = accepted
	}{
		{"2000 characters of two bytes each", discordgo.MessageSend{Content: strings.Repeat("é", 2000)}, 0},
		{"content over 2000", discordgo.MessageSend{Content: strings.Repeat("a", 2001)}, 50035},
		{"description 4096", discordgo.MessageSend{Embeds: []*discordgo.MessageEmbed{embed(strings.Repeat("a", 4096))}}, 0},
		{"description over 4096", discordgo.MessageSend{Embeds: []*discordgo.MessageEmbed{embed(strings.Repeat("a", 4097))}}, 50035},
		{"11 embeds", discordgo.MessageSend{Embeds: []*discordgo.MessageEmbed{
			embed("1"), embed("2"), embed("3"), embed("4"), embed("5"), embed("6"), embed("7"), embed("8"), embed("9"), embed("10"), embed("11"),
		}}, 50035},
		{"embeds over 6000 in total", discordgo.MessageSend{Embeds: []*discordgo.MessageEmbed{
			embed(strings.Repeat("a", 3500)), embed(strings.Repeat("b", 3500)),
		}}, 50035},
		{"empty", discordgo.MessageSend{}, 50006},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := len(srv.ChannelMessages(ch))
			_, err := s.ChannelMessageSendComplex(ch, &tt.msg)
			if got := restCode(err); (tt.code == 0 && err != nil) || (tt.code != 0 && got != tt.code) {
				t.Fatalf("err = %v, want code %d", err, tt.code)
			}
			want := before
			if tt.code == 0 {
				want++
			}
			if n := len(srv.ChannelMessages(ch)); n != want {
				t.Errorf("stored messages = %d, want %d", n, want)
			}
		})
	}

	// A refused edit changes nothing.
	m, err := s.ChannelMessageSend(ch, "short")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.ChannelMessageEdit(ch, m.ID, strings.Repeat("x", 2001)); restCode(err) != 50035 {
		t.Errorf("long edit: err = %v, want 50035", err)
	}
	if got := srv.Message(ch, m.ID).Content; got != "short" {
		t.Errorf("after refused edit content = %q", got)
	}
}

func TestMessageWithFileAndAddFile(t *testing.T) {
	t.Parallel()
	srv := discordtest.New(t)
	s := newSession(t, srv, token)
	ch := srv.GeneralChannel(discordtest.DefaultGuildID)
	data := []byte("paragraph one\nparagraph two\n")
	m, err := s.ChannelMessageSendComplex(ch, &discordgo.MessageSend{
		Content: "transcript attached",
		Files:   []*discordgo.File{{Name: "transcript.md", ContentType: "text/markdown", Reader: bytes.NewReader(data)}},
	})
	if err != nil {
		t.Fatal(err)
	}
	req := srv.WaitRequest(t, wait, func(r discordtest.Request) bool { return r.Method == "POST" && len(r.Files) > 0 })
	if req.JSON["content"] != "transcript attached" || req.Files[0].Field != "files[0]" ||
		req.Files[0].Name != "transcript.md" || !bytes.Equal(req.Files[0].Data, data) {
		t.Errorf("recorded multipart = %+v", req)
	}
	if len(m.Attachments) != 1 || m.Attachments[0].Filename != "transcript.md" || m.Attachments[0].Size != len(data) {
		t.Fatalf("attachments = %+v", m.Attachments)
	}
	if got := get(t, m.Attachments[0].URL); !bytes.Equal(got, data) {
		t.Errorf("attachment URL serves %q", got)
	}

	url := srv.AddFile("briefing.txt", []byte("NATO's push"))
	if got := get(t, url); string(got) != "NATO's push" {
		t.Errorf("AddFile URL serves %q", got)
	}
}

func get(t *testing.T, url string) []byte {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %d %v", url, resp.StatusCode, err)
	}
	return b
}

func TestHeartbeatsAreAcknowledged(t *testing.T) {
	t.Parallel()
	// 100 ms, not less: discordgo reconnects when five intervals pass
	// without an ACK, and under -race on a busy 2-core machine an ACK was
	// once 114 ms late at 20 ms intervals.
	srv := discordtest.New(t, discordtest.WithHeartbeatInterval(100*time.Millisecond))
	openSession(t, srv)
	// Many heartbeats on one connection mean the ACKs arrive.
	g, err := srv.WaitGateway(ctxWait(t), func(g discordtest.GatewayStats) bool { return g.Heartbeats >= 8 })
	if err != nil {
		t.Fatalf("heartbeats: %v (%+v)", err, g)
	}
	if g.Connects != 1 || g.Identifies != 1 {
		t.Errorf("stats = %+v, want one connection", g)
	}
}

// Not parallel: discordgo's reconnect path sleeps and races its own
// heartbeat goroutine, and beside this package's fast-heartbeat tests under
// -race it sometimes missed the resume deadline or identified anew (seen
// in CI). Run alone, it tests the fake's resume, not the machine's load.
func TestReconnectResumesAndReplays(t *testing.T) {
	srv := discordtest.New(t)
	msgs := make(chan *discordgo.MessageCreate, 4)
	openSession(t, srv, func(_ *discordgo.Session, m *discordgo.MessageCreate) { msgs <- m })
	// Each connection's heartbeat goroutine sends at once. Cut before it
	// has, and its send fails on the dead connection after discordgo has
	// reconnected: its own recovery then closes the new connection with
	// 1000, which ends the session (a discordgo race, not the fake's).
	// The bot does its own reconnecting; this test is about the fake.
	waitHeartbeats := func(n int) {
		t.Helper()
		if g, err := srv.WaitGateway(ctxWait(t), func(g discordtest.GatewayStats) bool { return g.Heartbeats >= n }); err != nil {
			t.Fatalf("no heartbeat %d: %v (%+v)", n, err, g)
		}
	}
	waitHeartbeats(1)
	srv.DropConnections()
	if g := srv.Gateway(); g.Live != 0 {
		t.Fatalf("after DropConnections live = %d", g.Live)
	}
	// Sent while the session is away: it must arrive with the resume.
	sent := srv.DispatchMessage(&discordgo.Message{GuildID: discordtest.DefaultGuildID, Content: "while you were out"})
	g, err := srv.WaitGateway(ctxWait(t), func(g discordtest.GatewayStats) bool { return g.Resumes == 1 && g.Live == 1 })
	if err != nil {
		t.Fatalf("no resume: %v (%+v)", err, g)
	}
	if got := receive(t, msgs); got.ID != sent.ID || got.Content != sent.Content || got.Author.ID != discordtest.DefaultUserID {
		t.Errorf("replayed message = %+v", got.Message)
	}

	// Op 7: discordgo closes with 1012 and resumes again.
	waitHeartbeats(2)
	srv.RequestReconnect()
	if g, err := srv.WaitGateway(ctxWait(t), func(g discordtest.GatewayStats) bool { return g.Resumes == 2 && g.Live == 1 }); err != nil {
		t.Fatalf("no resume after RECONNECT: %v (%+v)", err, g)
	}
	srv.DispatchMessage(&discordgo.Message{GuildID: discordtest.DefaultGuildID, Content: "after"})
	if got := receive(t, msgs); got.Content != "after" {
		t.Errorf("after reconnect got %q", got.Content)
	}
	if g := srv.Gateway(); g.Identifies != 1 {
		t.Errorf("identifies = %d, want 1 (resumed, not re-identified)", g.Identifies)
	}
}

// Op 9 ends a live session: discordgo identifies again on the same
// connection and gets a new session, which events then reach.
func TestInvalidateSessions(t *testing.T) {
	t.Parallel()
	srv := discordtest.New(t)
	msgs := make(chan *discordgo.MessageCreate, 4)
	openSession(t, srv, func(_ *discordgo.Session, m *discordgo.MessageCreate) { msgs <- m })
	if n := srv.InvalidateSessions(); n != 1 {
		t.Fatalf("InvalidateSessions reached %d sessions, want 1", n)
	}
	g, err := srv.WaitGateway(ctxWait(t), func(g discordtest.GatewayStats) bool { return g.Identifies == 2 && g.Live == 1 })
	if err != nil {
		t.Fatalf("no second IDENTIFY after op 9: %v (%+v)", err, g)
	}
	if g.Connects != 1 || g.Invalid != 1 {
		t.Errorf("stats = %+v, want one connection and one INVALID_SESSION", g)
	}
	sent := srv.DispatchMessage(&discordgo.Message{GuildID: discordtest.DefaultGuildID, Content: "new session"})
	if got := receive(t, msgs); got.ID != sent.ID {
		t.Errorf("after op 9 got %+v", got.Message)
	}
}

func TestGatewayRefusals(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		opts  []discordtest.Option
		token string
		want  string
	}{
		{"bad token on REST", []discordtest.Option{discordtest.WithToken("Bot right")}, "Bot wrong", "401"},
		{"disallowed intents", []discordtest.Option{discordtest.WithDisallowedIntents(discordgo.IntentMessageContent)}, token, "4014"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := discordtest.New(t, tt.opts...)
			s := newSession(t, srv, tt.token)
			s.Identify.Intents |= discordgo.IntentMessageContent
			err := s.Open()
			if err == nil {
				s.Close()
				t.Fatal("Open succeeded")
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Open: %v, want %s", err, tt.want)
			}
		})
	}
}

func TestThreadsPinsReactionsAndDMs(t *testing.T) {
	t.Parallel()
	srv := discordtest.New(t)
	s := newSession(t, srv, token)
	ch := srv.GeneralChannel(discordtest.DefaultGuildID)
	q := srv.DispatchMessage(&discordgo.Message{GuildID: discordtest.DefaultGuildID, Content: "@briefbot who?"})

	th, err := s.MessageThreadStart(ch, q.ID, "who?", 60)
	if err != nil {
		t.Fatal(err)
	}
	if th.ID != q.ID || th.Type != discordgo.ChannelTypeGuildPublicThread || th.ParentID != ch || th.GuildID != discordtest.DefaultGuildID {
		t.Errorf("thread = %+v", th)
	}
	if _, err := s.MessageThreadStart(ch, q.ID, "again", 60); restCode(err) != 160004 {
		t.Errorf("second thread: err = %v, want 160004", err)
	}
	if _, err := s.ChannelMessageSend(th.ID, "answer"); err != nil {
		t.Fatal(err)
	}
	yes := true
	if _, err := s.ChannelEdit(th.ID, &discordgo.ChannelEdit{Archived: &yes, Locked: &yes}); err != nil {
		t.Fatal(err)
	}
	if md := srv.Channel(th.ID).ThreadMetadata; !md.Archived || !md.Locked {
		t.Errorf("thread metadata = %+v", md)
	}
	if _, err := s.ChannelMessageSend(th.ID, "late"); restCode(err) != 50083 {
		t.Errorf("post in locked thread: err = %v, want 50083", err)
	}
	private, err := s.ThreadStart(ch, "session", discordgo.ChannelTypeGuildPrivateThread, 1440)
	if err != nil || private.Type != discordgo.ChannelTypeGuildPrivateThread || private.ID == q.ID {
		t.Errorf("ThreadStart = %+v, %v", private, err)
	}

	a, err := s.ChannelMessageSend(ch, "pinned answer")
	if err != nil {
		t.Fatal(err)
	}
	if err := s.ChannelMessagePin(ch, a.ID); err != nil {
		t.Fatal(err)
	}
	if err := s.MessageReactionAdd(ch, a.ID, "👍"); err != nil {
		t.Fatal(err)
	}
	m := srv.Message(ch, a.ID)
	if !m.Pinned || len(m.Reactions) != 1 || m.Reactions[0].Emoji.Name != "👍" || !m.Reactions[0].Me {
		t.Errorf("message = pinned %v reactions %+v", m.Pinned, m.Reactions)
	}
	if _, err := s.ChannelMessageEdit(ch, q.ID, "not mine"); restCode(err) != 50005 {
		t.Errorf("editing a member's message: err = %v, want 50005", err)
	}

	dm, err := s.UserChannelCreate(discordtest.DefaultUserID)
	if err != nil {
		t.Fatal(err)
	}
	again, err := s.UserChannelCreate(discordtest.DefaultUserID)
	if err != nil || again.ID != dm.ID || dm.Type != discordgo.ChannelTypeDM || dm.Recipients[0].ID != discordtest.DefaultUserID {
		t.Errorf("DM channels = %+v, %+v, %v", dm, again, err)
	}
}

func TestCommands(t *testing.T) {
	t.Parallel()
	srv := discordtest.New(t)
	s := newSession(t, srv, token)
	app, guild := srv.ApplicationID(), discordtest.DefaultGuildID
	cmds := []*discordgo.ApplicationCommand{
		{Name: "ask", Description: "Ask about the briefing"},
		{Name: "sources", Description: "Show sources"},
	}
	first, err := s.ApplicationCommandBulkOverwrite(app, guild, cmds)
	if err != nil {
		t.Fatal(err)
	}
	if len(first) != 2 || first[0].ID == "" || first[0].ApplicationID != app || first[0].GuildID != guild {
		t.Fatalf("overwrite = %+v", first)
	}
	second, err := s.ApplicationCommandBulkOverwrite(app, guild, cmds[:1])
	if err != nil {
		t.Fatal(err)
	}
	if len(second) != 1 || second[0].ID != first[0].ID {
		t.Errorf("re-registering kept ids? %s vs %s", second[0].ID, first[0].ID)
	}
	listed, err := s.ApplicationCommands(app, guild)
	if err != nil || len(listed) != 1 || listed[0].Name != "ask" {
		t.Errorf("GET commands = %v, %v", listed, err)
	}
	if global := srv.Commands(""); len(global) != 0 {
		t.Errorf("global commands = %v, want none", global)
	}
	_, err = s.ApplicationCommandBulkOverwrite(app, "", []*discordgo.ApplicationCommand{{Name: "Ask Me", Description: "x"}})
	if restCode(err) != 50035 {
		t.Errorf("invalid name: err = %v, want 50035", err)
	}
	for _, bad := range []*discordgo.ApplicationCommand{
		{Name: "ask", Description: "x", NameLocalizations: &map[discordgo.Locale]string{discordgo.French: "Demander"}},
		{Name: "ask", Description: "x", NameLocalizations: &map[discordgo.Locale]string{"fr-FR": "demander"}},
		{Name: "ask", Description: "x", DescriptionLocalizations: &map[discordgo.Locale]string{discordgo.German: strings.Repeat("x", 101)}},
		{Name: "ask", Description: "x", Options: []*discordgo.ApplicationCommandOption{{Type: discordgo.ApplicationCommandOptionString,
			Name: "question", Description: "q", NameLocalizations: map[discordgo.Locale]string{discordgo.German: "deine frage"}}}},
		{Name: "Ask me", Type: discordgo.MessageApplicationCommand, NameLocalizations: &map[discordgo.Locale]string{discordgo.German: strings.Repeat("x", 33)}},
		{Name: "ask", Description: "x", Options: []*discordgo.ApplicationCommandOption{{Type: discordgo.ApplicationCommandOptionString,
			Name: "rule", Description: "r", Choices: []*discordgo.ApplicationCommandOptionChoice{{Name: "a", Value: "a",
				NameLocalizations: map[discordgo.Locale]string{discordgo.French: ""}}}}}},
	} {
		if _, err := s.ApplicationCommandBulkOverwrite(app, guild, []*discordgo.ApplicationCommand{bad}); restCode(err) != 50035 {
			t.Errorf("invalid localisation %+v: err = %v, want 50035", bad, err)
		}
	}
	good := &discordgo.ApplicationCommand{Name: "ask", Description: "x",
		NameLocalizations: &map[discordgo.Locale]string{discordgo.Japanese: "質問する", discordgo.French: "privé"}}
	if _, err := s.ApplicationCommandBulkOverwrite(app, guild, []*discordgo.ApplicationCommand{good, {Name: "Ask me", Type: discordgo.MessageApplicationCommand,
		NameLocalizations: &map[discordgo.Locale]string{discordgo.German: "Frag mich"}}}); err != nil {
		t.Errorf("valid localisations refused: %v", err)
	}
	if _, err := s.ApplicationCommandBulkOverwrite("999", guild, cmds); restCode(err) != 50001 {
		t.Errorf("other application: err = %v, want 50001", err)
	}
}
