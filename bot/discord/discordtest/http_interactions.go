package discordtest

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"
)

// HTTP interactions: Discord POSTs each interaction to the application's
// Interactions Endpoint URL, signed with the application's Ed25519 key
// (X-Signature-Ed25519 over X-Signature-Timestamp followed by the body),
// and takes the response body as the initial response. The fake does the
// same with PostInteraction, and keeps the response as the interaction's
// callback so that the webhook routes (edits, follow-ups) work after it.

// PublicKey is the application's public key, as the Developer Portal
// shows it: give it to the bot to verify HTTP interactions.
func (s *Server) PublicKey() ed25519.PublicKey { return s.pub }

// PublicKeyHex is PublicKey in hex (DISCORD_PUBLIC_KEY).
func (s *Server) PublicKeyHex() string { return hex.EncodeToString(s.pub) }

// PostOption changes how PostInteraction signs or sends.
type PostOption func(*postConfig)

type postConfig struct {
	at     time.Time
	alter  func(*http.Request)
	client *http.Client
}

// SignedAt signs with this timestamp instead of now (a replayed request).
func SignedAt(t time.Time) PostOption { return func(c *postConfig) { c.at = t } }

// AlterRequest changes the signed request before it is sent (drop or
// spoil the signature).
func AlterRequest(f func(*http.Request)) PostOption { return func(c *postConfig) { c.alter = f } }

// WithHTTPClient sends with c (a load test's client, which keeps its
// connections open as Discord does) instead of a client of its own.
func WithHTTPClient(c *http.Client) PostOption { return func(pc *postConfig) { pc.client = c } }

// HTTPResponse is what the bot's endpoint answered to a POSTed interaction.
type HTTPResponse struct {
	// Interaction is the interaction as sent (nil for PostRaw).
	Interaction *discordgo.Interaction
	Status      int
	Header      http.Header
	Body        []byte
	// Callback is the initial response the body carried, when Discord
	// took it (a 200 with a JSON body of a type that fits, in time, first).
	Callback *Callback
	// Refused is Discord's error for a 200 body it did not take as the
	// initial response (invalid, too late, already acknowledged).
	Refused []byte
}

// PostInteraction fills in the empty fields of in as DispatchInteraction
// does, POSTs it signed to url (the bot's endpoint) as Discord does, and
// returns the response. A 200's body is applied as the interaction's
// initial response; webhook requests for the interaction wait until then,
// so a bot that edits right after answering finds its response. Posting
// an interaction whose ID the fake knows sends the same interaction again
// (a redelivery, or to another replica).
func (s *Server) PostInteraction(url string, in *discordgo.Interaction, opts ...PostOption) *HTTPResponse {
	s.tb.Helper()
	i, raw := s.registerInteraction(in, true)
	defer s.httpDone(i.Token)
	body, err := json.Marshal(raw)
	if err != nil {
		s.tb.Fatalf("discordtest: marshal interaction: %v", err)
	}
	out := s.post(url, body, opts)
	out.Interaction = i
	if out.Status != http.StatusOK {
		return out
	}
	var cb struct {
		Type discordgo.InteractionResponseType `json:"type"`
		Data json.RawMessage                   `json:"data"`
	}
	if err := json.Unmarshal(out.Body, &cb); err != nil {
		out.Refused = invalidJSON().Body
		return out
	}
	s.mu.Lock()
	resp := s.applyCallbackLocked(s.interByID[i.ID], cb.Type, cb.Data, nil)
	s.mu.Unlock()
	if resp.Status/100 == 2 {
		out.Callback = &Callback{Type: cb.Type, Data: append(json.RawMessage(nil), cb.Data...)}
	} else {
		out.Refused = resp.Body
	}
	return out
}

// PostRaw POSTs body, signed, to url, as PostInteraction does, without
// registering anything: for bodies Discord would not send (too large).
func (s *Server) PostRaw(url string, body []byte, opts ...PostOption) *HTTPResponse {
	s.tb.Helper()
	return s.post(url, body, opts)
}

func (s *Server) post(url string, body []byte, opts []PostOption) *HTTPResponse {
	s.tb.Helper()
	c := postConfig{at: time.Now(), client: &http.Client{Timeout: 10 * time.Second}}
	for _, o := range opts {
		o(&c)
	}
	ts := strconv.FormatInt(c.at.Unix(), 10)
	sig := ed25519.Sign(s.priv, append([]byte(ts), body...))
	req, err := http.NewRequest(http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		s.tb.Fatalf("discordtest: %v", err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "Discord-Interactions/1.0 (+https://discord.com)")
	req.Header.Set("X-Signature-Ed25519", hex.EncodeToString(sig))
	req.Header.Set("X-Signature-Timestamp", ts)
	if c.alter != nil {
		c.alter(req)
	}
	resp, err := c.client.Do(req)
	if err != nil {
		s.tb.Errorf("discordtest: POST interaction: %v", err)
		return &HTTPResponse{}
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		s.tb.Errorf("discordtest: reading the interaction response: %v", err)
	}
	return &HTTPResponse{Status: resp.StatusCode, Header: resp.Header, Body: b}
}

// httpDone marks one HTTP delivery of the interaction answered.
func (s *Server) httpDone(token string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if st, ok := s.interactions[token]; ok && st.httpPending > 0 {
		st.httpPending--
		s.notifyLocked()
	}
}

// awaitHTTPResponse holds a webhook request for an interaction whose HTTP
// response the fake is still reading (at most 5 s).
func (s *Server) awaitHTTPResponse(token string) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	s.waitFor(ctx, func() bool {
		st, ok := s.interactions[token]
		return !ok || st.httpPending == 0
	})
}

// OpenConnections PINGs url n times at once with client, so that client
// holds n open connections to it, as Discord keeps its connections to an
// endpoint open: a load test's burst then times no TCP handshakes. It
// fails the test on an answer other than 200.
func (s *Server) OpenConnections(url string, client *http.Client, n int) {
	s.tb.Helper()
	var warm sync.WaitGroup
	for range n {
		warm.Go(func() {
			if resp := s.post(url, []byte(`{"type":1}`), []PostOption{WithHTTPClient(client)}); resp.Status != http.StatusOK {
				s.tb.Errorf("PING: %d %s", resp.Status, resp.Body)
			}
		})
	}
	warm.Wait()
}
