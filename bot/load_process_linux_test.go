package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/sashabaranov/go-openai"

	"github.com/briefbot/briefbot/bot/discord/discordtest"
	"github.com/briefbot/briefbot/bot/internal/loadbench"
	"github.com/briefbot/briefbot/bot/llm/llmtest"
	"github.com/briefbot/briefbot/knowledge/redistest"
	"github.com/briefbot/briefbot/prompts"
)

// BenchmarkBotProcess is bot/discord's BenchmarkConcurrentAsks with the
// bot as its own OS process, as production runs it: `bot run`, built as
// the Dockerfile builds it and configured through its environment only,
// measured from outside. b.N /ask interactions at once from members of 8
// guilds (more past 320 questions, 40 to a guild, to stay under a guild's
// rate limit of 60), each worded a little differently (a number at its end) so that
// the bot's answer cache does not answer the burst from its first
// answers, each answered by a fake OpenAI-compatible model (llmtest: a
// streamed chat completion after 60 ms, citing paragraph 11, so it passes
// the citation check), with a real Redis (redistest), through the fake
// Discord (discordtest), which runs in the test process.
//
// Unlike BenchmarkConcurrentAsks, whose stand-in answerer replaces the
// answer engine, this runs the whole engine: the approved-answer and
// answer-cache lookups in Redis, retrieval, the prompt, the model call
// over HTTP and its stream, the citation checks, the cache write. The
// fake Discord and the fake model share the machine's cores with it
// (harness-cpu-ms/q).
//
// The sub-benchmarks are named as BenchmarkConcurrentAsks's, so that the
// two can be put side by side: slots=N is MAX_CONCURRENT_ANSWERS=N over
// the gateway (INTERACTION_CREATE from the fake's gateway, acknowledged
// through the REST callback); http/… is an HTTP-only replica
// (DISCORD_GATEWAY=off, INTERACTIONS_ADDR), each interaction POSTed
// signed over a connection opened and kept alive before the clock
// starts, acknowledged in the response; …/redis+5ms has a proxy hold
// every Redis reply 5 ms (set once the bot is up); rate=500/… sends the
// b.N questions 2 ms apart instead of all at once.
//
// Every run (b.N=1 included) starts a fresh process with a fresh Redis,
// so that no earlier run's heap is counted. Metrics:
//
//	q/s               questions over the time from the first send to the last final answer
//	ack-p99-ms        p99 from the fake sending an interaction to it receiving the acknowledgement
//	final-p99-ms      p99 from the fake sending to it receiving the final edit (the answer with its sources)
//	peak-rss-MB       the process's VmHWM after the burst: its peak resident memory since it started (start-up included)
//	ready-peak-rss-MB its VmHWM once ready, before the burst: start-up's share of the peak
//	rss-MB            its VmRSS right after the burst's last answer
//	cpu-ms/q          its utime+stime (/proc/PID/stat) over the burst, per question
//	harness-cpu-ms/q  the test process's own CPU time over the burst, per question: the fake
//	                  Discord, the fake model and the Redis proxy, sharing the machine's cores
//
// MB here is 10^6 bytes, as in the target "RSS ≤ 80 MB" (the in-process
// benchmark's rss-MB is MiB, 1.048576 × 10^6 bytes).
//
//	go test ./bot -run '^$' -bench 'BotProcess' -skip 'BotProcess/rate' -benchtime 300x -count 6
//	go test ./bot -run '^$' -bench 'BotProcess/^rate=500$' -benchtime 1000x -count 6
//	go test ./bot -run '^$' -bench 'BotProcess/^http$/^slots=64$' -skip 'BotProcess/http/slots=64/redis' -benchtime 300x
//
// BOTPROC_ENV adds variables to the bot's environment (space-separated
// K=V), to try a setting; BOTPROC_RATE=N makes the rate runs rate=N.
// BOTPROC_METRICS=1 prints the bot's own latency histograms (its
// /metrics) and Redis's commandstats after each burst. Linux only
// (/proc). Without redis-server it is skipped (fails under CI=true), as
// redistest decides.
func BenchmarkBotProcess(b *testing.B) {
	// Built by the first run that has a Redis: none when all skip.
	dir := b.TempDir()
	bin := sync.OnceValues(func() (string, error) { return buildBot(dir) })
	for _, slots := range []int{64, 128, 256} {
		n := strconv.Itoa(slots)
		for _, c := range []struct {
			name     string
			overHTTP bool
			latency  time.Duration
		}{
			{"slots=" + n, false, 0},
			{"slots=" + n + "/redis+5ms", false, 5 * time.Millisecond},
			{"http/slots=" + n, true, 0},
			{"http/slots=" + n + "/redis+5ms", true, 5 * time.Millisecond},
		} {
			load := procLoad{overHTTP: c.overHTTP, slots: slots, redisLatency: c.latency}
			b.Run(c.name, func(b *testing.B) { benchmarkBotProcess(b, bin, load) })
		}
	}
	// A class: everyone asks the same question at once. The first answer
	// is written once and shared, then served from the cache.
	b.Run("class/slots=64", func(b *testing.B) {
		benchmarkBotProcess(b, bin, procLoad{slots: 64, same: true})
	})
	// A steady rate rather than a burst: questions arriving 2 ms apart,
	// as members of many guilds asking through a busy hour would. A burst
	// of b.N at once times how long the bot takes to drain a backlog (its
	// final p99 is about b.N over its rate); this times each question at
	// the rate a deployment is sized for, and shows whether the bot keeps
	// up with it (if it does not, the backlog and the p99s grow with b.N).
	// BOTPROC_RATE tries another rate (questions a second), to find where
	// the bot stops keeping up.
	rate := 500
	if r, err := strconv.Atoi(os.Getenv("BOTPROC_RATE")); err == nil && r > 0 {
		rate = r
	}
	prefix := "rate=" + strconv.Itoa(rate) + "/"
	for _, c := range []struct {
		name     string
		overHTTP bool
		latency  time.Duration
	}{
		{"slots=64", false, 0},
		{"slots=64/redis+5ms", false, 5 * time.Millisecond},
		{"http/slots=64", true, 0},
		{"http/slots=64/redis+5ms", true, 5 * time.Millisecond},
	} {
		load := procLoad{overHTTP: c.overHTTP, slots: 64, redisLatency: c.latency, rate: rate}
		b.Run(prefix+c.name, func(b *testing.B) { benchmarkBotProcess(b, bin, load) })
	}
}

// procLoad is what one BenchmarkBotProcess run sends, and how.
type procLoad struct {
	overHTTP     bool          // to an HTTP-only replica, not over the gateway
	slots        int           // MAX_CONCURRENT_ANSWERS
	redisLatency time.Duration // held on every Redis reply by a proxy
	same         bool          // one question asked by everyone (a class)
	rate         int           // questions a second, evenly spaced; 0 = all at once
}

// buildBot builds `bot` as the Dockerfile does (static, trimmed,
// stripped) into dir and returns its path. A binary of its own rather
// than the test binary re-executed: the figures are those of the program
// production runs, without the testing package, the test-only packages
// and their init, or whatever -race or -cover the test binary was built
// with. (`go test` puts its own go first in PATH.)
//
// BOTPROC_BIN names a binary to run instead (another commit's, or one
// built with its symbols for perf).
func buildBot(dir string) (string, error) {
	if bin := os.Getenv("BOTPROC_BIN"); bin != "" {
		return bin, nil
	}
	bin := filepath.Join(dir, "bot")
	cmd := exec.Command("go", "build", "-trimpath", "-ldflags=-s -w", "-o", bin, ".")
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("go build: %v\n%s", err, out)
	}
	return bin, nil
}

func benchmarkBotProcess(b *testing.B, build func() (string, error), load procLoad) {
	overHTTP, slots, redisLatency, same := load.overHTTP, load.slots, load.redisLatency, load.same
	rds := redistest.Start(b)
	bin, err := build()
	if err != nil {
		b.Fatal(err)
	}
	redisURL := rds.URL()
	var proxy *redistest.Proxy
	if redisLatency > 0 {
		proxy = redistest.StartProxy(b, rds.Addr())
		redisURL = "redis://" + proxy.Addr()
	}
	srv := discordtest.New(b)
	model := llmtest.New(b)
	model.OnChat(func(req openai.ChatCompletionRequest) llmtest.Reply {
		p, _ := prompts.ParseAnswer(req.Messages[len(req.Messages)-1].Content)
		return llmtest.Reply{Delay: 60 * time.Millisecond,
			Pieces: []string{"France's president, Emmanuel Macron, ", fmt.Sprintf("objected to the office [%d].", p.Number(11))}}
	})

	healthAddr := freeAddr(b)
	env := []string{
		"DISCORD_TOKEN=bench-token",
		"DISCORD_API_URL=" + srv.APIBase(),
		"DISCORD_GUILD_ID=" + discordtest.DefaultGuildID,
		"HEALTH_ADDR=" + healthAddr,
		"REDIS_URL=" + redisURL,
		"OPENAI_BASE_URL=" + model.BaseURL(),
		"OPENAI_MODEL=" + llmtest.ChatModel,
		"OPENAI_API_KEY=sk-bench",
		"MAX_CONCURRENT_ANSWERS=" + strconv.Itoa(slots),
	}
	// BOTPROC_ENV adds settings to try ("GOMEMLIMIT=64MiB GOGC=200").
	env = append(env, strings.Fields(os.Getenv("BOTPROC_ENV"))...)
	var endpoint string
	if overHTTP {
		addr := freeAddr(b)
		env = append(env, "DISCORD_GATEWAY=off", "INTERACTIONS_ADDR="+addr, "DISCORD_PUBLIC_KEY="+srv.PublicKeyHex())
		endpoint = "http://" + addr + "/interactions"
	}
	bot := startBotProcess(b, bin, env, healthAddr)
	if proxy != nil {
		proxy.SetLatency(redisLatency)
	}

	tokPrefix := "proc-" + strconv.Itoa(os.Getpid()) + "-"
	// Discord keeps its connections to an endpoint open.
	client := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: 1024}}
	defer client.CloseIdleConnections()

	burst := loadbench.NewBurst(b.N)
	remove := srv.Intercept(func(r discordtest.Request) *discordtest.Response {
		tok := loadbench.Token(r.Path, tokPrefix)
		answer := bytes.Contains(r.Body, []byte("objected to the office"))
		switch {
		case r.Method == "POST" && strings.HasSuffix(r.Path, "/callback"):
			burst.Acked(tok)
		case r.Method == "PATCH" && answer && bytes.Contains(r.Body, []byte("¶11")):
			burst.Answered(tok)
		case r.Method == "PATCH" && !answer && bytes.Contains(r.Body, []byte(`"components":[]`)):
			// An answer that failed: its message loses its buttons.
			burst.Failed(tok, string(r.Body))
		}
		return nil
	})
	defer remove()

	if overHTTP {
		// Open as many connections as the burst will use before the
		// clock starts: the burst does not time 300 TCP handshakes, which
		// Discord's open connections spare it.
		open := b.N
		if load.rate > 0 {
			// At a steady rate fewer are open at once than are sent.
			open = min(b.N, 256)
		}
		srv.OpenConnections(endpoint, client, open)
	}

	guilds := max(8, (b.N+39)/40)
	// Each guild's channel, as an interaction names the channel it was
	// used in. The bot looks each up once (whether it is a thread); a
	// real bot finds them in the gateway's guild state.
	channels := make([]string, guilds)
	for g := range guilds {
		channels[g] = srv.AddChannel(&discordgo.Channel{GuildID: fmt.Sprintf("31000000000000%04d", g), Type: discordgo.ChannelTypeGuildText, Name: "general"}).ID
	}
	readyPeak := bot.proc(b).hwm
	calls := model.ChatCalls()
	b.ResetTimer()
	before, harness0 := bot.proc(b), loadbench.CPU()
	start := time.Now()
	var posts sync.WaitGroup
	var interval time.Duration
	if load.rate > 0 {
		interval = time.Second / time.Duration(load.rate)
	}
	for n := range b.N {
		tok := tokPrefix + strconv.Itoa(n)
		if interval > 0 {
			// Timed from when it was due: should the sender fall behind,
			// its lateness counts against the bot, as a member's wait.
			due := start.Add(time.Duration(n) * interval)
			time.Sleep(time.Until(due))
			burst.SentAt(tok, due)
		} else {
			burst.Sent(tok)
		}
		user := fmt.Sprintf("21000000000%07d", n)
		i := &discordgo.Interaction{
			GuildID: fmt.Sprintf("31000000000000%04d", n%guilds), ChannelID: channels[n%guilds], Token: tok,
			Member: &discordgo.Member{User: &discordgo.User{ID: user, Username: "u" + user}, Roles: []string{}},
			Data: discordgo.ApplicationCommandInteractionData{Name: "ask", Options: []*discordgo.ApplicationCommandInteractionDataOption{
				{Name: "question", Type: discordgo.ApplicationCommandOptionString, Value: question(n, same)}}},
		}
		if !overHTTP {
			srv.DispatchInteraction(i)
			continue
		}
		burst.Post(&posts, tok, func() (bool, string) {
			resp := srv.PostInteraction(endpoint, i, discordtest.WithHTTPClient(client))
			return resp.Callback != nil, fmt.Sprintf("POST %s: %d %s, no acknowledgement", tok, resp.Status, resp.Body)
		})
	}
	posts.Wait()
	if left := burst.Wait(time.Minute); left > 0 {
		b.Fatalf("%d of %d questions unanswered after a minute; bot log:\n%s", left, b.N, bot.logTail())
	}
	elapsed := time.Since(start)
	after, harness := bot.proc(b), loadbench.CPU()-harness0
	b.StopTimer()
	ackP99, finalP99, failed := burst.Results()
	if len(failed) > 0 {
		b.Fatalf("%d of %d answers failed, the first: %s\nbot log:\n%s", len(failed), b.N, failed[0], bot.logTail())
	}
	switch n := model.ChatCalls() - calls; {
	case same && n != 1:
		b.Errorf("%d model calls for one question asked %d times at once: want one", n, b.N)
	case !same && n != b.N:
		b.Errorf("%d model calls for %d questions: want one each", n, b.N)
	}
	if os.Getenv("BOTPROC_METRICS") != "" {
		// The bot's own view of the burst, for a look at where time goes.
		if resp, err := http.Get("http://" + healthAddr + "/metrics"); err == nil {
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			for _, line := range strings.Split(string(body), "\n") {
				if strings.HasPrefix(line, "briefbot_stage_seconds") || strings.HasPrefix(line, "briefbot_questions_total") {
					fmt.Fprintf(os.Stderr, "%s n=%d: %s\n", b.Name(), b.N, line)
				}
			}
		}
		if info, err := rds.Client(b).Info(context.Background(), "commandstats").Result(); err == nil {
			fmt.Fprintf(os.Stderr, "%s n=%d: redis %s\n", b.Name(), b.N, info)
		}
	}
	b.ReportMetric(float64(b.N)/elapsed.Seconds(), "q/s")
	b.ReportMetric(ackP99, "ack-p99-ms")
	b.ReportMetric(finalP99, "final-p99-ms")
	b.ReportMetric(float64(after.hwm)/1e6, "peak-rss-MB")
	b.ReportMetric(float64(readyPeak)/1e6, "ready-peak-rss-MB")
	b.ReportMetric(float64(after.rss)/1e6, "rss-MB")
	b.ReportMetric(float64(after.cpu-before.cpu)/float64(time.Millisecond)/float64(b.N), "cpu-ms/q")
	b.ReportMetric(float64(harness)/float64(time.Millisecond)/float64(b.N), "harness-cpu-ms/q")
}

// botProcess is a running `bot run`.
type botProcess struct {
	cmd    *exec.Cmd
	stderr *lockedBuffer
	exited chan error
}

// startBotProcess starts bin run with exactly env (nothing of the test's
// own environment), waits until its /readyz on healthAddr answers 200,
// and stops it with SIGTERM when b's run ends.
func startBotProcess(b *testing.B, bin string, env []string, healthAddr string) *botProcess {
	b.Helper()
	p := &botProcess{stderr: &lockedBuffer{}, exited: make(chan error, 1)}
	p.cmd = exec.Command(bin, "run")
	p.cmd.Env = env
	p.cmd.Stdout = p.stderr
	p.cmd.Stderr = p.stderr
	// Killed with the test binary should it die without its cleanups.
	p.cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	if err := p.cmd.Start(); err != nil {
		b.Fatal(err)
	}
	go func() { p.exited <- p.cmd.Wait() }()
	b.Cleanup(func() { p.stop(b) })

	deadline := time.Now().Add(30 * time.Second)
	for {
		resp, err := http.Get("http://" + healthAddr + "/readyz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return p
			}
		}
		select {
		case err := <-p.exited:
			p.exited <- err
			b.Fatalf("bot run exited before it was ready: %v\n%s", err, p.stderr.String())
		case <-time.After(20 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			b.Fatalf("bot run not ready after 30 s:\n%s", p.stderr.String())
		}
	}
}

// stop sends SIGTERM and waits for a clean exit (SIGKILL after 20 s).
func (p *botProcess) stop(b *testing.B) {
	if err := p.cmd.Process.Signal(syscall.SIGTERM); err != nil && !errors.Is(err, os.ErrProcessDone) {
		b.Errorf("SIGTERM: %v", err)
	}
	select {
	case err := <-p.exited:
		if err != nil {
			b.Errorf("bot run: %v\n%s", err, p.logTail())
		}
	case <-time.After(20 * time.Second):
		p.cmd.Process.Kill()
		<-p.exited
		b.Errorf("bot run did not stop within 20 s of SIGTERM\n%s", p.logTail())
	}
}

// logTail is the last 50 lines the process wrote.
func (p *botProcess) logTail() string {
	lines := strings.Split(strings.TrimRight(p.stderr.String(), "\n"), "\n")
	return strings.Join(lines[max(0, len(lines)-50):], "\n")
}

// procStats is what /proc says of a process: VmHWM and VmRSS in bytes,
// utime+stime.
type procStats struct {
	hwm, rss int64
	cpu      time.Duration
}

// userHZ is the unit of utime and stime in /proc/PID/stat (USER_HZ,
// sysconf(_SC_CLK_TCK)): 100 on every Linux architecture Go supports.
const userHZ = 100

func (p *botProcess) proc(b *testing.B) procStats {
	b.Helper()
	st, err := readProcStats(p.cmd.Process.Pid)
	if err != nil {
		b.Fatal(err)
	}
	return st
}

func readProcStats(pid int) (procStats, error) {
	var st procStats
	status, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return st, err
	}
	for _, line := range strings.Split(string(status), "\n") {
		f := strings.Fields(line)
		if len(f) < 3 || f[2] != "kB" {
			continue
		}
		kb, err := strconv.ParseInt(f[1], 10, 64)
		if err != nil {
			return st, fmt.Errorf("/proc/%d/status: %q", pid, line)
		}
		switch f[0] {
		case "VmHWM:":
			st.hwm = kb * 1024
		case "VmRSS:":
			st.rss = kb * 1024
		}
	}
	stat, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return st, err
	}
	// pid (comm) state ppid … : utime and stime are fields 14 and 15,
	// the 12th and 13th after the command's closing parenthesis.
	i := bytes.LastIndexByte(stat, ')')
	f := strings.Fields(string(stat[i+1:]))
	if i < 0 || len(f) < 13 {
		return st, fmt.Errorf("/proc/%d/stat: %q", pid, stat)
	}
	utime, err1 := strconv.ParseInt(f[11], 10, 64)
	stime, err2 := strconv.ParseInt(f[12], 10, 64)
	if err1 != nil || err2 != nil {
		return st, fmt.Errorf("/proc/%d/stat: %q", pid, stat)
	}
	st.cpu = time.Duration(utime+stime) * time.Second / userHZ
	if st.hwm == 0 || st.rss == 0 {
		return st, fmt.Errorf("/proc/%d/status has no VmHWM or VmRSS", pid)
	}
	return st, nil
}

// question is the n-th question of a burst: worded a little differently
// each time, so that the answer cache does not answer the burst from its
// first answers, or the same for all (a class).
func question(n int, same bool) string {
	if same {
		return "Why does France oppose a NATO office in Tokyo?"
	}
	return fmt.Sprintf("Why does France oppose a NATO office in Tokyo? (question %d)", n)
}
