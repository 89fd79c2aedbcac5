package main

import (
	"strings"
	"testing"
)

// HEALTH_ADDR and INTERACTIONS_ADDR are checked at start like every other
// setting: HEALTH_ADDR=nope was accepted, and `bot healthcheck` then said
// "bot not reachable at nope" (TestListenAddrSettings).
func TestListenAddrSettings(t *testing.T) {
	for _, v := range []string{"", "127.0.0.1:8081", ":8081", "[::1]:8081", "localhost:9000", "0.0.0.0:65535", ":0"} {
		cfg, err := loadConfig(func(k string) string { return map[string]string{"HEALTH_ADDR": v, "INTERACTIONS_ADDR": v}[k] })
		if err != nil {
			t.Errorf("HEALTH_ADDR=%q: %v", v, err)
		}
		if v == "" && (cfg.HealthAddr != "127.0.0.1:8081" || cfg.InteractionsAddr != "") {
			t.Errorf("defaults: %q, %q", cfg.HealthAddr, cfg.InteractionsAddr)
		}
	}
	for _, v := range []string{"nope", "8081", "http://127.0.0.1:8081", "127.0.0.1:99999", "127.0.0.1:http", "my host:80", "127.0.0.1:-1", "127.0.0.1:+80"} {
		for _, name := range []string{"HEALTH_ADDR", "INTERACTIONS_ADDR"} {
			_, err := loadConfig(func(k string) string { return map[string]string{name: v}[k] })
			if err == nil || !strings.HasPrefix(err.Error(), name+": ") || !strings.Contains(err.Error(), "host:port") {
				t.Errorf("%s=%q: %v; want an error naming %s and the form it takes", name, v, err, name)
			}
		}
	}
	// What the operator sees: a usage error before anything is asked.
	code, _, errs := runBot(t, map[string]string{"HEALTH_ADDR": "nope"}, "healthcheck")
	if code != exitUsage || !strings.Contains(errs, `HEALTH_ADDR: "nope" is not an address to listen on`) || strings.Contains(errs, "not reachable") {
		t.Errorf("bot healthcheck with HEALTH_ADDR=nope: exit %d, %q", code, errs)
	}
}

// OPENAI_BASE_URL and DISCORD_API_URL are checked at start, with the
// variable named and a password never repeated: "http://" was reported
// by the model's client as `llm: base URL "http:"`, with exit 1, and a
// bad DISCORD_API_URL only as a logged ERROR.
func TestBaseURLSettings(t *testing.T) {
	for _, v := range []string{"", "http://127.0.0.1:8080/v1", "https://api.example.com/v1", "http://localhost:11434/v1/"} {
		for _, name := range []string{"OPENAI_BASE_URL", "DISCORD_API_URL"} {
			if _, err := loadConfig(func(k string) string { return map[string]string{name: v}[k] }); err != nil {
				t.Errorf("%s=%q: %v", name, v, err)
			}
		}
	}
	for _, v := range []string{"http://127.0.0.1:1/v1?api-key=secret", "http://127.0.0.1:1/v1#secret", "http://127.0.0.1:1/v1?"} {
		_, err := loadConfig(func(k string) string { return map[string]string{"OPENAI_BASE_URL": v}[k] })
		if err == nil || !strings.HasPrefix(err.Error(), "OPENAI_BASE_URL: ") || !strings.Contains(err.Error(), "query") || strings.Contains(err.Error(), "secret") {
			t.Errorf("OPENAI_BASE_URL=%q: %v; want the query refused, not quoted", v, err)
		}
	}
	for _, v := range []string{"http://", "ftp://example.com", "localhost:8080", "://x", "http://u:secret@:80", "%zz"} {
		for _, name := range []string{"OPENAI_BASE_URL", "DISCORD_API_URL"} {
			_, err := loadConfig(func(k string) string { return map[string]string{name: v}[k] })
			if err == nil || !strings.HasPrefix(err.Error(), name+": ") || !strings.Contains(err.Error(), "http(s)://host") || strings.Contains(err.Error(), "secret") {
				t.Errorf("%s=%q: %v; want an error naming %s and the form, without the password", name, v, err, name)
			}
		}
	}
	code, _, errs := runBot(t, map[string]string{"OPENAI_BASE_URL": "http://"}, "ask", "why does france oppose the office?")
	if code != exitUsage || !strings.Contains(errs, "OPENAI_BASE_URL: ") {
		t.Errorf("bot ask with OPENAI_BASE_URL=http://: exit %d, %q", code, errs)
	}
}

// REDIS_KEY_PREFIX puts every key under another prefix, so that two bots
// can share a Redis Cluster (which has one database); one that could
// split a group of keys across Cluster slots (braces) or break the key
// patterns retention scans with (glob characters, spaces) is refused.
func TestRedisKeyPrefixSetting(t *testing.T) {
	for _, v := range []string{"", "staging:", "bot-2:", "a.b_c"} {
		cfg, err := loadConfig(func(k string) string { return map[string]string{"REDIS_KEY_PREFIX": v}[k] })
		if err != nil || cfg.RedisPrefix != v {
			t.Errorf("REDIS_KEY_PREFIX=%q: %q, %v", v, cfg.RedisPrefix, err)
		}
	}
	for _, v := range []string{"{staging}:", "bot*", "my bot:", "a?b", "[x]", strings.Repeat("x", 65), "é:"} {
		_, err := loadConfig(func(k string) string { return map[string]string{"REDIS_KEY_PREFIX": v}[k] })
		if err == nil || !strings.HasPrefix(err.Error(), "REDIS_KEY_PREFIX: ") {
			t.Errorf("REDIS_KEY_PREFIX=%q: %v; want an error naming it", v, err)
		}
	}
}
