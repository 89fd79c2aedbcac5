package discordtest

import (
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"strconv"
	"time"
)

// Response is a reply an interceptor makes the fake send instead of its own.
type Response struct {
	Status int
	Header http.Header
	Body   []byte
}

// JSONResponse is a Response with v marshalled as its JSON body.
func JSONResponse(status int, v any) *Response {
	b, err := json.Marshal(v)
	if err != nil {
		panic("discordtest: JSONResponse: " + err.Error())
	}
	return &Response{Status: status, Header: http.Header{"Content-Type": {"application/json"}}, Body: b}
}

type interceptor struct {
	fn   func(Request) *Response
	once bool
	used bool
}

// Intercept makes fn see every later request before the fake handles it; a
// non-nil Response is sent instead of the fake's own reply (the request is
// still recorded, nothing else happens). Interceptors run in the order they
// were added; the first non-nil reply wins. The returned func removes fn.
func (s *Server) Intercept(fn func(Request) *Response) (remove func()) {
	ic := &interceptor{fn: fn}
	s.mu.Lock()
	s.intercepts = append(s.intercepts, ic)
	s.mu.Unlock()
	return func() {
		s.mu.Lock()
		defer s.mu.Unlock()
		ic.used = true
		s.intercepts = removeInterceptor(s.intercepts, ic)
	}
}

func removeInterceptor(list []*interceptor, ic *interceptor) []*interceptor {
	out := list[:0:0]
	for _, x := range list {
		if x != ic {
			out = append(out, x)
		}
	}
	return out
}

// interceptOnce adds an interceptor that answers the first matching request
// only.
func (s *Server) interceptOnce(method, pathPrefix string, resp func() *Response) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.intercepts = append(s.intercepts, &interceptor{
		fn: func(r Request) *Response {
			if !matches(r, method, pathPrefix) {
				return nil
			}
			return resp()
		},
		once: true,
	})
}

// RateLimitNext answers the next request with this method ("" for any) and
// path prefix with 429, once, the way Discord does: a JSON body with
// retry_after in seconds and the Retry-After and X-RateLimit-* headers that
// discordgo reads (it sleeps retry_after, then retries).
func (s *Server) RateLimitNext(method, pathPrefix string, retryAfter time.Duration) {
	s.interceptOnce(method, pathPrefix, func() *Response {
		secs := retryAfter.Seconds()
		r := JSONResponse(http.StatusTooManyRequests, map[string]any{
			"message": "You are being rate limited.", "retry_after": secs, "global": false,
		})
		reset := time.Now().Add(retryAfter)
		r.Header.Set("Retry-After", strconv.Itoa(int(math.Ceil(secs))))
		r.Header.Set("X-RateLimit-Limit", "5")
		r.Header.Set("X-RateLimit-Remaining", "0")
		r.Header.Set("X-RateLimit-Reset", strconv.FormatFloat(float64(reset.UnixMilli())/1000, 'f', 3, 64))
		r.Header.Set("X-RateLimit-Reset-After", strconv.FormatFloat(secs, 'f', 3, 64))
		r.Header.Set("X-RateLimit-Bucket", "discordtest")
		r.Header.Set("X-RateLimit-Scope", "user")
		return r
	})
}

// FailNext answers the next request with this method ("" for any) and path
// prefix with status (a 5xx, say), once. discordgo retries a 502 by itself
// and returns an error for the others.
func (s *Server) FailNext(method, pathPrefix string, status int) {
	s.interceptOnce(method, pathPrefix, func() *Response {
		return JSONResponse(status, map[string]any{
			"message": fmt.Sprintf("%d: %s", status, http.StatusText(status)), "code": 0,
		})
	})
}

// runIntercepts returns the first interceptor reply for r, or nil.
func (s *Server) runIntercepts(r Request) *Response {
	s.mu.Lock()
	list := append([]*interceptor(nil), s.intercepts...)
	s.mu.Unlock()
	for _, ic := range list {
		// Called without the lock: an interceptor may use the Server.
		resp := ic.fn(r)
		if resp == nil {
			continue
		}
		if !ic.once {
			return resp
		}
		s.mu.Lock()
		// Two requests may race for a one-shot reply; only one gets it.
		taken := ic.used
		ic.used = true
		s.intercepts = removeInterceptor(s.intercepts, ic)
		s.mu.Unlock()
		if !taken {
			return resp
		}
	}
	return nil
}
