package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/briefbot/briefbot/bot/answer"
)

func cmdAsk(ctx context.Context, cfg config, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("ask", flag.ContinueOnError)
	fs.SetOutput(stderr)
	asJSON := fs.Bool("json", false, "print the answer as one JSON object")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: bot ask [--json] QUESTION...")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return flagsCode(err)
	}
	words := fs.Args()
	if n := len(args) - fs.NArg(); n == 0 || args[n-1] != "--" {
		words = questionWords(words, asJSON)
	}
	question := strings.Join(words, " ")
	if strings.TrimSpace(question) == "" {
		fmt.Fprintln(stderr, "bot ask: no question given")
		fs.Usage()
		return exitUsage
	}
	log := newLogger(cfg, stderr)
	a, err := newApp(ctx, cfg, log)
	if err != nil && ctx.Err() != nil {
		// Not Redis's failure: the connection was given up.
		fmt.Fprintln(stderr, "bot ask: interrupted")
		return exitInterrupted
	}
	if err != nil {
		fmt.Fprintln(stderr, "bot ask:", err)
		return exitFail
	}
	// The answer is printed in pieces (streamed sentences, then the
	// rest): an output that cannot take them is a failure, said once.
	outw := &outWriter{w: stdout}
	stdout = outw
	defer a.close()
	// With a model, the answer streams to the terminal sentence by
	// sentence, each only once it has passed the checks; whatever follows
	// (sources, or an answer that replaced it) comes after.
	var streamed strings.Builder
	var onDelta func(string)
	if !*asJSON && cfg.OpenAIModel != "" {
		onDelta = func(s string) {
			if s == answer.Restart {
				// What was printed turned out not to be the answer (a
				// reasoning model's checked thinking): a terminal cannot
				// take it back, so it is marked and the answer starts
				// on a line of its own.
				if streamed.Len() > 0 {
					fmt.Fprint(stdout, " [withdrawn]\n\n")
				}
				streamed.Reset()
				return
			}
			streamed.WriteString(s)
			fmt.Fprint(stdout, s)
		}
	}
	ans, err := a.engine.Ask(ctx, answer.Request{Question: question}, onDelta)
	if ctx.Err() != nil {
		// Ctrl-C or SIGTERM: the engine falls back to quoting the
		// briefing when its model call ends, and would print that as
		// "the language model is unavailable", which it was not.
		if streamed.Len() > 0 {
			fmt.Fprintln(stdout)
		}
		fmt.Fprintln(stderr, "bot ask: interrupted")
		return exitInterrupted
	}
	if errors.Is(err, answer.ErrEmptyQuestion) {
		fmt.Fprintln(stderr, "bot ask: the question has no words in it")
		return exitUsage
	}
	if err != nil {
		fmt.Fprintln(stderr, "bot ask:", err)
		return exitFail
	}
	if *asJSON {
		if ans.Citations == nil {
			ans.Citations = []answer.Citation{} // [] rather than null for consumers
		}
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		// notice, the notices in English in one line, for consumers that
		// show it as it is; notices, each with its kind.
		out := struct {
			answer.Answer
			Notice string `json:"notice,omitempty"`
		}{ans, ans.NoticeText()}
		if err := enc.Encode(out); err != nil {
			fmt.Fprintln(stderr, "bot ask:", err)
			return exitFail
		}
		return exitOK
	}
	if streamed.Len() > 0 {
		if streamed.String() == ans.Text {
			// Already on screen: its notice goes under it, set apart,
			// rather than on the line the last sentence ended.
			if n := ans.NoticeText(); n != "" {
				fmt.Fprintf(stdout, "\n\n(%s)", n)
			}
			ans.Text, ans.Notices = "", nil
		} else {
			// The model refused or failed after some checked sentences:
			// they are not the answer, and their markers are not its
			// sources. A terminal cannot take them back: they are marked,
			// as withdrawn thinking is, and what replaces them set apart.
			fmt.Fprint(stdout, " [withdrawn]\n\n")
		}
	}
	fmt.Fprint(stdout, renderText(ans))
	if outw.err != nil {
		fmt.Fprintln(stderr, "bot ask:", outw.err)
		return exitFail
	}
	return exitOK
}

// outWriter writes to w and keeps the first error, for output printed
// in several writes whose errors are seen at the end.
type outWriter struct {
	w   io.Writer
	err error
}

func (o *outWriter) Write(p []byte) (int, error) {
	if o.err != nil {
		return 0, o.err
	}
	n, err := o.w.Write(p)
	o.err = err
	return n, err
}

// questionWords is the question's words, with a --json (or -json) that
// came after some of them taken as the flag, as the usage allows it
// before them: `bot ask "QUESTION" --json` printed the text answer, the
// flag read as a word of the question. After a "--" every word is the
// question's, the "--" too (a dash between words).
func questionWords(args []string, asJSON *bool) []string {
	var words []string
	for i, a := range args {
		if a == "--" {
			return append(words, args[i:]...)
		}
		if a == "--json" || a == "-json" {
			*asJSON = true
			continue
		}
		words = append(words, a)
	}
	return words
}

// excerptRunes bounds the excerpt shown under each source in the terminal.
const excerptRunes = 280

// renderText formats an answer for a terminal: the answer, then numbered
// sources with briefing, paragraph and a verbatim excerpt.
func renderText(a answer.Answer) string {
	var sb strings.Builder
	if n := a.NoticeText(); n != "" {
		fmt.Fprintf(&sb, "(%s)\n\n", n)
	}
	if a.Text != "" {
		sb.WriteString(a.Text)
	}
	sb.WriteString("\n")
	if len(a.Citations) > 0 {
		sb.WriteString("\nSources:\n")
		for _, c := range a.Citations {
			fmt.Fprintf(&sb, "[%d] %s, paragraph %d\n    %q\n", c.N, c.Briefing, c.Paragraph, excerpt(c.Quote, excerptRunes))
		}
	}
	return sb.String()
}

// excerpt cuts s to at most n runes at a word boundary, marking the cut.
func excerpt(s string, n int) string {
	rs := []rune(s)
	if len(rs) <= n {
		return s
	}
	cut := string(rs[:n])
	if i := strings.LastIndexByte(cut, ' '); i > n/2 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, " ,;:") + "…"
}
