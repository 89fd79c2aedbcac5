package cite

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/briefbot/briefbot/knowledge"
)

// blindSets are model-style answers to members' questions, written by
// helpers who saw only the briefing's numbered paragraphs (never this
// code): honest ones, every claim cited to a paragraph that supports it,
// and wrong ones ("kind": "bad"). testdata/blind/README.md says which
// were used to choose the checker's rules and which were not.
//
// The figures are floors and ceilings as the checker stands: a change
// that drops more honest sentences, or lets more wrong ones through,
// fails here and must be weighed — this is a regression guard, not a
// claim of quality (the README's Quality section reports the sets).
var blindSets = []struct {
	file             string
	honestKept, bads int // at least honestKept honest sentences kept; at most bads wrong ones kept
}{
	{"answers1.jsonl", 116, 7},
	{"answers2.jsonl", 127, 6},
	{"answers3.jsonl", 147, 7},
	{"answers4.jsonl", 161, 8},
	{"answers5.jsonl", 143, 7},
	{"answers6.jsonl", 188, 8},
	{"answers7.jsonl", 213, 6},
	{"answers8.jsonl", 296, 6},
	{"answers9.jsonl", 186, 13},
	{"answers10.jsonl", 173, 12},
	{"answers11.jsonl", 198, 14},
}

func TestBlindAnswers(t *testing.T) {
	data, err := os.ReadFile("../../knowledge/briefings/nato-indo-pacific-2024.md")
	if err != nil {
		t.Fatal(err)
	}
	b, err := knowledge.Parse("nato-indo-pacific-2024.md", data)
	if err != nil {
		t.Fatal(err)
	}
	c := Checker{Passage: func(n int) (string, bool) {
		if n < 1 || n > len(b.Paragraphs) {
			return "", false
		}
		return b.Paragraphs[n-1], true
	}}
	for _, set := range blindSets {
		honest, honestKept, bad, badKept := 0, 0, 0, 0
		for _, a := range readAnswers(t, filepath.Join("testdata", "blind", set.file)) {
			for _, r := range c.CheckText(a.Answer) {
				if r.Body == "" || r.Body == "NOT_IN_BRIEFING" {
					// The refusal sentinel is no sentence: the gate takes
					// it for the model refusing (prompts.Refusal).
					continue
				}
				// As the stream gate keeps a sentence: a valid marker and
				// nothing missing (a bad marker beside a valid one is dropped,
				// not the sentence).
				kept := r.Shown()
				if a.Kind == "bad" {
					bad++
					if kept {
						badKept++
						t.Logf("%s: wrong sentence kept: %q", a.ID, r.Body)
					}
					continue
				}
				honest++
				if kept {
					honestKept++
				} else {
					t.Logf("%s: honest sentence dropped: %q (missing %q, reason %d)", a.ID, r.Body, r.Missing, r.Reason)
				}
			}
		}
		t.Logf("%s: honest sentences kept %d of %d, wrong ones kept %d of %d", set.file, honestKept, honest, badKept, bad)
		if honestKept < set.honestKept || badKept > set.bads {
			t.Errorf("%s: honest kept %d (floor %d), wrong kept %d (ceiling %d)", set.file, honestKept, set.honestKept, badKept, set.bads)
		}
	}
}

type blindAnswer struct {
	ID, Answer, Kind string
}

func readAnswers(t *testing.T, path string) []blindAnswer {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []blindAnswer
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for line := 1; sc.Scan(); line++ {
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var a blindAnswer
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			t.Fatalf("%s:%d: %v", path, line, err)
		}
		out = append(out, a)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}
