package knowledge

import (
	"strings"

	"golang.org/x/text/unicode/norm"
)

// asciiFold maps typographic punctuation to the ASCII people type, so that
// "Lin Jian’s" and "Lin Jian's" compare equal.
var asciiFold = strings.NewReplacer(
	"‘", "'", "’", "'", "‚", "'", "‛", "'", "′", "'",
	"“", `"`, "”", `"`, "„", `"`, "‟", `"`, "″", `"`,
	"‐", "-", "‑", "-", "‒", "-", "–", "-", "—", "-", "―", "-", "−", "-",
	"…", "...", "\u00a0", " ",
)

// Normalize puts text in the canonical form used to compare passages with
// gold spans and questions with each other: NFKC, curly quotes and dashes to
// ASCII, lower case, runs of white space collapsed to one space.
func Normalize(s string) string {
	s = asciiFold.Replace(norm.NFKC.String(s))
	return strings.Join(strings.Fields(strings.ToLower(s)), " ")
}
