package main

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// Ctrl-C on `bot ask` while a slow model was writing: the operator saw an
// answer quoting the briefing, "(The language model is unavailable right
// now…)", which it was not, and exit 0. Interrupted, the command stops
// and says so, with the shell's code for it, as `bot eval` does.
func TestAskInterruptedWhileTheModelWrites(t *testing.T) {
	ended := make(chan struct{})
	model := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// A model that has not written its first token yet.
		select {
		case <-r.Context().Done():
		case <-ended:
		}
	}))
	defer model.Close()
	defer close(ended)
	env := map[string]string{"OPENAI_BASE_URL": model.URL + "/v1", "OPENAI_MODEL": "slow", "OPENAI_TIMEOUT": "1m"}
	for _, args := range [][]string{{"ask"}, {"ask", "--json"}} {
		ctx, cancel := context.WithCancel(context.Background())
		time.AfterFunc(300*time.Millisecond, cancel) // the signal
		var out, errb bytes.Buffer
		code := run(ctx, append(args, "Why does France oppose a NATO office in Tokyo?"), func(k string) string { return env[k] }, &out, &errb)
		cancel()
		if code != exitInterrupted || !strings.Contains(errb.String(), "interrupted") {
			t.Errorf("%v: exit %d, stderr %q; want 130 and interrupted", args, code, errb.String())
		}
		if strings.Contains(out.String(), "unavailable") {
			t.Errorf("%v: an interrupted answer is said to be the model's failure:\n%s", args, out.String())
		}
	}
}
