package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"

	openai "github.com/sashabaranov/go-openai"

	"github.com/briefbot/briefbot/bot/llm/llmtest"
	"github.com/briefbot/briefbot/prompts"
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

// A question file saved as UTF-16 (PowerShell's `>` and Notepad's
// "Unicode" write it, with a byte order mark) was refused with
// "invalid character 'ÿ' looking for beginning of value": it says the
// file is UTF-16 and to save it as UTF-8.
func TestEvalQuestionFileInUTF16(t *testing.T) {
	line := `{"id":"a","question":"Who is Lin Jian?","gold":["Lin Jian"],"answerable":true}` + "\r\n"
	for name, bom := range map[string][]byte{"le.jsonl": {0xFF, 0xFE}, "be.jsonl": {0xFE, 0xFF}} {
		b := slices.Clone(bom)
		for _, r := range line {
			if name == "le.jsonl" {
				b = append(b, byte(r), 0)
			} else {
				b = append(b, 0, byte(r))
			}
		}
		f := filepath.Join(t.TempDir(), name)
		os.WriteFile(f, b, 0o644)
		code, _, errs := runBot(t, nil, "eval", "--questions", f)
		if code != exitFail || !strings.Contains(errs, name+":1: the file is UTF-16") || !strings.Contains(errs, "UTF-8") {
			t.Errorf("%s: exit %d, stderr %q", name, code, errs)
		}
	}
}

// The text reports of bot eval print the questions that missed by their
// id and text, and the breakdown by kind, as the question file has them:
// a question with terminal escape codes (a set testing hostile input)
// cleared the screen over the report, or retitled the terminal, and a
// newline in one broke its line in two. They are shown quoted, escapes
// visible.
func TestEvalTextReportsShowControlCharactersQuoted(t *testing.T) {
	f := filepath.Join(t.TempDir(), "hostile.jsonl")
	os.WriteFile(f, []byte(`{"id":"x\u001b[31m","kind":"k\u001b[5m","question":"Who won the \u001b[2J 2022 FIFA\nWorld Cup?","gold":["Macron"],"answerable":true}`+"\n"+
		`{"id":"b","question":"Who won the world cup?","answerable":false}`+"\n"), 0o644)
	for _, args := range [][]string{{"eval", "--questions", f}, {"eval", "--answers", "--questions", f}} {
		code, out, errs := runBot(t, nil, args...)
		if code != exitOK {
			t.Fatalf("%q: exit %d: %s", args, code, errs)
		}
		if strings.ContainsAny(out, "\x1b") || !strings.Contains(out, `"Who won the \x1b[2J 2022 FIFA\nWorld Cup?"`) || !strings.Contains(out, `"k\x1b[5m"`) {
			t.Errorf("%q: want the control characters quoted:\n%s", args, out)
		}
	}
}

// bot eval run the wrong way printed its synopsis alone, exit 2, not
// what was wrong: the question file given without --questions, a word
// left over after the flags, or no file at all.
func TestEvalUsageErrorsSayWhatIsWrong(t *testing.T) {
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"eval"}, "bot eval: no question file: give it with --questions FILE"},
		{[]string{"eval", "q.jsonl"}, `bot eval: no question file: give it with --questions FILE (not "q.jsonl" alone)`},
		{[]string{"eval", "--questions", "q.jsonl", "extra"}, `bot eval: unexpected argument "extra"`},
		{[]string{"eval", "--questions", "q.jsonl", "x", "--json"}, `bot eval: unexpected arguments "x" "--json": flags come before them`},
	} {
		code, out, errs := runBot(t, nil, tt.args...)
		if code != exitUsage || out != "" || !strings.Contains(errs, tt.want) || !strings.Contains(errs, "usage: bot eval") {
			t.Errorf("%q: exit %d, stderr %q; want 2 and %q", tt.args, code, errs, tt.want)
		}
	}
}

// failingWriter is an output that cannot be written: a full disk
// (> /dev/full), a closed descriptor.
type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, syscall.ENOSPC }

// bot ask's text answer and bot index's version line, written to an
// output that cannot take them, exited 0 with nothing written, as if
// they had been (bot ask --json and bot eval said so and exited 1). They
// say so too now, and exit 1.
func TestOutputThatCannotBeWrittenFails(t *testing.T) {
	for _, args := range [][]string{
		{"ask", "Who is Lin Jian?"},
		{"ask", "--json", "Who is Lin Jian?"},
		{"index"},
	} {
		var errb bytes.Buffer
		code := run(context.Background(), args, func(string) string { return "" }, failingWriter{}, &errb)
		if code != exitFail || !strings.Contains(errb.String(), "no space left on device") {
			t.Errorf("%q: exit %d, stderr %q; want 1 and the write error", args, code, errb.String())
		}
	}
}

// A share with nothing to count (hit@k and answered of a kind with no
// answerable question, refused of one with no unanswerable question)
// was printed 0.000 in the text reports, as if every such question had
// failed: "near-refuse n=25 hit@1 0.000 … answered 0.000", "casual …
// refused 0.000". It is printed "-" now; the JSON keeps its numbers.
func TestEvalTextReportsShowSharesOfNothingAsDashes(t *testing.T) {
	f := filepath.Join(t.TempDir(), "kinds.jsonl")
	os.WriteFile(f, []byte(`{"id":"a","kind":"onlyanswerable","question":"Who is Lin Jian?","gold":["Lin Jian"],"answerable":true}`+"\n"+
		`{"id":"b","kind":"onlyrefuse","question":"Who won the 2022 FIFA World Cup?","answerable":false}`+"\n"), 0o644)
	want := map[string][]string{
		"eval": {
			"  onlyanswerable n=1    hit@1 1.000  hit@3 1.000  hit@5 1.000  MRR 1.000  answered 1.000  refused -\n",
			"  onlyrefuse   n=1    hit@1 -      hit@3 -      hit@5 -      MRR -      answered -      refused 1.000\n",
		},
		"answers": {
			"onlyanswerable n=1    answered 1.000  gold cited 1.000  refused -      invalid markers 0",
			"onlyrefuse   n=1    answered -      gold cited -      refused 1.000  invalid markers 0",
		},
	}
	for name, args := range map[string][]string{"eval": {"eval", "--questions", f}, "answers": {"eval", "--answers", "--questions", f}} {
		code, out, errs := runBot(t, nil, args...)
		if code != exitOK {
			t.Fatalf("%q: exit %d: %s", args, code, errs)
		}
		for _, w := range want[name] {
			if !strings.Contains(out, w) {
				t.Errorf("%q: want %q in:\n%s", args, w, out)
			}
		}
	}
	// Every question answerable: the refusals have nothing to count.
	only := filepath.Join(t.TempDir(), "answerable.jsonl")
	os.WriteFile(only, []byte(`{"id":"a","question":"Who is Lin Jian?","gold":["Lin Jian"],"answerable":true}`+"\n"), 0o644)
	if _, out, _ := runBot(t, nil, "eval", "--questions", only); !strings.Contains(out, "(answerable answered 1.000, unanswerable refused -)") {
		t.Errorf("no unanswerable question:\n%s", out)
	}
}

// bot ask and bot index stopped by a signal (Ctrl-C, SIGTERM) while they
// connected to Redis said "cannot connect to Redis at 127.0.0.1:…:
// context canceled" and exited 1, blaming Redis (the embedded store's
// own address, with REDIS_URL unset); bot eval said "interrupted" and
// exited 130. All three do now.
func TestInterruptedWhileConnectingSaysSo(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel() // the signal came first
	for _, args := range [][]string{{"ask", "Who is Lin Jian?"}, {"ask", "--json", "Who is Lin Jian?"}, {"index"}} {
		var out, errb bytes.Buffer
		code := run(ctx, args, func(string) string { return "" }, &out, &errb)
		if code != exitInterrupted || out.Len() > 0 || !strings.Contains(errb.String(), "bot "+args[0]+": interrupted") || strings.Contains(errb.String(), "Redis at") {
			t.Errorf("%q: exit %d, stdout %q, stderr %q; want 130 and interrupted", args, code, out.String(), errb.String())
		}
	}
}

// A model that stalls after a checked sentence: the sentence had been
// printed, and the extractive answer replacing it came under it with
// its own sources, so "Lin Jian is a spokesperson [1]." stood above
// "Sources: [1] … paragraph 11", a paragraph about Macron: a claim shown
// citing a paragraph that does not support it. What streamed and is not
// the answer is marked [withdrawn], as a reasoning model's withdrawn
// thinking is.
func TestAskStreamedSentencesReplacedAreMarkedWithdrawn(t *testing.T) {
	srv := llmtest.New(t)
	srv.OnChat(func(req openai.ChatCompletionRequest) llmtest.Reply {
		p, _ := prompts.ParseAnswer(req.Messages[len(req.Messages)-1].Content)
		return llmtest.Reply{Stall: true, Pieces: []string{fmt.Sprintf("Lin Jian is a spokesperson [%d]. ", p.Number(8)), "It would"}}
	})
	env := map[string]string{"OPENAI_BASE_URL": srv.BaseURL(), "OPENAI_MODEL": "fake-chat", "OPENAI_TIMEOUT": "1s"}
	code, out, errs := runBot(t, env, "ask", "Why does France oppose a NATO office in Tokyo?")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if !strings.HasPrefix(out, "Lin Jian is a spokesperson [1]. [withdrawn]\n\n(The language model took too long") || !strings.Contains(out, "paragraph 11") {
		t.Errorf("want the streamed sentence marked withdrawn, then the extractive answer:\n%s", out)
	}
}
