package main

import (
	"crypto/ed25519"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/briefbot/briefbot/bot/answer"
	"github.com/briefbot/briefbot/bot/asking"
	"github.com/briefbot/briefbot/bot/discord"
	"github.com/briefbot/briefbot/bot/llm"
	"github.com/briefbot/briefbot/bot/redisstore"
)

// config is the whole configuration, read from the environment only
// (12-factor). .env.example lists every variable with its default.
type config struct {
	DiscordToken   string
	DiscordGuildID string
	// LibraryGuilds are the servers whose moderators may change the
	// briefings (LIBRARY_GUILD_IDS); nil = DiscordGuildID's alone.
	LibraryGuilds []string
	DiscordAPIURL string
	// DiscordPublicKey verifies HTTP interactions (DISCORD_PUBLIC_KEY).
	DiscordPublicKey ed25519.PublicKey
	// InteractionsAddr is where `bot run` serves Discord's HTTP
	// interactions at POST /interactions; empty = not at all.
	InteractionsAddr string
	// NoGateway (DISCORD_GATEWAY=off) runs an HTTP-only replica.
	NoGateway bool
	// Shards (DISCORD_SHARDS: a number, or auto = discord.AutoShards) and
	// the ones this process runs (DISCORD_SHARD_IDS), ascending; nil = all.
	Shards   int
	ShardIDs []int

	OpenAIKey            string
	OpenAIBaseURL        string
	OpenAIModel          string
	OpenAIEmbeddingModel string
	// PassageTokens bounds the briefing passages of one prompt.
	PassageTokens int
	// OpenAITimeout bounds one model call; OpenAIMaxTokens one answer.
	OpenAITimeout   time.Duration
	OpenAIMaxTokens int
	// MaxConcurrentAnswers caps answers written at once, shared fairly
	// between guilds.
	MaxConcurrentAnswers int

	RedisURL string
	// RedisPrefix starts every key the bot writes (REDIS_KEY_PREFIX);
	// empty = redisstore.Prefix.
	RedisPrefix  string
	KnowledgeDir string
	LogLevel     slog.Level
	LogJSON      bool // LOG_FORMAT=json: one JSON object a line, for log collectors
	HealthAddr   string
}

var redisPrefix = regexp.MustCompile(`^[A-Za-z0-9_.:-]{1,64}$`)

func loadConfig(getenv func(string) string) (config, error) {
	// quoted is the first variable whose value is wrapped in quotes:
	// `docker run --env-file` and Kubernetes env files keep them, and a
	// token or URL in quotes fails later with an error that does not say
	// why ("Discord refused the token").
	var quoted string
	get := func(k, def string) string {
		v := strings.TrimSpace(getenv(k))
		if quoted == "" && isQuoted(v) {
			quoted = k
		}
		if v != "" {
			return v
		}
		return def
	}
	quotedErr := func() error {
		if quoted == "" {
			return nil
		}
		// The value is not repeated: it may be a token, a key or a URL
		// with a password.
		return fmt.Errorf("%s: the value is wrapped in quotes, which are kept as part of it (docker run --env-file and Kubernetes env files do not remove them): remove the quotes", quoted)
	}
	c := config{
		DiscordToken:         get("DISCORD_TOKEN", ""),
		DiscordGuildID:       get("DISCORD_GUILD_ID", ""),
		DiscordAPIURL:        get("DISCORD_API_URL", ""),
		OpenAIKey:            get("OPENAI_API_KEY", ""),
		OpenAIBaseURL:        get("OPENAI_BASE_URL", ""),
		OpenAIModel:          get("OPENAI_MODEL", ""),
		OpenAIEmbeddingModel: get("OPENAI_EMBEDDING_MODEL", ""),
		RedisURL:             get("REDIS_URL", ""),
		RedisPrefix:          get("REDIS_KEY_PREFIX", ""),
		KnowledgeDir:         get("KNOWLEDGE_DIR", ""),
		HealthAddr:           get("HEALTH_ADDR", "127.0.0.1:8081"),
		InteractionsAddr:     get("INTERACTIONS_ADDR", ""),
	}
	if err := quotedErr(); err != nil {
		return config{}, err
	}
	for _, k := range []struct{ name, value string }{{"DISCORD_TOKEN", c.DiscordToken}, {"OPENAI_API_KEY", c.OpenAIKey}} {
		if err := controlInSecret(k.name, k.value); err != nil {
			return config{}, err
		}
	}
	// Checked here, by the checks their clients make, so that a bad one
	// stops the start with its variable named (the clients found it
	// later, naming neither; a bad DISCORD_API_URL was only logged).
	if v := c.OpenAIBaseURL; v != "" {
		if err := llm.CheckBaseURL(v); err != nil {
			return config{}, fmt.Errorf("OPENAI_BASE_URL: %w", err)
		}
	}
	if v := c.DiscordAPIURL; v != "" {
		if _, err := discord.ParseAPIBase(v); err != nil {
			return config{}, fmt.Errorf("DISCORD_API_URL: %w; want http(s)://host[:port][/path]", err)
		}
	}
	if err := checkListenAddr("HEALTH_ADDR", c.HealthAddr, "127.0.0.1:8081"); err != nil {
		return config{}, err
	}
	if c.InteractionsAddr != "" {
		if err := checkListenAddr("INTERACTIONS_ADDR", c.InteractionsAddr, ":8080"); err != nil {
			return config{}, err
		}
	}
	// Braces would make part of it a Cluster hash tag, splitting the
	// groups of keys one script or transaction touches; glob characters
	// and spaces would break the key patterns retention scans with.
	if v := c.RedisPrefix; v != "" && !redisPrefix.MatchString(v) {
		return config{}, fmt.Errorf("REDIS_KEY_PREFIX: %q: want 1-64 letters, digits and '_', '-', '.', ':' (such as staging:), or empty for %s", v, redisstore.Prefix)
	}
	// A server id is a snowflake; anything else connects, is refused when
	// the commands are registered, and stops the bot.
	if id := c.DiscordGuildID; id != "" && !isSnowflake(id) {
		return config{}, fmt.Errorf("DISCORD_GUILD_ID: %q is not a server id: want its digits (Discord, with Developer Mode on: right-click the server → Copy Server ID), or empty for global commands", id)
	}
	for id := range strings.FieldsFuncSeq(get("LIBRARY_GUILD_IDS", ""), func(r rune) bool { return r == ',' || r == ' ' }) {
		if !isSnowflake(id) {
			return config{}, fmt.Errorf("LIBRARY_GUILD_IDS: %q is not a server id: want server ids (their digits), separated by commas", id)
		}
		c.LibraryGuilds = append(c.LibraryGuilds, id)
	}
	if v := get("DISCORD_PUBLIC_KEY", ""); v != "" {
		k, err := discord.ParsePublicKey(v)
		if err != nil {
			return config{}, fmt.Errorf("DISCORD_PUBLIC_KEY: %w", err)
		}
		c.DiscordPublicKey = k
	}
	switch v := strings.ToLower(get("DISCORD_GATEWAY", "on")); v {
	case "on", "off":
		c.NoGateway = v == "off"
	default:
		return config{}, fmt.Errorf("DISCORD_GATEWAY: %q is not on or off", getenv("DISCORD_GATEWAY"))
	}
	if err := c.loadShards(get); err != nil {
		return config{}, err
	}
	c.PassageTokens = answer.DefaultPassageBudget
	if v := get("ANSWER_PASSAGE_TOKENS", ""); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 200 || n > 200_000 {
			return config{}, fmt.Errorf("ANSWER_PASSAGE_TOKENS: %q is not a number of tokens from 200 to 200000", v)
		}
		c.PassageTokens = n
	}
	c.OpenAITimeout = answer.DefaultAnswerTimeout
	if v := get("OPENAI_TIMEOUT", ""); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d < time.Second || d > 30*time.Minute {
			return config{}, fmt.Errorf("OPENAI_TIMEOUT: %q is not a duration from 1s to 30m (e.g. 90s, 2m)", v)
		}
		c.OpenAITimeout = d
	}
	c.OpenAIMaxTokens = answer.DefaultAnswerTokens
	if v := get("OPENAI_MAX_TOKENS", ""); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 50 || n > 32_000 {
			return config{}, fmt.Errorf("OPENAI_MAX_TOKENS: %q is not a number of tokens from 50 to 32000", v)
		}
		c.OpenAIMaxTokens = n
	}
	c.MaxConcurrentAnswers = asking.DefaultSlots
	if v := get("MAX_CONCURRENT_ANSWERS", ""); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 1024 {
			return config{}, fmt.Errorf("MAX_CONCURRENT_ANSWERS: %q is not a number from 1 to 1024", v)
		}
		c.MaxConcurrentAnswers = n
	}
	if err := c.LogLevel.UnmarshalText([]byte(get("LOG_LEVEL", "info"))); err != nil {
		return config{}, fmt.Errorf("LOG_LEVEL: %q is not one of debug, info, warn, error", getenv("LOG_LEVEL"))
	}
	switch f := strings.ToLower(get("LOG_FORMAT", "text")); f {
	case "text", "json":
		c.LogJSON = f == "json"
	default:
		return config{}, fmt.Errorf("LOG_FORMAT: %q is not text or json", getenv("LOG_FORMAT"))
	}
	if err := quotedErr(); err != nil {
		return config{}, err
	}
	return c, nil
}

// isQuoted reports whether v is wrapped in a pair of double or single
// quotes. No setting's value is: not a token, key, URL, path or number.
// controlInSecret refuses a token or key holding a control character
// (surrounding space is trimmed already): one pasted with a line break, or
// two pasted one under the other. It cannot go in a header, and every call
// failed before it was sent, read as the server being down. The error
// names the variable and where the character is, never the value.
func controlInSecret(name, v string) error {
	for i, r := range []rune(v) {
		if unicode.IsControl(r) {
			what := ""
			if r == '\n' || r == '\r' {
				what = ", a line break"
			}
			return fmt.Errorf("%s: the value holds a control character (U+%04X%s) at character %d of %d: a key or token is one line of text; remove it (the value is not shown)",
				name, r, what, i+1, len([]rune(v)))
		}
	}
	return nil
}

func isQuoted(v string) bool {
	return len(v) >= 2 && (v[0] == '"' || v[0] == '\'') && v[len(v)-1] == v[0]
}

// maxShards bounds DISCORD_SHARDS and the ids of DISCORD_SHARD_IDS: far
// above what any bot needs (Discord asks for one shard per 1,000 servers
// or so), low enough that a typo cannot make a process open a million
// connections.
const maxShards = 65536

// loadShards reads DISCORD_SHARDS and DISCORD_SHARD_IDS: how many shards
// there are, and which of them this process runs (default all, each over
// a connection of its own).
func (c *config) loadShards(get func(k, def string) string) error {
	switch v := strings.ToLower(get("DISCORD_SHARDS", "1")); v {
	case "auto":
		c.Shards = discord.AutoShards
	default:
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > maxShards {
			return fmt.Errorf("DISCORD_SHARDS: %q is not auto or a number of shards from 1 to %d", v, maxShards)
		}
		c.Shards = n
	}
	v := get("DISCORD_SHARD_IDS", "")
	if v == "" {
		return nil
	}
	limit := maxShards
	if c.Shards > 0 {
		limit = c.Shards
	}
	ids, err := parseShardIDs(v, limit)
	if err != nil {
		if c.Shards > 0 {
			return fmt.Errorf("DISCORD_SHARD_IDS: %w (DISCORD_SHARDS=%d: shards 0-%d)", err, c.Shards, c.Shards-1)
		}
		return fmt.Errorf("DISCORD_SHARD_IDS: %w", err)
	}
	c.ShardIDs = ids
	return nil
}

// parseShardIDs reads a list of shard ids and ranges, such as "0-3" or
// "0,2,5-7", each id below limit and named once; it returns them in
// ascending order.
func parseShardIDs(v string, limit int) ([]int, error) {
	seen := map[int]bool{}
	var ids []int
	for _, part := range strings.Split(v, ",") {
		part = strings.TrimSpace(part)
		lo, hi, isRange := strings.Cut(part, "-")
		first, err1 := parseShardID(lo)
		last, err2 := first, error(nil)
		if isRange {
			last, err2 = parseShardID(hi)
		}
		if err1 != nil || err2 != nil {
			return nil, fmt.Errorf("%q is not a shard id or a range of them (e.g. 0, 0-3 or 0,2,5-7)", part)
		}
		if last < first {
			return nil, fmt.Errorf("%q is a range from high to low (write %d-%d)", part, last, first)
		}
		if last >= limit {
			return nil, fmt.Errorf("shard %d is out of range", last)
		}
		for id := first; id <= last; id++ {
			if seen[id] {
				return nil, fmt.Errorf("shard %d is named twice", id)
			}
			seen[id] = true
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	return ids, nil
}

// parseShardID reads one shard id: decimal digits only (no sign, no
// spaces inside).
func parseShardID(s string) (int, error) {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 6 || strings.TrimLeft(s, "0123456789") != "" {
		return 0, errors.New("not a shard id")
	}
	return strconv.Atoi(s)
}

// isSnowflake reports whether id can be a Discord id: up to 20 digits.
func isSnowflake(id string) bool {
	return id != "" && len(id) <= 20 && strings.TrimLeft(id, "0123456789") == ""
}

// checkListenAddr checks that v, the value of the variable name, is an
// address to listen on: host:port, the host optional (every interface),
// the port a number from 1 to 65535. Anything else would be found out
// only when `bot run` listens, or `bot healthcheck` asks, "not reachable
// at nope".
func checkListenAddr(name, v, example string) error {
	host, port, err := net.SplitHostPort(v)
	bad := err != nil || strings.ContainsAny(host, "/ ") || strings.Contains(v, "://")
	if !bad {
		n, perr := strconv.Atoi(port)
		// Port 0 asks for any free port: of use to tests and replicas
		// behind something that finds them; `bot healthcheck` cannot.
		bad = perr != nil || n < 0 || n > 65535 || strings.TrimLeft(port, "0123456789") != ""
	}
	if bad {
		return fmt.Errorf("%s: %q is not an address to listen on: want host:port with a port from 0 to 65535, e.g. %s (the host left out: every interface)",
			name, v, example)
	}
	return nil
}
