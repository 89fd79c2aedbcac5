package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/briefbot/briefbot/bot/doc2query"
	"github.com/briefbot/briefbot/bot/library"
	"github.com/briefbot/briefbot/bot/llm"
	"github.com/briefbot/briefbot/bot/llm/llmanswer"
	"github.com/briefbot/briefbot/knowledge"
)

// defaultQuestions is how many questions `bot questions` writes per
// paragraph: thirty (three calls) found the tuning paraphrases' paragraph
// in the top three 0.86 of the time, ten 0.84 (README).
const defaultQuestions = 30

// cmdQuestions asks the configured model for each paragraph's reader
// questions (doc2query) and writes the briefing's questions file.
func cmdQuestions(ctx context.Context, cfg config, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("questions", flag.ContinueOnError)
	fs.SetOutput(stderr)
	n := fs.Int("n", defaultQuestions, fmt.Sprintf("questions per paragraph (1-%d)", knowledge.MaxChunkQuestions))
	all := fs.Bool("all", false, "write every paragraph's questions anew, not only those missing or stale")
	out := fs.String("o", "", "write the questions file here (replaced only once it is complete) instead of to standard output")
	const synopsis = "usage: bot questions [-n N] [-all] [-o FILE] BRIEFING-ID"
	fs.Usage = func() {
		fmt.Fprintln(stderr, synopsis)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return flagsCode(err)
	}
	if *n < 1 || *n > knowledge.MaxChunkQuestions {
		fmt.Fprintf(stderr, "bot questions: -n must be between 1 and %d, not %d\n%s\n", knowledge.MaxChunkQuestions, *n, synopsis)
		return exitUsage
	}
	srcs, err := knowledge.Sources(cfg.KnowledgeDir)
	if err != nil {
		fmt.Fprintln(stderr, "bot questions:", err)
		return exitFail
	}
	corpus, err := knowledge.Build(srcs)
	if err != nil {
		fmt.Fprintln(stderr, "bot questions:", err)
		return exitFail
	}
	if fs.NArg() != 1 {
		fmt.Fprintf(stderr, "bot questions: name one briefing (%s)\n%s\n", briefingIDs(corpus), synopsis)
		return exitUsage
	}
	b, ok := corpus.Briefing(fs.Arg(0))
	if !ok {
		fmt.Fprintf(stderr, "bot questions: no briefing %q (%s)\n", fs.Arg(0), briefingIDs(corpus))
		return exitUsage
	}
	// The bot reads a briefing's questions beside its file, under its
	// file's name: anything else written would never be read (or would
	// replace the briefing itself).
	if *out != "" && !questionsPath(*out, b.Origin) {
		fmt.Fprintf(stderr, "bot questions: %s is read from %s, so its questions file is %s, not %s\n", b.ID, b.Origin, knowledge.QuestionsFile(b.Origin), *out)
		return exitUsage
	}
	if cfg.OpenAIModel == "" {
		fmt.Fprintln(stderr, "bot questions: the questions are written by a model: set OPENAI_MODEL (and OPENAI_BASE_URL, OPENAI_API_KEY as your server needs)")
		return exitFail
	}
	log := newLogger(cfg, stderr)
	client, err := llm.New(llm.Config{
		APIKey:  cfg.OpenAIKey,
		BaseURL: cfg.OpenAIBaseURL,
		Model:   cfg.OpenAIModel,
		Timeout: cfg.OpenAITimeout,
	}, log)
	if err != nil {
		fmt.Fprintln(stderr, "bot questions:", err)
		return exitFail
	}
	model := llmanswer.Doc2QueryModel{Client: client}
	var chunks []knowledge.Chunk
	for _, c := range corpus.Chunks {
		if c.BriefingID == b.ID {
			chunks = append(chunks, c)
		}
	}
	for i, c := range chunks {
		have := c.Questions
		if *all {
			have = nil
		}
		if len(have) >= *n {
			chunks[i].Questions = have[:*n]
			continue
		}
		qs, err := doc2query.Write(ctx, model, b.Title, c, *n, have)
		if err != nil && ctx.Err() != nil {
			fmt.Fprintln(stderr, "bot questions: interrupted; nothing written")
			return exitInterrupted
		}
		if err != nil {
			fmt.Fprintf(stderr, "bot questions: %v; nothing written\n", err)
			return exitFail
		}
		if len(qs) == 0 {
			// Nothing usable came, and nothing was there: a reply cut
			// short in its reasoning, a refusal. Writing on would lose
			// what the file had (with -all).
			fmt.Fprintf(stderr, "bot questions: the model gave no usable question for paragraph %s; nothing written\n", partName(c))
			return exitFail
		}
		chunks[i].Questions = qs
		fmt.Fprintf(stderr, "paragraph %s: %d questions (%d new)\n", partName(c), len(qs), len(qs)-len(have))
	}
	data, err := knowledge.EncodeQuestions(chunks)
	if err != nil {
		fmt.Fprintln(stderr, "bot questions:", err)
		return exitFail
	}
	if len(data) > knowledge.MaxQuestionsBytes {
		fmt.Fprintf(stderr, "bot questions: %d bytes of questions, more than the %d the bot reads in a questions file; nothing written: ask for fewer with -n\n", len(data), knowledge.MaxQuestionsBytes)
		return exitFail
	}
	if *out == "" {
		if _, err := stdout.Write(data); err != nil {
			fmt.Fprintln(stderr, "bot questions:", err)
			return exitFail
		}
		return exitOK
	}
	if err := library.WriteAtomic(*out, data); err != nil {
		fmt.Fprintln(stderr, "bot questions:", err)
		return exitFail
	}
	fmt.Fprintf(stderr, "wrote %s: the questions of %s, read beside it\n", *out, filepath.Base(b.Origin))
	return exitOK
}

// questionsPath reports whether path is where the bot reads the questions
// of the briefing read from origin: beside its file, under its name. A
// compiled-in briefing's questions are written in the source tree, which
// this process cannot locate: there the name alone is checked.
func questionsPath(path, origin string) bool {
	if name, ok := strings.CutPrefix(origin, "embedded:"); ok {
		return filepath.Base(path) == knowledge.QuestionsFile(name)
	}
	if filepath.Base(path) != filepath.Base(knowledge.QuestionsFile(origin)) {
		return false
	}
	// The same folder, however named ("./x", a link to it).
	d1, err1 := os.Stat(filepath.Dir(path))
	d2, err2 := os.Stat(filepath.Dir(origin))
	return err1 == nil && err2 == nil && os.SameFile(d1, d2)
}

// partName is a chunk's paragraph as a reader counts it: "3", or "3.2" for
// the second part of a long paragraph.
func partName(c knowledge.Chunk) string {
	if c.Part > 0 {
		return fmt.Sprintf("%d.%d", c.Paragraph, c.Part)
	}
	return fmt.Sprint(c.Paragraph)
}

// briefingIDs lists the corpus's briefing ids, for a usage message.
func briefingIDs(c knowledge.Corpus) string {
	ids := make([]string, len(c.Briefings))
	for i, b := range c.Briefings {
		ids[i] = b.ID
	}
	return "briefings: " + strings.Join(ids, ", ")
}
