package knowledge

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// ParseError says which file and line a briefing is malformed at, so that an
// operator (or a moderator uploading a file) can fix it at once.
type ParseError struct {
	Name string // file name or origin
	Line int    // 1-based; 0 when the problem is the file as a whole
	Msg  string
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

var idPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,63}$`)

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
//	---
//
//	First paragraph…
//
//	Second paragraph…
//
// Paragraphs are separated by blank lines; lines inside a paragraph are
// joined with a space. name is used in errors only.
func Parse(name string, data []byte) (Briefing, error) {
	fail := func(line int, format string, args ...any) (Briefing, error) {
		return Briefing{}, &ParseError{Name: name, Line: line, Msg: fmt.Sprintf(format, args...)}
	}
	if len(data) > MaxBriefingBytes {
		return fail(0, "file is %d bytes, more than the %d allowed", len(data), MaxBriefingBytes)
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")) // a BOM from Windows editors
	lines := strings.Split(strings.ReplaceAll(string(data), "\r\n", "\n"), "\n")
	for i, l := range lines {
		if !utf8.ValidString(l) {
			return fail(i+1, "invalid UTF-8")
		}
		for _, r := range l {
			if unicode.IsControl(r) && r != '\t' {
				return fail(i+1, "control character %U", r)
			}
		}
	}
	if len(lines) == 0 || strings.TrimSpace(lines[0]) != "---" {
		return fail(1, "missing front matter: the file must start with a line '---'")
	}
	b := Briefing{Origin: name}
	seen := map[string]int{}
	end := -1
	for i := 1; i < len(lines); i++ {
		l := strings.TrimSpace(lines[i])
		if l == "---" {
			end = i
			break
		}
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		key, val, ok := strings.Cut(l, ":")
		key, val = strings.TrimSpace(key), strings.TrimSpace(val)
		if !ok || key == "" {
			return fail(i+1, "front matter line is not 'key: value'")
		}
		if !frontKeys[key] {
			return fail(i+1, "unknown front matter key %q (known: id, title, title_note, date, dateline, source, topics)", key)
		}
		if prev, dup := seen[key]; dup {
			return fail(i+1, "front matter key %q repeated (first on line %d)", key, prev)
		}
		seen[key] = i + 1
		switch key {
		case "id":
			if !idPattern.MatchString(val) {
				return fail(i+1, "id %q must be lower-case letters, digits and '-', at most 64", val)
			}
			b.ID = val
		case "title":
			b.Title = val
		case "title_note":
			b.TitleNote = val
		case "date":
			if _, err := time.Parse(time.DateOnly, val); err != nil {
				return fail(i+1, "date %q is not YYYY-MM-DD", val)
			}
			b.Date = val
		case "dateline":
			b.Dateline = val
		case "source":
			b.Source = val
		case "topics":
			for _, t := range strings.Split(val, ";") {
				if t = strings.TrimSpace(t); t != "" {
					b.Topics = append(b.Topics, t)
				}
			}
		}
	}
	if end < 0 {
		return fail(1, "front matter is not closed by a line '---'")
	}
	for _, k := range []string{"id", "title", "date"} {
		if _, ok := seen[k]; !ok {
			return fail(end+1, "front matter lacks required key %q", k)
		}
	}
	var para []string
	flush := func() {
		if len(para) > 0 {
			b.Paragraphs = append(b.Paragraphs, strings.Join(para, " "))
			para = para[:0]
		}
	}
	for _, l := range lines[end+1:] {
		if t := strings.TrimSpace(l); t != "" {
			para = append(para, t)
		} else {
			flush()
		}
	}
	flush()
	if len(b.Paragraphs) == 0 {
		return fail(end+1, "briefing has no body text after the front matter")
	}
	return b, nil
}
