package discordtest

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

// Request is one recorded HTTP request.
type Request struct {
	Method string
	// Path is the unescaped URL path, without the "/api/v9" prefix for API
	// routes: "/channels/1/messages".
	Path  string
	Query url.Values
	// Header holds the request headers except Authorization, which is kept
	// out so that printing a Request never prints a token.
	Header http.Header
	// HasBotToken reports an "Authorization: Bot …" header.
	HasBotToken bool
	Body        []byte
	// JSON is the body (or a multipart body's payload_json) when it is a
	// JSON object; nil otherwise, e.g. for the arrays of bulk command
	// overwrites (use Decode).
	JSON  map[string]any
	Files []File
	// Status is the status code the fake answered with.
	Status int
	At     time.Time

	// authHash is a digest of the Authorization header, never the header
	// itself, so that even %#v of a Request cannot print a token.
	authHash [sha256.Size]byte
	payload  []byte
}

// File is an uploaded file of a multipart request.
type File struct {
	Field       string // "files[0]"
	Name        string
	ContentType string
	Data        []byte
}

// AuthorizedAs reports whether the request's Authorization header was
// exactly "Bot "+token (or token itself when it already has a prefix).
func (r Request) AuthorizedAs(token string) bool {
	if !strings.HasPrefix(token, "Bot ") && !strings.HasPrefix(token, "Bearer ") {
		token = "Bot " + token
	}
	return r.HasAuth() && r.authHash == sha256.Sum256([]byte(token))
}

// HasAuth reports whether the request had an Authorization header.
func (r Request) HasAuth() bool { return r.authHash != [sha256.Size]byte{} }

// Decode unmarshals the JSON payload (payload_json for multipart bodies)
// into v.
func (r Request) Decode(v any) error {
	if len(r.payload) == 0 {
		return fmt.Errorf("discordtest: %s %s has no JSON payload", r.Method, r.Path)
	}
	return json.Unmarshal(r.payload, v)
}

// parseRequest reads r into a Request, parsing JSON and multipart bodies.
func parseRequest(r *http.Request, body []byte) (Request, error) {
	path := r.URL.Path
	if rest, ok := strings.CutPrefix(path, apiPrefix+"/"); ok {
		path = "/" + rest
	}
	req := Request{
		Method: r.Method,
		Path:   path,
		Query:  r.URL.Query(),
		Header: r.Header.Clone(),
		Body:   body,
		At:     time.Now(),
	}
	if auth := r.Header.Get("Authorization"); auth != "" {
		req.authHash = sha256.Sum256([]byte(auth))
		req.HasBotToken = strings.HasPrefix(auth, "Bot ")
	}
	req.Header.Del("Authorization")

	mt, params, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	switch {
	case mt == "multipart/form-data":
		mr := multipart.NewReader(bytes.NewReader(body), params["boundary"])
		for {
			p, err := mr.NextPart()
			if err == io.EOF {
				break
			}
			if err != nil {
				return req, fmt.Errorf("multipart body: %w", err)
			}
			data, err := io.ReadAll(p)
			if err != nil {
				return req, fmt.Errorf("multipart body: %w", err)
			}
			if p.FormName() == "payload_json" {
				req.payload = data
				continue
			}
			req.Files = append(req.Files, File{
				Field: p.FormName(), Name: p.FileName(),
				ContentType: p.Header.Get("Content-Type"), Data: data,
			})
		}
	case len(body) > 0:
		req.payload = body
	}
	if len(req.payload) > 0 {
		if !json.Valid(req.payload) {
			return req, fmt.Errorf("body is not valid JSON")
		}
		var m map[string]any
		if json.Unmarshal(req.payload, &m) == nil {
			req.JSON = m
		}
	}
	return req, nil
}

// Requests returns every request recorded so far, oldest first.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.requests...)
}

// Hits counts recorded requests with this method ("" for any) whose Path
// starts with pathPrefix.
func (s *Server) Hits(method, pathPrefix string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, r := range s.requests {
		if matches(r, method, pathPrefix) {
			n++
		}
	}
	return n
}

func matches(r Request, method, pathPrefix string) bool {
	return (method == "" || r.Method == method) && strings.HasPrefix(r.Path, pathPrefix)
}

// WaitRequest returns the earliest recorded request, past or future, for
// which match is true, and fails the test if none comes within timeout. Call
// it from the test's goroutine.
func (s *Server) WaitRequest(tb testing.TB, timeout time.Duration, match func(Request) bool) Request {
	tb.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	var found Request
	err := s.waitFor(ctx, func() bool {
		for _, r := range s.requests {
			if match(r) {
				found = r
				return true
			}
		}
		return false
	})
	if err != nil {
		tb.Fatalf("discordtest: no matching request within %v; got %d requests: %s", timeout, len(s.Requests()), s.summary())
	}
	return found
}

// summary lists the recorded requests briefly for failure messages.
func (s *Server) summary() string {
	var b strings.Builder
	for _, r := range s.Requests() {
		fmt.Fprintf(&b, "\n  %s %s → %d", r.Method, r.Path, r.Status)
	}
	return b.String()
}
