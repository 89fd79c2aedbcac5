package discord

import (
	"bytes"
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"
)

// Discord's HTTP interactions: instead of INTERACTION_CREATE on the
// gateway, Discord POSTs each interaction, signed with the application's
// Ed25519 key, to the Interactions Endpoint URL set in the Developer
// Portal. The HTTP response body is the initial response (what a gateway
// bot sends to the callback route); edits and follow-ups then go through
// the same webhook routes as over the gateway.
//
// Here the body goes through dispatch, the router the gateway uses, with a
// Reply whose initial response is handed to the waiting HTTP handler
// instead of the REST callback route. Nothing is implemented twice.

const (
	// MaxInteractionBody is the largest interaction body accepted (413
	// above it); Discord's are a few kilobytes, a modal's text 4,000
	// characters.
	MaxInteractionBody = 1 << 20
	// SignatureWindow is how far X-Signature-Timestamp may be from now:
	// an older (or future) signed body is refused as a replay.
	SignatureWindow = 5 * time.Minute
	// DefaultInitialTimeout is how long the HTTP handler waits for a
	// handler's initial response before it defers the interaction itself
	// (ephemerally), so Discord, which waits 3 s, never shows "This
	// interaction failed".
	DefaultInitialTimeout = 2500 * time.Millisecond
)

// ParsePublicKey reads the application's public key as the Developer
// Portal shows it (64 hex digits).
func ParsePublicKey(s string) (ed25519.PublicKey, error) {
	k, err := hex.DecodeString(s)
	if err != nil || len(k) != ed25519.PublicKeySize {
		return nil, fmt.Errorf("%q is not a public key: want the %d hex digits the Developer Portal shows under General Information", s, 2*ed25519.PublicKeySize)
	}
	return ed25519.PublicKey(k), nil
}

// InteractionsHandler serves Discord's HTTP interactions (POST only);
// mount it at the path of the Interactions Endpoint URL. Config.PublicKey
// must be set (New checks it when NoGateway is set); without it every
// request is refused with 401.
func (b *Bot) InteractionsHandler() http.Handler { return http.HandlerFunc(b.serveInteraction) }

func (b *Bot) serveInteraction(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, MaxInteractionBody))
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			http.Error(w, "request body too large", http.StatusRequestEntityTooLarge)
			return
		}
		http.Error(w, "cannot read the request body", http.StatusBadRequest)
		return
	}
	if err := verifySignature(b.cfg.PublicKey, r.Header, body, time.Now()); err != nil {
		b.refusedHTTP(err, r.RemoteAddr)
		http.Error(w, "invalid request signature", http.StatusUnauthorized)
		return
	}
	var i discordgo.Interaction
	if err := json.Unmarshal(body, &i); err != nil {
		http.Error(w, "invalid interaction", http.StatusBadRequest)
		return
	}
	if i.Type == discordgo.InteractionPing {
		writeResponse(w, &discordgo.InteractionResponse{Type: discordgo.InteractionResponsePong})
		return
	}
	b.answerHTTP(w, &i)
}

// verifySignature checks X-Signature-Ed25519 over X-Signature-Timestamp
// and the body, and that the timestamp is within SignatureWindow of now.
func verifySignature(key ed25519.PublicKey, h http.Header, body []byte, now time.Time) error {
	if len(key) != ed25519.PublicKeySize {
		return errors.New("no public key configured")
	}
	sig, err := hex.DecodeString(h.Get("X-Signature-Ed25519"))
	if err != nil || len(sig) != ed25519.SignatureSize {
		return errors.New("missing or malformed X-Signature-Ed25519")
	}
	ts := h.Get("X-Signature-Timestamp")
	sec, err := strconv.ParseInt(ts, 10, 64)
	if err != nil {
		return errors.New("missing or malformed X-Signature-Timestamp")
	}
	if d := now.Sub(time.Unix(sec, 0)); d > SignatureWindow || d < -SignatureWindow {
		return fmt.Errorf("X-Signature-Timestamp is %s off (a replay?)", d.Round(time.Second))
	}
	msg := make([]byte, 0, len(ts)+len(body))
	msg = append(append(msg, ts...), body...)
	if !ed25519.Verify(key, msg, sig) {
		return errors.New("bad signature")
	}
	return nil
}

// pending is an HTTP interaction waiting for its initial response.
type pending struct {
	resp    chan *discordgo.InteractionResponse // the response, sent once
	written chan struct{}                       // closed once the HTTP response is written, whichever it is

	mu    sync.Mutex
	state int // one of the pending* states
}

const (
	pendingOpen   = iota // no initial response yet
	pendingTaken         // a handler gave the initial response
	pendingLapsed        // the HTTP handler answered without one (deferred, or gave up)
)

// errAcknowledged is what a second initial response gets, as Discord's
// 40060 "Interaction has already been acknowledged".
var errAcknowledged = errors.New("discord: interaction has already been acknowledged")

// errDeferredPrivately is what a late initial response gets once it is
// done: the endpoint had deferred the interaction privately in time, so
// whatever the handler asked for, its message is private (Reply.callback).
var errDeferredPrivately = errors.New("discord: interaction deferred privately by the endpoint")

// answerHTTP dispatches i and writes its initial response as the HTTP
// response: the handler's (a message, a deferral, a modal, choices), or a
// deferral of its own after Config.InitialTimeout.
func (b *Bot) answerHTTP(w http.ResponseWriter, i *discordgo.Interaction) {
	p := &pending{resp: make(chan *discordgo.InteractionResponse, 1), written: make(chan struct{})}
	handled := make(chan bool, 1)
	go func() {
		handled <- b.dispatch(i, func(resp *discordgo.InteractionResponse) error { return b.initialHTTP(p, i, resp) })
	}()

	timer := time.NewTimer(b.cfg.InitialTimeout)
	defer timer.Stop()
	select {
	case resp := <-p.resp:
		writeResponse(w, resp)
		close(p.written)
	case ok := <-handled:
		// The handler ended without an initial response (which initialHTTP
		// would have waited for being written, so none is on its way).
		p.mu.Lock()
		p.state = pendingLapsed
		p.mu.Unlock()
		defer close(p.written)
		if !ok {
			// A duplicate button or form (another replica has it; an
			// /ask acknowledges before it looks) or an interaction
			// nothing here handles: no response of ours.
			http.Error(w, "interaction not handled here", http.StatusConflict)
			return
		}
		writeResponse(w, &discordgo.InteractionResponse{
			Type: discordgo.InteractionResponseChannelMessageWithSource,
			Data: &discordgo.InteractionResponseData{
				Content: userText(&UserError{Kind: KindInternal}), Flags: discordgo.MessageFlagsEphemeral,
				Components: []discordgo.MessageComponent{}, AllowedMentions: noMentions(),
			},
		})
	case <-timer.C:
		p.mu.Lock()
		if p.state == pendingTaken {
			// A response is being handed over right now: wait for it.
			p.mu.Unlock()
			writeResponse(w, <-p.resp)
			close(p.written)
			return
		}
		p.state = pendingLapsed
		p.mu.Unlock()
		b.log.Warn("no initial response in time; deferring the interaction", "interaction", i.ID, "after", b.cfg.InitialTimeout)
		writeResponse(w, lapseResponse(i))
		close(p.written)
	}
}

// lapseResponse is the initial response the HTTP handler gives when the
// handler has not given one in time: a private "thinking…" (empty choices
// for autocomplete), which later responses turn into edits.
func lapseResponse(i *discordgo.Interaction) *discordgo.InteractionResponse {
	if i.Type == discordgo.InteractionApplicationCommandAutocomplete {
		return &discordgo.InteractionResponse{
			Type: discordgo.InteractionApplicationCommandAutocompleteResult,
			Data: &discordgo.InteractionResponseData{Choices: []*discordgo.ApplicationCommandOptionChoice{}},
		}
	}
	return &discordgo.InteractionResponse{
		Type: discordgo.InteractionResponseDeferredChannelMessageWithSource,
		Data: &discordgo.InteractionResponseData{Flags: answerFlags | discordgo.MessageFlagsEphemeral, AllowedMentions: noMentions()},
	}
}

// initialHTTP hands a handler's initial response to the waiting HTTP
// handler and returns once it is written, so that the edits that follow
// find it. A response with files goes as a deferral, then an edit that
// carries them (an HTTP response body is JSON only). A response after the
// HTTP handler gave up waiting becomes an edit of its "thinking…".
func (b *Bot) initialHTTP(p *pending, i *discordgo.Interaction, resp *discordgo.InteractionResponse) error {
	p.mu.Lock()
	switch p.state {
	case pendingTaken:
		p.mu.Unlock()
		return errAcknowledged
	case pendingLapsed:
		p.mu.Unlock()
		// Its edit must not reach Discord before the deferral it edits.
		<-p.written
		return b.lateResponse(i, resp)
	}
	p.state = pendingTaken
	p.mu.Unlock()

	var files []*discordgo.File
	if resp.Data != nil && len(resp.Data.Files) > 0 {
		files = resp.Data.Files
		p.resp <- &discordgo.InteractionResponse{
			Type: discordgo.InteractionResponseDeferredChannelMessageWithSource,
			Data: &discordgo.InteractionResponseData{Flags: resp.Data.Flags & discordgo.MessageFlagsEphemeral, AllowedMentions: noMentions()},
		}
	} else {
		p.resp <- resp
	}
	<-p.written
	if files == nil {
		return nil
	}
	return b.editOriginal(i, resp.Data)
}

// lateResponse turns an initial response given after the HTTP handler
// deferred the interaction into what still can be done: a message becomes
// the edit of the "thinking…" message, a deferral is already done. Either
// way the message is the private one the endpoint deferred, and it says
// so with errDeferredPrivately.
func (b *Bot) lateResponse(i *discordgo.Interaction, resp *discordgo.InteractionResponse) error {
	switch resp.Type {
	case discordgo.InteractionResponseChannelMessageWithSource, discordgo.InteractionResponseUpdateMessage:
		if err := b.editOriginal(i, resp.Data); err != nil {
			return err
		}
		return errDeferredPrivately
	case discordgo.InteractionResponseDeferredChannelMessageWithSource, discordgo.InteractionResponseDeferredMessageUpdate:
		return errDeferredPrivately
	}
	return fmt.Errorf("discord: initial response of type %d came after the interaction was deferred", resp.Type)
}

// editOriginal puts a response's message in place of the original
// response, through the webhook route.
func (b *Bot) editOriginal(i *discordgo.Interaction, d *discordgo.InteractionResponseData) error {
	if d == nil {
		return nil
	}
	comps := d.Components
	if comps == nil {
		comps = []discordgo.MessageComponent{}
	}
	// A limiter of its own, as Reply.send explains.
	_, err := interactionRequest(b.work, b.s, discordgo.NewRatelimiter(), http.MethodPatch, discordgo.EndpointWebhookMessage(i.AppID, i.Token, "@original"),
		&discordgo.WebhookEdit{Content: &d.Content, Components: &comps, Embeds: &d.Embeds, AllowedMentions: noMentions()}, d.Files)
	return redact(err, i.Token)
}

// writeResponse writes an initial response as the JSON body and flushes
// it, so Discord has it before the edits that follow.
func writeResponse(w http.ResponseWriter, resp *discordgo.InteractionResponse) {
	body, err := json.Marshal(resp)
	if err != nil {
		http.Error(w, "cannot encode the response", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(http.StatusOK)
	io.Copy(w, bytes.NewReader(body))
	http.NewResponseController(w).Flush()
}

// refusedHTTP logs a refused request at most once a minute, with how many
// were refused since: anyone can POST to the endpoint (and Discord itself
// sends bad signatures to check that they are refused), so one line each
// would let a flood flood the log.
func (b *Bot) refusedHTTP(err error, remote string) {
	b.refusedMu.Lock()
	b.refused++
	now := time.Now()
	if now.Sub(b.refusedAt) < time.Minute {
		b.refusedMu.Unlock()
		return
	}
	n := b.refused
	b.refused, b.refusedAt = 0, now
	b.refusedMu.Unlock()
	b.log.Info("HTTP interaction refused", "err", err, "remote", remote, "refused_since_last_line", n)
}
