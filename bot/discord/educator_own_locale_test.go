package discord

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot/bot/answer"
	"github.com/briefbot/briefbot/bot/session"
)

// What only educators see is in the educator's own language (the
// interaction's locale), whatever the guild's: the replies to /session
// and /quiz, the review with its buttons, the edit modal, the choices of
// /quiz close.

// slashIn is slash by a member whose Discord speaks loc.
func (e *eduHarness) slashIn(loc discordgo.Locale, userID, channelID, name string, opts ...*discordgo.ApplicationCommandInteractionDataOption) *discordgo.Interaction {
	return e.srv.DispatchInteraction(&discordgo.Interaction{
		GuildID: e.guild, ChannelID: channelID, Member: e.member(userID), Locale: loc,
		Data: discordgo.ApplicationCommandInteractionData{Name: name, Options: opts},
	})
}

// modalResponse is what a modal callback shows: its title and its text
// inputs' labels.
type modalResponse struct {
	CustomID   string `json:"custom_id"`
	Title      string `json:"title"`
	Components []struct {
		Components []struct {
			CustomID string `json:"custom_id"`
			Label    string `json:"label"`
		} `json:"components"`
	} `json:"components"`
}

func TestGermanEducatorRunsSessionInGerman(t *testing.T) {
	t.Parallel()
	e := startEducator(t) // an English guild
	de := discordgo.German

	// A member is refused in their language.
	if r := e.reply(e.slashIn(de, eduMember, "", "session", sub("start", strOpt("title", "Asienwoche")))); !ephemeral(r) ||
		r.Content != catalogue[msgNotEducator][de] {
		t.Errorf("German member's /session start = %q", r.Content)
	}
	if r := e.reply(e.slashIn(de, eduRole, "", "session", sub("start", strOpt("title", "Asienwoche"), strOpt("briefing", "no-such-briefing")))); r.Content != "Dieses Briefing kenne ich nicht — wähl eins aus der Liste." {
		t.Errorf("German /session start with an unknown briefing = %q", r.Content)
	}

	// The educator's replies are German; the panel stays the guild's.
	r := e.reply(e.slashIn(de, eduRole, "", "session", sub("start", strOpt("title", "Asienwoche"), boolOpt("approve", true))))
	mm := threadRE.FindStringSubmatch(r.Content)
	if mm == nil || !ephemeral(r) || r.Content != "Sitzung in <#"+mm[1]+"> gestartet. Dort postet `/session next` die Frage mit den meisten Stimmen, `/session end` beendet die Sitzung." {
		t.Fatalf("German /session start = %q", r.Content)
	}
	thread := mm[1]
	if panel := e.srv.ChannelMessages(thread)[0]; !strings.Contains(panel.Content, "Live Q&A: Asienwoche") {
		t.Errorf("panel in an English guild:\n%s", panel.Content)
	}
	if r := e.reply(e.slashIn(de, eduRole, "", "session", sub("next"))); r.Content != "In diesem Kanal läuft keine Sitzung — führ den Befehl im Thread der Sitzung aus." {
		t.Errorf("German /session next outside the thread = %q", r.Content)
	}
	if r := e.reply(e.slashIn(de, eduRole, thread, "session", sub("next"))); r.Content != "Keine Fragen in der Warteschlange." {
		t.Errorf("German /session next on an empty queue = %q", r.Content)
	}

	// The review, its buttons and the edit modal.
	seq := seqOf(t, e.inThread(thread, eduMember, franceQ))
	rv := e.reply(e.slashIn(de, eduRole, thread, "session", sub("next")))
	if !ephemeral(rv) || !strings.HasPrefix(rv.Content, "**Zur Freigabe — Frage #"+seq+"** (1 Stimme)\n") ||
		!strings.HasSuffix(rv.Content, "\n\n-# Gib die Antwort unverändert frei, bearbeite sie oder überspring die Frage; danach postet `/session next` sie.") {
		t.Fatalf("German review:\n%s", rv.Content)
	}
	if got := strings.Join(buttonLabels(rv), ","); got != "Freigeben,Bearbeiten,Überspringen" {
		t.Errorf("German review buttons = %q", got)
	}
	ids := buttonIDs(rv)
	cb := e.waitCallback(e.pressIn(de, rv, ids[1], eduRole))
	var modal modalResponse
	if err := json.Unmarshal(cb.Data, &modal); err != nil || cb.Type != discordgo.InteractionResponseModal ||
		len(modal.Components) != 1 || len(modal.Components[0].Components) != 1 {
		t.Fatalf("German edit modal: type %d %s (%v)", cb.Type, cb.Data, err)
	}
	if modal.Title != "Antwort auf Frage #"+seq+" bearbeiten" || modal.Components[0].Components[0].Label != "Antwort (die [n]-Markierungen beibehalten)" {
		t.Errorf("German edit modal: title %q, label %q", modal.Title, modal.Components[0].Components[0].Label)
	}
	q, err := e.ed.Sessions.Question(context.Background(), thread, "q"+seq)
	if err != nil || q.Draft == nil {
		t.Fatalf("question: %+v %v", q, err)
	}
	submit := e.srv.DispatchInteraction(&discordgo.Interaction{
		GuildID: e.guild, ChannelID: thread, Type: discordgo.InteractionModalSubmit, Member: e.member(eduRole), Locale: de,
		Data: modalData{CustomID: modal.CustomID, Components: []discordgo.MessageComponent{discordgo.ActionsRow{Components: []discordgo.MessageComponent{
			discordgo.TextInput{CustomID: "text", Value: q.Draft.Text + " Siehe auch [9]."}}}}},
	})
	if r := e.reply(submit); !strings.HasPrefix(r.Content, "Die Änderung wurde nicht gespeichert: ") {
		t.Errorf("German refused edit = %q", r.Content)
	}
	if r := e.reply(e.pressIn(de, rv, ids[0], eduRole)); r.Content != "✅ Frage #"+seq+" freigegeben — `/session next` postet sie." {
		t.Errorf("German approve = %q", r.Content)
	}
	if r := e.reply(e.slashIn(de, eduRole, thread, "session", sub("next"))); r.Content != "Frage #"+seq+" gepostet." {
		t.Errorf("German /session next after approval = %q", r.Content)
	}
	if p := e.posted(thread); len(p) != 1 || !strings.HasPrefix(p[0].Content, "**Question #"+seq+"** · 1 vote") {
		t.Errorf("posted in an English guild: %+v", p) // for everyone: the guild's
	}
	if r := e.reply(e.pressIn(de, rv, ids[2], eduRole)); r.Content != catalogue[msgQuestionDone][de] {
		t.Errorf("German skip of a posted question = %q", r.Content)
	}

	// The end.
	if r := e.reply(e.slashIn(de, eduRole, thread, "session", sub("end"))); r.Content != "Sitzung beendet; Protokoll gepostet, Thread gesperrt." {
		t.Errorf("German /session end = %q", r.Content)
	}
	if r := e.reply(e.slashIn(de, eduRole, thread, "session", sub("next"))); r.Content != "Diese Sitzung ist beendet." {
		t.Errorf("German /session next after the end = %q", r.Content)
	}
	// An English educator still gets English.
	if r := e.reply(e.slash(eduRole, thread, "session", sub("next"))); r.Content != "This session has ended." {
		t.Errorf("English /session next after the end = %q", r.Content)
	}
	e.checkNoMentions()
}

func TestFrenchEducatorRunsQuizInFrench(t *testing.T) {
	t.Parallel()
	e := startEducator(t) // an English guild
	fr := discordgo.French
	general := e.srv.GeneralChannel(e.guild)

	if r := e.reply(e.slashIn(fr, eduMember, "", "quiz", sub("start"))); !ephemeral(r) || !strings.HasPrefix(r.Content, "Seuls les enseignants peuvent faire cela") {
		t.Errorf("French member's /quiz start = %q", r.Content)
	}
	if r := e.reply(e.slashIn(fr, eduRole, "", "quiz", sub("start", strOpt("briefing", "no-such-briefing")))); r.Content != "Je ne connais pas ce briefing — choisissez-en un dans la liste." {
		t.Errorf("French /quiz start with an unknown briefing = %q", r.Content)
	}
	if r := e.reply(e.slashIn(fr, eduRole, "", "quiz", sub("close"))); r.Content != "Il n'y a pas de quiz ouvert dans ce salon (parmi ses 100 derniers messages). Indiquez-en un avec `quiz:`." {
		t.Errorf("French /quiz close without a quiz = %q", r.Content)
	}

	// The reply names the Close quiz button as the channel shows it: in
	// the guild's language, English here.
	r := e.reply(e.slashIn(fr, eduRole, "", "quiz", sub("start", intOpt("questions", 2))))
	if !ephemeral(r) || r.Content != "Quiz publié (questions : 2). Clôturez-le avec **Close quiz** ou `/quiz close` pour publier le classement." {
		t.Fatalf("French /quiz start = %q", r.Content)
	}
	head, questions := e.postedQuiz(general)
	if head == nil || len(questions) != 2 || !strings.HasPrefix(head.Content, "📝 **Quiz** on *") {
		t.Fatalf("quiz posted in an English guild: %v, %d questions", head, len(questions))
	}

	// The choices of /quiz close.
	ac := e.srv.DispatchInteraction(&discordgo.Interaction{GuildID: e.guild, ChannelID: general, Type: discordgo.InteractionApplicationCommandAutocomplete,
		Member: e.member(eduRole), Locale: fr, Data: discordgo.ApplicationCommandInteractionData{Name: "quiz", Options: []*discordgo.ApplicationCommandInteractionDataOption{
			sub("close", &discordgo.ApplicationCommandInteractionDataOption{Name: "quiz", Type: discordgo.ApplicationCommandOptionString, Value: "", Focused: true}),
		}}})
	var choices struct {
		Choices []*discordgo.ApplicationCommandOptionChoice `json:"choices"`
	}
	if err := json.Unmarshal(e.waitCallback(ac).Data, &choices); err != nil {
		t.Fatal(err)
	}
	if c := choices.Choices; len(c) != 1 || !strings.Contains(c[0].Name, " — 2 questions (20") || !strings.HasSuffix(c[0].Name, " UTC)") {
		t.Errorf("French choices = %s", mustJSON(c))
	}

	if r := e.reply(e.slashIn(fr, eduRole, "", "quiz", sub("close"))); r.Content != "Quiz clos ; son classement est publié ici." {
		t.Errorf("French /quiz close = %q", r.Content)
	}
	qid := strings.TrimPrefix(buttonIDs(head)[0], prefixQuizClose)
	if r := e.reply(e.slashIn(fr, eduRole, "", "quiz", sub("close", strOpt("quiz", qid)))); !strings.HasPrefix(r.Content, "Ce quiz est déjà clos. Son classement, pour vous seul :\n🏁") || strings.Contains(r.Content, "Quiz closed") {
		t.Errorf("French /quiz close of a closed quiz = %q", r.Content)
	}
	if r := e.reply(e.slashIn(fr, eduRole, "", "quiz", sub("close", strOpt("quiz", "nosuchquiz")))); r.Content != "Je ne connais pas ce quiz — choisissez-en un dans la liste." {
		t.Errorf("French /quiz close of an unknown quiz = %q", r.Content)
	}
	e.checkNoMentions()
}

// Discord refuses a button label over 80 characters, a modal title or a
// text input label over 45, a choice name over 100: every language's
// fits, as rendered, with room for the largest question numbers. The
// buttons are the educators' and, while at it, every other labelled one.
func TestEducatorLabelsWithinDiscordLimits(t *testing.T) {
	const seq = 99999
	longTitle := strings.Repeat("Ω", 200)
	q := session.Question{ID: "q99999", Seq: seq, Draft: &answer.Answer{Text: "text [1]"}}
	for _, l := range append([]discordgo.Locale{english}, locales...) {
		var buttons []discordgo.Button
		for _, row := range append(append(reviewButtons(l, "1", q), upvoteButton(l, "1", q.ID)...),
			discordgo.ActionsRow{Components: []discordgo.MessageComponent{
				discordgo.Button{Label: tr(l, msgCloseQuiz)}, discordgo.Button{Label: tr(l, msgShowPassages)},
				discordgo.Button{Label: tr(l, msgContinueInThread)}, approveButton(l, "1"),
			}}) {
			for _, c := range row.(discordgo.ActionsRow).Components {
				buttons = append(buttons, c.(discordgo.Button))
			}
		}
		if len(buttons) != 8 {
			t.Fatalf("%s: %d buttons", l, len(buttons))
		}
		for _, b := range buttons {
			if n := len([]rune(b.Label)); n == 0 || n > 80 {
				t.Errorf("%s: button label %q has %d characters, Discord takes 1-80", l, b.Label, n)
			}
		}

		m := editModal(l, "1", q).Data
		title, label := tr(l, msgEduEditTitle, seq), tr(l, msgEduEditLabel)
		if n := len([]rune(title)); n > 45 || m.Title != title {
			t.Errorf("%s: modal title %q (%d characters, Discord takes 45), shown as %q", l, title, n, m.Title)
		}
		input := m.Components[0].(discordgo.ActionsRow).Components[0].(discordgo.TextInput)
		if n := len([]rune(label)); n > 45 || input.Label != label {
			t.Errorf("%s: text input label %q (%d characters, Discord takes 45), shown as %q", l, label, n, input.Label)
		}
		if !strings.Contains(title, fmt.Sprint(seq)) || !strings.Contains(label, "[n]") {
			t.Errorf("%s: modal %q / %q lacks the number or the [n] markers", l, title, label)
		}

		// A choice names its briefing whole up to 60 characters.
		created := time.Date(2026, 12, 31, 23, 59, 0, 0, time.UTC)
		for _, n := range []int{1, quizMaxQuestions} {
			name := quizChoiceName(l, longTitle, n, created)
			if len([]rune(name)) > 100 || !strings.HasPrefix(name, strings.Repeat("Ω", 59)) || !strings.HasSuffix(strings.TrimSuffix(name, ")"), "UTC") {
				t.Errorf("%s: choice name %q", l, name)
			}
		}
	}
}

// The English of what educators see is what it was before it had ids.
func TestEducatorEnglishTextsUnchanged(t *testing.T) {
	july11 := time.Date(2024, 7, 11, 9, 5, 0, 0, time.UTC)
	var labels []string
	for _, c := range reviewButtons(discordgo.Korean, "1", session.Question{ID: "q1"})[0].(discordgo.ActionsRow).Components {
		labels = append(labels, c.(discordgo.Button).Label)
	}
	for _, c := range []struct{ got, want string }{
		{tr(english, msgEduNoTitle), "Please give the session a title."},
		{tr(english, msgEduUnknownBriefing), "I don't know that briefing — pick one from the list."},
		{tr(english, msgEduNoThread), "I can't open a thread here — run `/session start` in a text channel where I may create threads."},
		{tr(english, msgEduSessionStarted, "<#1>"), "Session started in <#1>. Use `/session next` there to post the top question, `/session end` to close it."},
		{tr(english, msgEduNoSession), "There is no session in this channel — run this in the session's thread."},
		{tr(english, msgEduNoneWaiting), "No questions waiting."},
		{tr(english, msgEduPosted, 3), "Posted question #3."},
		{tr(english, msgEduQueueChanging), "The queue keeps changing — try again."},
		{tr(english, msgEduSessionClosed), "Session ended; transcript posted, thread locked."},
		{tr(english, msgEduApproved, 3), "✅ Approved question #3 — `/session next` posts it."},
		{tr(english, msgEduSkipped, 3), "⏭️ Skipped question #3."},
		{tr(english, msgEduNoDraft), "That question has no draft yet."},
		{tr(english, msgEduEditTitle, 3), "Edit the answer to #3"},
		{tr(english, msgEduEditLabel), "Answer (keep the [n] markers)"},
		{tr(english, msgEduEditNotSaved, "Why"), "That edit was not saved: Why."},
		{tr(english, msgEduEdited, 3, "A"), "✏️ Edited and approved question #3 — `/session next` posts it.\n\nA"},
		{tr(english, msgEduNoQuizQuestions), "This briefing has nothing I can make a question of."},
		{tr(english, msgEduQuizPosted, 1, tr(english, msgCloseQuiz)), "Quiz posted (1 questions). Close it with **Close quiz** or `/quiz close` to post the leaderboard."},
		{tr(english, msgEduNoOpenQuiz), "There is no open quiz in this channel (among its last 100 messages). Name one with `quiz:`."},
		{tr(english, msgEduUnknownQuiz), "I don't know that quiz — pick one from the list."},
		{tr(english, msgEduQuizClosedAlready), "That quiz is closed already. Its leaderboard, for you alone:"},
		{tr(english, msgEduQuizBoardNotPosted, "<#1>"), "Quiz closed, but Discord refused its leaderboard in <#1>. Here it is, for you alone:"},
		{tr(english, msgEduQuizClosedHere), "Quiz closed; its leaderboard is posted here."},
		{tr(english, msgEduQuizClosedIn, "<#1>"), "Quiz closed; its leaderboard is posted in <#1>."},
		{strings.Join(labels, ","), "Approve,Edit,Skip"}, // Korean: the bot has no texts, so English
		{quizChoiceName(english, "T", 1, july11), "T — 1 question, Jul 11 09:05 UTC"},
		{quizChoiceName(discordgo.EnglishGB, "T", 3, july11), "T — 3 questions, Jul 11 09:05 UTC"},
	} {
		if c.got != c.want {
			t.Errorf("English %q, was %q", c.got, c.want)
		}
	}
}
