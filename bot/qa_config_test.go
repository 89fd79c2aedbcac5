package main

import (
	"strings"
	"testing"
)

// An env file read by `docker run --env-file` or `kubectl create configmap
// --from-env-file` keeps the quotes of DISCORD_TOKEN="…": the operator saw
// "Discord refused the token", or, for REDIS_URL, "first path segment in
// URL cannot contain colon", neither of which says what was wrong. The bot
// says so at start, naming the variable and never its value.
func TestQuotedSettingsAreNamed(t *testing.T) {
	for _, tc := range []struct{ name, value, secret string }{
		{"DISCORD_TOKEN", `"tok-SECRET-1"`, "tok-SECRET-1"},
		{"DISCORD_TOKEN", `'tok-SECRET-1'`, "tok-SECRET-1"},
		{"REDIS_URL", `"redis://:pw-SECRET@localhost:6379/0"`, "pw-SECRET"},
		{"OPENAI_API_KEY", ` "sk-SECRET" `, "sk-SECRET"},
		{"OPENAI_BASE_URL", `'http://localhost:11434/v1'`, ""},
		{"KNOWLEDGE_DIR", `"/knowledge"`, ""},
		{"HEALTH_ADDR", `"127.0.0.1:8081"`, ""},
	} {
		env := map[string]string{tc.name: tc.value}
		_, err := loadConfig(func(k string) string { return env[k] })
		if err == nil {
			t.Errorf("%s=%s: accepted", tc.name, tc.value)
			continue
		}
		msg := err.Error()
		if !strings.Contains(msg, tc.name) || !strings.Contains(msg, "quotes") {
			t.Errorf("%s=%s: error %q does not say the value is in quotes", tc.name, tc.value, msg)
		}
		if tc.secret != "" && strings.Contains(msg, tc.secret) {
			t.Errorf("%s=%s: error %q prints the secret", tc.name, tc.value, msg)
		}
	}
	// A quote inside a value is left alone: a password may hold one.
	env := map[string]string{"REDIS_URL": `redis://:pa"ss@localhost:6379/0`, "DISCORD_TOKEN": `a"b`}
	if _, err := loadConfig(func(k string) string { return env[k] }); err != nil {
		t.Errorf("quotes inside values: %v", err)
	}
}
