package answer

import (
	"fmt"
	"testing"
)

// QA session 16: the Reader decides a lead-in with its first item, but
// the gate then drops that item (said already): the lead-in is shown with
// nothing under it. "In short:" is checked against nothing of its own.
func TestQA16GateLeadInShownWhenItsItemIsARepeat(t *testing.T) {
	raw := "Macron fears provoking China [1].\n\nIn short:\n- Macron fears provoking China [1]."
	want := "Macron fears provoking China [1]."
	for _, size := range []int{1, 2, 5, 16, len(raw)} {
		streamGate(t, raw, size, want)
	}
}

// QA session 16: a lead-in with a marker of its own is shown alone,
// though no item under it passes: at the text's end, over a code block,
// over items that are all dropped, before the refusal sentinel, over a
// lead-in of its own. A list's lead-in is never to be shown without an
// item after it.
func TestQA16GateCitingLeadInShownWithoutItems(t *testing.T) {
	for _, raw := range []string{
		"Macron's concerns [1]:",
		"Macron's concerns [1]:\n- provoking India [1]\n- provoking Russia [1]",
		"Macron's concerns [1]:\n```\nrm -rf / [1]\n```",
		"Per Macron [1]:\n- @everyone provoking China\n- <@123> provoking China\n- https://evil.example China",
		"Per Macron [1]:\nNOT_IN_BRIEFING",
		"Per Macron [1]:\n- Per Japan:\n- provoking India",
	} {
		t.Run(fmt.Sprintf("%.30q", raw), func(t *testing.T) {
			for _, size := range []int{1, 5, len(raw)} {
				streamGate(t, raw, size, "")
			}
		})
	}
}

// QA session 16: a numbered list is numbered anew from 1, and a bullet
// (a nested point under an item, as models write) resets the count: the
// second item is shown as "1." again, two lists where the model wrote one.
func TestQA16GateNumbersAcrossNestedBullets(t *testing.T) {
	raw := "Macron's concerns:\n" +
		"1. An office in Tokyo could provoke China [1].\n" +
		"   - He fears Beijing's reaction [1].\n" +
		"2. It could complicate European efforts with Beijing [1]."
	want := "Macron's concerns:\n" +
		"1. An office in Tokyo could provoke China [1].\n" +
		"- He fears Beijing's reaction [1].\n" +
		"2. It could complicate European efforts with Beijing [1]."
	for _, size := range []int{1, 5, len(raw)} {
		streamGate(t, raw, size, want)
	}
}

// QA session 16: a count word is met by any list of that many in the
// passage cited. Passage [2] lists the Quad's four members and AUKUS's
// three: "AUKUS has four members" and "the Quad has three members" are
// both shown, both wrong.
func TestQA16GateCountOfTheWrongList(t *testing.T) {
	for _, raw := range []string{
		"The AUKUS partnership has four members [2].",
		"The Quad has three members [2].",
	} {
		for _, size := range []int{1, len(raw)} {
			streamGate(t, raw, size, "")
		}
	}
}
