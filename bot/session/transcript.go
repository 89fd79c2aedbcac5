package session

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
)

// TranscriptText is the fixed text of a transcript in one language: the
// caller (the Discord adapter) builds it from its catalogue for the
// guild's locale. Format fields take their values in the order the
// English has them. A field left empty (nil) is the English one's, so
// TranscriptText{} is English.
type TranscriptText struct {
	Untitled      string             // the title of a session that has none
	Briefing      string             // %s: the briefing (title, date, id)
	Started       string             // %s: the UTC time stamp
	Ended         string             // %s: the UTC time stamp
	Approved      string             // the line saying an educator approved the answers
	Questions     string             // %d questions: %d answered, %d not covered, %d skipped, %d unanswered
	Answered      string             // the section heading
	Uncovered     string             // the section heading
	Skipped       string             // the section heading
	NotReached    string             // the section heading
	None          string             // an empty section
	NoneUncovered string             // an empty "not covered" section
	Edited        string             // after an answered question's tally
	Sources       string             // the line over an answer's sources
	Source        string             // %d: the paragraph; %s: the verbatim quote
	Askers        func(n int) string // how many asked a question
	Votes         func(n int) string // a question's votes
}

// EnglishTranscript is the transcript's text in English, the default.
var EnglishTranscript = TranscriptText{
	Untitled:      "Q&A session",
	Briefing:      "Briefing: %s",
	Started:       "Started: %s",
	Ended:         "Ended: %s",
	Approved:      "Answers were approved by an educator before posting.",
	Questions:     "Questions: %d (%d answered, %d not covered by the briefing, %d skipped, %d unanswered)",
	Answered:      "Answered",
	Uncovered:     "Not covered by the briefing",
	Skipped:       "Skipped",
	NotReached:    "Not reached",
	None:          "None.",
	NoneUncovered: "None: the briefing covered every question put to it.",
	Edited:        "answer edited by the educator",
	Sources:       "Sources:",
	Source:        "paragraph %d: “%s”",
	Askers:        func(n int) string { return englishPlural(n, "asker") },
	Votes:         func(n int) string { return englishPlural(n, "vote") },
}

func englishPlural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// orEnglish is t with its empty fields the English ones.
func (t TranscriptText) orEnglish() TranscriptText {
	str := func(s *string, en string) {
		if *s == "" {
			*s = en
		}
	}
	en := EnglishTranscript
	str(&t.Untitled, en.Untitled)
	str(&t.Briefing, en.Briefing)
	str(&t.Started, en.Started)
	str(&t.Ended, en.Ended)
	str(&t.Approved, en.Approved)
	str(&t.Questions, en.Questions)
	str(&t.Answered, en.Answered)
	str(&t.Uncovered, en.Uncovered)
	str(&t.Skipped, en.Skipped)
	str(&t.NotReached, en.NotReached)
	str(&t.None, en.None)
	str(&t.NoneUncovered, en.NoneUncovered)
	str(&t.Edited, en.Edited)
	str(&t.Sources, en.Sources)
	str(&t.Source, en.Source)
	if t.Askers == nil {
		t.Askers = en.Askers
	}
	if t.Votes == nil {
		t.Votes = en.Votes
	}
	return t
}

// Transcript renders the session as Markdown in text's language: its
// title, briefing and times; every answered question with how many asked
// it, its votes, the posted answer and its sources (paragraph and
// verbatim quote); the questions the briefing did not cover (refused
// answers); the skipped ones; and those still waiting when the
// transcript was made. Member ids are left out: a transcript is shared
// beyond the thread; so are questions their askers withdrew (deleted).
// Times are UTC stamps whatever the language.
func (s *Store) Transcript(ctx context.Context, threadID string, text TranscriptText) (string, error) {
	sess, err := s.Get(ctx, threadID)
	if err != nil {
		return "", err
	}
	qs, err := s.Questions(ctx, threadID)
	if err != nil {
		return "", err
	}
	qs = slices.DeleteFunc(qs, func(q Question) bool { return q.Status == StatusWithdrawn })
	return s.render(sess, qs, text.orEnglish()), nil
}

func (s *Store) render(sess Session, qs []Question, t TranscriptText) string {
	var b strings.Builder
	title := sess.Title
	if title == "" {
		title = t.Untitled
	}
	fmt.Fprintf(&b, "# %s\n\n", oneLine(title))
	brief := "`" + sess.BriefingID + "`"
	if s.briefing != nil {
		if br, ok := s.briefing(sess.BriefingID); ok {
			brief = fmt.Sprintf("*%s* (%s) `%s`", oneLine(br.Title), br.Date, br.ID)
		}
	}
	b.WriteString("- " + fmt.Sprintf(t.Briefing, brief) + "\n")
	b.WriteString("- " + fmt.Sprintf(t.Started, stamp(sess.StartedAt)) + "\n")
	if sess.Ended() {
		b.WriteString("- " + fmt.Sprintf(t.Ended, stamp(sess.EndedAt)) + "\n")
	}
	if sess.Approve {
		b.WriteString("- " + t.Approved + "\n")
	}

	var answered, uncovered, skipped, waiting []Question
	for _, q := range qs {
		refused := q.Draft != nil && q.Draft.Refused
		switch {
		case q.Status == StatusPosted && refused, q.Status == StatusSkipped && refused:
			uncovered = append(uncovered, q)
		case q.Status == StatusPosted:
			answered = append(answered, q)
		case q.Status == StatusSkipped:
			skipped = append(skipped, q)
		default:
			waiting = append(waiting, q)
		}
	}
	slices.SortStableFunc(answered, func(a, b Question) int { return a.PostedAt.Compare(b.PostedAt) })
	b.WriteString("- " + fmt.Sprintf(t.Questions, len(qs), len(answered), len(uncovered), len(skipped), len(waiting)) + "\n")

	fmt.Fprintf(&b, "\n## %s\n", t.Answered)
	if len(answered) == 0 {
		fmt.Fprintf(&b, "\n%s\n", t.None)
	}
	for i, q := range answered {
		fmt.Fprintf(&b, "\n### %d. %s\n\n*%s*", i+1, oneLine(q.Text), t.tally(q))
		if q.Edited {
			fmt.Fprintf(&b, " · *%s*", t.Edited)
		}
		b.WriteString("\n\n")
		b.WriteString(strings.TrimSpace(q.Draft.Text) + "\n")
		if len(q.Draft.Citations) > 0 {
			fmt.Fprintf(&b, "\n%s\n", t.Sources)
			for _, c := range q.Draft.Citations {
				fmt.Fprintf(&b, "%d. %s\n", c.N, fmt.Sprintf(t.Source, c.Paragraph, oneLine(c.Quote)))
			}
		}
	}
	list := func(heading, empty string, qs []Question) {
		fmt.Fprintf(&b, "\n## %s\n\n", heading)
		if len(qs) == 0 {
			b.WriteString(empty + "\n")
		}
		for _, q := range qs {
			fmt.Fprintf(&b, "- %s (%s)\n", oneLine(q.Text), t.tally(q))
		}
	}
	list(t.Uncovered, t.NoneUncovered, uncovered)
	list(t.Skipped, t.None, skipped)
	if len(waiting) > 0 {
		list(t.NotReached, "", waiting)
	}
	return b.String()
}

// tally is how many asked q and its votes.
func (t TranscriptText) tally(q Question) string {
	return t.Askers(len(q.Askers)) + " · " + t.Votes(q.Votes)
}

func stamp(t time.Time) string { return t.UTC().Format("2006-01-02 15:04 UTC") }

// oneLine keeps a member's text from breaking the Markdown structure: no
// new lines, and no leading characters that start a heading or list.
func oneLine(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	return strings.TrimLeft(s, "#>-*+ ")
}
