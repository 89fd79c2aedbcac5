package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"time"

	"github.com/briefbot/briefbot/bot/answer"
	"github.com/briefbot/briefbot/bot/asking"
	"github.com/briefbot/briefbot/bot/discord"
	"github.com/briefbot/briefbot/bot/guild"
	"github.com/briefbot/briefbot/bot/llm/llmanswer"
	"github.com/briefbot/briefbot/bot/metrics"
	"github.com/briefbot/briefbot/bot/quiz"
	"github.com/briefbot/briefbot/bot/redisstore"
	"github.com/briefbot/briefbot/bot/session"
	"github.com/briefbot/briefbot/bot/state"
	"github.com/briefbot/briefbot/bot/stats"
	"github.com/briefbot/briefbot/knowledge"
)

// The parts main wires satisfy the interfaces their consumers declare.
var (
	_ discord.Questions      = (*asking.Service)(nil)
	_ discord.Deduper        = (*redisstore.Once)(nil)
	_ discord.IdentifyLeases = (*redisstore.IdentifyLeases)(nil)
	_ asking.Answerer        = (*answer.Engine)(nil)
	_ asking.Guilds          = (*guild.Store)(nil)
	_ asking.Limiter         = (*state.Limiter)(nil)
	_ asking.Conversations   = (*redisstore.Conversations)(nil)
	_ asking.Recorder        = (*stats.Store)(nil)
	_ asking.Votes           = (*redisstore.Feedback)(nil)
	_ discord.AdminGuilds    = (*guild.Store)(nil)
	_ discord.EducatorGuilds = (*guild.Store)(nil)
	_ discord.Observer       = (*metrics.Metrics)(nil)
	_ asking.Observer        = (*metrics.Metrics)(nil)
	_ llmanswer.Observer     = (*metrics.Metrics)(nil)
)

// cmdRun runs the Discord bot until ctx ends (SIGINT/SIGTERM), serving
// /healthz and /readyz on HEALTH_ADDR meanwhile.
func cmdRun(ctx context.Context, cfg config, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("run", flag.ContinueOnError)
	fs.SetOutput(stderr)
	ephemeral := fs.Bool("ephemeral", false, "run on the embedded in-memory store without REDIS_URL: everything the bot keeps is lost when it stops")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: bot run [--ephemeral]")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return flagsCode(err)
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "bot run: %s\nusage: bot run [--ephemeral]\n", unexpectedArgs(fs.Args(), true))
		return exitUsage
	}
	if cfg.DiscordToken == "" {
		fmt.Fprintln(stderr, "bot run: DISCORD_TOKEN is not set: create a bot in the Discord Developer Portal and put its token in the environment (see .env.example)")
		return exitUsage
	}
	if cfg.InteractionsAddr != "" && len(cfg.DiscordPublicKey) == 0 {
		fmt.Fprintln(stderr, "bot run: DISCORD_PUBLIC_KEY is not set: INTERACTIONS_ADDR serves Discord's HTTP interactions, which are verified with the application's "+
			"public key (Developer Portal → General Information → Public Key)")
		return exitUsage
	}
	if cfg.NoGateway && cfg.InteractionsAddr == "" {
		fmt.Fprintln(stderr, "bot run: DISCORD_GATEWAY=off needs INTERACTIONS_ADDR: without the gateway, interactions reach the bot only over HTTP")
		return exitUsage
	}
	// A bot that forgets every moderator's settings, approval, session and
	// vote at each restart, with one INFO line to say so, is a trap: ask
	// for Redis, or for the operator to say they only want to try it.
	if cfg.RedisURL == "" && !*ephemeral {
		fmt.Fprintln(stderr, "bot run: REDIS_URL is not set: moderators' settings, approved answers, sessions, quizzes and votes live in Redis, "+
			"and the embedded store loses them all at every restart. Set REDIS_URL (docker compose does), or run `bot run --ephemeral` to try the bot keeping nothing.")
		return exitUsage
	}
	log := newLogger(cfg, stderr)
	a, err := newApp(ctx, cfg, log)
	if err != nil {
		log.Error("cannot start", "err", err)
		return exitFail
	}
	defer a.close()
	warmIndex(a.engine.Knowledge())

	warnUnwritable(log, cfg.KnowledgeDir)

	// Approved answers are served only on Discord: re-check them against
	// the knowledge here, not in every one-shot command.
	a.revalidate(ctx, a.library.Corpus())

	feedback := a.db.Feedback()
	guilds := guild.New(a.db.Guilds(), guild.Options{})
	st := stats.New(a.db.Stats(), feedback, stats.Options{})
	questions := asking.New(asking.Config{Limits: state.DefaultLimits, Slots: cfg.MaxConcurrentAnswers}, asking.Deps{
		Answerer:      a.engine,
		Guilds:        guilds,
		Limiter:       a.db.Limiter(state.DefaultLimits),
		Conversations: a.db.Conversations(),
		Stats:         st,
		Votes:         feedback,
		Observer:      a.metrics,
	}, log)
	edu := &discord.EducatorDeps{
		Quizzes: quiz.NewStore(a.db.Quizzes(), quiz.StoreOptions{}),
		Sessions: session.NewStore(a.db.Sessions(), session.Options{Briefing: func(id string) (knowledge.Briefing, bool) {
			return a.library.Corpus().Briefing(id)
		}, Log: log}),
		Guilds: guilds,
	}
	if cfg.OpenAIModel != "" {
		edu.QuizModel = llmanswer.QuizModel{Client: a.model}
	}
	b, err := discord.New(discord.Config{
		Token: cfg.DiscordToken, GuildID: cfg.DiscordGuildID, LibraryGuilds: cfg.LibraryGuilds, APIURL: cfg.DiscordAPIURL,
		Shards: cfg.Shards, ShardIDs: cfg.ShardIDs,
		// docker stop kills after 10 s; finish or cut answers before that,
		// leaving time to close the gateway connection.
		ShutdownGrace: 7 * time.Second,
		PublicKey:     cfg.DiscordPublicKey,
		NoGateway:     cfg.NoGateway,
	}, discord.Deps{
		Questions: questions,
		Once:      a.db.Once(),
		// Processes running other shards on the same Redis take turns
		// to IDENTIFY.
		Identify: a.db.IdentifyLeases(),
		// A guild that removes the bot has its data deleted after
		// redisstore.ForgetAfter, unless the bot is invited back.
		Retention: a.db.Retention(),
		Admin: &discord.AdminDeps{
			Library:      a.library,
			Guilds:       guilds,
			Stats:        st,
			Approved:     a.approved,
			Asker:        a.engine,
			KnowledgeDir: cfg.KnowledgeDir,
		},
		Educator: edu,
		Observer: a.metrics,
	}, log)
	if err != nil {
		log.Error("cannot start", "err", err)
		return exitFail
	}
	a.swapped = b.KnowledgeChanged

	ln, err := net.Listen("tcp", cfg.HealthAddr)
	if err != nil {
		log.Error("cannot serve the health endpoint", "addr", cfg.HealthAddr, "err", err)
		return exitFail
	}
	hctx, stopHealth := context.WithCancel(context.Background())
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", a.metrics.Handler())
	mux.Handle("/", stoppingReady(ctx, healthHandler(b, a.db.Check, a.library)))
	hs := &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second}
	healthDone := serveHealth(hctx, hs, func() error { return hs.Serve(ln) })
	log.Info("health endpoint listening", "addr", ln.Addr().String())

	interactionsDone := make(chan struct{})
	var is *http.Server
	if cfg.InteractionsAddr != "" {
		iln, err := net.Listen("tcp", cfg.InteractionsAddr)
		if err != nil {
			stopHealth()
			<-healthDone
			log.Error("cannot serve the interactions endpoint", "addr", cfg.InteractionsAddr, "err", err)
			return exitFail
		}
		imux := http.NewServeMux()
		imux.Handle("POST /interactions", b.InteractionsHandler())
		is = &http.Server{Handler: imux, ReadHeaderTimeout: 5 * time.Second, ReadTimeout: 10 * time.Second}
		go func() {
			defer close(interactionsDone)
			if err := is.Serve(iln); err != nil && err != http.ErrServerClosed {
				log.Error("interactions endpoint", "err", err)
			}
		}()
		log.Info("interactions endpoint listening", "addr", iln.Addr().String(), "path", "/interactions", "gateway", !cfg.NoGateway)
	} else {
		close(interactionsDone)
	}

	// Redis that comes back without the chunk store gets it back at the
	// library's next look (within 5 s); what else Redis held may be gone.
	a.store.OnRestore(func(version string) {
		log.Warn("Redis held no shared chunk store (restarted without its data, flushed, or evicting keys): the knowledge was written back; "+
			"moderators' settings, approved answers, sessions, quizzes and votes it held may be gone too: run Redis with appendonly yes and maxmemory-policy noeviction",
			"version", version)
	})
	// Knowledge changed by another process (a moderator's upload handled
	// there) is picked up here within a few seconds.
	go a.library.Follow(ctx, 5*time.Second)

	runErr := b.Run(ctx)
	if is != nil {
		// Run has let answers in flight finish; interactions that came
		// meanwhile were told the bot is restarting. Those still being
		// answered get their initial response (at most a few seconds).
		sctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
		if err := is.Shutdown(sctx); err != nil {
			is.Close()
		}
		cancel()
	}
	<-interactionsDone
	stopHealth()
	if err := <-healthDone; err != nil {
		log.Warn("health endpoint", "err", err)
	}
	if runErr != nil {
		if errors.Is(runErr, discord.ErrUnauthorized) {
			log.Error("Discord refused the token; check DISCORD_TOKEN")
		} else {
			log.Error("bot stopped", "err", runErr)
		}
		return exitFail
	}
	return exitOK
}

// warnUnwritable tells the operator at start-up, rather than a moderator
// at the first upload, that the bot cannot write to KNOWLEDGE_DIR (a
// folder Docker created for a bind mount belongs to root).
func warnUnwritable(log *slog.Logger, dir string) {
	if dir == "" {
		return
	}
	f, err := os.CreateTemp(dir, ".write-check-*")
	if err != nil {
		log.Warn("KNOWLEDGE_DIR is not writable by the bot: /admin briefing-add and briefing-remove will fail until it is",
			"dir", dir, "uid", os.Getuid(), "err", err)
		return
	}
	f.Close()
	os.Remove(f.Name())
}
