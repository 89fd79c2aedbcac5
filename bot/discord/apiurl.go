package discord

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
)

// DefaultAPIBase is the REST base discordgo compiles into its endpoints.
// discordgo builds every Endpoint* string from it once, at package load, so
// the only way to send its requests elsewhere is to rewrite them on the way
// out (see NewAPITransport).
const DefaultAPIBase = "https://discord.com/api/v9/"

// apiTransport rewrites requests for DefaultAPIBase to base.
type apiTransport struct {
	base *url.URL
	next http.RoundTripper
}

// NewAPITransport returns a RoundTripper that sends every request whose URL
// starts with DefaultAPIBase to base instead, keeping the rest of the path
// and the query, and passes every other request (CDN, attachments, other
// hosts) to next untouched. A nil next means http.DefaultTransport.
//
// base must be an absolute http or https URL without user info, query or
// fragment, such as "http://127.0.0.1:8080/api/v9/"; a missing trailing
// slash is added. Because discordgo's Open asks "GET <base>/gateway" through
// Session.Client, a session whose Client uses this transport also takes its
// gateway address from base.
func NewAPITransport(base string, next http.RoundTripper) (http.RoundTripper, error) {
	u, err := ParseAPIBase(base)
	if err != nil {
		return nil, err
	}
	if next == nil {
		next = http.DefaultTransport
	}
	if u.String() == DefaultAPIBase {
		// Nothing to rewrite: hand back next itself so the production path is
		// exactly discordgo's own.
		return next, nil
	}
	return &apiTransport{base: u, next: next}, nil
}

// ParseAPIBase validates and normalises an API base URL (the value of
// DISCORD_API_URL): absolute http or https, a host, no user info, query or
// fragment, and a path ending in "/".
func ParseAPIBase(base string) (*url.URL, error) {
	if strings.TrimSpace(base) == "" {
		return nil, errors.New("discord: API base URL is empty")
	}
	u, err := url.Parse(base)
	if err != nil {
		// url.Parse's error quotes the URL, which may hold a password.
		return nil, errors.New("discord: API base URL does not parse")
	}
	switch {
	case u.User != nil:
		// First, so that no message below quotes a password. And
		// http.Client adds basic auth from the URL before the transport
		// runs, so credentials here would silently be dropped.
		return nil, fmt.Errorf("discord: API base URL: user info is not supported")
	case u.Scheme != "http" && u.Scheme != "https":
		return nil, fmt.Errorf("discord: API base URL %q: scheme must be http or https", base)
	case u.Host == "":
		return nil, fmt.Errorf("discord: API base URL %q: no host", base)
	case u.RawQuery != "" || u.ForceQuery:
		return nil, fmt.Errorf("discord: API base URL %q: must not have a query", base)
	case u.Fragment != "":
		return nil, fmt.Errorf("discord: API base URL %q: must not have a fragment", base)
	}
	if !strings.HasSuffix(u.Path, "/") {
		u.Path += "/"
		if u.RawPath != "" {
			u.RawPath += "/"
		}
	}
	return u, nil
}

// RoundTrip implements http.RoundTripper.
func (t *apiTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	rest, ok := apiPath(req.URL)
	if !ok {
		return t.next.RoundTrip(req)
	}
	u := *t.base
	// Join on the escaped forms so that escapes discordgo made (emoji in
	// reaction routes, for instance) reach the server byte for byte.
	escaped := t.base.EscapedPath() + rest
	p, err := url.PathUnescape(escaped)
	if err != nil {
		return nil, fmt.Errorf("discord: rewrite API path: %w", err)
	}
	u.Path, u.RawPath = p, escaped
	u.RawQuery = req.URL.RawQuery

	// A RoundTripper must not modify the caller's request.
	out := req.Clone(req.Context())
	out.URL = &u
	// http.NewRequest set Host to discord.com; clearing it makes the Host
	// header follow the new URL.
	out.Host = ""
	return t.next.RoundTrip(out)
}

// apiPath reports whether u lies under DefaultAPIBase and returns the escaped
// path after it.
func apiPath(u *url.URL) (string, bool) {
	if u.Scheme != "https" || !strings.EqualFold(u.Host, "discord.com") {
		return "", false
	}
	const prefix = "/api/v9/"
	p := u.EscapedPath()
	if !strings.HasPrefix(p, prefix) {
		return "", false
	}
	return strings.TrimPrefix(p, prefix), true
}
