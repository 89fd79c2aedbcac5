package llm

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	openai "github.com/sashabaranov/go-openai"
)

// retryDoer is the openai.HTTPDoer under every call. go-openai neither
// retries nor reads Retry-After, so this layer does both. It acts before
// go-openai sees a response, so streamed calls are retried the same way as
// plain ones: a stream is only handed over once its headers say 200.
type retryDoer struct {
	next       openai.HTTPDoer
	maxRetries int
	baseDelay  time.Duration
	maxDelay   time.Duration
	log        *slog.Logger
	retries    *atomic.Int64 // the client's cumulative counter
}

var _ openai.HTTPDoer = (*retryDoer)(nil)

// callState travels in the request context from a Client method to the
// doer: the per-call retry count and the stall watchdog's progress hook.
type callState struct {
	retries    int
	retryAfter time.Duration // the last wait a server asked for
	progress   func()        // called on response headers and on every byte read
	// done is set when a streamed body said it was over ("data: [DONE]"):
	// go-openai reports that and a body that just stopped alike (io.EOF).
	done atomic.Bool
}

type callStateKey struct{}

func withCallState(ctx context.Context, st *callState) context.Context {
	return context.WithValue(ctx, callStateKey{}, st)
}

func (d *retryDoer) Do(req *http.Request) (*http.Response, error) {
	ctx := req.Context()
	st, _ := ctx.Value(callStateKey{}).(*callState)
	attemptReq := req
	for attempt := 0; ; attempt++ {
		resp, err := d.next.Do(attemptReq)
		if ctx.Err() != nil {
			// The caller gave up or the deadline passed: nothing to retry.
			return resp, err
		}
		wait, retry := d.retryWait(resp, err, attempt)
		if resp != nil && st != nil {
			if ra, ok := retryAfter(resp.Header, time.Now()); ok {
				st.retryAfter = ra
			}
		}
		if !retry || attempt >= d.maxRetries || (req.Body != nil && req.GetBody == nil) {
			if err == nil && st != nil && st.progress != nil && resp.StatusCode == http.StatusOK {
				st.progress()
				resp.Body = &progressBody{ReadCloser: resp.Body, progress: st.progress, done: &st.done}
			}
			return resp, err
		}
		status := 0
		if resp != nil {
			status = resp.StatusCode
		}
		if deadline, ok := ctx.Deadline(); ok && time.Until(deadline) <= wait {
			// Sleeping would outlast the deadline: hand back this answer
			// now, so the caller gets the rate-limit (or 5xx) error at once
			// instead of a timeout later.
			d.log.Warn("llm: not retrying, wait exceeds deadline",
				"status", status, "wait", wait, "remaining", time.Until(deadline).Round(time.Millisecond))
			return resp, err
		}
		if resp != nil {
			// Drain a little so the connection can be reused.
			_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
			resp.Body.Close()
		}
		if err != nil {
			// A transport error names the URL, never headers: no key in it.
			d.log.Info("llm: retrying", "error", err.Error(), "attempt", attempt+1, "wait", wait.Round(time.Millisecond))
		} else {
			d.log.Info("llm: retrying", "status", status, "attempt", attempt+1, "wait", wait.Round(time.Millisecond))
		}
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return nil, ctx.Err()
		case <-t.C:
		}
		d.retries.Add(1)
		if st != nil {
			st.retries++
		}
		attemptReq = req.Clone(ctx)
		if req.GetBody != nil {
			body, err := req.GetBody()
			if err != nil {
				return nil, err
			}
			attemptReq.Body = body
		}
	}
}

// retryWait says whether an attempt's outcome is worth retrying and after
// how long: the server's Retry-After when it gave one, else exponential
// backoff with jitter.
func (d *retryDoer) retryWait(resp *http.Response, err error, attempt int) (time.Duration, bool) {
	if err == nil && !retryableStatus(resp.StatusCode) {
		return 0, false
	}
	// err != nil here is a transport error before any response (refused,
	// reset, DNS): the request may not have reached the model.
	if resp != nil {
		if wait, ok := retryAfter(resp.Header, time.Now()); ok {
			return wait, true
		}
	}
	backoff := d.baseDelay << attempt
	if backoff > d.maxDelay || backoff <= 0 {
		backoff = d.maxDelay
	}
	// Up to +50% jitter so that several bot processes hit by the same
	// outage do not come back in lockstep.
	return backoff + rand.N(backoff/2+1), true
}

func retryableStatus(code int) bool {
	return code == http.StatusTooManyRequests || (code >= 500 && code != http.StatusNotImplemented)
}

// retryAfter reads the server's requested wait: OpenAI's retry-after-ms,
// or the standard Retry-After as seconds or an HTTP date.
func retryAfter(h http.Header, now time.Time) (time.Duration, bool) {
	if v := strings.TrimSpace(h.Get("Retry-After-Ms")); v != "" {
		if ms, err := strconv.ParseFloat(v, 64); err == nil && ms >= 0 {
			return time.Duration(ms * float64(time.Millisecond)), true
		}
	}
	v := strings.TrimSpace(h.Get("Retry-After"))
	if v == "" {
		return 0, false
	}
	if secs, err := strconv.ParseFloat(v, 64); err == nil {
		if secs < 0 {
			return 0, false
		}
		return time.Duration(secs * float64(time.Second)), true
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(t.Sub(now), 0), true
	}
	return 0, false
}

// progressBody reports every successful read to the stall watchdog.
type progressBody struct {
	io.ReadCloser
	progress func()
	done     *atomic.Bool
	// tail is the end of what was read so far, so that a "data: [DONE]"
	// split between two reads is found.
	tail []byte
}

// saidDone reports whether an OpenAI stream's closing event, "data:
// [DONE]" (some servers leave out the space), starts a line of b.
func saidDone(b []byte) bool {
	for {
		i := bytes.Index(b, []byte("\ndata:"))
		if i < 0 {
			return false
		}
		b = b[i+len("\ndata:"):]
		if bytes.HasPrefix(bytes.TrimLeft(b, " "), []byte("[DONE]")) {
			return true
		}
	}
}

// doneTail is how much of what was read is kept to find the event
// split between two reads: "\ndata:", a few spaces, "[DONE]".
const doneTail = 24

func (b *progressBody) Read(p []byte) (int, error) {
	n, err := b.ReadCloser.Read(p)
	if n > 0 {
		b.progress()
		if !b.done.Load() {
			if b.tail == nil {
				b.tail = []byte("\n") // the body's first line
			}
			// At a line's start only: a model writing "data: [DONE]"
			// inside a delta's JSON string is not the event. The read
			// itself is searched where it lies; only its first bytes,
			// after the tail of the last read, are copied, to find an
			// event split between the two.
			edge := append(b.tail, p[:min(n, doneTail)]...)
			if saidDone(edge) || saidDone(p[:n]) {
				b.done.Store(true)
			}
			if n >= doneTail {
				edge = p[n-doneTail : n]
			}
			b.tail = append(b.tail[:0], edge[max(0, len(edge)-doneTail):]...)
		}
	}
	return n, err
}
