package answer

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// reasoningTag is a reasoning model's opening or closing tag; what it
// encloses is its thinking, which is never an answer. Models and their
// servers spell it in several ways: "<think>", "<thinking>",
// "<reasoning>", "<thought>", with a namespace ("<seed:think>"), with
// spaces ("<think >"), as special tokens ("<|thinking|>", "◁think▷").
// Its slash is in one of the groups 1–3.
var (
	reasoningTag   = regexp.MustCompile(`(?i)<\s*(/?)\s*(?:[a-z0-9_-]{1,16}:)?(?:think|thinking|thought|thoughts|reasoning)\s*>|<\|(/?)(?:think|thinking|reasoning)\|>|◁(/?)think▷`)
	reasoningClose = regexp.MustCompile(`(?i)<\s*/\s*(?:[a-z0-9_-]{1,16}:)?(?:think|thinking|thought|thoughts|reasoning)\s*>|<\|/(?:think|thinking|reasoning)\|>|◁/think▷`)
	// tagStart is what may yet become a reasoningTag as more text comes.
	tagStart = regexp.MustCompile(`(?i)^(?:<\s*/?\s*[a-z0-9_:-]*\s*|<\|/?[a-z]*\|?|◁/?[a-z]*)$`)
)

// tagBytes bounds a tag's length in bytes, case folding included ("K",
// the Kelvin sign, matches 'k' under (?i) and takes three bytes).
const tagBytes = 3 * 40

// visible is the part of a model's text that may be judged: reasoning
// blocks removed; an unclosed one cut off with everything after it;
// everything up to and including a closing tag with no opening one (a
// provider stripped the opening tag: "reasoning … </think> The answer")
// removed too; and, while the text is still arriving (final false), a
// trailing "<thi…" or "</thi…" that may yet be a tag held back.
//
// closed says a closing tag came; stray, that one came with no opening
// one. The text only grows as raw grows, but for a stray closing tag,
// which turns all before it into reasoning.
func visible(raw string, final bool) (s string, closed, stray bool) {
	var f tagFilter
	f.feed(raw)
	if final {
		f.finish()
	}
	return f.out.String(), f.closed, f.stray
}

// Visible is a model's whole reply with its reasoning removed, as visible
// reads it: for callers other than answers (the questions doc2query asks
// for) that must not take a model's thinking for its reply.
func Visible(reply string) string {
	s, _, _ := visible(reply, true)
	return s
}

// tagFilter is visible read as the text arrives: each piece fed is read
// once, whatever came before it, so a long reply streamed in small
// pieces costs what it is long, not its square.
type tagFilter struct {
	out strings.Builder // the visible text so far
	// tail is text not yet placed: the start of what may be a tag, or,
	// inside a block, its last bytes, where its closing tag may begin.
	tail          string
	open          bool // inside a reasoning block
	closed, stray bool // as visible says
	resets        int  // stray closing tags, each withdrawing out
}

// feed reads the next piece of the text.
func (f *tagFilter) feed(s string) {
	if f.tail == "" && !f.open && !strings.ContainsAny(s, "<◁") && incomplete(s) == len(s) {
		f.out.WriteString(s) // no tag at all: the usual case, and on every delta
		return
	}
	f.tail += s
	for {
		if f.open {
			// The block ends at the first closing tag ("<think>…<think>…</think>").
			end := reasoningClose.FindStringIndex(f.tail)
			if end == nil {
				if len(f.tail) > tagBytes {
					f.tail = f.tail[len(f.tail)-tagBytes:]
				}
				return
			}
			f.open, f.closed = false, true
			f.tail = f.tail[end[1]:]
			continue
		}
		loc := reasoningTag.FindStringSubmatchIndex(f.tail)
		if loc == nil {
			i := partialTag(f.tail)
			f.out.WriteString(f.tail[:i])
			f.tail = f.tail[i:]
			return
		}
		if loc[3] > loc[2] || loc[5] > loc[4] || loc[7] > loc[6] {
			// A closing tag with no opening one: all before it was
			// reasoning.
			f.closed, f.stray = true, true
			f.out.Reset()
			f.resets++
		} else {
			f.out.WriteString(f.tail[:loc[0]])
			f.open = true
		}
		f.tail = f.tail[loc[1]:]
	}
}

// finish ends the text: what was held back as a possible tag is text
// after all, and an unclosed block is thinking to the end.
func (f *tagFilter) finish() {
	if !f.open {
		f.out.WriteString(f.tail)
	}
	f.tail = ""
}

// partialTag returns where a trailing "<thi…", "</seed:th…" or "◁thi…"
// that may yet be a tag begins in s, or len(s).
//
// A character cut in two at the end is held back too: it may be a "◁",
// and half a character is none to show (a server may split a stream's
// text anywhere).
func partialTag(s string) int {
	end := incomplete(s)
	i := strings.LastIndexAny(s[:end], "<◁")
	if i >= 0 && len(s)-i <= 40 && tagStart.MatchString(s[i:end]) {
		return i
	}
	return end
}

// incomplete returns where a character cut off at the end of s begins,
// or len(s) when s ends whole.
func incomplete(s string) int {
	for i := len(s) - 1; i >= 0 && i >= len(s)-utf8.UTFMax; i-- {
		if utf8.RuneStart(s[i]) {
			if !utf8.FullRuneInString(s[i:]) {
				return i
			}
			break
		}
	}
	return len(s)
}
