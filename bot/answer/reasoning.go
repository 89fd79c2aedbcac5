package answer

import (
	"regexp"
	"strings"
)

// reasoningTag is a reasoning model's opening or closing tag; what it
// encloses is its thinking, which is never an answer.
var (
	reasoningTag   = regexp.MustCompile(`(?i)<(/?)(?:think|thinking|reasoning)>`)
	reasoningClose = regexp.MustCompile(`(?i)</(?:think|thinking|reasoning)>`)
)

// reasoningTags are the tags reasoningTag matches, lower case, for
// recognising one that has only begun to arrive.
var reasoningTags = []string{"<think>", "<thinking>", "<reasoning>", "</think>", "</thinking>", "</reasoning>"}

// tagBytes bounds a tag's length in bytes, case folding included ("K",
// the Kelvin sign, matches 'k' under (?i) and takes three bytes).
const tagBytes = 3 * len("</reasoning>")

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
	if f.tail == "" && !f.open && strings.IndexByte(s, '<') < 0 {
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
		if loc[3] > loc[2] {
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

// partialTag returns where a trailing "<thi…" or "</thi…" that may yet be
// a tag begins in s, or len(s).
func partialTag(s string) int {
	i := strings.LastIndexByte(s, '<')
	if i < 0 || len(s)-i > len("</reasoning>") {
		return len(s)
	}
	tail := strings.ToLower(s[i:])
	for _, tag := range reasoningTags {
		if strings.HasPrefix(tag, tail) {
			return i
		}
	}
	return len(s)
}
