package main

import (
	"encoding/json"
	"strings"
	"testing"
)

// `bot ask "QUESTION" --json`, the flag after the question as many
// commands take it: --json was read as a word of the question, and a
// script piping the output to a JSON reader got the text answer. The
// flag counts wherever it stands before a "--"; after one it is a word
// of the question.
func TestAskJSONFlagAfterTheQuestion(t *testing.T) {
	for _, args := range [][]string{
		{"ask", "Who won the 2022 FIFA World Cup?", "--json"},
		{"ask", "Who", "won", "the", "2022", "FIFA", "World", "Cup?", "-json"},
		{"ask", "Who won the 2022", "--json", "FIFA World Cup?"},
	} {
		code, out, errs := runBot(t, nil, args...)
		var a askedJSON
		if code != exitOK || json.Unmarshal([]byte(out), &a) != nil {
			t.Errorf("%q: exit %d, stdout not JSON:\n%s\n%s", args, code, out, errs)
			continue
		}
		if !a.Refused {
			t.Errorf("%q: %+v", args, a)
		}
	}
	// After "--", --json is the question's.
	for _, args := range [][]string{{"ask", "--", "--json"}, {"ask", "Who won the 2022 FIFA World Cup?", "--", "--json"}} {
		code, out, _ := runBot(t, nil, args...)
		if code != exitOK || strings.HasPrefix(out, "{") {
			t.Errorf("%q: exit %d, want the text answer:\n%s", args, code, out)
		}
	}
}
