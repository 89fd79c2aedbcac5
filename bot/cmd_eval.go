package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/briefbot/briefbot/bot/eval"
)

func cmdEval(ctx context.Context, cfg config, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("eval", flag.ContinueOnError)
	fs.SetOutput(stderr)
	file := fs.String("questions", "", "question file (JSON Lines: id, question, gold, answerable)")
	k := fs.Int("k", 5, "how many chunks to retrieve per question (the retrieval report; not with --answers)")
	asJSON := fs.Bool("json", false, "print the full report as one JSON object")
	answers := fs.Bool("answers", false, "run the whole answering pipeline (model or extractive, as configured) on every question")
	const synopsis = "usage: bot eval --questions FILE [--k N (1-100)] [--json]\n       bot eval --answers --questions FILE [--json]"
	fs.Usage = func() {
		fmt.Fprintln(stderr, synopsis)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return flagsCode(err)
	}
	if *answers && flagSet(fs, "k") {
		// The answers report ranks no chunks: the pipeline takes what its
		// passage budget holds, not the k best.
		fmt.Fprintf(stderr, "bot eval: --k is for the retrieval report; --answers runs the whole pipeline, which takes no --k (its passages are bounded by ANSWER_PASSAGE_TOKENS)\n%s\n", synopsis)
		return exitUsage
	}
	if *k < 1 || *k > 100 {
		fmt.Fprintf(stderr, "bot eval: --k must be between 1 and 100, not %d\n%s\n", *k, synopsis)
		return exitUsage
	}
	if *file == "" || fs.NArg() > 0 {
		fmt.Fprintf(stderr, "bot eval: %s\n%s\n", evalArgsProblem(*file, fs.Args()), synopsis)
		return exitUsage
	}
	f, err := os.Open(*file)
	if err != nil {
		fmt.Fprintln(stderr, "bot eval:", err)
		return exitFail
	}
	defer f.Close()
	qs, err := eval.Read(*file, f)
	if err != nil {
		fmt.Fprintln(stderr, "bot eval:", err)
		return exitFail
	}
	a, err := newApp(ctx, cfg, newLogger(cfg, stderr))
	if err != nil && ctx.Err() != nil {
		fmt.Fprintln(stderr, "bot eval: interrupted")
		return exitInterrupted
	}
	if err != nil {
		fmt.Fprintln(stderr, "bot eval:", err)
		return exitFail
	}
	defer a.close()
	if ctx.Err() != nil {
		fmt.Fprintln(stderr, "bot eval: interrupted")
		return exitInterrupted
	}
	if *answers {
		rep := eval.Answers(ctx, a.engine, qs)
		if *asJSON {
			err = json.NewEncoder(stdout).Encode(rep)
		} else {
			err = eval.WriteAnswersText(stdout, rep)
		}
		if err == nil && rep.Interrupted {
			fmt.Fprintf(stderr, "bot eval: interrupted after %d of %d questions; the figures cover those\n", len(rep.Questions), len(qs))
			return exitInterrupted
		}
	} else {
		// Retrieval alone takes microseconds a question: it runs to the end.
		rep := eval.Run(a.engine, qs, *k)
		if *asJSON {
			err = json.NewEncoder(stdout).Encode(rep)
		} else {
			err = eval.WriteText(stdout, rep)
		}
	}
	if err != nil {
		fmt.Fprintln(stderr, "bot eval:", err)
		return exitFail
	}
	return exitOK
}

// evalArgsProblem says what is wrong with bot eval's arguments when the
// question file is missing (file) or words are left after the flags
// (rest).
func evalArgsProblem(file string, rest []string) string {
	if file == "" {
		if len(rest) > 0 {
			return fmt.Sprintf("no question file: give it with --questions FILE (not %q alone)", rest[0])
		}
		return "no question file: give it with --questions FILE"
	}
	return unexpectedArgs(rest, true)
}

// unexpectedArgs says which words were left after a subcommand's flags
// (rest, not empty). takesFlags says the subcommand has flags: a flag
// among the words was then meant as one, and comes before them; a
// subcommand without any takes no word at all.
func unexpectedArgs(rest []string, takesFlags bool) string {
	quoted := make([]string, len(rest))
	flags := false
	for i, a := range rest {
		quoted[i] = strconv.Quote(a)
		flags = flags || strings.HasPrefix(a, "-")
	}
	msg := "unexpected argument " + quoted[0]
	if len(rest) > 1 {
		msg = "unexpected arguments " + strings.Join(quoted, " ")
	}
	switch {
	case !takesFlags:
		msg += ": it takes none"
	case flags:
		msg += ": flags come before them"
	}
	return msg
}

// flagSet reports whether the command line set the flag name (to any
// value, its default included).
func flagSet(fs *flag.FlagSet, name string) bool {
	set := false
	fs.Visit(func(f *flag.Flag) { set = set || f.Name == name })
	return set
}
