package main

import (
	"context"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/sashabaranov/go-openai"

	"github.com/briefbot/briefbot/bot/discord/discordtest"
	"github.com/briefbot/briefbot/bot/llm/llmtest"
	"github.com/briefbot/briefbot/knowledge/redistest"
	"github.com/briefbot/briefbot/prompts"
)

func TestRunHTTPSettingsChecked(t *testing.T) {
	base := map[string]string{"DISCORD_TOKEN": "test-token"}
	with := func(kv ...string) map[string]string {
		env := map[string]string{}
		for k, v := range base {
			env[k] = v
		}
		for i := 0; i < len(kv); i += 2 {
			env[kv[i]] = kv[i+1]
		}
		return env
	}
	for _, tt := range []struct {
		env  map[string]string
		want string
	}{
		{with("INTERACTIONS_ADDR", ":0"), "DISCORD_PUBLIC_KEY is not set"},
		{with("DISCORD_PUBLIC_KEY", "abc"), "DISCORD_PUBLIC_KEY"},
		{with("DISCORD_GATEWAY", "off", "DISCORD_PUBLIC_KEY", strings.Repeat("ab", 32)), "INTERACTIONS_ADDR"},
		{with("DISCORD_GATEWAY", "maybe"), "DISCORD_GATEWAY"},
	} {
		code, _, errs := runBot(t, tt.env, "run")
		if code != exitUsage || !strings.Contains(errs, tt.want) {
			t.Errorf("%v: exit %d, stderr %q; want 2 naming %s", tt.env, code, errs, tt.want)
		}
	}
}

// Two HTTP-only replicas and one gateway process on one Redis, as the
// README's topology: a conversation started over HTTP carries on through
// the other replica and the gateway process, a member's rate limit is
// shared by the replicas, and one interaction delivered to both replicas
// is answered once.
func TestRunHTTPReplicasShareRedis(t *testing.T) {
	srv := discordtest.New(t)
	rds := redistest.Start(t)
	model := llmtest.New(t)
	var mu sync.Mutex
	var seen []string // every chat request's messages, joined
	model.OnChat(func(req openai.ChatCompletionRequest) llmtest.Reply {
		var all strings.Builder
		for _, m := range req.Messages {
			all.WriteString(m.Content + "\n")
		}
		mu.Lock()
		seen = append(seen, all.String())
		mu.Unlock()
		p, _ := prompts.ParseAnswer(req.Messages[len(req.Messages)-1].Content)
		return llmtest.Reply{Pieces: []string{"France's president, Emmanuel Macron, ", fmt.Sprintf("objected to the office [%d].", p.Number(11))}}
	})
	prompted := func(text string) (n int, joined []string) {
		mu.Lock()
		defer mu.Unlock()
		for _, p := range seen {
			if strings.Contains(p, text) {
				n++
				joined = append(joined, p)
			}
		}
		return n, joined
	}
	common := map[string]string{
		"DISCORD_TOKEN":    "test-token",
		"DISCORD_API_URL":  srv.APIBase(),
		"DISCORD_GUILD_ID": discordtest.DefaultGuildID,
		"REDIS_URL":        rds.URL(),
		"OPENAI_BASE_URL":  model.BaseURL(),
		"OPENAI_MODEL":     "fake-chat",
		"OPENAI_API_KEY":   "sk-test",
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	type proc struct {
		env    map[string]string
		stderr *lockedBuffer
		exited chan int
		url    string
	}
	startProc := func(extra map[string]string) *proc {
		p := &proc{env: map[string]string{"HEALTH_ADDR": freeAddr(t)}}
		for k, v := range common {
			p.env[k] = v
		}
		for k, v := range extra {
			p.env[k] = v
		}
		if a := p.env["INTERACTIONS_ADDR"]; a != "" {
			p.url = "http://" + a + "/interactions"
		}
		p.stderr, p.exited = startRun(ctx, p.env)
		return p
	}
	replica := func() *proc {
		return startProc(map[string]string{"DISCORD_GATEWAY": "off", "INTERACTIONS_ADDR": freeAddr(t), "DISCORD_PUBLIC_KEY": srv.PublicKeyHex()})
	}
	// One after the other: each process sets the global loggers of
	// go-redis and discordgo as it starts.
	ready := func(p *proc) *proc {
		t.Helper()
		eventually(t, "the process ready", func() bool {
			r, err := http.Get("http://" + p.env["HEALTH_ADDR"] + "/readyz")
			if err != nil {
				return false
			}
			r.Body.Close()
			return r.StatusCode == http.StatusOK
		})
		return p
	}
	gw := ready(startProc(nil))
	a := ready(replica())
	b := ready(replica())
	if g := srv.Gateway(); g.Live != 1 {
		t.Errorf("gateway sessions = %d, want the gateway process's only", g.Live)
	}
	if n := len(srv.Commands(discordtest.DefaultGuildID)); n != 7 {
		t.Errorf("%d commands registered, want 7", n)
	}
	ping := srv.PostInteraction(a.url, &discordgo.Interaction{Type: discordgo.InteractionPing})
	if ping.Status != http.StatusOK || strings.TrimSpace(string(ping.Body)) != `{"type":1}` {
		t.Errorf("PING → %d %q", ping.Status, ping.Body)
	}

	member := func(id string) *discordgo.Member {
		return &discordgo.Member{User: &discordgo.User{ID: id, Username: "u" + id}}
	}
	ask := func(url, userID, channelID, q string) *discordtest.HTTPResponse {
		t.Helper()
		return srv.PostInteraction(url, &discordgo.Interaction{GuildID: discordtest.DefaultGuildID, ChannelID: channelID, Member: member(userID),
			Data: discordgo.ApplicationCommandInteractionData{Name: "ask", Options: []*discordgo.ApplicationCommandInteractionDataOption{
				{Name: "question", Type: discordgo.ApplicationCommandOptionString, Value: q},
			}}})
	}
	final := func(i *discordgo.Interaction) *discordgo.Message {
		t.Helper()
		var m *discordgo.Message
		eventually(t, "the answer", func() bool {
			m = srv.Original(i.Token)
			return m != nil && m.Flags&discordgo.MessageFlagsLoading == 0 && strings.Contains(m.Content, "objected to the office")
		})
		return m
	}

	// A conversation: /ask on replica A, "Continue in thread" on replica
	// B, a follow-up message in the thread answered by the gateway
	// process, then /ask in the thread on replica A — each with the
	// thread's history, from Redis.
	const q1 = "Why does France oppose a NATO office in Tokyo?"
	r1 := ask(a.url, "200000000000000011", "", q1)
	if r1.Callback == nil || r1.Callback.Type != discordgo.InteractionResponseDeferredChannelMessageWithSource {
		t.Fatalf("/ask on replica A → %d %q", r1.Status, r1.Body)
	}
	m1 := final(r1.Interaction)
	var cont string
	for _, row := range m1.Components {
		for _, c := range row.(*discordgo.ActionsRow).Components {
			if bt, ok := c.(*discordgo.Button); ok && strings.HasPrefix(bt.CustomID, "bb:thr:") {
				cont = bt.CustomID
			}
		}
	}
	if cont == "" {
		t.Fatalf("no Continue in thread button: %+v", m1.Components)
	}
	click := srv.PostInteraction(b.url, &discordgo.Interaction{GuildID: discordtest.DefaultGuildID, Type: discordgo.InteractionMessageComponent,
		Message: m1, Member: member("200000000000000011"),
		Data: discordgo.MessageComponentInteractionData{CustomID: cont, ComponentType: discordgo.ButtonComponent}})
	if click.Callback == nil || click.Callback.Type != discordgo.InteractionResponseDeferredChannelMessageWithSource {
		t.Fatalf("Continue on replica B → %d %q", click.Status, click.Body)
	}
	// Acknowledged first (opening a thread may wait on Discord's rate
	// limit), then the link to the thread.
	var said *discordgo.Message
	eventually(t, "the link to the thread", func() bool {
		said = srv.Original(click.Interaction.Token)
		return said != nil && said.Flags&discordgo.MessageFlagsLoading == 0 && said.Content != ""
	})
	th := regexp.MustCompile(`<#(\d+)>`).FindStringSubmatch(said.Content)
	if th == nil {
		t.Fatalf("Continue on replica B said %q", said.Content)
	}
	thread := th[1]
	const q2 = "What did Macron fear about China?"
	srv.DispatchMessage(&discordgo.Message{GuildID: discordtest.DefaultGuildID, ChannelID: thread, Content: q2,
		Author: &discordgo.User{ID: "200000000000000011", Username: "asker"}})
	eventually(t, "the gateway process's answer in the thread", func() bool {
		for _, m := range srv.ChannelMessages(thread) {
			if m.Author != nil && m.Author.ID == srv.BotUserID() && m.MessageReference != nil && strings.Contains(m.Content, "objected to the office") {
				return true
			}
		}
		return false
	})
	if _, ps := prompted(q2); len(ps) != 1 || !strings.Contains(ps[0], q1) {
		t.Errorf("the follow-up's prompt lacks the thread's history (%d prompts)", len(ps))
	}
	const q3 = "Which country hosts the proposed office?"
	r3 := ask(a.url, "200000000000000011", thread, q3)
	final(r3.Interaction)
	if _, ps := prompted(q3); len(ps) != 1 || !strings.Contains(ps[0], q1) || !strings.Contains(ps[0], q2) {
		t.Errorf("/ask in the thread on replica A: its prompt lacks the thread's history (%d prompts)", len(ps))
	}

	// A member's rate limit (3 at once, 5 a minute) is shared: of four
	// questions, whichever replicas take them, one is refused. Each is
	// acknowledged before the limit is known; the refused one's
	// "thinking…" goes and the wait is told to the member alone.
	limited := "200000000000000022"
	var tokens []string
	for n, url := range []string{a.url, b.url, a.url, b.url} {
		r := ask(url, limited, "", fmt.Sprintf("Why does France oppose the office, take %d?", n))
		if r.Callback == nil || r.Callback.Type != discordgo.InteractionResponseDeferredChannelMessageWithSource {
			t.Fatalf("question %d → %d %q, want it deferred", n+1, r.Status, r.Body)
		}
		tokens = append(tokens, r.Interaction.Token)
	}
	var answered, refused int
	eventually(t, "three questions answered and one refused to its asker alone", func() bool {
		answered, refused = 0, 0
		for _, tok := range tokens {
			if fs := srv.Followups(tok); srv.Original(tok) == nil && len(fs) == 1 &&
				strings.Contains(fs[0].Content, "try again in") && fs[0].Flags&discordgo.MessageFlagsEphemeral != 0 {
				refused++
			} else if m := srv.Original(tok); m != nil && strings.Contains(m.Content, "objected to the office") {
				answered++
			}
		}
		return answered == 3 && refused == 1
	})

	// One interaction delivered to both replicas at once: answered once.
	const q4 = "What did the Indo-Pacific diplomat think of a NATO presence?"
	dup := &discordgo.Interaction{ID: "900000000000000001", Token: "dup-token", GuildID: discordtest.DefaultGuildID, Member: member("200000000000000033"),
		Data: discordgo.ApplicationCommandInteractionData{Name: "ask", Options: []*discordgo.ApplicationCommandInteractionDataOption{
			{Name: "question", Type: discordgo.ApplicationCommandOptionString, Value: q4},
		}}}
	var wg sync.WaitGroup
	res := make([]*discordtest.HTTPResponse, 2)
	for k, url := range []string{a.url, b.url} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			res[k] = srv.PostInteraction(url, dup)
		}()
	}
	wg.Wait()
	// Both acknowledge (Discord takes one); the store then tells one of
	// them the interaction is not new, and that one says so in its log.
	if taken := (res[0].Callback != nil) != (res[1].Callback != nil); !taken {
		t.Errorf("one interaction to two replicas → %d %q, %d %q: want one acknowledgement taken", res[0].Status, res[0].Body, res[1].Status, res[1].Body)
	}
	final(&discordgo.Interaction{Token: "dup-token"})
	eventually(t, "a replica to drop the duplicate", func() bool {
		return strings.Contains(a.stderr.String()+b.stderr.String(), `duplicate event ignored" id=interaction:900000000000000001`)
	})
	if n, _ := prompted(q4); n != 1 {
		t.Errorf("the interaction sent to both replicas was answered %d times", n)
	}

	cancel()
	for name, p := range map[string]*proc{"gateway": gw, "replica A": a, "replica B": b} {
		select {
		case code := <-p.exited:
			if code != exitOK {
				t.Errorf("%s exit %d; log:\n%s", name, code, p.stderr.String())
			}
		case <-time.After(20 * time.Second):
			t.Fatalf("%s did not stop", name)
		}
		if log := p.stderr.String(); strings.Contains(log, "level=ERROR") || strings.Contains(log, "test-token") {
			t.Errorf("%s log:\n%s", name, log)
		}
	}
}
