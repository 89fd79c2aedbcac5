package httppool

import (
	"net/http"
	"testing"
)

func TestTransportKeepsIdleConnections(t *testing.T) {
	tr, ok := Transport(128).(*http.Transport)
	if !ok {
		t.Fatal("not an *http.Transport")
	}
	if tr.MaxIdleConnsPerHost != 128 || tr.MaxIdleConns < 128 {
		t.Errorf("idle per host %d, in all %d; want 128, at least 128", tr.MaxIdleConnsPerHost, tr.MaxIdleConns)
	}
	if tr == http.DefaultTransport {
		t.Error("the default transport itself was changed")
	}
}
