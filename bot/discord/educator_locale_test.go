package discord

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot/bot/discord/discordtest"
	"github.com/briefbot/briefbot/bot/quiz"
	"github.com/briefbot/briefbot/bot/session"
	"github.com/briefbot/briefbot/knowledge"
	"github.com/briefbot/briefbot/knowledge/redistest"
)

// What members see of sessions and quizzes is in their language: posted
// messages in the guild's, replies to a member's button in the member's.

// startGermanEducator is startEducator in a guild whose preferred locale
// is German, once the bot's gateway cache knows it.
func startGermanEducator(t *testing.T) *eduHarness {
	t.Helper()
	e := startEducatorWith(t, setup{srvOpts: []discordtest.Option{discordtest.WithGuildLocale(discordtest.DefaultGuildID, discordgo.German)}})
	e.until("the German guild in the gateway cache", func() bool { return e.bot.guildLocale(e.guild) == discordgo.German })
	return e
}

// pressIn is press by a member whose Discord speaks loc.
func (e *eduHarness) pressIn(loc discordgo.Locale, m *discordgo.Message, customID, userID string) *discordgo.Interaction {
	return e.srv.DispatchInteraction(&discordgo.Interaction{
		GuildID: e.guild, ChannelID: m.ChannelID, Type: discordgo.InteractionMessageComponent, Message: m, Member: e.member(userID),
		Locale: loc, Data: discordgo.MessageComponentInteractionData{CustomID: customID, ComponentType: discordgo.ButtonComponent},
	})
}

// buttonLabels lists the labels of a message's buttons.
func buttonLabels(m *discordgo.Message) []string {
	var out []string
	for _, c := range m.Components {
		if row, ok := c.(*discordgo.ActionsRow); ok {
			for _, x := range row.Components {
				if b, ok := x.(*discordgo.Button); ok {
					out = append(out, b.Label)
				}
			}
		}
	}
	return out
}

func TestGermanGuildSessionInGerman(t *testing.T) {
	t.Parallel()
	e := startGermanEducator(t)
	const a, b, c, d = eduMember, eduMember2, "210000000000000005", "210000000000000006"

	// The educator's own reply stays English; the panel is the guild's.
	r := e.reply(e.slash(eduRole, "", "session", sub("start", strOpt("title", "Asienwoche"))))
	mm := threadRE.FindStringSubmatch(r.Content)
	if mm == nil || !strings.HasPrefix(r.Content, "Session started") {
		t.Fatalf("/session start reply = %q", r.Content)
	}
	thread := mm[1]
	if ch := e.srv.Channel(thread); ch == nil || ch.Name != "Fragerunde: Asienwoche" {
		t.Errorf("the session thread: %+v", ch)
	}
	panel := e.srv.ChannelMessages(thread)[0]
	for _, want := range []string{"🎙️ **Live-Fragerunde: Asienwoche**\nZu *", "drück **Dafür stimmen**", "📊 **Warteschlange:** noch keine Fragen."} {
		if !strings.Contains(panel.Content, want) {
			t.Errorf("German panel lacks %q:\n%s", want, panel.Content)
		}
	}

	// Queue replies, in the thread for everyone: German, whoever asked.
	r1 := e.inThread(thread, a, franceQ)
	if !strings.HasPrefix(r1.Content, "📥 Eingereiht als Frage #") || strings.Join(buttonLabels(r1), ",") != "Dafür stimmen" {
		t.Fatalf("German queued reply: %q %q", r1.Content, buttonLabels(r1))
	}
	france := strings.Fields(strings.TrimPrefix(r1.Content, "📥 Eingereiht als Frage #"))[0]
	france = strings.TrimSuffix(france, ".")
	if r := e.inThread(thread, b, "why does france oppose a nato office in tokyo"); !strings.HasPrefix(r.Content, "➕ Wie Frage #"+france+" — „") ||
		!strings.HasSuffix(r.Content, "“ — jetzt 2 Stimmen.") {
		t.Errorf("German merged reply: %q", r.Content)
	}
	r3 := e.inThread(thread, c, "Who is in the Quad?")
	up := buttonIDs(r3)[0]

	// Upvote replies are the member's own: German for a German member...
	if r := e.reply(e.pressIn(discordgo.German, r3, up, a)); !ephemeral(r) || r.Content != "⬆️ Stimme abgegeben — 2 Stimmen." {
		t.Errorf("German upvote = %q", r.Content)
	}
	if r := e.reply(e.pressIn(discordgo.German, r3, up, a)); r.Content != "Du hast diese Frage schon gestellt oder dafür gestimmt (2 Stimmen)." {
		t.Errorf("German second upvote = %q", r.Content)
	}
	// ...English for an English one in the same guild.
	if r := e.reply(e.pressIn(discordgo.EnglishUS, r3, up, d)); r.Content != "⬆️ Upvoted — 3 votes." {
		t.Errorf("English upvote in a German guild = %q", r.Content)
	}
	if r := e.reply(e.pressIn(discordgo.French, r3, prefixSession+"u:"+thread+":q999", d)); r.Content != "Cette question n'existe plus." {
		t.Errorf("French upvote of a gone question = %q", r.Content)
	}
	// Approve is the educators': a member is refused in their language.
	if r := e.reply(e.pressIn(discordgo.German, r3, prefixSession+"a:"+thread+":q1", a)); !strings.HasPrefix(r.Content, "Das dürfen nur Lehrende") {
		t.Errorf("German member's approve = %q", r.Content)
	}
	m := e.waitPanel(thread, panel.ID, "📊 **Warteschlange:** 2 offen · 0 beantwortet", "⬆️ Als Nächstes: **#", "— 3 Stimmen")
	if strings.Contains(m.Content, "votes") || strings.Contains(m.Content, "Queue") {
		t.Errorf("German panel has English:\n%s", m.Content)
	}

	// The posted question's head is the guild's.
	if r := e.reply(e.slash(eduManager, thread, "session", sub("next"))); !strings.HasPrefix(r.Content, "Posted question #") {
		t.Fatalf("next = %q", r.Content)
	}
	e.until("the German posted question", func() bool {
		for _, x := range e.srv.ChannelMessages(thread) {
			if strings.HasPrefix(x.Content, "**Frage #") && strings.Contains(x.Content, "· 3 Stimmen\n") {
				return true
			}
		}
		return false
	})
	// Drafts are stored in the background: end once they are (see
	// TestSessionPanelShowsLiveCounts).
	e.until("the drafts", func() bool {
		qs, err := e.ed.Sessions.Questions(context.Background(), thread)
		for _, q := range qs {
			if q.Draft == nil {
				return false
			}
		}
		return err == nil
	})
	e.reply(e.slash(eduManager, thread, "session", sub("end")))
	e.waitPanel(thread, panel.ID, "Diese Sitzung ist beendet; das Protokoll ist unten angehängt.",
		"📊 **Ergebnis:** 1 beantwortet · 0 übersprungen · 1 nicht mehr drangekommen")
	e.until("the German end of session", func() bool {
		for _, x := range e.srv.ChannelMessages(thread) {
			if strings.HasPrefix(x.Content, "🏁 **Sitzung beendet.**") && len(x.Attachments) == 1 {
				return true
			}
		}
		return false
	})
	e.checkNoMentions()
}

func TestGermanGuildQuizInGerman(t *testing.T) {
	t.Parallel()
	e := startGermanEducator(t)
	general := e.srv.GeneralChannel(e.guild)

	// A member is refused in their language.
	if r := e.reply(e.srv.DispatchInteraction(&discordgo.Interaction{GuildID: e.guild, Member: e.member(eduMember), Locale: discordgo.German,
		Data: discordgo.ApplicationCommandInteractionData{Name: "quiz", Options: []*discordgo.ApplicationCommandInteractionDataOption{sub("start")}}})); !strings.HasPrefix(r.Content, "Das dürfen nur Lehrende") {
		t.Errorf("German member's /quiz = %q", r.Content)
	}

	// An English-speaking educator starts it: the reply is theirs
	// (English), the quiz is the guild's (German).
	if r := e.reply(e.slash(eduRole, "", "quiz", sub("start", intOpt("questions", 2)))); !strings.HasPrefix(r.Content, "Quiz posted (2 questions)") {
		t.Fatalf("/quiz reply = %q", r.Content)
	}
	head, questions := e.postedQuiz(general)
	if head == nil || len(questions) != 2 {
		t.Fatalf("head %v, %d questions posted", head != nil, len(questions))
	}
	if !strings.HasPrefix(head.Content, "📝 **Quiz** zu *") || !strings.Contains(head.Content, " — 2 Fragen. Wähl eine Antwort") ||
		strings.Join(buttonLabels(head), ",") != "Quiz schließen" {
		t.Errorf("German quiz head: %q %q", head.Content, buttonLabels(head))
	}
	for n, q := range questions {
		if want := "**Frage " + string(rune('1'+n)) + "/2.** "; !strings.HasPrefix(q.Content, want) {
			t.Errorf("German question %d = %q, want it to begin %q", n, q.Content, want)
		}
	}
	qz, err := e.ed.Quizzes.Get(context.Background(), strings.TrimPrefix(buttonIDs(head)[0], prefixQuizClose))
	if err != nil {
		t.Fatal(err)
	}
	q0 := qz.Questions[0]
	ids := buttonIDs(questions[0])
	right, wrong := ids[q0.Correct], ids[(q0.Correct+1)%quiz.Options]

	// The result is the member's own.
	r := e.reply(e.pressIn(discordgo.German, questions[0], right, eduMember))
	if !ephemeral(r) || !strings.HasPrefix(r.Content, "✅ Richtig! Die Antwort ist **"+quizLetters[q0.Correct]+". ") ||
		!strings.Contains(r.Content, "\n\nAus ¶") || !strings.Contains(r.Content, " des Briefings:\n> ") {
		t.Errorf("German right answer:\n%s", r.Content)
	}
	r = e.reply(e.pressIn(discordgo.German, questions[0], wrong, eduMember))
	if !strings.HasPrefix(r.Content, "Diese Frage hast du schon beantwortet (**"+quizLetters[q0.Correct]+"**) — deine erste Antwort zählt.\n✅ Richtig!") {
		t.Errorf("German repeat answer:\n%s", r.Content)
	}
	if r := e.reply(e.pressIn(discordgo.EnglishUS, questions[0], wrong, eduMember2)); !strings.HasPrefix(r.Content, "❌ Not quite — the answer is") {
		t.Errorf("English member's wrong answer in a German guild:\n%s", r.Content)
	}
	if r := e.reply(e.pressIn(discordgo.German, head, buttonIDs(head)[0], eduMember)); !strings.HasPrefix(r.Content, "Das dürfen nur Lehrende") {
		t.Errorf("German member's close = %q", r.Content)
	}

	// The leaderboard, posted for everyone, is the guild's, though an
	// English-speaking educator closed the quiz.
	r = e.reply(e.press(head, buttonIDs(head)[0], eduManager))
	want := "🏁 **Quiz geschlossen — Bestenliste**\n\n🥇 Ann\\_the\\*great — 1/2 richtig (1 beantwortet)\n🥈 Bob — 0/2 richtig (1 beantwortet)"
	if ephemeral(r) || r.Content != want {
		t.Errorf("German leaderboard:\n%s\nwant:\n%s", r.Content, want)
	}
	e.until("buttons retired", func() bool { return len(buttonIDs(e.srv.Message(general, head.ID))) == 0 })
	if r := e.reply(e.pressIn(discordgo.German, questions[1], buttonIDs(questions[1])[0], eduMember)); r.Content != "Dieses Quiz ist geschlossen." {
		t.Errorf("German answer after close = %q", r.Content)
	}
	e.checkNoMentions()
}

// The members' texts read in every language: no English left in what
// renders, counts agreeing, the panel naming the Upvote button by its
// label.
func TestEducatorTextsInEveryLanguage(t *testing.T) {
	br := testKnowledge(t).Briefings[0]
	q := quiz.Question{Text: "Q?", Options: []string{"w", "x", "y", "z"}, Correct: 2, Paragraph: 6, Quote: "quote"}
	qs := []session.Question{
		{Seq: 1, Text: "a", Status: session.StatusApproved, Votes: 1},
		{Seq: 2, Text: "b", Status: session.StatusPosted, Votes: 5},
		{Seq: 3, Text: "c", Status: session.StatusSkipped, Votes: 2},
	}
	entries := []quiz.Entry{{UserID: "1", Correct: 2, Answered: 3}, {UserID: "2", Correct: 0, Answered: 1}}
	for _, l := range locales {
		running := renderPanel(l, session.Session{Title: "T", Approve: true}, br, qs)
		ended := renderPanel(l, session.Session{Title: "T", EndedAt: time.Date(2024, 7, 11, 10, 0, 0, 0, time.UTC)}, knowledge.Briefing{Title: "gone"}, qs)
		result := renderQuizResult(l, quiz.Result{Repeat: true, Chosen: 1, Question: q})
		board := renderLeaderboard(l, 3, entries, map[string]string{"1": "Ann", "2": "Bob"})
		all := strings.Join([]string{running, ended, result, board, renderQuizQuestion(l, 0, 3, q),
			eduVotes(l, 1), eduVotes(l, 2), tr(l, msgUpvote), tr(l, msgCloseQuiz)}, "\n")
		for _, en := range []string{"Queue", "Final", "waiting", "answered", "skipped", "not reached", "Next up", "vote", "Upvote",
			"Ask your", "educator reviews", "transcript", "Right", "Not quite", "already answered", "of the briefing", "leaderboard",
			"right", "Question", "Close quiz"} {
			if l == discordgo.French && (en == "vote" || en == "Question" || en == "transcript") {
				continue // French too
			}
			if strings.Contains(all, en) {
				t.Errorf("%s: %q left in English:\n%s", l, en, all)
			}
		}
		if label := tr(l, msgUpvote); !strings.Contains(tr(l, msgPanelHowTo), "**"+label+"**") {
			t.Errorf("%s: the panel does not name the Upvote button %q: %s", l, label, tr(l, msgPanelHowTo))
		}
		if eduVotes(l, 1) == eduVotes(l, 2) || !strings.Contains(eduVotes(l, 1), "1") || !strings.Contains(eduVotes(l, 7), "7") {
			t.Errorf("%s: votes %q, %q", l, eduVotes(l, 1), eduVotes(l, 7))
		}
	}
	// Latin America's Spanish is Spain's; a language the bot lacks is English.
	if got, want := renderQuizResult(discordgo.SpanishLATAM, quiz.Result{Correct: true, Chosen: 2, Question: q}),
		renderQuizResult(discordgo.SpanishES, quiz.Result{Correct: true, Chosen: 2, Question: q}); got != want {
		t.Errorf("es-419 result %q, es-ES %q", got, want)
	}
	if got := renderLeaderboard(discordgo.Korean, 3, nil, nil); got != "🏁 **Quiz closed — leaderboard**\n\nNobody answered." {
		t.Errorf("Korean leaderboard %q", got)
	}
}

// What an interaction posts for everyone follows the guild's locale that
// Discord sends with it, whatever the user's own.
func TestPublicLocale(t *testing.T) {
	b := &Bot{}
	ja := discordgo.Japanese
	if got := b.publicLocale(&discordgo.Interaction{GuildID: "1", Locale: discordgo.German, GuildLocale: &ja}); got != ja {
		t.Errorf("with guild_locale ja: %q", got)
	}
	empty := discordgo.Locale("")
	for _, i := range []*discordgo.Interaction{{GuildID: "1", Locale: discordgo.German}, {GuildID: "1", GuildLocale: &empty}, {Locale: discordgo.French}} {
		if got := b.publicLocale(i); got != english { // no gateway cache here
			t.Errorf("publicLocale(%+v) = %q, want English", i, got)
		}
	}
}

// An HTTP-only replica (DISCORD_GATEWAY=off) has no gateway cache to read
// a guild's language from, but every interaction from a guild carries it
// (guild_locale): what educators' commands post there for everyone — a
// session's panel, a quiz's leaderboard — is in the guild's language too,
// not English.
func TestHTTPOnlyEducatorPostsInTheGuildsLanguage(t *testing.T) {
	t.Parallel()
	ed, _ := educatorDeps(t, redistest.Start(t), discordtest.DefaultGuildID)
	h := start(t, setup{http: true, cfg: Config{NoGateway: true},
		srvOpts: []discordtest.Option{discordtest.WithGuildLocale(discordtest.DefaultGuildID, discordgo.German)},
		before:  func(b *Bot) { b.addEducator(ed) }})
	de := discordgo.German
	manager := &discordgo.Member{GuildID: h.guild, User: &discordgo.User{ID: eduManager, Username: "m"}, Permissions: discordgo.PermissionManageGuild}
	slash := func(channelID, name string, opts ...*discordgo.ApplicationCommandInteractionDataOption) *discordgo.Message {
		t.Helper()
		resp := h.srv.PostInteraction(h.endpoint, &discordgo.Interaction{GuildID: h.guild, ChannelID: channelID, Member: manager,
			Locale: discordgo.EnglishUS, GuildLocale: &de, Data: discordgo.ApplicationCommandInteractionData{Name: name, Options: opts}})
		if resp.Status != http.StatusOK {
			t.Fatalf("/%s: HTTP %d %s", name, resp.Status, resp.Body)
		}
		return h.waitOriginal(resp.Interaction, func(m *discordgo.Message) bool { return m.Flags&discordgo.MessageFlagsLoading == 0 && m.Content != "" })
	}

	r := slash("", "session", sub("start", strOpt("title", "Asienwoche")))
	mm := threadRE.FindStringSubmatch(r.Content)
	if mm == nil {
		t.Fatalf("/session start reply = %q", r.Content)
	}
	if panel := h.srv.ChannelMessages(mm[1])[0]; !strings.Contains(panel.Content, "Live-Fragerunde: Asienwoche") {
		t.Errorf("the panel is not German:\n%s", panel.Content)
	}

	general := h.srv.GeneralChannel(h.guild)
	slash(general, "quiz", sub("start", intOpt("questions", 1)))
	slash(general, "quiz", sub("close"))
	var board string
	h.until("the leaderboard", func() bool {
		for _, m := range h.srv.ChannelMessages(general) {
			if strings.HasPrefix(m.Content, "🏁") {
				board = m.Content
				return true
			}
		}
		return false
	})
	if !strings.Contains(board, "Bestenliste") {
		t.Errorf("the leaderboard is not German:\n%s", board)
	}
}

// TestLeaderboardFitsOneMessage: twenty members whose names are all
// Markdown (each character escaped) in a wordy language would make a
// leaderboard over Discord's 2,000 characters, and the post would fail;
// rows that do not fit are counted in the last line instead.
func TestLeaderboardFitsOneMessage(t *testing.T) {
	var entries []quiz.Entry
	names := map[string]string{}
	for i := range 30 {
		id := strconv.Itoa(i + 1)
		entries = append(entries, quiz.Entry{UserID: id, Correct: 1, Answered: 2})
		names[id] = strings.Repeat("*_~", 14)
	}
	for _, l := range locales {
		board := renderLeaderboard(l, 3, entries, names)
		if n := utf8.RuneCountInString(board); n > contentBudget {
			t.Errorf("%s: leaderboard of %d characters", l, n)
		}
		shown := strings.Count(board, "\n") - 2 // the head and the last line
		if !strings.HasSuffix(board, tr(l, msgBoardMore, len(entries)-shown)) || shown < 5 {
			t.Errorf("%s: %d rows shown, the last line %q", l, shown, board[strings.LastIndex(board, "\n")+1:])
		}
	}
	// Short names: the 20 rows and the rest counted.
	plain := renderLeaderboard(english, 3, entries, nil)
	if strings.Count(plain, "\n") != 2+leaderboardRows || !strings.HasSuffix(plain, tr(english, msgBoardMore, 10)) {
		t.Errorf("leaderboard of mentions:\n%s", plain)
	}
}
