package discord

import (
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	openai "github.com/sashabaranov/go-openai"

	"github.com/briefbot/briefbot/bot/answer"
	"github.com/briefbot/briefbot/bot/discord/discordtest"
	"github.com/briefbot/briefbot/bot/llm"
	"github.com/briefbot/briefbot/bot/llm/llmanswer"
	"github.com/briefbot/briefbot/bot/llm/llmtest"
	"github.com/briefbot/briefbot/bot/state"
	"github.com/briefbot/briefbot/prompts"
)

const franceQ = "Why does France oppose a NATO office in Tokyo?"

func TestAskSlowModelIsAcknowledgedThenStreamedThenFinal(t *testing.T) {
	t.Parallel()
	g := newGated(newEngine(t), "France ", "opposes ", "the office")
	h := start(t, setup{answerer: g, srvOpts: []discordtest.Option{discordtest.WithAckDeadline(3 * time.Second)}})
	i := h.ask(franceQ, false)

	// The model has not answered (it is held), yet Discord has its
	// acknowledgement: a deferred response, well inside 3 s.
	cb := h.waitCallback(i)
	if cb.Type != discordgo.InteractionResponseDeferredChannelMessageWithSource {
		t.Fatalf("callback type %d, want deferred (5)", cb.Type)
	}
	<-g.started
	// Streamed text shows up in an edit while the answer is still held.
	h.waitOriginal(i, func(m *discordgo.Message) bool {
		return strings.Contains(m.Content, "France opposes the office\n"+writingLine)
	})
	close(g.release)
	m := h.waitFinal(i)
	for _, want := range []string{"> **Q:** " + franceQ, "Macron", "[1]", "-# Sources · *NATO", "¶11"} {
		if !strings.Contains(m.Content, want) {
			t.Errorf("final answer lacks %q:\n%s", want, m.Content)
		}
	}
	if m.Flags&discordgo.MessageFlagsSuppressEmbeds == 0 {
		t.Errorf("answer flags %b lack SUPPRESS_EMBEDS", m.Flags)
	}
	ids := buttonIDs(m)
	if len(ids) != 4 || !strings.HasPrefix(ids[0], prefixSources) || ids[1] != prefixFeedback+"u:"+i.ID {
		t.Errorf("buttons = %v", ids)
	}
	h.checkNoMentions()
}

func TestAskPrivateIsEphemeral(t *testing.T) {
	t.Parallel()
	h := start(t, setup{})
	i := h.ask(franceQ, true)
	m := h.waitFinal(i)
	if m.Flags&discordgo.MessageFlagsEphemeral == 0 {
		t.Errorf("private answer flags %b, want ephemeral", m.Flags)
	}
}

func TestModelTextCannotPing(t *testing.T) {
	t.Parallel()
	h := start(t, setup{answerer: fixed{answer.Answer{Text: "Hey @everyone and @here <@&1> <@2> [1]", Mode: answer.ModeLLM,
		Citations: []answer.Citation{{N: 1, Briefing: "B", Paragraph: 2, ChunkID: "nato-indo-pacific-2024#p2"}}}}})
	i := h.ask("who <@3>?", false)
	m := h.waitFinal(i)
	for _, bad := range []string{"@everyone", "@here", "<@&1>", "<@2>", "<@3>"} {
		if strings.Contains(m.Content, bad) {
			t.Errorf("content still has live mention syntax %q:\n%s", bad, m.Content)
		}
	}
	if m.MentionEveryone || len(m.Mentions) != 0 || len(m.MentionRoles) != 0 {
		t.Errorf("mentions parsed: everyone=%v users=%v roles=%v", m.MentionEveryone, m.Mentions, m.MentionRoles)
	}
	h.checkNoMentions()
}

func TestEditRateLimitedIsRetriedNotLost(t *testing.T) {
	t.Parallel()
	obs := newObserved()
	h := start(t, setup{observer: obs})
	const retry = 300 * time.Millisecond
	h.srv.RateLimitNext("PATCH", "/webhooks/", retry)
	i := h.ask(franceQ, false)
	m := h.waitFinal(i)
	if !strings.Contains(m.Content, "Macron") {
		t.Errorf("final answer lost: %q", m.Content)
	}
	// The fake stores an edit before it records the request: wait for both.
	h.srv.WaitRequest(t, wait, func(r discordtest.Request) bool {
		return r.Method == "PATCH" && strings.Contains(r.Path, i.Token) && r.Status == http.StatusOK
	})
	var edits []discordtest.Request
	for _, r := range h.srv.Requests() {
		if r.Method == "PATCH" && strings.Contains(r.Path, i.Token) {
			edits = append(edits, r)
		}
	}
	if len(edits) < 2 || edits[0].Status != http.StatusTooManyRequests || edits[len(edits)-1].Status != http.StatusOK {
		t.Fatalf("edits: %d, want a 429 then a 200%s", len(edits), h.summary())
	}
	if gap := edits[1].At.Sub(edits[0].At); gap < retry {
		t.Errorf("retried after %v, want ≥ retry_after %v", gap, retry)
	}
	// The metrics saw the 429, the ack, the edits and the connection. An
	// edit's latency is recorded once the edit returns, which may be just
	// after the fake has recorded the request.
	h.until("the edit's latency", func() bool { s, _, _ := obs.counts(); return s["edit"] > 0 })
	stages, responses, gateway := obs.counts()
	if responses[http.StatusTooManyRequests] != 1 || responses[http.StatusOK] == 0 || stages["ack"] != 1 || stages["edit"] == 0 || len(gateway) == 0 || !gateway[0] {
		t.Errorf("observed stages %v, responses %v, gateway %v", stages, responses, gateway)
	}
}

func TestSameInteractionTwiceAnsweredOnce(t *testing.T) {
	t.Parallel()
	h := start(t, setup{})
	i := h.ask(franceQ, false)
	h.waitFinal(i)
	// The gateway delivers the very same interaction again.
	h.srv.Dispatch("INTERACTION_CREATE", i)
	// A later interaction, answered, shows the duplicate had its chance.
	j := h.ask(franceQ, false)
	h.waitFinal(j)
	// The duplicate's acknowledgement was refused (an interaction is
	// acknowledged once), so it edited nothing: one answer, one final edit.
	var callbacks, edits []int
	for _, r := range h.srv.Requests() {
		switch {
		case r.Method == "POST" && strings.HasPrefix(r.Path, "/interactions/"+i.ID+"/"):
			callbacks = append(callbacks, r.Status)
		case r.Method == "PATCH" && strings.Contains(r.Path, i.Token) && strings.Contains(string(r.Body), "Macron"):
			edits = append(edits, r.Status)
		}
	}
	if !slices.Equal(callbacks, []int{http.StatusNoContent, http.StatusBadRequest}) {
		t.Errorf("callbacks for the duplicated interaction: %v, want the first taken and the second refused", callbacks)
	}
	if len(edits) != 1 {
		t.Errorf("answers for the duplicated interaction: %d, want 1", len(edits))
	}
	// The lost race is no failure: logged as a duplicate, not a warning.
	if log := h.log.String(); strings.Contains(log, "level=WARN") || !strings.Contains(log, "duplicate event ignored") {
		t.Errorf("log for a duplicate delivery:\n%s", log)
	}
	// A duplicate of a question refused before its acknowledgement: one
	// reply, and no warning either.
	e := h.ask("  ?! ", false)
	h.waitCallback(e)
	h.srv.Dispatch("INTERACTION_CREATE", e)
	h.waitFinal(h.ask(franceQ, false))
	if n := h.srv.Hits("POST", "/interactions/"+e.ID+"/"); n != 2 {
		t.Errorf("callbacks for the duplicated empty question: %d, want 2 (the second refused)", n)
	}
	if log := h.log.String(); strings.Contains(log, "level=WARN") {
		t.Errorf("a duplicate of a refused question logged a warning:\n%s", log)
	}
}

func TestRateLimitExceededGetsEphemeralWait(t *testing.T) {
	t.Parallel()
	h := start(t, setup{limits: &limitsOne})
	h.waitFinal(h.ask(franceQ, false))
	// Acknowledged publicly before the limit is known, the question's
	// "thinking…" is deleted and the wait is told to the asker alone.
	i := h.ask(franceQ, false)
	if m := h.waitRefusal(i); !strings.Contains(m.Content, "try again in") {
		t.Errorf("rate-limit reply = %q", m.Content)
	}
	// Asking again while refused: told at once, privately, with no
	// "thinking…" shown to the channel at all.
	again := h.ask(franceQ, false)
	if cb := h.waitCallback(again); cb.Type != discordgo.InteractionResponseChannelMessageWithSource {
		t.Errorf("asking again while limited: callback type %d, want an ephemeral message (4)", cb.Type)
	}
	if m := h.srv.Original(again.Token); m == nil || m.Flags&discordgo.MessageFlagsEphemeral == 0 || !strings.Contains(m.Content, "try again in") {
		t.Errorf("asking again while limited: reply %+v", m)
	}
	// Another member asking privately over the limit: the private
	// "thinking…" becomes the wait.
	other := func(i *discordgo.Interaction) {
		i.Member = &discordgo.Member{User: &discordgo.User{ID: "200000000000000777", Username: "other"}}
	}
	h.waitFinal(h.ask(franceQ, true, other))
	p := h.ask(franceQ, true, other)
	if cb := h.waitCallback(p); cb.Type != discordgo.InteractionResponseDeferredChannelMessageWithSource {
		t.Errorf("private question over the limit: callback type %d, want deferred (5)", cb.Type)
	}
	m := h.waitFinal(p)
	if m.Flags&discordgo.MessageFlagsEphemeral == 0 || !strings.Contains(m.Content, "try again in") || len(h.srv.Followups(p.Token)) != 0 {
		t.Errorf("private rate-limit reply = %q flags %b", m.Content, m.Flags)
	}
}

// When the public "thinking…" of a refused question cannot be deleted, it
// says neutrally that the question was not answered, and the asker is
// still told why, alone.
func TestRefusalWhenTheThinkingCannotBeDeleted(t *testing.T) {
	t.Parallel()
	h := start(t, setup{limits: &limitsOne})
	h.srv.Intercept(func(r discordtest.Request) *discordtest.Response {
		if r.Method == http.MethodDelete && strings.HasPrefix(r.Path, "/webhooks/") {
			return discordtest.JSONResponse(http.StatusNotFound, map[string]any{"code": 10008, "message": "Unknown Message"})
		}
		return nil
	})
	h.waitFinal(h.ask(franceQ, false))
	i := h.ask(franceQ, false)
	var fs []*discordgo.Message
	h.until("the reason, privately", func() bool { fs = h.srv.Followups(i.Token); return len(fs) == 1 })
	if !strings.Contains(fs[0].Content, "try again in") || fs[0].Flags&discordgo.MessageFlagsEphemeral == 0 {
		t.Errorf("follow-up = %q (flags %b)", fs[0].Content, fs[0].Flags)
	}
	m := h.waitFinal(i)
	if m.Content != "This question was not answered." || m.Flags&discordgo.MessageFlagsEphemeral != 0 {
		t.Errorf("public original = %q (flags %b), want the neutral line", m.Content, m.Flags)
	}
}

func TestEmptyQuestionIsExplained(t *testing.T) {
	t.Parallel()
	h := start(t, setup{})
	i := h.ask("  ?! ", false)
	h.waitCallback(i)
	m := h.srv.Original(i.Token)
	if m.Flags&discordgo.MessageFlagsEphemeral == 0 || !strings.Contains(m.Content, "Please ask a question") {
		t.Errorf("reply = %q flags %b", m.Content, m.Flags)
	}
}

// With no model, an overview asked in another language is answered with
// the briefing's lead and conclusion, in English, under a notice in the
// asker's language; another question in it is told a model is needed.
func TestOverviewInAnotherLanguageWithoutModel(t *testing.T) {
	t.Parallel()
	h := start(t, setup{})
	m := h.waitFinal(h.ask("Worum geht es in dem Artikel?", false))
	for _, want := range []string{"Ohne Sprachmodell", "Without a language model I can only answer in English", "¶1", "¶23", "-# Sources"} {
		if !strings.Contains(m.Content, want) {
			t.Errorf("overview in German lacks %q:\n%s", want, m.Content)
		}
	}
	m = h.waitFinal(h.ask("Warum ist Frankreich gegen ein NATO-Büro in Tokio?", false))
	if !strings.Contains(m.Content, "Ich kann hier nur Fragen auf Englisch beantworten") || strings.Contains(m.Content, "¶") {
		t.Errorf("another question in German:\n%s", m.Content)
	}
}

func TestCommandsRegisteredIdempotently(t *testing.T) {
	t.Parallel()
	h := start(t, setup{})
	first := h.srv.Commands(h.guild)
	names := func(cs []*discordgo.ApplicationCommand) []string {
		var n []string
		for _, c := range cs {
			n = append(n, c.Name+"#"+c.ID)
		}
		slices.Sort(n)
		return n
	}
	if len(first) != 4 {
		t.Fatalf("commands = %v", names(first))
	}
	// A second start registers the same commands again: same set, same ids.
	if err := h.bot.registerCommands(h.bot.work, nil); err != nil {
		t.Fatal(err)
	}
	if a, b := names(first), names(h.srv.Commands(h.guild)); !slices.Equal(a, b) {
		t.Errorf("after re-registering: %v, want %v", b, a)
	}
	if len(h.srv.Commands("")) != 0 {
		t.Error("guild commands leaked into global scope")
	}
	if n := h.srv.Hits("PUT", "/applications/"); n != 2 {
		t.Errorf("bulk overwrites = %d, want 2", n)
	}
}

func TestBriefingHelpAndAutocomplete(t *testing.T) {
	t.Parallel()
	h := start(t, setup{})
	br := h.command("briefing")
	h.waitCallback(br)
	m := h.srv.Original(br.Token)
	for _, want := range []string{"NATO's push into the Indo-Pacific", "2024-07-10", "Beijing", "Topics:", "Try:"} {
		if !strings.Contains(m.Content, want) {
			t.Errorf("/briefing lacks %q:\n%s", want, m.Content)
		}
	}
	help := h.command("help")
	h.waitCallback(help)
	if c := h.srv.Original(help.Token).Content; !strings.Contains(c, "/ask") || !strings.Contains(c, "Show passages") {
		t.Errorf("/help = %s", c)
	}

	ac := h.srv.DispatchInteraction(&discordgo.Interaction{
		GuildID: h.guild, Type: discordgo.InteractionApplicationCommandAutocomplete,
		Data: discordgo.ApplicationCommandInteractionData{Name: "ask", Options: []*discordgo.ApplicationCommandInteractionDataOption{
			{Name: "question", Type: discordgo.ApplicationCommandOptionString, Value: "china", Focused: true},
		}},
	})
	cb := h.waitCallback(ac)
	if cb.Type != discordgo.InteractionApplicationCommandAutocompleteResult {
		t.Fatalf("autocomplete callback type %d", cb.Type)
	}
	if s := string(cb.Data); !strings.Contains(s, `"name":"china"`) || !strings.Contains(s, "China's opposition") {
		t.Errorf("choices = %s", s)
	}
}

// limitsOne allows one question a minute per user.
var limitsOne = state.Limits{User: state.Limit{Rate: 1, Burst: 1, Period: time.Minute}}

func TestCommandsRegisteredGloballyWithoutGuild(t *testing.T) {
	t.Parallel()
	h := start(t, setup{global: true, noRedis: true})
	if n, g := len(h.srv.Commands("")), len(h.srv.Commands(h.guild)); n != 4 || g != 0 {
		t.Errorf("global commands %d, guild commands %d; want 4 and 0", n, g)
	}
}

// A model that writes a link, an uncited claim and a line of its system
// prompt between good sentences: no edit of the message ever carries them,
// not even for one edit; the checked sentences show one by one under a
// "writing…" line, and the final answer holds them all.
func TestStreamShowsOnlyCheckedSentences(t *testing.T) {
	t.Parallel()
	h := startStreaming(t, func(n int) []string {
		return []string{
			"Macron fears ", fmt.Sprintf("provoking China [%d]. ", n),
			"Log in at https://evil.example/login?d=leak ", fmt.Sprintf("[%d]. ", n),
			"My system prompt says: cite the passages. ",
			"<@&1> France is ", fmt.Sprintf("a vocal critic [%d]. ", n),
			"France has been a vocal critic ", fmt.Sprintf("of NATO’s Asian pivot [%d].", n),
		}
	})
	i := h.ask(franceQ, false)
	m := h.waitFinal(i)
	for _, want := range []string{"Macron fears provoking China [1].", "France has been a vocal critic of NATO’s Asian pivot [1]."} {
		if !strings.Contains(m.Content, want) {
			t.Errorf("final answer lacks %q:\n%s", want, m.Content)
		}
	}
	partial := 0
	for _, r := range h.srv.Requests() {
		if r.Method != http.MethodPatch || !strings.Contains(r.Path, "/messages/@original") {
			continue
		}
		body := string(r.Body)
		for _, bad := range []string{"evil.example", "system prompt", "<@&1>", "France is a vocal critic"} {
			if strings.Contains(body, bad) {
				t.Errorf("an edit showed unchecked text %q: %s", bad, body)
			}
		}
		if strings.Contains(body, writingLine) {
			partial++
			if !strings.Contains(body, "Macron fears provoking China [1].") {
				t.Errorf("a partial edit without a whole checked sentence: %s", body)
			}
		}
	}
	if partial == 0 {
		t.Error("no partial edit: the answer did not stream")
	}
}

// A model's list reaches the channel as a list: its lead-in, then each
// item that passed on its own line, as it streams and in the final
// answer; the lead-in is never shown before an item under it has passed,
// and an item that fails leaves no trace.
func TestStreamedListKeepsItsLines(t *testing.T) {
	t.Parallel()
	h := startStreaming(t, func(n int) []string {
		return []string{
			"Macron's worries:\n", "- an office in Tokyo could provoke ", fmt.Sprintf("China [%d]\n", n),
			fmt.Sprintf("- it could provoke Russia [%d]\n", n),
			fmt.Sprintf("- it could complicate European efforts [%d]\n", n),
		}
	})
	i := h.ask(franceQ, false)
	m := h.waitFinal(i)
	want := "Macron's worries:\n- an office in Tokyo could provoke China [1]\n- it could complicate European efforts [1]"
	if !strings.Contains(m.Content, want) || strings.Contains(m.Content, "Russia") {
		t.Errorf("final answer:\n%s\nwant it to hold:\n%s", m.Content, want)
	}
	for _, r := range h.srv.Requests() {
		if r.Method != http.MethodPatch || !strings.Contains(r.Path, "/messages/@original") {
			continue
		}
		var edit struct{ Content string }
		if err := json.Unmarshal(r.Body, &edit); err != nil {
			t.Fatal(err)
		}
		if strings.Contains(edit.Content, "Russia") || strings.Contains(edit.Content, "worries:") && !strings.Contains(edit.Content, "worries:\n- an office") {
			t.Errorf("an edit showed unchecked text: %q", edit.Content)
		}
	}
}

// startStreaming starts the bot with a model that streams pieces(n), 40 ms
// apart, n being the prompt's number for the briefing's ¶11.
func startStreaming(t *testing.T, pieces func(n int) []string) *harness {
	t.Helper()
	srv := llmtest.New(t)
	srv.OnChat(func(req openai.ChatCompletionRequest) llmtest.Reply {
		p, _ := prompts.ParseAnswer(req.Messages[len(req.Messages)-1].Content)
		return llmtest.Reply{PieceDelay: 40 * time.Millisecond, Pieces: pieces(p.Number(11))}
	})
	model, err := llm.New(llm.Config{BaseURL: srv.BaseURL(), Model: llmtest.ChatModel}, nil)
	if err != nil {
		t.Fatal(err)
	}
	engine := newEngine(t, answer.WithModel(llmanswer.New(model), llmtest.ChatModel))
	return start(t, setup{answerer: engine, cfg: Config{EditInterval: 30 * time.Millisecond}})
}

// Discord refusing the acknowledgement (an interaction already expired,
// say) is logged with the interaction's id, never its token.
func TestAckRefusedIsLoggedWithoutToken(t *testing.T) {
	t.Parallel()
	h := start(t, setup{})
	h.srv.FailNext("POST", "/interactions/", http.StatusNotFound)
	i := h.ask(franceQ, false)
	h.until("the failed acknowledgement logged", func() bool { return strings.Contains(h.log.String(), "acknowledging a question") })
	logged := h.log.String()
	if strings.Contains(logged, i.Token) || !strings.Contains(logged, "interaction="+i.ID) || !strings.Contains(logged, "404") {
		t.Errorf("the log should name the interaction and Discord's status, not the token:\n%s", logged)
	}
}

// An error quoting a webhook URL (net/http's do) is logged with the
// interaction token in it blanked.
func TestLogErrBlanksTheToken(t *testing.T) {
	var buf syncBuffer
	b := &Bot{log: slog.New(slog.NewTextHandler(&buf, nil))}
	b.logErr(&discordgo.Interaction{ID: "42", Token: "secret-token-123"}, "editing",
		errors.New(`Patch "https://discord.com/api/v10/webhooks/1/secret-token-123/messages/@original": EOF`))
	if got := buf.String(); strings.Contains(got, "secret-token-123") || !strings.Contains(got, "webhooks/1/<interaction-token>/messages") || !strings.Contains(got, "interaction=42") {
		t.Errorf("logged %q", got)
	}
}

// sessionBuckets counts the rate-limit buckets discordgo's session-wide
// limiter keeps (the map is unexported; reflect reads its length).
func sessionBuckets(s *discordgo.Session) int {
	s.Ratelimiter.Lock()
	defer s.Ratelimiter.Unlock()
	return reflect.ValueOf(s.Ratelimiter).Elem().FieldByName("buckets").Len()
}

// Answering keeps nothing per question in the session's rate limiter: its
// buckets are kept for good, and an interaction's routes hold its token.
func TestAnswersLeaveNoRateLimitBuckets(t *testing.T) {
	t.Parallel()
	h := start(t, setup{answerer: fixed{longAnswer()}})
	h.waitFinal(h.ask(franceQ, false)) // the routes every question shares, once
	before := sessionBuckets(h.bot.s)
	for range 10 {
		i := h.ask(franceQ, false)
		h.until("the follow-up", func() bool { return len(h.srv.Followups(i.Token)) > 0 })
	}
	if after := sessionBuckets(h.bot.s); after != before {
		t.Errorf("the session's limiter went from %d to %d buckets over 10 questions", before, after)
	}
}
