package session

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
)

// Transcript renders the session as Markdown: its title, briefing and
// times; every answered question with how many asked it, its votes, the
// posted answer and its sources (paragraph and verbatim quote); the
// questions the briefing did not cover (refused answers); the skipped
// ones; and those still waiting when the transcript was made. Member ids
// are left out: a transcript is shared beyond the thread; so are
// questions their askers withdrew (deleted).
func (s *Store) Transcript(ctx context.Context, threadID string) (string, error) {
	sess, err := s.Get(ctx, threadID)
	if err != nil {
		return "", err
	}
	qs, err := s.Questions(ctx, threadID)
	if err != nil {
		return "", err
	}
	qs = slices.DeleteFunc(qs, func(q Question) bool { return q.Status == StatusWithdrawn })
	return s.render(sess, qs), nil
}

func (s *Store) render(sess Session, qs []Question) string {
	var b strings.Builder
	title := sess.Title
	if title == "" {
		title = "Q&A session"
	}
	fmt.Fprintf(&b, "# %s\n\n", oneLine(title))
	brief := "`" + sess.BriefingID + "`"
	if s.briefing != nil {
		if br, ok := s.briefing(sess.BriefingID); ok {
			brief = fmt.Sprintf("*%s* (%s) `%s`", oneLine(br.Title), br.Date, br.ID)
		}
	}
	fmt.Fprintf(&b, "- Briefing: %s\n", brief)
	fmt.Fprintf(&b, "- Started: %s\n", stamp(sess.StartedAt))
	if sess.Ended() {
		fmt.Fprintf(&b, "- Ended: %s\n", stamp(sess.EndedAt))
	}
	if sess.Approve {
		b.WriteString("- Answers were approved by an educator before posting.\n")
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
	fmt.Fprintf(&b, "- Questions: %d (%d answered, %d not covered by the briefing, %d skipped, %d unanswered)\n",
		len(qs), len(answered), len(uncovered), len(skipped), len(waiting))

	b.WriteString("\n## Answered\n")
	if len(answered) == 0 {
		b.WriteString("\nNone.\n")
	}
	for i, q := range answered {
		fmt.Fprintf(&b, "\n### %d. %s\n\n*%s*", i+1, oneLine(q.Text), tally(q))
		if q.Edited {
			b.WriteString(" · *answer edited by the educator*")
		}
		b.WriteString("\n\n")
		b.WriteString(strings.TrimSpace(q.Draft.Text) + "\n")
		if len(q.Draft.Citations) > 0 {
			b.WriteString("\nSources:\n")
			for _, c := range q.Draft.Citations {
				fmt.Fprintf(&b, "%d. paragraph %d: “%s”\n", c.N, c.Paragraph, oneLine(c.Quote))
			}
		}
	}
	list := func(heading, empty string, qs []Question) {
		fmt.Fprintf(&b, "\n## %s\n\n", heading)
		if len(qs) == 0 {
			b.WriteString(empty + "\n")
		}
		for _, q := range qs {
			fmt.Fprintf(&b, "- %s (%s)\n", oneLine(q.Text), tally(q))
		}
	}
	list("Not covered by the briefing", "None: the briefing covered every question put to it.", uncovered)
	list("Skipped", "None.", skipped)
	if len(waiting) > 0 {
		list("Not reached", "", waiting)
	}
	return b.String()
}

func tally(q Question) string {
	return plural(len(q.Askers), "asker") + " · " + plural(q.Votes, "vote")
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

func stamp(t time.Time) string { return t.UTC().Format("2006-01-02 15:04 UTC") }

// oneLine keeps a member's text from breaking the Markdown structure: no
// new lines, and no leading characters that start a heading or list.
func oneLine(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	return strings.TrimLeft(s, "#>-*+ ")
}
