package answer

import (
	"bufio"
	"encoding/json"
	"os"
	"strings"
	"testing"
)

// TestLanguageGuessOnTheTuningSets: every question of the tuning sets is
// taken for English exactly when it is in English, and the questions that
// say their language (foreign-tune.jsonl) are told in it. A question in
// another language taken for English is told "the briefing doesn't say";
// an English one taken for another language is told to ask in English.
func TestLanguageGuessOnTheTuningSets(t *testing.T) {
	for _, name := range append(tuneFiles, "../../knowledge/testdata/blind/foreign-tune.jsonl") {
		f, err := os.Open(name)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			var q struct{ ID, Question, Kind, Lang string }
			if err := json.Unmarshal(sc.Bytes(), &q); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			c, _, err := CleanQuestion(q.Question)
			if err != nil {
				continue
			}
			// Kinds name a question's style, not its language: other
			// languages are "foreign" and "foreign-refuse", or carry a
			// lang; the tuning half's few others are told by their id
			// (its "d-" writer mixed languages) and checked below.
			english := !strings.HasPrefix(q.Kind, "foreign") && (q.Lang == "" || q.Lang == "en") && !mixedTuneIDs[q.ID]
			if got := isEnglish(c); got != english {
				t.Errorf("%s %s: isEnglish(%q) = %v", name, q.ID, c, got)
			}
			if q.Lang != "" && language(c) != q.Lang {
				t.Errorf("%s %s: language(%q) = %q, want %q", name, q.ID, c, language(c), q.Lang)
			}
		}
		f.Close()
	}
}

// mixedTuneIDs are tune.jsonl's questions in other languages whose kind
// says something else (an overview, a question to refuse).
var mixedTuneIDs = map[string]bool{"d-27": true, "d-45": true, "d-47": true, "d-55": true, "d-57": true}

// German asked plainly: its capitalised nouns and "es" are German too
// ("Worum geht es hier?" was told in Spanish; "Was ist die
// Zusammenfassung?" was taken for English).
func TestLanguageGerman(t *testing.T) {
	for _, q := range []string{"Worum geht es hier?", "Was ist die Zusammenfassung?", "Wie geht es weiter mit dem Büro?"} {
		if isEnglish(q) || language(q) != "de" {
			t.Errorf("%q: isEnglish %v, language %q; want German", q, isEnglish(q), language(q))
		}
	}
}
