package discord

import (
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"
)

// recordingTransport remembers the last request it was given.
type recordingTransport struct{ got *http.Request }

func (r *recordingTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	r.got = req
	return &http.Response{StatusCode: http.StatusNoContent, Body: io.NopCloser(strings.NewReader("")), Request: req}, nil
}

func TestNewAPITransportRejectsBadBases(t *testing.T) {
	for _, base := range []string{
		"",
		"   ",
		"127.0.0.1:8080/api/v9/",
		"/api/v9/",
		"ftp://example.test/api/v9/",
		"ws://example.test/api/v9/",
		"http:///api/v9/",
		"http://user:pass@example.test/api/v9/",
		"http://example.test/api/v9/?x=1",
		"http://example.test/api/v9/#frag",
		"http://exa mple.test/",
	} {
		t.Run(base, func(t *testing.T) {
			if rt, err := NewAPITransport(base, nil); err == nil {
				t.Fatalf("NewAPITransport(%q) = %v, want an error", base, rt)
			}
		})
	}
}

func TestNewAPITransportRewrites(t *testing.T) {
	tests := []struct {
		name, base, in, want, wantHost string
	}{
		{
			name: "gateway",
			base: "http://127.0.0.1:8080/api/v9/",
			in:   discordgo.EndpointGateway,
			want: "http://127.0.0.1:8080/api/v9/gateway", wantHost: "127.0.0.1:8080",
		},
		{
			name: "trailing slash added",
			base: "http://127.0.0.1:8080/api/v9",
			in:   discordgo.EndpointChannelMessages("42"),
			want: "http://127.0.0.1:8080/api/v9/channels/42/messages", wantHost: "127.0.0.1:8080",
		},
		{
			name: "proxy with its own prefix and query kept",
			base: "https://proxy.internal/discord/",
			in:   discordgo.EndpointWebhookToken("1", "tok") + "?wait=true",
			want: "https://proxy.internal/discord/webhooks/1/tok?wait=true", wantHost: "proxy.internal",
		},
		{
			name: "escapes survive",
			base: "http://127.0.0.1:8080/api/v9/",
			in:   discordgo.EndpointMessageReaction("1", "2", "%F0%9F%91%8D", "@me"),
			want: "http://127.0.0.1:8080/api/v9/channels/1/messages/2/reactions/%F0%9F%91%8D/@me", wantHost: "127.0.0.1:8080",
		},
		{
			name: "CDN untouched",
			base: "http://127.0.0.1:8080/api/v9/",
			in:   discordgo.EndpointCDN + "attachments/1/2/a.txt",
			want: "https://cdn.discordapp.com/attachments/1/2/a.txt", wantHost: "cdn.discordapp.com",
		},
		{
			name: "other host untouched",
			base: "http://127.0.0.1:8080/api/v9/",
			in:   "https://example.test/api/v9/gateway",
			want: "https://example.test/api/v9/gateway", wantHost: "example.test",
		},
		{
			name: "plain http discord untouched",
			base: "http://127.0.0.1:8080/api/v9/",
			in:   "http://discord.com/api/v9/gateway",
			want: "http://discord.com/api/v9/gateway", wantHost: "discord.com",
		},
		{
			name: "other API version untouched",
			base: "http://127.0.0.1:8080/api/v9/",
			in:   "https://discord.com/api/v10/gateway",
			want: "https://discord.com/api/v10/gateway", wantHost: "discord.com",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := &recordingTransport{}
			rt, err := NewAPITransport(tt.base, rec)
			if err != nil {
				t.Fatal(err)
			}
			req, err := http.NewRequest(http.MethodPost, tt.in, strings.NewReader("{}"))
			if err != nil {
				t.Fatal(err)
			}
			req.Header.Set("Authorization", "Bot x")
			resp, err := rt.RoundTrip(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if got := rec.got.URL.String(); got != tt.want {
				t.Errorf("URL = %s, want %s", got, tt.want)
			}
			host := rec.got.Host
			if host == "" {
				host = rec.got.URL.Host
			}
			if host != tt.wantHost {
				t.Errorf("Host = %q, want %q", host, tt.wantHost)
			}
			if rec.got.Header.Get("Authorization") != "Bot x" {
				t.Error("headers were not carried over")
			}
			if req.URL.String() != tt.in {
				t.Errorf("caller's request was modified: %s", req.URL)
			}
		})
	}
}

func TestNewAPITransportDefaultBaseIsNext(t *testing.T) {
	rec := &recordingTransport{}
	rt, err := NewAPITransport(DefaultAPIBase, rec)
	if err != nil {
		t.Fatal(err)
	}
	if rt != http.RoundTripper(rec) {
		t.Errorf("NewAPITransport(default) = %T, want next itself", rt)
	}
	rt, err = NewAPITransport("https://discord.com/api/v9", nil)
	if err != nil {
		t.Fatal(err)
	}
	if rt != http.DefaultTransport {
		t.Errorf("NewAPITransport(default, nil) = %T, want http.DefaultTransport", rt)
	}
}
