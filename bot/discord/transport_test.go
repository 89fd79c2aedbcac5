package discord

import (
	"net/http"
	"testing"

	"github.com/briefbot/briefbot/bot/asking"
)

// The bot's REST client keeps enough idle connections for a burst of
// questions, with http.DefaultTransport's other settings (proxy from the
// environment, HTTP/2, timeouts).
func TestRESTTransportKeepsConnections(t *testing.T) {
	b, err := New(Config{Token: "t"}, Deps{Questions: asking.New(asking.Config{}, asking.Deps{Answerer: newEngine(t)}, nil)}, nil)
	if err != nil {
		t.Fatal(err)
	}
	tr, ok := b.Session().Client.Transport.(*guardedTransport).next.(*http.Transport)
	if !ok {
		t.Fatalf("transport = %T, want *http.Transport", b.Session().Client.Transport.(*guardedTransport).next)
	}
	def := http.DefaultTransport.(*http.Transport)
	if tr == def {
		t.Fatal("the bot changes http.DefaultTransport itself")
	}
	if tr.MaxIdleConnsPerHost < 64 {
		t.Errorf("MaxIdleConnsPerHost = %d, want ≥ 64", tr.MaxIdleConnsPerHost)
	}
	if tr.Proxy == nil || tr.ForceAttemptHTTP2 != def.ForceAttemptHTTP2 || tr.TLSHandshakeTimeout != def.TLSHandshakeTimeout {
		t.Error("the REST transport lost http.DefaultTransport's settings")
	}
	if got := b.Session().Client.Timeout; got == 0 {
		t.Error("the REST client has no timeout")
	}
}
