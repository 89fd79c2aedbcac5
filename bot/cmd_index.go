package main

import (
	"context"
	"fmt"
	"io"

	"github.com/briefbot/briefbot/bot/redisstore"
	"github.com/briefbot/briefbot/knowledge"
)

// cmdIndex rebuilds the chunk store from the briefing files and makes it the
// current version, whatever the cache held.
func cmdIndex(ctx context.Context, cfg config, args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 {
		if asksHelp(args) {
			fmt.Fprintln(stderr, "usage: bot index")
			return exitOK
		}
		fmt.Fprintf(stderr, "bot index: %s\nusage: bot index\n", unexpectedArgs(args, false))
		return exitUsage
	}
	log := newLogger(cfg, stderr)
	srcs, err := knowledge.Sources(cfg.KnowledgeDir)
	if err != nil {
		fmt.Fprintln(stderr, "bot index:", err)
		return exitFail
	}
	corpus, err := knowledge.Build(srcs)
	if err != nil {
		fmt.Fprintln(stderr, "bot index:", err)
		return exitFail
	}
	// bot run serves the good briefings and warns of the rest; bot index
	// is how an operator checks the files, so it refuses them all.
	if err := corpus.ProblemsErr(); err != nil {
		fmt.Fprintf(stderr, "bot index: %d briefing file(s) to fix:\n%v\n", len(corpus.Problems), err)
		return exitFail
	}
	rdb, emb, err := connectRedis(ctx, cfg, log)
	if err == nil {
		a := &app{rdb: rdb, embedded: emb}
		defer a.close()
		err = storeFor(redisstore.New(rdb, redisstore.Options{Prefix: cfg.RedisPrefix})).Put(ctx, corpus)
	}
	if err != nil && ctx.Err() != nil {
		// Not Redis's failure: the connection or the write was given up.
		fmt.Fprintln(stderr, "bot index: interrupted")
		return exitInterrupted
	}
	if err != nil {
		fmt.Fprintln(stderr, "bot index:", err)
		return exitFail
	}
	withQuestions := 0
	for _, c := range corpus.Chunks {
		if len(c.Questions) > 0 {
			withQuestions++
		}
	}
	// Chunks with reader questions (questions files): fewer than all says
	// a briefing was edited since they were written, or has none.
	if _, err := fmt.Fprintf(stdout, "knowledge version %s: %s, %s (%d with reader questions)\n", corpus.Version, count(len(corpus.Briefings), "briefing"), count(len(corpus.Chunks), "chunk"), withQuestions); err != nil {
		// The store is filled; the version, which scripts read, was not
		// printed.
		fmt.Fprintln(stderr, "bot index:", err)
		return exitFail
	}
	if cfg.RedisURL == "" {
		// The files check out, but the store filled is this process's own.
		fmt.Fprintln(stderr, "bot index: REDIS_URL is not set: the briefings were checked and indexed in the embedded store, which ends with this command; set REDIS_URL to fill the bot's chunk store")
	}
	return exitOK
}

// count is n and noun, plural unless n is 1.
func count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
