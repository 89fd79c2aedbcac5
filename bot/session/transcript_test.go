package session

import (
	"fmt"
	"reflect"
	"regexp"
	"strings"
	"testing"
)

// spanish is a transcript's text in another language, as the Discord
// adapter builds one from its catalogue.
var spanish = TranscriptText{
	Untitled:      "Sesión de preguntas",
	Briefing:      "Informe: %s",
	Started:       "Inicio: %s",
	Ended:         "Fin: %s",
	Approved:      "Un educador aprobó las respuestas antes de publicarlas.",
	Questions:     "Preguntas: %d (respondidas: %d, sin cobertura en el informe: %d, omitidas: %d, sin responder: %d)",
	Answered:      "Respondidas",
	Uncovered:     "Sin cobertura en el informe",
	Skipped:       "Omitidas",
	NotReached:    "Sin tratar",
	None:          "Ninguna.",
	NoneUncovered: "Ninguna: el informe cubría todas las preguntas que se le hicieron.",
	Edited:        "respuesta editada por el educador",
	Sources:       "Fuentes:",
	Source:        "párrafo %d: «%s»",
	Askers:        func(n int) string { return esPlural(n, "hecha por %d persona", "hecha por %d personas") },
	Votes:         func(n int) string { return esPlural(n, "%d voto", "%d votos") },
}

func esPlural(n int, one, many string) string {
	if n == 1 {
		return fmt.Sprintf(one, n)
	}
	return fmt.Sprintf(many, n)
}

// englishFragments are the pieces of every fixed English text, less
// their fmt verbs and punctuation: none may be left in a transcript in
// another language.
func englishFragments(t *testing.T) []string {
	t.Helper()
	var out []string
	v := reflect.ValueOf(EnglishTranscript)
	for i := range v.NumField() {
		f := v.Field(i)
		if f.Kind() != reflect.String {
			continue
		}
		for _, piece := range regexp.MustCompile(`%[a-z]|[“”:.()]`).Split(f.String(), -1) {
			if piece = strings.TrimSpace(piece); len(piece) >= 4 {
				out = append(out, piece)
			}
		}
	}
	if len(out) < 15 {
		t.Fatalf("only %d English fragments: %q", len(out), out)
	}
	return append(out, "asker", "vote", "None")
}

// A transcript in another language has its text throughout: the labels,
// the count line, every heading, the empty sections, the edit mark, the
// sources, the tallies with their singular and plural. The member's
// questions, the answers and the quotes stay as they are, and so do the
// UTC stamps.
func TestTranscriptInAnotherLanguage(t *testing.T) {
	e := goldenSession(t)
	full := must[string](t)(e.restarted(t).Transcript(ctx, "t", spanish))

	// A session without a title, ended before any question: the empty
	// sections.
	must[Session](t)(e.s.Start(ctx, "g", "t2", "", "nato-indo-pacific-2024", false, "edu"))
	must[Session](t)(endOf(e.s.End(ctx, "t2")))
	empty := must[string](t)(e.s.Transcript(ctx, "t2", spanish))

	for _, md := range []string{full, empty} {
		for _, en := range englishFragments(t) {
			if strings.Contains(md, en) {
				t.Errorf("the Spanish transcript has the English %q:\n%s", en, md)
			}
		}
	}
	for _, want := range []string{
		"# NATO in Asia: live Q&A\n\n",
		"- Informe: *NATO's push into the Indo-Pacific meets scepticism in Asia* (2024-07-10) `nato-indo-pacific-2024`\n",
		"- Inicio: 2024-07-11 14:01 UTC\n- Fin: 2024-07-11 14:11 UTC\n",
		"- Un educador aprobó las respuestas antes de publicarlas.\n",
		"- Preguntas: 6 (respondidas: 2, sin cobertura en el informe: 2, omitidas: 1, sin responder: 1)\n",
		"\n## Respondidas\n\n### 1. Why does France oppose a NATO office in Tokyo?\n\n*hecha por 2 personas · 2 votos* · *respuesta editada por el educador*\n",
		"\nFuentes:\n1. párrafo 11: «French President Emmanuel Macron has expressed concerns",
		"### 2. Who is in the Quad?\n\n*hecha por 1 persona · 1 voto*\n",
		"\n## Sin cobertura en el informe\n\n- Who won the 2022 FIFA World Cup? (hecha por 1 persona · 3 votos)\n",
		"\n## Omitidas\n\n- What is AUKUS? (hecha por 1 persona · 1 voto)\n",
		"\n## Sin tratar\n\n- What does China think of NATO in Asia? (hecha por 1 persona · 1 voto)\n",
	} {
		if !strings.Contains(full, want) {
			t.Errorf("the Spanish transcript lacks %q:\n%s", want, full)
		}
	}
	for _, want := range []string{
		"# Sesión de preguntas\n\n",
		"- Preguntas: 0 (respondidas: 0, sin cobertura en el informe: 0, omitidas: 0, sin responder: 0)\n",
		"\n## Respondidas\n\nNinguna.\n",
		"\n## Sin cobertura en el informe\n\nNinguna: el informe cubría todas las preguntas que se le hicieron.\n",
		"\n## Omitidas\n\nNinguna.\n",
	} {
		if !strings.Contains(empty, want) {
			t.Errorf("the empty Spanish transcript lacks %q:\n%s", want, empty)
		}
	}
	if strings.Contains(empty, "Sin tratar") || strings.Contains(empty, "Un educador") {
		t.Errorf("the empty transcript has a Not reached section or the approval line:\n%s", empty)
	}
}
