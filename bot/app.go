package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/redis/go-redis/v9"

	"github.com/briefbot/briefbot/bot/answer"
	"github.com/briefbot/briefbot/bot/approved"
	"github.com/briefbot/briefbot/bot/doc2query"
	"github.com/briefbot/briefbot/bot/library"
	"github.com/briefbot/briefbot/bot/llm"
	"github.com/briefbot/briefbot/bot/llm/llmanswer"
	"github.com/briefbot/briefbot/bot/metrics"
	"github.com/briefbot/briefbot/bot/redisstore"
	"github.com/briefbot/briefbot/bot/semantic"
	"github.com/briefbot/briefbot/knowledge"
	"github.com/briefbot/briefbot/knowledge/lexicon"
	"github.com/briefbot/briefbot/knowledge/search"
	"github.com/briefbot/briefbot/knowledge/store"
)

// app holds the parts every subcommand shares.
type app struct {
	cfg      config
	log      *slog.Logger
	rdb      redis.UniversalClient
	db       *redisstore.DB
	embedded *redisstore.Embedded // nil when REDIS_URL is set
	store    *store.Store
	model    *llm.Client // nil without OPENAI_MODEL and OPENAI_EMBEDDING_MODEL
	engine   *answer.Engine
	approved *approved.Store
	library  *library.Library
	metrics  *metrics.Metrics
	// swapped, when set, hears of each new corpus after it is live (bot
	// run's status line). Set before the library can swap.
	swapped func()
	// closed ends background work (revalidateLater) when close is called.
	closedOnce sync.Once
	closed     chan struct{}
	// stopQuestions ends the writing of added briefings' questions.
	stopQuestions context.CancelFunc
}

// done is closed once the app is.
func (a *app) done() chan struct{} {
	a.closedOnce.Do(func() { a.closed = make(chan struct{}) })
	return a.closed
}

// newLogger is the one logger: the bot's lines, and go-redis's and
// discordgo's own, which would otherwise go to the standard logger in
// their own formats.
func newLogger(cfg config, w io.Writer) *slog.Logger {
	opts := &slog.HandlerOptions{Level: cfg.LogLevel}
	var h slog.Handler = slog.NewTextHandler(w, opts)
	if cfg.LogJSON {
		h = slog.NewJSONHandler(w, opts)
	}
	log := slog.New(h)
	redis.SetLogger(redisLog{log})
	discordgo.Logger = discordLog(log)
	return log
}

// discordLog sends discordgo's messages ([DG0] lines on the standard
// logger otherwise) to our logger at their level. The session logs at
// error level only (discord.New), and never logs request headers.
func discordLog(log *slog.Logger) func(level, caller int, format string, a ...any) {
	return func(level, caller int, format string, a ...any) {
		lvl := slog.LevelDebug
		switch level {
		case discordgo.LogError:
			lvl = slog.LevelError
		case discordgo.LogWarning:
			lvl = slog.LevelWarn
		case discordgo.LogInformational:
			lvl = slog.LevelInfo
		}
		log.Log(context.Background(), lvl, "discordgo: "+strings.TrimSpace(fmt.Sprintf(format, a...)))
	}
}

// connectRedis returns the configured Redis, or starts the embedded one when
// REDIS_URL is empty so that every feature works with no set-up.
func connectRedis(ctx context.Context, cfg config, log *slog.Logger) (redis.UniversalClient, *redisstore.Embedded, error) {
	if cfg.RedisURL != "" {
		rdb, err := redisstore.Connect(ctx, cfg.RedisURL)
		if err != nil {
			return nil, nil, err
		}
		return rdb, nil, nil
	}
	emb, err := redisstore.StartEmbedded()
	if err != nil {
		return nil, nil, fmt.Errorf("start embedded store: %w", err)
	}
	log.Info("REDIS_URL is not set: using the embedded in-process store; nothing is persisted across restarts")
	rdb, err := emb.Client(ctx)
	if err != nil {
		emb.Close()
		return nil, nil, err
	}
	return rdb, emb, nil
}

// newApp connects to Redis and loads the knowledge. With REDIS_URL set and
// Redis unreachable it fails with an error naming the address.
func newApp(ctx context.Context, cfg config, log *slog.Logger) (*app, error) {
	rdb, emb, err := connectRedis(ctx, cfg, log)
	if err != nil {
		return nil, err
	}
	db := redisstore.New(rdb, redisstore.Options{Prefix: cfg.RedisPrefix})
	a := &app{cfg: cfg, log: log, rdb: rdb, db: db, embedded: emb, store: storeFor(db), metrics: metrics.New()}
	rdb.AddHook(redisErrors{a.metrics})
	if cfg.OpenAIModel != "" || cfg.OpenAIEmbeddingModel != "" {
		a.model, err = llm.New(llm.Config{
			APIKey:         cfg.OpenAIKey,
			BaseURL:        cfg.OpenAIBaseURL,
			Model:          cfg.OpenAIModel,
			EmbeddingModel: cfg.OpenAIEmbeddingModel,
			Timeout:        cfg.OpenAITimeout,
			// A slow local model may think for a while before its first
			// token: the stall watchdog waits at least half the timeout.
			StallTimeout: max(llm.DefaultStallTimeout, cfg.OpenAITimeout/2),
			IdleConns:    cfg.MaxConcurrentAnswers,
		}, log)
		if err != nil {
			a.close()
			return nil, err
		}
	}
	corpus, storeErr, err := a.loadKnowledge(ctx)
	if err != nil {
		a.close()
		return nil, err
	}
	kb := a.knowledgeFor(ctx, corpus)
	a.approved = approved.New(db.Approved())
	opts := []answer.Option{
		answer.WithLogger(log),
		answer.WithVocabulary(vocabulary()),
		answer.WithTokenCounter(llm.CountTokens),
		answer.WithPassageBudget(cfg.PassageTokens),
		answer.WithAnswerLimits(cfg.OpenAIMaxTokens, cfg.OpenAITimeout),
		answer.WithCache(db.AnswerCache(), answer.DefaultCacheTTL),
		answer.WithApproved(a.approved),
	}
	if cfg.OpenAIModel != "" {
		opts = append(opts, answer.WithModel(llmanswer.Model{Client: a.model, Observer: a.metrics}, cfg.OpenAIModel))
		log.Debug("answers written by a model", "model", cfg.OpenAIModel)
	}
	a.engine = answer.New(kb, opts...)
	a.library = library.New(cfg.KnowledgeDir, a.store, corpus, a.swap, log)
	a.library.NoteStoreErr(storeErr) // health reports it until the store answers again
	if cfg.OpenAIModel != "" {
		// A briefing a moderator adds gets its reader questions from the
		// model, as the compiled-in one has them: ranked beside it
		// without, its paragraphs would be found by their words alone.
		bg, stop := context.WithCancel(context.Background())
		a.stopQuestions = stop
		a.library.WriteQuestions(bg, modelQuestions{llmanswer.Doc2QueryModel{Client: a.model}})
	}
	return a, nil
}

// loadKnowledge reads the briefings, through the Redis cache when it holds
// their version, and indexes them. storeErr is the shared chunk store's
// failure, when the knowledge had to be built from the files without it.
func (a *app) loadKnowledge(ctx context.Context) (corpus knowledge.Corpus, storeErr, err error) {
	srcs, err := knowledge.Sources(a.cfg.KnowledgeDir)
	if err != nil {
		return knowledge.Corpus{}, nil, err
	}
	corpus, origin, err := a.store.Load(ctx, srcs)
	if err != nil {
		if corpus.Version == "" {
			return knowledge.Corpus{}, nil, err
		}
		// The files are the source of truth: answer from them and say so,
		// plainly: other processes will not see this one's changes.
		a.log.Warn(library.StoreUnavailable, "version", corpus.Version, "err", err)
		storeErr = err
	}
	a.log.Debug("knowledge loaded", "version", corpus.Version, "briefings", len(corpus.Briefings),
		"chunks", len(corpus.Chunks), "from_cache", origin == store.FromCache)
	logProblems(a.log, corpus)
	return corpus, storeErr, nil
}

// logProblems warns of each briefing file left out of the knowledge (and
// each questions file ignored), by name and line, so that the operator can
// fix it; the bot answers from the others meanwhile.
func logProblems(log *slog.Logger, c knowledge.Corpus) {
	for _, p := range c.Problems {
		log.Warn(p.Effect()+": "+p.Msg, "file", p.Name, "line", p.Line)
	}
}

// knowledgeFor makes a corpus the knowledge to answer from. Its index is
// built on the first question (search.Defer): `bot ask` answered from the
// cache never builds one; `bot run` warms it (warmIndex).
func (a *app) knowledgeFor(ctx context.Context, corpus knowledge.Corpus) *answer.Knowledge {
	kb := &answer.Knowledge{
		Version:   corpus.Version,
		Briefings: corpus.Briefings,
		Retriever: search.Defer(func() *search.Index { return search.New(corpus.Chunks, search.WithExpander(expander())) }),
		Chunks:    corpus.Chunks,
		// A question scoped to one briefing (a session's) searches an
		// index of that briefing alone, built as the whole one is.
		NewRetriever: func(chunks []knowledge.Chunk) answer.Retriever {
			return search.New(chunks, search.WithExpander(expander()))
		},
	}
	if a.cfg.OpenAIEmbeddingModel != "" {
		sem := semantic.New(a.model, a.db.Vectors(), a.cfg.OpenAIEmbeddingModel, corpus.Chunks)
		if err := sem.Warm(ctx); err != nil {
			// Not fatal: lexical retrieval answers, and the vectors are
			// loaded again on the next question.
			a.log.Warn("semantic retrieval not ready; will retry on the next question", "err", err)
		}
		kb.Semantic = sem
	}
	return kb
}

// warmIndex builds kb's index now, for a long-running process whose first
// question should not wait for it.
func warmIndex(kb *answer.Knowledge) {
	if d, ok := kb.Retriever.(*search.Deferred); ok {
		d.Warm()
	}
}

// swap makes a new corpus the knowledge (after a moderator's change or
// another process's), and re-checks approved answers against it so that
// those whose cited paragraphs changed are suspended, not served.
func (a *app) swap(corpus knowledge.Corpus) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	kb := a.knowledgeFor(ctx, corpus)
	warmIndex(kb)
	a.engine.SetKnowledge(kb)
	a.revalidate(ctx, corpus)
	if a.swapped != nil {
		a.swapped()
	}
}

// revalidateRetry is the first wait before approved answers that could
// not be re-checked against new knowledge are tried again; it doubles up
// to a minute.
var revalidateRetry = time.Second

// revalidate brings the approved answers to corpus. Should the store fail,
// they are not served (Lookup serves only entries on the current version)
// and are tried again in the background, while corpus is still the
// knowledge, until the store answers: approvals come back by themselves,
// not only at the next knowledge change.
func (a *app) revalidate(ctx context.Context, corpus knowledge.Corpus) []approved.Entry {
	suspended, err := a.recheck(ctx, corpus)
	if errors.Is(err, approved.ErrSuperseded) {
		return suspended // newer knowledge, re-checked by its own swap
	}
	if err != nil {
		a.log.Warn("approved answers not re-checked against the new knowledge; they are not served until they are", "err", err)
		go a.revalidateLater(corpus)
	}
	return suspended
}

func (a *app) revalidateLater(corpus knowledge.Corpus) {
	for wait := revalidateRetry; ; wait = min(2*wait, time.Minute) {
		t := time.NewTimer(wait)
		select {
		case <-t.C:
		case <-a.done():
			t.Stop()
			return // shutting down: the next start re-checks them
		}
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		_, err := a.recheck(ctx, corpus)
		cancel()
		if errors.Is(err, approved.ErrSuperseded) {
			return // newer knowledge, re-checked by its own swap
		}
		if err == nil {
			a.log.Info("approved answers re-checked against the knowledge", "version", corpus.Version)
			return
		}
	}
}

// recheck brings the approved answers to corpus while it is the knowledge
// served: a re-check that runs late, after a newer swap's, writes nothing
// (approved.ErrSuperseded). It holds no lock: the store checks what is
// current inside each guild's atomic update.
func (a *app) recheck(ctx context.Context, corpus knowledge.Corpus) ([]approved.Entry, error) {
	current := func() string { return a.engine.Knowledge().Version }
	suspended, err := a.approved.RevalidateWhile(ctx, corpus, current)
	for _, e := range suspended {
		a.log.Warn("approved answer suspended: a paragraph it cites changed", "guild", e.GuildID, "id", e.ID)
	}
	return suspended, err
}

func (a *app) close() {
	select {
	case <-a.done():
	default:
		close(a.done())
	}
	if a.stopQuestions != nil {
		// Before Redis closes: a questions file being written ends with
		// the model's call, and nothing is written after.
		a.stopQuestions()
		a.library.Wait()
	}
	if a.rdb != nil {
		a.rdb.Close()
	}
	if a.embedded != nil {
		a.embedded.Close()
	}
}

// modelQuestions writes a paragraph's reader questions with the model, as
// bot questions does.
type modelQuestions struct{ model doc2query.Model }

func (q modelQuestions) Questions(ctx context.Context, title string, c knowledge.Chunk) ([]string, error) {
	return doc2query.Write(ctx, q.model, title, c, defaultQuestions, nil)
}

func storeFor(db *redisstore.DB) *store.Store { return store.New(db.Knowledge()) }

// expander and vocabulary plug the offline lexicon into retrieval and
// coverage checks.
func expander() search.Expander {
	return search.NewLexiconExpander(lexicon.Default())
}
func vocabulary() answer.Vocabulary { return lazyLexicon{} }

// lazyLexicon is the lexicon as the answering core's Vocabulary, decoded
// on first use: decoding validates the whole 8 MB table, and `bot ask`
// answered from the cache never needs it.
type lazyLexicon struct{}

func (lazyLexicon) Known(word string) bool          { return lexicon.Default().Known(word) }
func (lazyLexicon) Familiarity(word string) float32 { return lexicon.Default().Familiarity(word) }
func (lazyLexicon) Country(word string) string      { return lexicon.Default().Country(word) }

// redisLog sends go-redis's own messages (reconnect attempts and the like)
// to our logger at debug level instead of the standard logger, so a Redis
// outage shows up as our own one-line warnings, not as a flood on stderr.
type redisLog struct{ log *slog.Logger }

func (l redisLog) Printf(ctx context.Context, format string, v ...any) {
	l.log.Debug("redis: " + fmt.Sprintf(format, v...))
}
