package discord

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
)

// QA 17a: what a member sees of a model that wraps a sentence over two
// lines ("Macron has never said that\nan office in Tokyo could provoke
// China [n]."): the first line, with no marker, is dropped; the second is
// streamed and posted as a sentence of its own, "an office in Tokyo could
// provoke China [1].", which says the opposite of the model's sentence.
// No edit should show the end of a sentence without its start.
func TestQA17aStreamedWrappedSentenceNotShownHalf(t *testing.T) {
	t.Parallel()
	h := startStreaming(t, func(n int) []string {
		return []string{
			fmt.Sprintf("France has been a vocal critic of NATO’s Asian pivot [%d]. ", n),
			"Macron has never said that\n", "an office in Tokyo could ", fmt.Sprintf("provoke China [%d].", n),
		}
	})
	i := h.ask(franceQ, false)
	m := h.waitFinal(i)
	if !strings.Contains(m.Content, "vocal critic of NATO’s Asian pivot [1]") {
		t.Fatalf("control: final answer lacks its first sentence:\n%s", m.Content)
	}
	for _, r := range h.srv.Requests() {
		if r.Method != http.MethodPatch || !strings.Contains(r.Path, i.Token) {
			continue
		}
		if b := string(r.Body); strings.Contains(b, "an office in Tokyo could provoke China") && !strings.Contains(b, "never said") {
			t.Errorf("an edit shows the second half of a sentence as one:\n%s", b)
		}
	}
}
