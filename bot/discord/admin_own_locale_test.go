package discord

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot/bot/discord/discordtest"
	"github.com/briefbot/briefbot/bot/eval"
	"github.com/briefbot/briefbot/bot/guild"
	"github.com/briefbot/briefbot/bot/state"
	"github.com/briefbot/briefbot/bot/stats"
)

// What only moderators see is in the moderator's own language (the
// interaction's locale), whatever the guild's: /admin's replies and
// reports, the Approve form. Data (titles, questions, ids, figures, what
// a store says of an input) stays as it is.

// adminIn is admin by a moderator whose Discord speaks loc.
func (e *adminEnv) adminIn(loc discordgo.Locale, sub string, perms int64, opts ...*discordgo.ApplicationCommandInteractionDataOption) *discordgo.Interaction {
	return e.srv.DispatchInteraction(&discordgo.Interaction{
		GuildID: e.guild, Member: moderator(perms), Locale: loc,
		Data: discordgo.ApplicationCommandInteractionData{
			Name:    "admin",
			Options: []*discordgo.ApplicationCommandInteractionDataOption{{Name: sub, Type: discordgo.ApplicationCommandOptionSubCommand, Options: opts}},
		},
	})
}

func TestGermanModeratorGetsGermanReplies(t *testing.T) {
	t.Parallel()
	e := startAdmin(t, t.TempDir()) // an English guild
	de := discordgo.German
	const denied = "555000000000000001"

	// A channel setting.
	m := e.reply(e.adminIn(de, "channels", manage,
		opt("channel", discordgo.ApplicationCommandOptionChannel, denied), opt("rule", discordgo.ApplicationCommandOptionString, "deny")))
	if want := "Gespeichert: Ich antworte nicht in <#" + denied + ">.\nIch antworte in jedem Kanal außer: <#" + denied + ">."; m.Content != want {
		t.Errorf("German channels = %q, want %q", m.Content, want)
	}

	// The limits, and a limit the store refuses: the reason is the store's.
	m = e.reply(e.adminIn(de, "limits", manage,
		opt("user_per_minute", discordgo.ApplicationCommandOptionInteger, 5), opt("private", discordgo.ApplicationCommandOptionBoolean, true)))
	if want := "Gespeichert: Limit pro Mitglied, private Antworten als Standard:\n• pro Mitglied: 5 pro 1m\n• pro Server: Standard des Bots\n• Antworten standardmäßig privat: ja"; m.Content != want {
		t.Errorf("German limits = %q, want %q", m.Content, want)
	}
	if m := e.reply(e.adminIn(de, "limits", manage)); !strings.HasPrefix(m.Content, "Aktuelle Einstellungen:\n• pro Mitglied: 5 pro 1m\n") {
		t.Errorf("German current limits = %q", m.Content)
	}
	if m := e.reply(e.adminIn(de, "limits", manage, opt("user_per_minute", discordgo.ApplicationCommandOptionInteger, 5000))); !strings.HasPrefix(m.Content, "Nicht geändert: ") {
		t.Errorf("German too high = %q", m.Content)
	}
	// Public answers again, for the Approve button below.
	if m := e.reply(e.adminIn(de, "limits", manage, opt("private", discordgo.ApplicationCommandOptionBoolean, false))); !strings.HasPrefix(m.Content, "Gespeichert: private Antworten als Standard:\n") ||
		!strings.HasSuffix(m.Content, "\n• Antworten standardmäßig privat: nein") {
		t.Errorf("German private off = %q", m.Content)
	}

	// The briefings report.
	m = e.reply(e.adminIn(de, "briefings", manage))
	if !strings.HasPrefix(m.Content, "**") || !strings.Contains(m.Content, " Briefing(s)** · Wissensversion `") ||
		!strings.Contains(m.Content, " Absätze · eingebaut") || strings.Contains(m.Content, "paragraphs") {
		t.Errorf("German briefings:\n%s", m.Content)
	}

	// A refusal: a period it cannot read, in German; in English the
	// store's own words.
	m = e.reply(e.adminIn(de, "stats", manage, opt("period", discordgo.ApplicationCommandOptionString, "Bald")))
	if want := `Zeitraum "bald": erwartet wird eine Zahl von Stunden, Tagen oder Wochen (24h, 7d, 30d, 2w), höchstens ein Jahr, oder all.`; m.Content != want {
		t.Errorf("German bad period = %q, want %q", m.Content, want)
	}
	if m := e.reply(e.admin("stats", manage, opt("period", discordgo.ApplicationCommandOptionString, "Bald"))); m.Content != `Period "bald": want a number of hours, days or weeks (24h, 7d, 30d, 2w) or all` ||
		m.Content != fmt.Sprintf(catalogue[msgAdminBadPeriod][english], "bald") {
		t.Errorf("English bad period = %q", m.Content)
	}
	// The stats report's headings.
	m = e.reply(e.adminIn(de, "stats", manage, opt("period", discordgo.ApplicationCommandOptionString, "7d")))
	if len(m.Embeds) != 1 {
		t.Fatalf("German stats = %+v", m)
	}
	em := m.Embeds[0]
	var names []string
	for _, f := range em.Fields {
		names = append(names, f.Name)
	}
	if em.Title != "Fragen — die letzten 7d" || !strings.HasPrefix(em.Description, "**0** gestellt von Mitgliedern: 0 · ") ||
		strings.Join(names, "|") != "Häufigste Fragen|Nicht von den Briefings abgedeckt|Negativ bewertet|Aktivste Kanäle" {
		t.Errorf("German stats: %q, %q, %q", em.Title, em.Description, names)
	}

	// The Approve form under an English member's answer, and its refusal
	// of an unsupported edit.
	asked := e.ask(franceQ, false)
	ans := e.waitFinal(asked)
	i := e.srv.DispatchInteraction(&discordgo.Interaction{
		GuildID: e.guild, ChannelID: ans.ChannelID, Type: discordgo.InteractionMessageComponent, Message: ans, Member: moderator(manage), Locale: de,
		Data: discordgo.MessageComponentInteractionData{CustomID: prefixApprove + asked.ID, ComponentType: discordgo.ButtonComponent},
	})
	var form modalResponse
	if cb := e.waitCallback(i); cb.Type != discordgo.InteractionResponseModal || json.Unmarshal(cb.Data, &form) != nil ||
		len(form.Components) != 1 || len(form.Components[0].Components) != 1 {
		t.Fatalf("German Approve form: type %d %s", cb.Type, cb.Data)
	}
	if !strings.HasPrefix(form.Title, "Freigeben: Why does France") || len([]rune(form.Title)) > 45 ||
		form.Components[0].Components[0].Label != "Antwort (die [n]-Markierungen beibehalten)" {
		t.Errorf("German Approve form: title %q, label %q", form.Title, form.Components[0].Components[0].Label)
	}
	bad := e.reply(e.srv.DispatchInteraction(&discordgo.Interaction{
		GuildID: e.guild, Type: discordgo.InteractionModalSubmit, Member: moderator(manage), Locale: de,
		Data: modalData{CustomID: prefixApproveModal + asked.ID, Components: []discordgo.MessageComponent{
			discordgo.ActionsRow{Components: []discordgo.MessageComponent{discordgo.TextInput{CustomID: "text", Value: "France opposes it because Germany asked in 1999 [1]."}}}}},
	}))
	if !strings.HasPrefix(bad.Content, "Nicht freigegeben: Die Antwort wird von ihren Belegen nicht gestützt:\n• “") || !strings.Contains(bad.Content, "1999") {
		t.Errorf("German unsupported edit = %q", bad.Content)
	}

	// /admin approve, the approved listing and a review of an unknown id.
	m = e.reply(e.adminIn(de, "approve", manage, opt("question", discordgo.ApplicationCommandOptionString, franceQ)))
	if !strings.HasPrefix(m.Content, "#1 für „"+escapeMarkdown(franceQ)+"“ freigegeben. Gleiche und fast gleiche Fragen bekommen jetzt diese Antwort ohne Modellaufruf:\n> ") {
		t.Errorf("German approve = %q", m.Content)
	}
	m = e.reply(e.adminIn(de, "approved", manage))
	if want := "**1 freigegebene Antwort(en)**\n• #1 “" + escapeMarkdown(franceQ) + "” — aktiv · <@" + discordtest.DefaultUserID + "> "; !strings.HasPrefix(m.Content, want) {
		t.Errorf("German approved list = %q, want it to start %q", m.Content, want)
	}
	if m := e.reply(e.adminIn(de, "review", manage, opt("id", discordgo.ApplicationCommandOptionString, "#99"),
		opt("approve", discordgo.ApplicationCommandOptionBoolean, true))); m.Content != "Nicht geändert: Es gibt keine freigegebene Antwort mit dieser ID." {
		t.Errorf("German review of an unknown id = %q", m.Content)
	}
	if m := e.reply(e.adminIn(de, "review", manage, opt("id", discordgo.ApplicationCommandOptionString, "1"),
		opt("approve", discordgo.ApplicationCommandOptionBoolean, false))); m.Content != "Freigegebene Antwort #1 entfernt („"+escapeMarkdown(franceQ)+"“)." {
		t.Errorf("German review = %q", m.Content)
	}
	if m := e.reply(e.adminIn(de, "approved", manage)); m.Content != "Noch keine freigegebenen Antworten. Gib eine mit `/admin approve` frei." {
		t.Errorf("German empty approved list = %q", m.Content)
	}

	// An English moderator still gets English.
	m = e.reply(e.admin("channels", manage,
		opt("channel", discordgo.ApplicationCommandOptionChannel, denied), opt("rule", discordgo.ApplicationCommandOptionString, "clear")))
	if want := "Saved: <#" + denied + "> has no rule of its own.\nI answer in every channel."; m.Content != want {
		t.Errorf("English channels = %q, want %q", m.Content, want)
	}
	e.checkNoMentions()
}

func TestFrenchModeratorGetsFrenchReplies(t *testing.T) {
	t.Parallel()
	e := startAdmin(t, t.TempDir())
	fr := discordgo.French
	const allowed, denied, auto, role = "555000000000000021", "555000000000000022", "555000000000000023", "700000000000000001"
	set := func(ch, rule string) string {
		return e.reply(e.adminIn(fr, "channels", manage,
			opt("channel", discordgo.ApplicationCommandOptionChannel, ch), opt("rule", discordgo.ApplicationCommandOptionString, rule))).Content
	}
	set(allowed, "allow")
	set(denied, "deny")
	if got, want := set(auto, "auto"), "Enregistré : je réponds à toute question dans <#"+auto+"> sans mention — chacune dans son propre fil (dans un forum : chaque nouvelle publication).\n"+
		"Je ne réponds que dans : <#"+allowed+">. Bloqués : <#"+denied+">. Réponse à toute question dans : <#"+auto+">."; got != want {
		t.Errorf("French channels = %q, want %q", got, want)
	}
	if got := set(denied, "sometimes"); got != "La règle doit être allow, deny, auto ou clear." {
		t.Errorf("French unknown rule = %q", got)
	}

	if m := e.reply(e.adminIn(fr, "educators", manage, opt("role", discordgo.ApplicationCommandOptionRole, role),
		opt("educator", discordgo.ApplicationCommandOptionBoolean, true))); m.Content != "Enregistré. Enseignants : <@&"+role+"> (et toute personne avec la permission Gérer le serveur)." {
		t.Errorf("French educators = %q", m.Content)
	}
	if m := e.reply(e.adminIn(fr, "approved", manage)); m.Content != "Aucune réponse approuvée pour l'instant. Approuvez-en une avec `/admin approve`." {
		t.Errorf("French empty approved list = %q", m.Content)
	}
	if m := e.reply(e.adminIn(fr, "briefing-remove", manage, opt("id", discordgo.ApplicationCommandOptionString, "no-such-briefing"))); !strings.HasPrefix(m.Content, "Non retiré : ") {
		t.Errorf("French remove of an unknown briefing = %q", m.Content)
	}
	if m := e.reply(e.adminIn(fr, "reindex", manage)); !strings.HasPrefix(m.Content, "Briefings relus : ") || !strings.Contains(m.Content, " — version des connaissances `") {
		t.Errorf("French reindex = %q", m.Content)
	}

	// The grounding check: its heading and notes are French, its table as
	// it is in every language.
	if err := os.WriteFile(e.dir+"/moon-base.md", []byte(moon), 0o644); err != nil {
		t.Fatal(err)
	}
	e.reply(e.adminIn(fr, "reindex", manage))
	m := e.reply(e.adminIn(fr, "eval", manage))
	if !strings.HasPrefix(m.Content, "**Vérification des sources : ") || !strings.Contains(m.Content, " réussies**\n```\n") ||
		!strings.Contains(m.Content, "PASS check-01 cite   ¶11") ||
		!strings.Contains(m.Content, "\n`moon-base` : pas de jeu de vérification (ajoutez moon-base.eval.jsonl à côté)") || len(m.Content) > 2000 {
		t.Errorf("French eval:\n%s", m.Content)
	}
	e.checkNoMentions()
}

// Discord refuses a modal title or a text input label over 45
// characters, an embed's title or field name over 256, a message over
// 2000: every language's moderator texts fit, as rendered, at their
// largest.
func TestAdminLabelsWithinDiscordLimits(t *testing.T) {
	long := strings.Repeat("Ω", 300)
	rows := make([]eval.CheckRow, 200)
	for i := range rows {
		rows[i] = eval.CheckRow{ID: fmt.Sprintf("check-%03d", i), Question: long, Want: "cites: x", Got: long, Pass: i%3 == 0}
	}
	p, _ := stats.ParsePeriod("52w")
	rep := stats.Report{Asked: 999999, Askers: 999999, Answered: 999999, Refused: 999999, Up: 999999, Down: 999999}
	for i := range 5 {
		g := stats.Group{Question: long, Count: 999999, Variants: make([]string, 999)}
		rep.Top, rep.Uncovered, rep.Disliked = append(rep.Top, g), append(rep.Uncovered, g), append(rep.Disliked, g)
		rep.Channels = append(rep.Channels, stats.Count{Key: fmt.Sprint(555000000000000000 + i), N: 999999})
	}
	for _, l := range append([]discordgo.Locale{english}, locales...) {
		// The Approve form: its title shows the start of the question.
		m := approveModal(l, "1", long, "text [1]").Data
		input := m.Components[0].(discordgo.ActionsRow).Components[0].(discordgo.TextInput)
		head := tr(l, msgAdminFormTitle, "")
		if n := len([]rune(m.Title)); n > 45 || !strings.HasPrefix(m.Title, head+strings.Repeat("Ω", 25)) {
			t.Errorf("%s: form title %q (%d characters, Discord takes 45, and room for the question)", l, m.Title, n)
		}
		if n := len([]rune(input.Label)); n > 45 || input.Label != tr(l, msgEduEditLabel) || !strings.Contains(input.Label, "[n]") {
			t.Errorf("%s: form label %q (%d characters, Discord takes 45)", l, input.Label, n)
		}

		em := statsEmbed(l, rep, p)
		total := len([]rune(em.Title)) + len([]rune(em.Description))
		if n := len([]rune(em.Title)); n > 256 {
			t.Errorf("%s: stats title %q has %d characters", l, em.Title, n)
		}
		if n := len([]rune(em.Description)); n > 4096 {
			t.Errorf("%s: stats description has %d characters", l, n)
		}
		for _, f := range em.Fields {
			total += len([]rune(f.Name)) + len([]rune(f.Value))
			if n, v := len([]rune(f.Name)), len([]rune(f.Value)); n > 256 || v > 1024 {
				t.Errorf("%s: stats field %q has %d characters, its value %d", l, f.Name, n, v)
			}
		}
		if total > 6000 {
			t.Errorf("%s: stats embed has %d characters", l, total)
		}

		// Replies sent whole (not split) fit one message.
		for name, s := range map[string]string{
			"eval":     renderEval(l, rows, nil),
			"approved": tr(l, msgAdminApproved, "99999", truncateRunes(long, 200), truncateRunes(strings.Repeat(long, 5), 1400)),
			"limits": tr(l, msgAdminLimits, tr(l, msgAdminLimitsSaved, strings.Join([]string{tr(l, msgAdminMemberLimit), tr(l, msgAdminServerLimit), tr(l, msgAdminPrivateDefault)}, ", ")),
				tr(l, msgAdminPerPeriod, 600, "1m"), tr(l, msgAdminDefaultLimit), tr(l, msgAdminYes)),
		} {
			if n := len([]rune(s)); n > 2000 {
				t.Errorf("%s: %s reply has %d characters, Discord takes 2000", l, name, n)
			}
		}
		for id := msgAdminUnavailable; id < msgCount; id++ {
			if n := len([]rune(catalogue[id][l])); n > 400 {
				t.Errorf("%s: message %d has %d characters", l, id, n)
			}
		}
	}
}

// The English of what moderators see is what it was before it had ids.
func TestAdminEnglishTextsUnchanged(t *testing.T) {
	p7, _ := stats.ParsePeriod("7d")
	minute := state.Limit{Rate: 5, Burst: 5, Period: time.Minute}
	rules := guild.Settings{Channels: map[string]guild.Rule{"2": guild.RuleAllow, "1": guild.RuleAllow, "3": guild.RuleDeny, "4": guild.RuleAuto}}
	for _, c := range []struct{ got, want string }{
		{tr(english, msgAdminUnavailable), "That isn't available on this bot."},
		{tr(english, msgAdminNotChanged, "Why"), "Not changed: Why"},
		{tr(english, msgAdminSaved), "Saved."},
		{tr(english, msgAdminBadRule), "The rule must be allow, deny, auto or clear."},
		{tr(english, msgAdminSavedAllow, "<#1>"), "Saved: I answer in <#1>."},
		{tr(english, msgAdminSavedDeny, "<#1>"), "Saved: I don't answer in <#1>."},
		{tr(english, msgAdminSavedClear, "<#1>"), "Saved: <#1> has no rule of its own."},
		{tr(english, msgAdminSavedAuto, "<#1>"), "Saved: I answer every question in <#1> without a mention — each in a thread of its own (a forum: each new post)."},
		{renderChannelRules(english, rules), "I answer only in: <#1>, <#2>. Denied: <#3>. Every question answered in: <#4>."},
		{renderChannelRules(english, guild.Settings{Channels: map[string]guild.Rule{"3": guild.RuleDeny}}), "I answer in every channel except: <#3>."},
		{renderChannelRules(english, guild.Settings{Channels: map[string]guild.Rule{"4": guild.RuleAuto}}), "I answer in every channel. Every question answered in: <#4>."},
		{renderChannelRules(discordgo.Korean, guild.Settings{}), "I answer in every channel."},
		{tr(english, msgAdminNoEducators), "Saved. Only members with Manage Server can run sessions and quizzes."},
		{tr(english, msgAdminEducators, "<@&1>, <@&2>"), "Saved. Educators: <@&1>, <@&2> (and anyone with Manage Server)."},
		{tr(english, msgAdminLimits, tr(english, msgAdminLimitsSaved, tr(english, msgAdminMemberLimit)+", "+tr(english, msgAdminServerLimit)+", "+tr(english, msgAdminPrivateDefault)),
			adminLimitText(english, minute), adminLimitText(english, state.Limit{}), adminYesNo(english, false)),
			"Saved member limit, server limit, private default:\n• per member: 5 per 1m\n• per server: the bot's default\n• answers private by default: no"},
		{tr(english, msgAdminLimitsCurrent), "Current settings"},
		{adminYesNo(english, true), "yes"},
		{tr(english, msgAdminBadPeriod, "soon"), `Period "soon": want a number of hours, days or weeks (24h, 7d, 30d, 2w) or all`},
		{adminPeriodText(english, stats.PeriodAll) + "|" + adminPeriodText(english, p7), "all time|the last 7d"},
		{tr(english, msgAdminExported, adminPeriodText(english, p7), 3), "Stats for the last 7d (3 questions)."},
		{tr(english, msgAdminNoBriefings), "I don't know any briefing yet. Add one with `/admin briefing-add`."},
		{tr(english, msgAdminUnchecked), "⚠️ Approved answers could not be checked against the new knowledge; they are not served until they are."},
		{tr(english, msgAdminSuspendedHead), "⚠️ Suspended approved answers (review with `/admin review`):"},
		{tr(english, msgAdminAttachFile), "Attach a briefing file (.md or .txt)."},
		{tr(english, msgAdminNoAttachment), "I couldn't find the attached file; please attach it again."},
		{tr(english, msgAdminTooLarge, "a.md", 512), "a.md is too large: at most 512 KiB."},
		{tr(english, msgAdminNoDownload, "a.md"), "I couldn't download a.md; please try again."},
		{tr(english, msgAdminNotAdded, "Why"), "Not added: Why"},
		{tr(english, msgAdminAdded, "id", "T", "2025-01-02", 2, "v"), "Added `id` **T** (2025-01-02, 2 paragraphs) — knowledge version `v`. Members can ask about it now."},
		{tr(english, msgAdminNotRemoved, "Why"), "Not removed: Why"},
		{tr(english, msgAdminRemoved, "id", "T", "v"), "Removed `id` **T** — knowledge version `v`."},
		{tr(english, msgAdminReindexFailed, "Why"), "Reindex failed: Why"},
		{tr(english, msgAdminReindexed, 2, "v"), "Reindexed 2 briefing(s) — knowledge version `v`."},
		{tr(english, msgAdminCannotAnswer, "Why"), "I couldn't answer that question: Why"},
		{tr(english, msgAdminNotCovered), "The briefings don't cover that question, so there is no answer to approve."},
		{tr(english, msgAdminNotApproved, "Why"), "Not approved: Why"},
		{tr(english, msgAdminApproved, "1", "Q", "> A"), "Approved #1 for “Q”. Equal and near-equal questions now get this answer without a model call:\n> A"},
		{tr(english, msgAdminNoApprovals), "No approved answers yet. Approve one with `/admin approve`."},
		{tr(english, msgAdminApprovalsHead, 2), "**2 approved answer(s)**"},
		{tr(english, msgAdminServed) + "|" + tr(english, msgAdminSuspended, "Why"), "served|⚠️ suspended: Why"},
		{tr(english, msgAdminApprovalsPage, 1, 3, 2), "Page 1 of 3 — `/admin approved page:2` shows the next."},
		{tr(english, msgAdminApprovalRemoved, "1", "Q"), "Removed approved answer #1 (“Q”)."},
		{tr(english, msgAdminServedAgain, "1", "v"), "Approved answer #1 is served again (knowledge version `v`)."},
		{tr(english, msgAdminNoRecord), "I have no record of this answer any more (answers are kept 30 days) — approve it with `/admin approve question:`."},
		{tr(english, msgAdminTooLongForForm), "This answer is too long to edit in a form — approve it with `/admin approve question: text:`."},
		{approveModal(english, "1", "Q", "A").Data.Title, "Approve: Q"},
		{approveModal(discordgo.Korean, "1", "Q", "A").Data.Components[0].(discordgo.ActionsRow).Components[0].(discordgo.TextInput).Label, "Answer (keep the [n] markers)"},
		{tr(english, msgAdminNoRecordNotApproved), "Not approved: I have no record of this answer any more — approve it with `/admin approve question:`."},
		{tr(english, msgAdminCheckSetUnreadable, "b"), "`b`: the check set cannot be read"},
		{tr(english, msgAdminNoCheckSet, "b", "b"), "`b`: no check set (add b.eval.jsonl beside it)"},
		{renderEval(english, nil, nil), "No grounding-check questions to run."},
		{tr(english, msgAdminMorePassed, 3), "… 3 more passed"},
		{tr(english, msgAdminStorage), "That didn't work — the bot's storage may be unavailable. Please try again."},
		{tr(english, msgAdminFolderPermission, "/kb"), "I can't write to the briefings folder (`/kb`): permission denied. The server's operator needs to make it writable by the bot's user."},
		{tr(english, msgAdminFolderReadOnly, "/kb"), "I can't write to the briefings folder (`/kb`): it is on a read-only file system. The server's operator needs to mount it writable."},
		{tr(english, msgAdminUnsupported), "The answer is not supported by its citations:"},
		{tr(english, msgAdminNoSuchApproval), "There is no approved answer with that id."},
		{adminErrText(discordgo.EnglishGB, context.Canceled), storageText},
	} {
		if c.got != c.want {
			t.Errorf("English %q, was %q", c.got, c.want)
		}
	}
}
