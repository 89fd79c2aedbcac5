// Package httppool makes HTTP transports that keep enough idle
// connections for a burst of calls to one host.
package httppool

import "net/http"

// Transport is http.DefaultTransport's settings with up to perHost idle
// connections kept per host. net/http keeps 2 by default: a burst of calls
// to one host (Discord's API, a model server over HTTP/1.1) opens a
// connection per call in flight and closes all but two when they end, so
// the next burst pays a TCP (and TLS) handshake per call again.
func Transport(perHost int) http.RoundTripper {
	t, ok := http.DefaultTransport.(*http.Transport)
	if !ok {
		return http.DefaultTransport
	}
	t = t.Clone()
	t.MaxIdleConns = max(t.MaxIdleConns, perHost)
	t.MaxIdleConnsPerHost = perHost
	return t
}
