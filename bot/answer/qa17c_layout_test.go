package answer

import "testing"

// A list item's heading joined to the indented line under it: the heading
// alone had no marker and was dropped; joined, a plural name the passage
// lacks ("Americans", excused as a sentence's first word) is shown as the
// label of what the passage says Macron fears.
func TestQA17cJoinedLabelAttributes(t *testing.T) {
	raw := "Macron fears provoking China [1].\n- **Americans**\n  An office in Tokyo could provoke China [1]."
	streamGate(t, raw, len(raw), "Macron fears provoking China [1].\n- An office in Tokyo could provoke China [1].")
}

// An honest list item without a full stop, with a second sentence on an
// indented line under it: the two are joined into one and its markers
// moved to the end ("1. Macron fears provoking China Japan was invited
// [1] [2]."). Before, each line was shown with its own marker.
func TestQA17cJoinedListItemRunsOn(t *testing.T) {
	raw := "1. Macron fears provoking China [1]\n   Japan was invited [2]."
	streamGate(t, raw, len(raw), "1. Macron fears provoking China [1]\nJapan was invited [2].")
}

// A nested list written with en dashes (which ListItem does not read as
// items) under an item without a full stop: the first sub-item is run on
// to its parent, and the markers of both moved to the end.
func TestQA17cJoinedEnDashSubItem(t *testing.T) {
	raw := "- Macron fears provoking China [1]\n  – Japan was invited [2].\n  – NATO leaders gather in Washington D.C. [3]"
	streamGate(t, raw, len(raw), "- Macron fears provoking China [1]\n– Japan was invited [2].\n– NATO leaders gather in Washington D.C. [3].")
}

// An answer in lower case (members ask for it) with lines without full
// stops: every line is joined into one, an uncited opening line included,
// and the markers gathered at the end.
func TestQA17cJoinedLowerCaseLines(t *testing.T) {
	raw := "Here is what the article says\nmacron fears provoking china [1]\njapan was invited [2]"
	// The unfinished first line is taken to go on in the second, as a
	// sentence wrapped over lines is (TestQA17aGateWrappedSentenceIsNotShownHalf:
	// "Macron has never said that / an office in Tokyo could provoke
	// China [1]." must not show its second line alone), and is checked
	// with it; a line ending in a marker is whole, and is not run on.
	streamGate(t, raw, len(raw), "Here is what the article says macron fears provoking china [1]\njapan was invited [2]")
}
