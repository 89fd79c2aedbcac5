package discord

import (
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot/bot/answer"
	"github.com/briefbot/briefbot/bot/asking"
	"github.com/briefbot/briefbot/bot/discord/discordtest"
	"github.com/briefbot/briefbot/bot/state"
)

// verbs are the fmt verbs of s, in order ("%%" is not one).
var verbRE = regexp.MustCompile(`%[-+# 0]*(?:\d+|\*)?(?:\.(?:\d+|\*))?[a-zA-Z%]`)

func verbs(s string) []string {
	var out []string
	for _, v := range verbRE.FindAllString(s, -1) {
		if v != "%%" {
			out = append(out, v)
		}
	}
	return out
}

// markup is what a translation keeps of a text: its bold and code marks,
// a leading "-# " (small text), its emoji (symbols past Latin-1, so not
// French "n°") and its ¶ signs, in order.
func markup(s string) string {
	var b strings.Builder
	if strings.HasPrefix(s, "-# ") {
		b.WriteString("-# ")
	}
	b.WriteString(strings.Repeat("**", strings.Count(s, "**")))
	b.WriteString(strings.Repeat("`", strings.Count(s, "`")))
	for _, r := range s {
		if (unicode.Is(unicode.So, r) && r > 0xff) || r == '¶' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// unsafe finds what no fixed text may contain: a mention (pinging or
// rendered) or a link.
var unsafe = regexp.MustCompile(`(?i)@everyone|@here|<@|<#|https?://|www\.|discord\.gg`)

func TestCatalogueComplete(t *testing.T) {
	for id := msg(0); id < msgCount; id++ {
		en := catalogue[id][english]
		if en == "" {
			t.Errorf("message %d has no English text", id)
			continue
		}
		want := verbs(en)
		for _, l := range append([]discordgo.Locale{english}, locales...) {
			s, ok := catalogue[id][l]
			if !ok || strings.TrimSpace(s) == "" {
				t.Errorf("message %d (%.30q…) has no %s text", id, en, l)
				continue
			}
			if got := verbs(s); !slices.Equal(got, want) {
				t.Errorf("message %d in %s: verbs %v, English has %v: %q", id, l, got, want, s)
			}
			if unsafe.MatchString(s) {
				t.Errorf("message %d in %s has a mention or a link: %q", id, l, s)
			}
			if l != english && s == en && len([]rune(en)) > 20 {
				t.Errorf("message %d in %s is the English text", id, l)
			}
			if got, want := markup(s), markup(en); got != want {
				t.Errorf("message %d in %s: Markdown and emoji %q, English has %q: %q", id, l, got, want, s)
			}
		}
		if len(catalogue[id]) != len(locales)+1 {
			t.Errorf("message %d has %d languages, want %d", id, len(catalogue[id]), len(locales)+1)
		}
	}
}

func TestLangFallsBackToEnglish(t *testing.T) {
	for in, want := range map[discordgo.Locale]discordgo.Locale{
		discordgo.French: discordgo.French, discordgo.ChineseCN: discordgo.ChineseCN,
		discordgo.SpanishLATAM: discordgo.SpanishES, discordgo.ChineseTW: english,
		discordgo.EnglishGB: english, discordgo.Korean: english, "": english,
	} {
		if got := lang(in); got != want {
			t.Errorf("lang(%q) = %q, want %q", in, got, want)
		}
	}
	if got := tr(discordgo.Korean, msgShowPassages); got != "Show passages" {
		t.Errorf("Korean falls back to %q", got)
	}
}

// The English texts stay those of the question service and of the
// adapter's constants.
func TestEnglishTextsUnchanged(t *testing.T) {
	for _, r := range []*asking.Refusal{
		{Reason: asking.EmptyQuestion}, {Reason: asking.ChannelClosed}, {Reason: asking.Busy}, {Reason: 99},
		{Reason: asking.RateLimited, RetryAfter: 1500 * time.Millisecond, Scope: state.ScopeUser},
		{Reason: asking.RateLimited, RetryAfter: 42 * time.Second, Scope: state.ScopeGuild},
	} {
		want := r.Error()
		if got := localText(discordgo.EnglishGB, r); got != want {
			t.Errorf("English refusal %d = %q, want %q", r.Reason, got, want)
		}
		// The catalogue's English, used for nothing at run time, matches.
		if got := refusalViaCatalogue(r); got != want {
			t.Errorf("catalogue's English for refusal %d = %q, service says %q", r.Reason, got, want)
		}
	}
	if got := (&UserError{Kind: KindRestarting}).Text(); got != RestartText {
		t.Errorf("restart text %q", got)
	}
}

// refusalViaCatalogue is a refusal's English text as the catalogue has it
// (refusalText itself returns the service's own English text), for the
// RetryAfter values the test uses.
func refusalViaCatalogue(r *asking.Refusal) string {
	saved := map[msg]string{}
	for id := msg(0); id < msgCount; id++ {
		saved[id] = catalogue[id][english]
	}
	ids := map[asking.Reason]msg{asking.EmptyQuestion: msgEmptyQuestion, asking.ChannelClosed: msgChannelClosed, asking.Busy: msgBusy}
	switch {
	case r.Reason == asking.RateLimited && r.Scope == state.ScopeGuild:
		return fmt.Sprintf(saved[msgRateLimitedGuild], 42)
	case r.Reason == asking.RateLimited:
		return fmt.Sprintf(saved[msgRateLimitedUser], 2)
	}
	if id, ok := ids[r.Reason]; ok {
		return saved[id]
	}
	return saved[msgCannotAnswer]
}

func TestRefusalsTranslated(t *testing.T) {
	r := &asking.Refusal{Reason: asking.RateLimited, RetryAfter: 1200 * time.Millisecond, Scope: state.ScopeUser}
	if got, want := localText(discordgo.German, r), "Du fragst gerade sehr schnell — bitte versuch es in 2 s erneut."; got != want {
		t.Errorf("German user limit = %q, want %q", got, want)
	}
	r.Scope = state.ScopeGuild
	if got := localText(discordgo.Japanese, r); !strings.Contains(got, "2 秒後") || !strings.Contains(got, "サーバー") {
		t.Errorf("Japanese guild limit = %q", got)
	}
	if got := localText(discordgo.SpanishLATAM, &UserError{Kind: KindExpired}); got != catalogue[msgExpired][discordgo.SpanishES] {
		t.Errorf("es-419 expired = %q", got)
	}
	if got := localText(discordgo.French, fmt.Errorf("boom")); got != catalogue[msgInternal][discordgo.French] {
		t.Errorf("French internal = %q", got)
	}
}

// allCommandDefs are every command the bot can register, as registered.
func allCommandDefs() []*discordgo.ApplicationCommand {
	b := &Bot{byName: map[string]*Command{}, components: map[string]ComponentHandler{}}
	b.addDefaultCommands()
	var defs []*discordgo.ApplicationCommand
	for _, c := range b.commands {
		defs = append(defs, c.Def)
	}
	return append(defs, localized(adminDef()), localized(quizCommandDef()), localized(sessionCommandDef()))
}

// Discord's pattern for slash command and option names (Go spells the
// scripts \p{Devanagari} and \p{Thai}).
var slashName = regexp.MustCompile(`^[-_\p{L}\p{N}\p{Devanagari}\p{Thai}]{1,32}$`)

// memberCommands get localised names and descriptions throughout; the
// others localised descriptions of the command, its subcommands and their
// options (and choices), keeping English names.
var memberCommands = []string{"ask", "briefing", "help", askMessageCommand}

func TestCommandLocalizations(t *testing.T) {
	seen := map[string]bool{}
	names := map[discordgo.Locale]map[string]string{} // chat command names per locale
	for _, def := range allCommandDefs() {
		checkCommand(t, def, seen, names)
	}
	for key := range commandTexts {
		if !seen[key] {
			t.Errorf("commandTexts has %q, which no command has", key)
		}
	}
	for _, c := range []string{"ask", "ask question", "ask private", "briefing", "help", askMessageCommand,
		"admin", "admin stats", "admin stats period", "admin channels rule =auto", "quiz", "quiz start", "session", "session end"} {
		if !seen[c] {
			t.Errorf("%q not localised", c)
		}
	}
}

func checkCommand(t *testing.T, def *discordgo.ApplicationCommand, seen map[string]bool, names map[discordgo.Locale]map[string]string) {
	t.Helper()
	member := slices.Contains(memberCommands, def.Name)
	var nameLoc, descLoc map[discordgo.Locale]string
	if def.NameLocalizations != nil {
		nameLoc = *def.NameLocalizations
	}
	if def.DescriptionLocalizations != nil {
		descLoc = *def.DescriptionLocalizations
	}
	if nameLoc != nil || descLoc != nil {
		seen[def.Name] = true
	}
	if def.Type == discordgo.MessageApplicationCommand {
		if descLoc != nil {
			t.Errorf("%s: a message command has no description", def.Name)
		}
		checkLocs(t, def.Name, "name", nameLoc, true, func(s string) bool { n := len([]rune(s)); return n >= 1 && n <= 32 })
		return
	}
	checkLocs(t, def.Name, "name", nameLoc, member, validSlashName)
	checkLocs(t, def.Name, "description", descLoc, true, validDescription)
	for l, n := range nameLoc {
		if names[l] == nil {
			names[l] = map[string]string{}
		}
		if other, dup := names[l][n]; dup {
			t.Errorf("%s: %s name %q is also %s's", def.Name, l, n, other)
		}
		names[l][n] = def.Name
	}
	checkOptions(t, def.Name, def.Options, member, seen)
}

func checkOptions(t *testing.T, path string, opts []*discordgo.ApplicationCommandOption, member bool, seen map[string]bool) {
	t.Helper()
	byLocale := map[discordgo.Locale]map[string]bool{}
	for _, o := range opts {
		p := path + " " + o.Name
		if o.NameLocalizations != nil || o.DescriptionLocalizations != nil {
			seen[p] = true
		}
		checkLocs(t, p, "name", o.NameLocalizations, member, validSlashName)
		checkLocs(t, p, "description", o.DescriptionLocalizations, true, validDescription)
		for _, c := range o.Choices {
			cp := p + " =" + fmt.Sprint(c.Value)
			if c.NameLocalizations != nil {
				seen[cp] = true
			}
			checkLocs(t, cp, "choice name", c.NameLocalizations, true, validDescription)
		}
		for l, n := range o.NameLocalizations {
			if byLocale[l] == nil {
				byLocale[l] = map[string]bool{}
			}
			if byLocale[l][n] {
				t.Errorf("%s: %s name %q used twice among its siblings", p, l, n)
			}
			byLocale[l][n] = true
		}
		checkOptions(t, p, o.Options, member, seen)
	}
}

func validSlashName(s string) bool { return slashName.MatchString(s) && strings.ToLower(s) == s }

func validDescription(s string) bool { n := len([]rune(s)); return n >= 1 && n <= 100 }

// checkLocs checks every localisation with valid and, when required, that
// all six locales are there.
func checkLocs(t *testing.T, path, what string, m map[discordgo.Locale]string, required bool, valid func(string) bool) {
	t.Helper()
	for l, s := range m {
		if !slices.Contains(locales, l) && l != discordgo.SpanishLATAM {
			t.Errorf("%s: %s for %q, a locale the bot does not have", path, what, l)
		}
		if !valid(s) {
			t.Errorf("%s: %s %s %q is not valid for Discord", path, l, what, s)
		}
		if unsafe.MatchString(s) {
			t.Errorf("%s: %s %s %q has a mention or a link", path, l, what, s)
		}
	}
	if !required {
		return
	}
	for _, l := range locales {
		if _, ok := m[l]; !ok {
			t.Errorf("%s: no %s %s", path, l, what)
		}
	}
}

// On the fake Discord.

// callbackContent is the content of an interaction's type 4 response.
func callbackContent(t *testing.T, cb discordtest.Callback) string {
	t.Helper()
	var d struct {
		Content string `json:"content"`
		Flags   int    `json:"flags"`
	}
	if err := json.Unmarshal(cb.Data, &d); err != nil {
		t.Fatal(err)
	}
	if d.Flags&int(discordgo.MessageFlagsEphemeral) == 0 {
		t.Errorf("response %q is not ephemeral", d.Content)
	}
	return d.Content
}

func inLocale(l discordgo.Locale) func(*discordgo.Interaction) {
	return func(i *discordgo.Interaction) { i.Locale = l }
}

func TestFrenchUserGetsFrenchRefusalAndButtons(t *testing.T) {
	t.Parallel()
	h := start(t, setup{})
	i := h.ask("  ?! ", false, inLocale(discordgo.French))
	if got, want := callbackContent(t, h.waitCallback(i)), "Posez une question, par exemple : `/demander question: De quoi parle le briefing ?`"; got != want {
		t.Errorf("French empty question = %q, want %q", got, want)
	}

	a := h.waitFinal(h.ask(franceQ, false, inLocale(discordgo.French)))
	var labels []string
	for _, row := range a.Components {
		r, ok := row.(*discordgo.ActionsRow)
		if !ok {
			continue
		}
		for _, c := range r.Components {
			if b, ok := c.(*discordgo.Button); ok && b.Label != "" {
				labels = append(labels, b.Label)
			}
		}
	}
	if !slices.Contains(labels, "Voir les passages") || !slices.Contains(labels, "Continuer dans un fil") {
		t.Errorf("French answer's buttons = %q, want Voir les passages and Continuer dans un fil", labels)
	}
	if !strings.Contains(a.Content, "Macron") {
		t.Errorf("answer = %q", a.Content) // answers themselves are not translated
	}

	// An English user still gets English.
	e := h.waitFinal(h.ask(franceQ, false))
	if !strings.Contains(mustJSON(e.Components), "Show passages") {
		t.Errorf("English buttons = %s", mustJSON(e.Components))
	}
}

func TestGermanUserRateLimitedInGerman(t *testing.T) {
	t.Parallel()
	h := start(t, setup{limits: &limitsOne})
	h.waitFinal(h.ask(franceQ, false, inLocale(discordgo.German)))
	i := h.ask(franceQ, false, inLocale(discordgo.German))
	got := h.waitRefusal(i).Content
	if !regexp.MustCompile(`^Du fragst gerade sehr schnell — bitte versuch es in \d+ s erneut\.$`).MatchString(got) || strings.Contains(got, "in 0 s") {
		t.Errorf("German rate-limit reply = %q", got)
	}
}

func TestJapaneseGuildGetsJapaneseForMentions(t *testing.T) {
	t.Parallel()
	h := start(t, setup{srvOpts: []discordtest.Option{discordtest.WithGuildLocale(discordtest.DefaultGuildID, discordgo.Japanese)}})
	h.until("the guild in the gateway cache", func() bool { return h.bot.guildLocale(h.guild) == discordgo.Japanese })
	q := h.srv.DispatchMessage(&discordgo.Message{
		GuildID: h.guild, Content: "<@" + discordtest.DefaultBotUserID + "> ?!", Mentions: []*discordgo.User{botUser()},
	})
	want := catalogue[msgEmptyQuestion][discordgo.Japanese]
	h.until("the Japanese refusal", func() bool {
		for _, m := range h.srv.ChannelMessages(q.ChannelID) {
			if m.Author != nil && m.Author.ID == discordtest.DefaultBotUserID && m.Content == want {
				return true
			}
		}
		return false
	})
	// The user's own locale still wins in an interaction.
	i := h.ask("  ?! ", false)
	if got := callbackContent(t, h.waitCallback(i)); !strings.HasPrefix(got, "Please ask a question") {
		t.Errorf("en-US user in a ja guild got %q", got)
	}
	// A DM has no guild: English.
	if got := h.bot.guildLocale(""); got != english {
		t.Errorf("DM locale %q", got)
	}
}

func TestRegisteredCommandsCarryLocalizations(t *testing.T) {
	t.Parallel()
	h := start(t, setup{})
	byName := map[string]*discordgo.ApplicationCommand{}
	for _, c := range h.srv.Commands(h.guild) {
		byName[c.Name] = c
	}
	ask := byName["ask"]
	if ask == nil || ask.NameLocalizations == nil || (*ask.NameLocalizations)[discordgo.French] != "demander" ||
		(*ask.DescriptionLocalizations)[discordgo.Japanese] == "" {
		t.Fatalf("registered /ask = %s", mustJSON(ask))
	}
	var question *discordgo.ApplicationCommandOption
	for _, o := range ask.Options {
		if o.Name == "question" {
			question = o
		}
	}
	if question == nil || question.NameLocalizations[discordgo.German] != "frage" || question.DescriptionLocalizations[discordgo.ChineseCN] != "你的问题" {
		t.Errorf("registered /ask question = %s", mustJSON(question))
	}
	if m := byName[askMessageCommand]; m == nil || m.NameLocalizations == nil || (*m.NameLocalizations)[discordgo.PortugueseBR] != "Perguntar ao briefbot" {
		t.Errorf("registered message command = %s", mustJSON(m))
	}
	for _, name := range []string{"briefing", "help"} {
		c := byName[name]
		if c == nil || c.NameLocalizations == nil || c.DescriptionLocalizations == nil || len(*c.NameLocalizations) < len(locales) {
			t.Errorf("registered /%s = %s", name, mustJSON(c))
		}
	}
	// Localised /help answers in the user's language.
	i := h.srv.DispatchInteraction(&discordgo.Interaction{GuildID: h.guild, Locale: discordgo.ChineseCN,
		Data: discordgo.ApplicationCommandInteractionData{Name: "help"}})
	if got := callbackContent(t, h.waitCallback(i)); !strings.HasPrefix(got, "**briefbot** 只根据") {
		t.Errorf("zh-CN /help = %q", got)
	}
}

func TestLinesUnderAnswersTranslated(t *testing.T) {
	if got := renderQueued(discordgo.French, "", 3); got != "-# ⏳ Beaucoup de questions à la fois — 3 questions passent avant la vôtre. La réponse apparaîtra ici." {
		t.Errorf("French queued = %q", got)
	}
	if got := renderPartial(discordgo.Japanese, "q", "text"); !strings.HasSuffix(got, "\n-# ✍️ 作成中…") {
		t.Errorf("Japanese partial = %q", got)
	}
	if got := renderPartial(discordgo.Korean, "", "text"); !strings.HasSuffix(got, "\n"+writingLine) {
		t.Errorf("Korean (no texts) partial = %q", got)
	}
}

// /briefing, a member command named in the member's language, answers in
// it too: its own lines, not the briefings' titles and topics (and the
// example questions stay English: without a model only English questions
// are answered).
func TestBriefingInTheUsersLanguage(t *testing.T) {
	t.Parallel()
	h := start(t, setup{noRedis: true})
	i := h.srv.DispatchInteraction(&discordgo.Interaction{GuildID: h.guild, Locale: discordgo.French,
		Data: discordgo.ApplicationCommandInteractionData{Name: "briefing"}})
	got := callbackContent(t, h.waitCallback(i))
	for _, want := range []string{"Je réponds à partir de 1 briefing(s) :", "paragraphes", "Sujets : ", "Essayez :", "NATO's push into the Indo-Pacific"} {
		if !strings.Contains(got, want) {
			t.Errorf("French /briefing lacks %q:\n%s", want, got)
		}
	}
	for _, english := range []string{"I answer from", "Topics:", "Try:", " paragraphs"} {
		if strings.Contains(got, english) {
			t.Errorf("French /briefing has %q:\n%s", english, got)
		}
	}
	if got := renderBriefings(discordgo.German, nil); got != "Ich kenne noch kein Briefing." {
		t.Errorf("German /briefing without briefings = %q", got)
	}
}

// The lines the bot writes under an answer are in the reader's language
// like its buttons: the sources line and the moderators' approval mark
// (the answer itself, the briefing's title and the markers stay as
// they are).
func TestSourcesAndApprovalLinesTranslated(t *testing.T) {
	a := answer.Answer{Text: "Macron opposed it [1].", Mode: answer.ModeApproved,
		Citations: []answer.Citation{{N: 1, Briefing: "NATO in Asia", Paragraph: 11}}}
	for _, tt := range []struct {
		loc  discordgo.Locale
		want []string
	}{
		{english, []string{"\n-# " + approvedMark + "\n", "-# Sources · *NATO in Asia*: [1] ¶11"}},
		{discordgo.German, []string{"\n-# ✅ Von den Moderatoren dieses Servers freigegeben\n", "-# Quellen · *NATO in Asia*: [1] ¶11"}},
		{discordgo.Japanese, []string{"-# 出典 · *NATO in Asia*: [1] ¶11"}},
	} {
		got := renderAnswer(tt.loc, "", a)
		for _, w := range tt.want {
			if !strings.Contains(got, w) {
				t.Errorf("%s: answer lacks %q:\n%s", tt.loc, w, got)
			}
		}
	}
}
