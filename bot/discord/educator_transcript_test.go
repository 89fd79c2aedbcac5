package discord

import (
	"context"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot/bot/answer"
	"github.com/briefbot/briefbot/bot/discord/discordtest"
	"github.com/briefbot/briefbot/bot/session"
	"github.com/briefbot/briefbot/knowledge/redistest"
)

// transcriptMsgs are the catalogue's texts of a session's transcript.
var transcriptMsgs = []msg{
	msgTranscriptUntitled, msgTranscriptBriefing, msgTranscriptStarted, msgTranscriptEnded, msgTranscriptApproved,
	msgTranscriptQuestions, msgTranscriptAnswered, msgTranscriptUncovered, msgTranscriptSkipped, msgTranscriptNotReached,
	msgTranscriptNone, msgTranscriptNoneUncovered, msgTranscriptEdited, msgTranscriptSources, msgTranscriptSource,
	msgTranscriptAskerOne, msgTranscriptAskersMany, msgTranscriptVoteOne, msgVotesMany,
}

// The catalogue's English transcript is the session package's own (the
// one its golden file checks), and so is that of a language the bot
// lacks.
func TestTranscriptTextEnglishIsTheSessions(t *testing.T) {
	en := session.EnglishTranscript
	for _, l := range []discordgo.Locale{english, discordgo.EnglishGB, discordgo.Korean, ""} {
		got := transcriptText(l)
		gv, ev := reflect.ValueOf(got), reflect.ValueOf(en)
		for i := range gv.NumField() {
			name := gv.Type().Field(i).Name
			switch f := gv.Field(i); f.Kind() {
			case reflect.String:
				if f.String() != ev.Field(i).String() {
					t.Errorf("%q: %s = %q, the session's English %q", l, name, f.String(), ev.Field(i).String())
				}
			case reflect.Func:
				for n := range 4 {
					g := f.Call([]reflect.Value{reflect.ValueOf(n)})[0].String()
					w := ev.Field(i).Call([]reflect.Value{reflect.ValueOf(n)})[0].String()
					if g != w {
						t.Errorf("%q: %s(%d) = %q, the session's English %q", l, name, n, g, w)
					}
				}
			default:
				t.Errorf("TranscriptText.%s is a %s: check it here", name, f.Kind())
			}
		}
	}
}

// Every language's tally takes its own plural rule: singular for 1 (and 0
// in French), none in Japanese and Chinese, whose one and many texts are
// the same.
func TestTranscriptTalliesPlural(t *testing.T) {
	for _, l := range append([]discordgo.Locale{english}, locales...) {
		noPlural := l == discordgo.Japanese || l == discordgo.ChineseCN
		for _, pair := range [][2]msg{{msgTranscriptAskerOne, msgTranscriptAskersMany}, {msgTranscriptVoteOne, msgVotesMany}} {
			if same := catalogue[pair[0]][l] == catalogue[pair[1]][l]; same != noPlural {
				t.Errorf("%s: one %q, many %q", l, catalogue[pair[0]][l], catalogue[pair[1]][l])
			}
		}
		tt := transcriptText(l)
		for n := range 4 {
			for _, s := range []string{tt.Askers(n), tt.Votes(n)} {
				if !strings.Contains(s, strconv.Itoa(n)) || strings.Contains(s, "%") {
					t.Errorf("%s: tally %q for %d", l, s, n)
				}
			}
		}
	}
	for _, c := range []struct {
		l    discordgo.Locale
		n    int
		want string
	}{
		{english, 0, "0 votes"}, {english, 1, "1 vote"}, {english, 2, "2 votes"},
		{discordgo.German, 0, "0 Stimmen"}, {discordgo.German, 1, "1 Stimme"}, {discordgo.German, 2, "2 Stimmen"},
		{discordgo.SpanishES, 1, "1 voto"}, {discordgo.SpanishES, 5, "5 votos"},
		{discordgo.SpanishLATAM, 5, "5 votos"},
		{discordgo.French, 0, "0 vote"}, {discordgo.French, 1, "1 vote"}, {discordgo.French, 2, "2 votes"},
		{discordgo.PortugueseBR, 1, "1 voto"}, {discordgo.PortugueseBR, 0, "0 votos"},
		{discordgo.Japanese, 1, "1 票"}, {discordgo.Japanese, 3, "3 票"},
		{discordgo.ChineseCN, 1, "1 票"}, {discordgo.ChineseCN, 3, "3 票"},
	} {
		if got := transcriptText(c.l).Votes(c.n); got != c.want {
			t.Errorf("%s: Votes(%d) = %q, want %q", c.l, c.n, got, c.want)
		}
	}
	for _, c := range []struct {
		l    discordgo.Locale
		n    int
		want string
	}{
		{english, 1, "1 asker"}, {english, 2, "2 askers"},
		{discordgo.German, 1, "von 1 Person gestellt"}, {discordgo.German, 2, "von 2 Personen gestellt"},
		{discordgo.French, 0, "posée par 0 personne"}, {discordgo.French, 2, "posée par 2 personnes"},
		{discordgo.SpanishES, 2, "hecha por 2 personas"}, {discordgo.PortugueseBR, 1, "feita por 1 pessoa"},
		{discordgo.Japanese, 2, "質問者 2 人"}, {discordgo.ChineseCN, 2, "提问者 2 人"},
	} {
		if got := transcriptText(c.l).Askers(c.n); got != c.want {
			t.Errorf("%s: Askers(%d) = %q, want %q", c.l, c.n, got, c.want)
		}
	}
}

// englishTranscriptWords are the pieces of the transcript's English
// texts, less their fmt verbs and punctuation, and the tallies' words.
func englishTranscriptWords() []string {
	var out []string
	for _, id := range transcriptMsgs {
		for _, piece := range regexp.MustCompile(`%[a-z]|[“”:.(),]`).Split(catalogue[id][english], -1) {
			if piece = strings.TrimSpace(piece); len(piece) >= 4 {
				out = append(out, piece)
			}
		}
	}
	return append(out, "asker", "vote", "None")
}

// The English words a translation shares with the English text.
var sharedWords = map[discordgo.Locale][]string{
	discordgo.German:       {"Briefing"},
	discordgo.PortugueseBR: {"Briefing"},
	discordgo.French:       {"Briefing", "Sources", "Questions", "vote", "votes", "paragraph"}, // "paragraphe"
}

// A transcript in each language has no English left: every label,
// heading, empty section, tally, edit mark and source line is the
// language's. The session's data (here English) stays as it is.
func TestTranscriptInEveryLanguage(t *testing.T) {
	t.Parallel()
	ed, _ := educatorDeps(t, redistest.Start(t), discordtest.DefaultGuildID)
	s := ed.Sessions
	ctx := context.Background()
	must := func(_ any, err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	end := func(thread string) {
		t.Helper()
		if _, _, err := s.End(ctx, thread); err != nil {
			t.Fatal(err)
		}
	}
	add := func(user, text string) {
		t.Helper()
		if _, _, err := s.Add(ctx, "t", user, "", text); err != nil {
			t.Fatal(err)
		}
	}
	const quote = "French President Emmanuel Macron has expressed concerns that establishing a NATO office in Tokyo could unnecessarily provoke China and complicate European efforts to maintain a balanced relationship with Beijing."
	must(s.Start(ctx, "g", "t", "Asia week", "nato-indo-pacific-2024", true, "edu"))
	add("ann", franceQ)
	add("bob", "Who won the 2022 FIFA World Cup?")
	add("cat", strings.ToLower(franceQ)) // merged: 2 askers
	add("dan", "What is AUKUS?")
	add("fay", "Who is in the Quad?")
	must(s.SetDraft(ctx, "t", "q1", 0, answer.Answer{Text: "Macron fears a NATO office in Tokyo would provoke China [1].",
		Citations: []answer.Citation{{N: 1, Paragraph: 11, ChunkID: "nato-indo-pacific-2024#p11", Quote: quote}}}))
	must(s.Edit(ctx, "t", "q1", 0, "Macron fears a NATO office in Tokyo could provoke China [1]."))
	must(s.MarkPosted(ctx, "t", "q1"))
	must(s.SetDraft(ctx, "t", "q2", 0, answer.Answer{Text: "The briefing doesn't say.", Refused: true}))
	must(s.Approve(ctx, "t", "q2", 0))
	must(s.MarkPosted(ctx, "t", "q2"))
	must(s.Skip(ctx, "t", "q3", 0)) // AUKUS; the Quad is not reached
	end("t")
	// Untitled, ended with no question: the empty sections.
	must(s.Start(ctx, "g", "t2", "", "nato-indo-pacific-2024", false, "edu"))
	end("t2")

	for _, l := range locales {
		full, err := s.Transcript(ctx, "t", transcriptText(l))
		if err != nil {
			t.Fatal(err)
		}
		empty, err := s.Transcript(ctx, "t2", transcriptText(l))
		if err != nil {
			t.Fatal(err)
		}
		md := full + empty
		for _, en := range englishTranscriptWords() {
			if strings.Contains(md, en) && !slices.Contains(sharedWords[l], en) {
				t.Errorf("%s: the transcript has the English %q:\n%s", l, en, md)
			}
		}
		for _, want := range []string{
			"# Asia week\n", "# " + tr(l, msgTranscriptUntitled) + "\n",
			"## " + tr(l, msgTranscriptAnswered) + "\n", "## " + tr(l, msgTranscriptUncovered) + "\n",
			"## " + tr(l, msgTranscriptSkipped) + "\n", "## " + tr(l, msgTranscriptNotReached) + "\n",
			"\n" + tr(l, msgTranscriptNone) + "\n", "\n" + tr(l, msgTranscriptNoneUncovered) + "\n",
			"- " + tr(l, msgTranscriptApproved) + "\n", "· *" + tr(l, msgTranscriptEdited) + "*",
			"\n" + tr(l, msgTranscriptSources) + "\n1. " + tr(l, msgTranscriptSource, 11, quote) + "\n",
			"- " + tr(l, msgTranscriptQuestions, 4, 1, 1, 1, 1) + "\n", "- " + tr(l, msgTranscriptQuestions, 0, 0, 0, 0, 0) + "\n",
			"- " + tr(l, msgTranscriptStarted, "2"), "- " + tr(l, msgTranscriptEnded, "2"),
			"*" + transcriptText(l).Askers(2) + " · " + transcriptText(l).Votes(2) + "*",
			"- What is AUKUS? (" + transcriptText(l).Askers(1) + " · " + transcriptText(l).Votes(1) + ")\n",
		} {
			if !strings.Contains(md, want) {
				t.Errorf("%s: the transcript lacks %q:\n%s", l, want, md)
			}
		}
	}
}

// transcriptIn is the transcript attached to the first of msgs whose
// content starts with prefix, "" when there is none.
func (e *eduHarness) transcriptIn(msgs []*discordgo.Message, prefix string) string {
	e.t.Helper()
	for _, m := range msgs {
		if !strings.HasPrefix(m.Content, prefix) {
			continue
		}
		for _, at := range m.Attachments {
			if at.Filename == "transcript.md" {
				data, ok := e.srv.Attachment(at.URL)
				if !ok {
					e.t.Fatalf("attachment %s not served", at.URL)
				}
				return string(data)
			}
		}
	}
	return ""
}

// /session end in a German guild posts the transcript in German, like
// the message it comes with, whatever the educator's own language; the
// copy a second /session end hands an educator is the same German one.
func TestGermanGuildSessionEndPostsGermanTranscript(t *testing.T) {
	t.Parallel()
	e := startGermanEducator(t)
	r := e.reply(e.slash(eduRole, "", "session", sub("start", strOpt("title", "Asienwoche"))))
	mm := threadRE.FindStringSubmatch(r.Content)
	if mm == nil {
		t.Fatalf("/session start reply = %q", r.Content)
	}
	thread := mm[1]
	e.inThread(thread, eduMember, franceQ)
	e.inThread(thread, eduMember2, "why does france oppose a nato office in tokyo") // merged: 2 askers, 2 votes
	e.inThread(thread, "210000000000000005", "Who is in the Quad?")
	if r := e.reply(e.slash(eduManager, thread, "session", sub("next"))); !strings.HasPrefix(r.Content, "Posted question #") {
		t.Fatalf("next = %q", r.Content)
	}
	e.until("the drafts", func() bool {
		qs, err := e.ed.Sessions.Questions(context.Background(), thread)
		for _, q := range qs {
			if q.Draft == nil {
				return false
			}
		}
		return err == nil
	})
	if r := e.reply(e.slash(eduManager, thread, "session", sub("end"))); r.Content != tr(english, msgEduSessionClosed) {
		t.Fatalf("end = %q", r.Content) // the educator's own reply: English
	}
	var md string
	e.until("the German transcript", func() bool {
		md = e.transcriptIn(e.srv.ChannelMessages(thread), "🏁 **Sitzung beendet.**")
		return md != ""
	})
	for _, want := range []string{
		"# Asienwoche\n\n",
		"- Briefing: *NATO's push into the Indo-Pacific meets scepticism in Asia* (2024-07-10) `nato-indo-pacific-2024`\n- Beginn: ",
		" UTC\n- Ende: ",
		"- Fragen: 2 (1 beantwortet, 0 nicht vom Briefing abgedeckt, 0 übersprungen, 1 unbeantwortet)\n",
		"\n## Beantwortet\n\n### 1. " + franceQ + "\n\n*von 2 Personen gestellt · 2 Stimmen*\n",
		"\nQuellen:\n1. Absatz ", ": „",
		"\n## Nicht vom Briefing abgedeckt\n\nKeine: Das Briefing hat jede gestellte Frage abgedeckt.\n",
		"\n## Übersprungen\n\nKeine.\n",
		"\n## Nicht mehr drangekommen\n\n- Who is in the Quad? (von 1 Person gestellt · 1 Stimme)\n",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("German transcript lacks %q:\n%s", want, md)
		}
	}
	for _, en := range []string{"Started", "Ended", "Questions:", "answered", "## Answered", "Not covered", "## Skipped",
		"Not reached", "None", "Sources:", "paragraph", "asker", "vote"} {
		if strings.Contains(md, en) {
			t.Errorf("German transcript has the English %q:\n%s", en, md)
		}
	}

	// Ended again by an English educator: the copy handed to them is the
	// class's German transcript.
	r = e.reply(e.slash(eduRole, thread, "session", sub("end")))
	if !ephemeral(r) || r.Content != tr(english, msgEduTranscriptPosted) || len(r.Attachments) != 1 {
		t.Fatalf("end again (%d files) = %q", len(r.Attachments), r.Content)
	}
	if copy, ok := e.srv.Attachment(r.Attachments[0].URL); !ok || string(copy) != md {
		t.Errorf("the educator's copy differs from the posted transcript:\n%s", copy)
	}
}
