package knowledge

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
)

// ParseError says which file and line a briefing is malformed at, so that an
// operator (or a moderator uploading a file) can fix it at once.
type ParseError struct {
	Name string `json:"name"`           // file name or origin
	Line int    `json:"line,omitempty"` // 1-based; 0 when the problem is the file as a whole
	Msg  string `json:"msg"`
}

func (e *ParseError) Error() string {
	if e.Line == 0 {
		return fmt.Sprintf("%s: %s", e.Name, e.Msg)
	}
	return fmt.Sprintf("%s:%d: %s", e.Name, e.Line, e.Msg)
}

// MaxBriefingBytes bounds one briefing file; larger files are refused rather
// than indexed slowly.
const MaxBriefingBytes = 2 << 20

// MaxFrontMatterBytes bounds the front matter, checked before it reaches
// the YAML parser: real front matter is a few hundred bytes, and the
// parser's time grows with the square of deeply nested input ('[[[[…'), so
// a crafted 2 MB file would otherwise stall it for minutes.
const MaxFrontMatterBytes = 16 << 10

var idPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,63}$`)

// dateForm is a date's form, YYYY-MM-DD, whether or not it is a day.
var dateForm = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)

// headingPattern matches a Markdown (ATX) heading line, trimmed: one to
// six '#' then a space or nothing ("#1 priority" is text).
var headingPattern = regexp.MustCompile(`^#{1,6}(\s|$)`)

// frontKeys are the front-matter fields a briefing may carry; anything else
// is refused so that a typo ("tittle:") is not silently ignored.
var frontKeys = map[string]bool{
	"id": true, "title": true, "title_note": true, "date": true,
	"dateline": true, "source": true, "topics": true,
}

// Parse reads one briefing in Markdown with front matter:
//
//	---
//	id: nato-indo-pacific-2024
//	title: …
//	date: 2024-07-10
//	dateline: Beijing
//	source: …
//	topics: first topic; second topic
//	---
//
//	First paragraph…
//
//	Second paragraph…
//
// The front matter is a YAML mapping (see parseFrontMatter): quoted values
// lose their quotes, and topics may also be a YAML list. Paragraphs are
// separated by blank lines; lines inside a paragraph are joined with a
// space; a Markdown heading line ("## Background") is a paragraph of its
// own. name is used in errors only.
func Parse(name string, data []byte) (Briefing, error) {
	b, _, err := parse(name, data)
	return b, err
}

// parse is Parse that also returns the line of the briefing's id, for
// Build to name when another file has the same id.
func parse(name string, data []byte) (_ Briefing, idLine int, _ error) {
	fail := func(line int, format string, args ...any) (Briefing, int, error) {
		return Briefing{}, 0, &ParseError{Name: name, Line: line, Msg: fmt.Sprintf(format, args...)}
	}
	if len(data) > MaxBriefingBytes {
		return fail(0, "file is %d bytes, more than the %d allowed", len(data), MaxBriefingBytes)
	}
	if UTF16(data) {
		return fail(1, "the file is UTF-16: save it as UTF-8")
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")) // a BOM from Windows editors
	lines := strings.Split(strings.ReplaceAll(string(data), "\r\n", "\n"), "\n")
	for i, l := range lines {
		if !utf8.ValidString(l) {
			return fail(i+1, "invalid UTF-8")
		}
		if r, bad := controlChar(l); bad {
			return fail(i+1, "%s", charName(r))
		}
	}
	if len(lines) == 0 || strings.TrimSpace(lines[0]) != "---" {
		return fail(1, "missing front matter: the file must start with a line '---'")
	}
	end := -1
	for i := 1; i < len(lines); i++ {
		if strings.TrimSpace(lines[i]) == "---" {
			end = i
			break
		}
	}
	if end < 0 {
		return fail(1, "front matter is not closed by a line '---'")
	}
	if n := len(strings.Join(lines[1:end], "\n")); n > MaxFrontMatterBytes {
		return fail(1, "front matter is %d bytes, more than the %d allowed", n, MaxFrontMatterBytes)
	}
	b := Briefing{Origin: name}
	if err := parseFrontMatter(&b, &idLine, lines[1:end], 1); err != nil {
		err.Name = name
		return Briefing{}, 0, err
	}
	var para []string
	flush := func() {
		if len(para) > 0 {
			b.Paragraphs = append(b.Paragraphs, strings.Join(para, " "))
			para = para[:0]
		}
	}
	for _, l := range lines[end+1:] {
		t := strings.TrimSpace(l)
		switch {
		case t == "":
			flush()
		case headingPattern.MatchString(t):
			// A Markdown heading is a block of its own, even right above
			// or below text: joined, it would begin a paragraph's text.
			flush()
			para = append(para, t)
			flush()
		default:
			para = append(para, t)
		}
	}
	flush()
	if len(b.Paragraphs) == 0 {
		return fail(end+1, "briefing has no body text after the front matter")
	}
	if !slices.ContainsFunc(b.Paragraphs, func(p string) bool { return !headingPattern.MatchString(p) }) {
		// Headings alone answer nothing: every question would be refused
		// or "answered" with a heading.
		return fail(end+1, "briefing has only headings after the front matter, no paragraph of text")
	}
	return b, idLine, nil
}

// UTF16 reports whether data starts with a UTF-16 byte order mark, as
// text saved as "Unicode" by Windows' Notepad does: Parse refuses it by
// name rather than as invalid UTF-8.
func UTF16(data []byte) bool {
	return bytes.HasPrefix(data, []byte{0xff, 0xfe}) || bytes.HasPrefix(data, []byte{0xfe, 0xff})
}

// parseFrontMatter reads the YAML between the two '---' lines into b, and
// the id's line into idLine. lines are the front matter lines and offset
// the number of file lines before them, so that every error names the line
// in the file, not in the YAML.
//
// The front matter must be one mapping of the keys in frontKeys, each at
// most once. Every value is a string (a quoted one loses its quotes; a
// number, boolean or date is kept as written; null is empty), made one
// line (line breaks and runs of space become one space, a block scalar's
// included), except topics, which is either a string of topics separated
// by ';' or a list of strings, each topic made one line the same way.
func parseFrontMatter(b *Briefing, idLine *int, lines []string, offset int) *ParseError {
	closing := offset + len(lines) + 1 // the line of the closing '---'
	fail := func(line int, format string, args ...any) *ParseError {
		return &ParseError{Line: line, Msg: fmt.Sprintf(format, args...)}
	}
	// lineOf maps a YAML line to the file, kept inside the front matter:
	// the library can place an error at the end of its input.
	lineOf := func(yamlLine int) int {
		return min(max(yamlLine, 1), max(len(lines), 1)) + offset
	}
	at := func(n ast.Node, fallback int) int {
		if n == nil || n.GetToken() == nil {
			return fallback
		}
		return lineOf(n.GetToken().Position.Line)
	}
	// Duplicate keys are checked below, to name both lines.
	file, err := parser.ParseBytes([]byte(strings.Join(lines, "\n")), 0, parser.AllowDuplicateMapKey())
	if err != nil {
		var se *yaml.SyntaxError
		if errors.As(err, &se) {
			line := offset + 1
			if se.Token != nil {
				line = lineOf(se.Token.Position.Line)
			}
			return fail(line, "front matter is not valid YAML: %s", se.Message)
		}
		msg, _, _ := strings.Cut(err.Error(), "\n")
		return fail(offset+1, "front matter is not valid YAML: %s", msg)
	}
	var body ast.Node
	for _, d := range file.Docs {
		if d == nil || d.Body == nil {
			continue
		}
		if _, ok := d.Body.(*ast.CommentGroupNode); ok {
			continue
		}
		if body != nil {
			return fail(at(d.Body, offset+1), "front matter is more than one YAML document")
		}
		body = d.Body
	}
	var pairs []*ast.MappingValueNode
	switch n := body.(type) {
	case nil: // empty: the required keys are missing
	case *ast.MappingNode:
		pairs = n.Values
	case *ast.MappingValueNode:
		pairs = []*ast.MappingValueNode{n}
	default:
		return fail(at(body, offset+1), "front matter line is not 'key: value'")
	}
	anchors := collectAnchors(body)
	seen := map[string]int{}
	for _, kv := range pairs {
		line := at(kv.Key, offset+1)
		key, kind := scalarText(kv.Key)
		if _, merge := kv.Key.(*ast.MergeKeyNode); merge {
			key, kind = "<<", ""
		}
		if kind != "" || key == "" {
			return fail(line, "front matter line is not 'key: value'")
		}
		if !frontKeys[key] {
			return fail(line, "unknown front matter key %q (known: id, title, title_note, date, dateline, source, topics)", key)
		}
		if prev, dup := seen[key]; dup {
			return fail(line, "front matter key %q repeated (first on line %d)", key, prev)
		}
		seen[key] = line
		node, ok := anchors.resolve(kv.Value)
		if !ok {
			return fail(at(kv.Value, line), "%s: alias %s names no anchor before it", key, kv.Value)
		}
		if key == "topics" {
			topics, perr := topicList(node, anchors, func(n ast.Node) int { return at(n, line) })
			if perr != nil {
				return perr
			}
			b.Topics = topics
			continue
		}
		val, kind := scalarText(node)
		if kind != "" {
			return fail(at(node, line), "%s must be a string, not %s", key, kind)
		}
		if r, bad := controlChar(val); bad {
			// A quoted value's escapes ("\x00") reach here decoded.
			return fail(at(node, line), "%s holds %s", key, charName(r))
		}
		// Every value is one line: a block scalar ("title: |") keeps its
		// line breaks, which would break a Sources line, a list item or
		// an autocomplete choice wherever the value is shown.
		val = oneLine(val)
		switch key {
		case "id":
			if !idPattern.MatchString(val) {
				return fail(line, "id %q must be lower-case letters, digits and '-', at most 64", val)
			}
			b.ID, *idLine = val, line
		case "title":
			// Citations and /admin briefings name a briefing by its title.
			if val == "" {
				return fail(line, "title is empty")
			}
			b.Title = val
		case "title_note":
			b.TitleNote = val
		case "date":
			if _, err := time.Parse(time.DateOnly, val); err != nil {
				// "2024-02-30" has the form but is no day: say which.
				if dateForm.MatchString(val) {
					return fail(line, "date %q is no day of the calendar", val)
				}
				return fail(line, "date %q is not YYYY-MM-DD", val)
			}
			b.Date = val
		case "dateline":
			b.Dateline = val
		case "source":
			b.Source = val
		}
	}
	for _, k := range []string{"id", "title", "date"} {
		if _, ok := seen[k]; !ok {
			return fail(closing, "front matter lacks required key %q", k)
		}
	}
	return nil
}

// topicList reads topics: a string of topics separated by ';', or a list of
// strings, one topic each. Empty topics are dropped either way.
func topicList(n ast.Node, anchors anchorSet, lineOf func(ast.Node) int) ([]string, *ParseError) {
	var topics []string
	if seq, ok := n.(*ast.SequenceNode); ok {
		for _, item := range seq.Values {
			node, ok := anchors.resolve(item)
			if !ok {
				return nil, &ParseError{Line: lineOf(item), Msg: fmt.Sprintf("topics: alias %s names no anchor before it", item)}
			}
			t, kind := scalarText(node)
			if kind != "" {
				return nil, &ParseError{Line: lineOf(node), Msg: fmt.Sprintf("a topic must be a string, not %s", kind)}
			}
			if r, bad := controlChar(t); bad {
				return nil, &ParseError{Line: lineOf(node), Msg: "a topic holds " + charName(r)}
			}
			if t = oneLine(t); t != "" {
				topics = append(topics, t)
			}
		}
		return topics, nil
	}
	val, kind := scalarText(n)
	if kind != "" {
		return nil, &ParseError{Line: lineOf(n), Msg: fmt.Sprintf("topics must be a string or a list of strings, not %s", kind)}
	}
	if r, bad := controlChar(val); bad {
		return nil, &ParseError{Line: lineOf(n), Msg: "topics hold " + charName(r)}
	}
	for _, t := range strings.Split(val, ";") {
		if t = oneLine(t); t != "" {
			topics = append(topics, t)
		}
	}
	return topics, nil
}

// oneLine joins s's lines and collapses its runs of white space to one
// space, trimmed.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// controlChar finds a control character other than a line break or a tab,
// or a bidi control.
func controlChar(s string) (rune, bool) {
	for _, r := range s {
		if unicode.IsControl(r) && r != '\n' && r != '\t' || bidiControl(r) {
			return r, true
		}
	}
	return 0, false
}

// bidiControl reports whether r is one of Unicode's explicit bidirectional
// embeddings, overrides or isolates (U+202A–U+202E, U+2066–U+2069). Text
// after one is shown reordered — a title holding U+202E reads backwards in
// Sources and in /admin lists — so that what is shown is not what the
// text says (the "Trojan Source" trick). Right-to-left text needs none of
// them: the marks U+200E and U+200F are kept.
func bidiControl(r rune) bool {
	return r >= 0x202A && r <= 0x202E || r >= 0x2066 && r <= 0x2069
}

// charName names a character controlChar found, for an error message.
func charName(r rune) string {
	if bidiControl(r) {
		return fmt.Sprintf("bidi control character %U, which reorders how the text after it is shown", r)
	}
	return fmt.Sprintf("control character %U", r)
}

// scalarText returns the text of a scalar node, or, when n is not a scalar,
// a description of what it is ("a mapping", "a list") for an error message.
// Strings lose their quotes; numbers, booleans and the like are kept as
// written (id: 2024 is "2024"); null is "".
func scalarText(n ast.Node) (text, notScalar string) {
	switch v := n.(type) {
	case nil, *ast.NullNode:
		return "", ""
	case *ast.StringNode:
		return v.Value, ""
	case *ast.LiteralNode: // a block scalar, '|' or '>'
		if v.Value == nil {
			return "", ""
		}
		return v.Value.Value, ""
	case *ast.IntegerNode, *ast.FloatNode, *ast.BoolNode, *ast.InfinityNode, *ast.NanNode:
		return v.GetToken().Value, ""
	case *ast.MappingNode, *ast.MappingValueNode:
		return "", "a mapping"
	case *ast.SequenceNode:
		return "", "a list"
	default:
		return "", "a " + n.Type().String()
	}
}

// anchorSet holds the anchors ('&name') of a front matter in document
// order, so that an alias ('*name') resolves to the last one before it.
type anchorSet []*ast.AnchorNode

func collectAnchors(n ast.Node) anchorSet {
	var set anchorSet
	if n != nil {
		ast.Walk(anchorVisitor{&set}, n)
	}
	return set
}

type anchorVisitor struct{ set *anchorSet }

func (v anchorVisitor) Visit(n ast.Node) ast.Visitor {
	if a, ok := n.(*ast.AnchorNode); ok {
		*v.set = append(*v.set, a)
	}
	return v
}

// resolve strips tags and anchors from n and follows an alias to what its
// anchor marks; ok is false for an alias that names no earlier anchor. An
// alias is followed once per step and the steps are bounded, so a
// self-referencing anchor cannot loop.
func (s anchorSet) resolve(n ast.Node) (ast.Node, bool) {
	for range 8 {
		switch v := n.(type) {
		case *ast.TagNode:
			n = v.Value
		case *ast.AnchorNode:
			n = v.Value
		case *ast.AliasNode:
			var target ast.Node
			if v.Value != nil && v.GetToken() != nil {
				name, pos := v.Value.GetToken().Value, v.GetToken().Position.Offset
				for _, a := range s {
					if a.Name != nil && a.Name.GetToken().Value == name && a.GetToken().Position.Offset < pos {
						target = a.Value
					}
				}
			}
			if target == nil {
				return n, false
			}
			n = target
		default:
			return n, true
		}
	}
	return n, true
}
