// Command bot is briefbot: a Discord bot that answers questions about
// briefings strictly from their text, citing the paragraphs it rests on.
//
// main is the only place that knows every part: it reads the configuration,
// builds the parts and wires them together.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"slices"
	"strings"
	"syscall"
)

const usage = `briefbot answers questions about briefings, citing paragraphs.

Usage:
  bot run [--ephemeral]                         run the Discord bot (plain "bot" too); --ephemeral: without REDIS_URL, keeping nothing
  bot ask [--json] QUESTION...                  answer one question in the terminal
  bot eval --questions FILE [--k N] [--json]    retrieval metrics on a question file
  bot eval --answers --questions FILE [--json]  the whole answering pipeline on a question file
  bot index                                     (re)build the chunk store, print the version
  bot questions [-n N] [-all] [-o FILE] ID      a model writes each paragraph's reader questions (the briefing's questions file)
  bot healthcheck                               exit 0 when the running bot is healthy

Configuration is read from the environment; see .env.example.
`

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// Exit codes: 0 success, 1 failure, 2 bad usage.
const (
	exitOK    = 0
	exitFail  = 1
	exitUsage = 2
	// exitInterrupted is the shell's code for a command stopped by SIGINT.
	exitInterrupted = 130
)

// flagsCode is the exit code of a subcommand whose flags did not parse
// (the flag package has printed the usage): 0 when help was asked for
// (-h, --help), as for `bot help`; a usage error otherwise.
func flagsCode(err error) int {
	if errors.Is(err, flag.ErrHelp) {
		return exitOK
	}
	return exitUsage
}

// asksHelp reports whether a subcommand without flags was asked for help.
func asksHelp(args []string) bool {
	return len(args) == 1 && slices.Contains([]string{"-h", "-help", "--help"}, args[0])
}

// valueFlags are the flags, per subcommand, that take a value as the next
// argument (the rest are booleans).
var valueFlags = map[string][]string{"eval": {"questions", "k"}}

// wantsHelp reports whether args ask cmd for its help (-h, -help, --help)
// the way its flag set will read them: among the flags, before the first
// other argument or "--", and not as a flag's value.
func wantsHelp(cmd string, args []string) bool {
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" || len(a) < 2 || a[0] != '-' {
			return false
		}
		name, _, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if name == "h" || name == "help" {
			return true
		}
		if !hasValue && slices.Contains(valueFlags[cmd], name) {
			i++ // its value
		}
	}
	return false
}

// run is main without the process: testable with any arguments, environment
// and output.
func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) int {
	cmd := "run"
	if len(args) > 0 {
		cmd, args = args[0], args[1:]
	}
	// Help needs no configuration: an operator whose environment is wrong
	// can still read it.
	if slices.Contains([]string{"help", "-h", "-help", "--help"}, cmd) {
		fmt.Fprint(stdout, usage)
		return exitOK
	}
	cfg, err := loadConfig(getenv)
	if err != nil && wantsHelp(cmd, args) {
		// The subcommand prints its usage before it reads any setting.
		cfg, err = config{}, nil
	}
	if err != nil {
		fmt.Fprintln(stderr, "bot:", err)
		return exitUsage
	}
	switch cmd {
	case "run":
		return cmdRun(ctx, cfg, args, stdout, stderr)
	case "ask":
		return cmdAsk(ctx, cfg, args, stdout, stderr)
	case "eval":
		return cmdEval(ctx, cfg, args, stdout, stderr)
	case "index":
		return cmdIndex(ctx, cfg, args, stdout, stderr)
	case "questions":
		return cmdQuestions(ctx, cfg, args, stdout, stderr)
	case "healthcheck":
		return cmdHealthcheck(ctx, cfg, args, stdout, stderr)
	default:
		fmt.Fprintf(stderr, "bot: unknown command %q\n\n%s", cmd, usage)
		return exitUsage
	}
}
