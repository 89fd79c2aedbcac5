package discord

import (
	"net/http"
	"time"
)

// maxIdleConnsPerHost is how many idle connections to Discord's REST API
// the bot keeps for reuse. net/http keeps 2 by default: a burst of
// questions (each an acknowledgement, then edits) opens a connection per
// request in flight and closes all but two when they end, so the next
// burst pays a TCP and TLS handshake per request again.
const maxIdleConnsPerHost = 128

// restTransport is the transport of the bot's REST calls:
// http.DefaultTransport's settings, with idle connections enough for the
// answers in flight.
func restTransport() http.RoundTripper {
	t, ok := http.DefaultTransport.(*http.Transport)
	if !ok {
		return http.DefaultTransport
	}
	t = t.Clone()
	t.MaxIdleConns = max(t.MaxIdleConns, maxIdleConnsPerHost)
	t.MaxIdleConnsPerHost = maxIdleConnsPerHost
	t.IdleConnTimeout = 90 * time.Second
	return t
}
