package stats

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

// CSV writes the report as CSV with the columns section, item, count,
// detail: one row per summary figure, then one row per group or channel,
// in the order the report shows them. One row per group rather than per
// event, so that the export is the report a moderator saw, and never a
// dump of who asked what.
//
// Sections: summary (since, generated, kept_from when the question log
// was full and the period is cut (Report.From), asked, answered, refused,
// askers, thumbs_up, thumbs_down), mode, top (detail: the latest time asked),
// uncovered (detail: other wordings, " | " between them), disliked,
// channel. Times are RFC 3339 in UTC; since is "all" for all time.
//
// Cells that a spreadsheet would run as a formula (starting with = + - @,
// tab or carriage return) get a leading apostrophe: questions are typed by
// anyone, and the file is opened by a moderator.
func (r Report) CSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	row := func(section, item string, n int, detail string) {
		count := ""
		if n >= 0 {
			count = strconv.Itoa(n)
		}
		_ = cw.Write([]string{section, defuse(item), count, defuse(detail)}) // errors surface in cw.Error
	}
	_ = cw.Write([]string{"section", "item", "count", "detail"})
	since := "all"
	if !r.Since.IsZero() {
		since = r.Since.UTC().Format(time.RFC3339)
	}
	row("summary", "since", -1, since)
	row("summary", "generated", -1, stamp(r.Generated))
	if !r.From.IsZero() {
		row("summary", "kept_from", -1, stamp(r.From))
	}
	for _, f := range []struct {
		name string
		n    int
	}{{"asked", r.Asked}, {"answered", r.Answered}, {"refused", r.Refused}, {"askers", r.Askers}, {"thumbs_up", r.Up}, {"thumbs_down", r.Down}} {
		row("summary", f.name, f.n, "")
	}
	for _, m := range r.Modes {
		row("mode", m.Key, m.N, "")
	}
	for _, g := range r.Top {
		row("top", g.Question, g.Count, stamp(g.Last))
	}
	for _, g := range r.Uncovered {
		row("uncovered", g.Question, g.Count, strings.Join(g.Variants, " | "))
	}
	for _, g := range r.Disliked {
		row("disliked", g.Question, g.Count, "")
	}
	for _, c := range r.Channels {
		row("channel", c.Key, c.N, "")
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("stats: write csv: %w", err)
	}
	return nil
}

// defuse neutralises a cell a spreadsheet would evaluate.
func defuse(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

func stamp(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}
