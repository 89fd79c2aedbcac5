package llmtest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"time"
)

// before applies a reply's delay, hang, error status and raw body. It
// reports whether the handler should go on with a normal answer.
func (s *Server) before(w http.ResponseWriter, r *http.Request, rep Reply) bool {
	if rep.Hang {
		s.wait(r, -1)
		return false
	}
	if !s.wait(r, rep.Delay) {
		return false
	}
	if rep.RetryAfter != "" {
		w.Header().Set("Retry-After", rep.RetryAfter)
	}
	status := rep.Status
	if status == 0 {
		status = http.StatusOK
	}
	if rep.Body != "" {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		io.WriteString(w, rep.Body)
		return false
	}
	if status != http.StatusOK {
		writeError(w, status, fmt.Sprintf("fake error %d", status))
		return false
	}
	return true
}

// wait sleeps d (forever when negative) unless the client goes away or the
// server shuts down; it reports whether the full time passed.
func (s *Server) wait(r *http.Request, d time.Duration) bool {
	if d == 0 {
		return true
	}
	var timeout <-chan time.Time // nil, and so never ready, when d < 0
	if d > 0 {
		t := time.NewTimer(d)
		defer t.Stop()
		timeout = t.C
	}
	return until(s, r, timeout)
}

func writeJSON(w http.ResponseWriter, v any) {
	var buf bytes.Buffer
	if err := json.NewEncoder(&buf).Encode(v); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Content-Length", strconv.Itoa(buf.Len()))
	w.Write(buf.Bytes())
}

// writeError answers in OpenAI's error shape.
func writeError(w http.ResponseWriter, status int, msg string) {
	typ := "invalid_request_error"
	switch {
	case status == http.StatusTooManyRequests:
		typ = "rate_limit_error"
	case status >= 500:
		typ = "server_error"
	}
	b, _ := json.Marshal(map[string]any{"error": map[string]any{"message": msg, "type": typ, "code": nil}})
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	w.Write(b)
}

// until waits for ready; false when the client went away or the server
// shut down first.
func until[T any](s *Server, r *http.Request, ready <-chan T) bool {
	select {
	case <-ready:
		return true
	case <-r.Context().Done():
	case <-s.done:
	}
	return false
}
