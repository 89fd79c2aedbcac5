package discord

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"
)

// noMentions goes with every message the bot creates or edits: an empty
// parse list (not nil, which discordgo sends as null) so that no text —
// the model's or a user's — can ping @everyone, a role or a user. Edits
// send it again because Discord re-parses mentions on edit.
func noMentions() *discordgo.MessageAllowedMentions {
	return &discordgo.MessageAllowedMentions{Parse: []discordgo.AllowedMentionType{}}
}

// answerFlags go on every answer message: no link previews.
const answerFlags = discordgo.MessageFlagsSuppressEmbeds

// Reply answers one interaction: the initial response, then edits of the
// original message and follow-ups. Safe for concurrent use.
type Reply struct {
	b *Bot
	I *discordgo.Interaction
	// received is when the interaction arrived, for the ack latency.
	received time.Time
	// initial sends the initial response: nil means the REST callback
	// (interactions from the gateway); over the HTTP endpoint it puts the
	// response into the pending HTTP response (see http.go).
	initial func(*discordgo.InteractionResponse) error

	mu        sync.Mutex
	acked     bool
	ephemeral bool
	// private says the endpoint deferred the interaction privately for a
	// late handler (http.go): every message of it is private.
	private bool
	limiter *discordgo.RateLimiter // for this interaction's routes; see send
}

// UserID is the id of the member or user who interacted.
func (r *Reply) UserID() string {
	if r.I.Member != nil && r.I.Member.User != nil {
		return r.I.Member.User.ID
	}
	if r.I.User != nil {
		return r.I.User.ID
	}
	return ""
}

// callback sends the initial response (any type: a message, a deferral, a
// modal, autocomplete choices) the way the interaction came: through the
// REST callback route, or as the body of the HTTP response.
func (r *Reply) callback(resp *discordgo.InteractionResponse) error {
	if r.initial != nil {
		err := r.initial(resp)
		if errors.Is(err, errDeferredPrivately) {
			// What follows edits, and follows, a private message, whatever
			// this response asked for.
			r.mu.Lock()
			r.private = true
			r.mu.Unlock()
			return nil
		}
		return err
	}
	var files []*discordgo.File
	if resp.Data != nil {
		files = resp.Data.Files
	}
	again := false
	return retryServerErrors(r.b.work, func() error {
		_, err := r.send(http.MethodPost, discordgo.EndpointInteractionResponse(r.I.ID, r.I.Token), resp, files)
		if again && alreadyAcknowledged(err) {
			return nil // the response Discord failed was applied after all
		}
		again = true
		return err
	})
}

// failedOnDiscordsSide reports whether Discord failed a request with a
// 500, 503 or 504, which sending it again may get through (discordgo sends
// a 502 again by itself).
func failedOnDiscordsSide(err error) bool {
	switch restStatus(err) {
	case http.StatusInternalServerError, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return true
	}
	return false
}

// notTakenIn reports whether Discord did not take a request in: it
// answered 503 Service Unavailable, or the request never reached it (no
// connection could be made), so sending it again cannot make it happen
// twice. A 500 or a 504 can come after Discord has applied the request
// (it failed, or timed out, answering); a 502 discordgo sends again by
// itself, and a 429 is waited out (waitOutRateLimits, or discordgo's own
// retry) before an error comes back.
func notTakenIn(err error) bool {
	return restStatus(err) == http.StatusServiceUnavailable || neverSent(err)
}

// neverSent reports whether a request failed before it reached Discord:
// no connection could be made (refused, a name that did not resolve), so
// Discord cannot have taken it in.
func neverSent(err error) bool {
	var op *net.OpError
	var dns *net.DNSError
	return errors.As(err, &dns) || errors.As(err, &op) && op.Op == "dial"
}

// refused reports whether Discord refused a request for good, with a 4xx
// (a 429 whose waits ran out included): the request was not applied. A
// 5xx, a timeout or a broken connection say nothing of the kind.
func refused(err error) bool {
	var rl *discordgo.RateLimitError
	if errors.As(err, &rl) {
		return true
	}
	st := restStatus(err)
	return st >= 400 && st < 500
}

// restStatus is the HTTP status Discord answered err with; 0 when err is
// not Discord's answer.
func restStatus(err error) int {
	var re *discordgo.RESTError
	if !errors.As(err, &re) || re.Response == nil {
		return 0
	}
	return re.Response.StatusCode
}

// serverErrorWaits are the waits before sending again a request that
// Discord failed on its side: two, short, so that an interaction's first
// response still makes its 3 seconds.
var serverErrorWaits = []time.Duration{250 * time.Millisecond, time.Second}

// retryServerErrors calls do, and again after each of serverErrorWaits
// while Discord fails it on its side (failedOnDiscordsSide). Only for
// requests that do no harm twice: edits, deletions, an interaction's
// first response (a second one is refused). A new message is never sent
// again by it: a 500 or a 504 may have come after Discord posted it; see
// retryNotTakenIn.
// No wait outlasts ctx (the bot's work, which ends with the shutdown's
// grace): the request is then not sent again.
func retryServerErrors(ctx context.Context, do func() error) error {
	return retryWhile(ctx, failedOnDiscordsSide, do)
}

// retryNotTakenIn is retryServerErrors for a new message: it is sent
// again only after a 503, which Discord answers without having taken the
// message in (notTakenIn), so that the bot never posts one twice.
func retryNotTakenIn(ctx context.Context, do func() error) error {
	return retryWhile(ctx, notTakenIn, do)
}

func retryWhile(ctx context.Context, again func(error) bool, do func() error) error {
	err := do()
	for _, w := range serverErrorWaits {
		if !again(err) || !sleep(ctx, w) {
			break
		}
		err = do()
	}
	return err
}

// sleep waits d, or less if ctx ends first, and reports whether it waited
// it all.
func sleep(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}

// send makes one request on a route of this interaction's token: the
// callback, the original message, a follow-up. Each Reply rate-limits its
// own routes with a limiter of its own, gone with it: discordgo's
// session-wide limiter keeps a bucket for every route it has seen, for
// good, and these routes hold the interaction's token, so it would keep a
// bucket and a token for every question ever asked (discordgo issue
// #1333). Discord limits an interaction's routes by its token anyway, and
// they are not bound by the bot's global limit.
func (r *Reply) send(method, uri string, body any, files []*discordgo.File) ([]byte, error) {
	r.mu.Lock()
	if r.limiter == nil {
		r.limiter = discordgo.NewRatelimiter()
	}
	rl := r.limiter
	r.mu.Unlock()
	return interactionRequest(r.b.work, r.b.s, rl, method, uri, body, files)
}

// interactionRequest sends body (as JSON, or multipart with files; none
// when nil) on uri, rate-limited by rl.
func interactionRequest(ctx context.Context, s *discordgo.Session, rl *discordgo.RateLimiter, method, uri string, body any, files []*discordgo.File) ([]byte, error) {
	contentType := "application/json"
	var data []byte
	var err error
	switch {
	case len(files) > 0:
		contentType, data, err = discordgo.MultipartBodyWithJSON(body, files)
	case body != nil:
		data, err = json.Marshal(body)
	}
	if err != nil {
		return nil, err
	}
	var resp []byte
	err = waitOutRateLimits(ctx, func(opts ...discordgo.RequestOption) error {
		var err error
		resp, err = s.RequestWithLockedBucket(method, uri, contentType, data, rl.LockBucket(uri), 0, opts...)
		return err
	})
	return resp, err
}

// rateLimitTries bounds how often a request Discord answers with 429 is
// sent, and maxRetryAfter how long one wait for it may be: discordgo's own
// retry waits retry_after and sends again without end, so an answer whose
// every edit is refused (a proxy's limit, a bug) never finished, and held
// its slot and the shutdown.
const (
	rateLimitTries = 4
	maxRetryAfter  = 30 * time.Second
)

// waitOutRateLimits calls do with discordgo's retry turned off and, while
// Discord rate-limits it, waits retry_after and calls it again, up to
// rateLimitTries times in all; a longer wait than maxRetryAfter is not
// waited out. A rate-limited request was not applied: sending it again
// posts nothing twice.
// Nor a wait longer than ctx lasts (the bot's work, which ends with the
// shutdown's grace).
func waitOutRateLimits(ctx context.Context, do func(opts ...discordgo.RequestOption) error) error {
	for try := 1; ; try++ {
		err := do(discordgo.WithRetryOnRatelimit(false))
		var rl *discordgo.RateLimitError
		if !errors.As(err, &rl) || rl.RateLimit == nil || rl.TooManyRequests == nil ||
			try == rateLimitTries || rl.RetryAfter > maxRetryAfter || !sleep(ctx, rl.RetryAfter) {
			return err
		}
	}
}

// alreadyAcknowledged reports whether Discord refused an initial response
// because the interaction has one: a duplicate delivery whose twin got
// there first.
func alreadyAcknowledged(err error) bool {
	var re *discordgo.RESTError
	return errors.As(err, &re) && re.Message != nil && re.Message.Code == discordgo.ErrCodeInteractionHasAlreadyBeenAcknowledged
}

// Respond sends the initial response with a message (type 4).
func (r *Reply) Respond(content string, ephemeral bool, components []discordgo.MessageComponent) error {
	flags := answerFlags
	if ephemeral {
		flags |= discordgo.MessageFlagsEphemeral
	}
	if components == nil {
		components = []discordgo.MessageComponent{}
	}
	err := r.callback(&discordgo.InteractionResponse{
		Type: discordgo.InteractionResponseChannelMessageWithSource,
		Data: &discordgo.InteractionResponseData{
			Content: content, Flags: flags, Components: components, AllowedMentions: noMentions(),
		},
	})
	if err == nil {
		r.acknowledged(ephemeral)
	}
	return err
}

// Defer acknowledges the interaction with "thinking…" (type 5); the answer
// comes later with Edit.
func (r *Reply) Defer(ephemeral bool) error { return r.deferWith(ephemeral, answerFlags) }

// deferReport acknowledges privately with "thinking…" for a report that
// editReport shows: unlike Defer's, its embeds are not suppressed.
func (r *Reply) deferReport() error { return r.deferWith(true, 0) }

func (r *Reply) deferWith(ephemeral bool, flags discordgo.MessageFlags) error {
	if ephemeral {
		flags |= discordgo.MessageFlagsEphemeral
	}
	err := r.callback(&discordgo.InteractionResponse{
		Type: discordgo.InteractionResponseDeferredChannelMessageWithSource,
		Data: &discordgo.InteractionResponseData{Flags: flags, AllowedMentions: noMentions()},
	})
	if err == nil {
		r.acknowledged(ephemeral)
	}
	return err
}

// Private says whether the interaction's messages are for the asker's
// eyes only.
func (r *Reply) Private() bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.ephemeral
}

// acknowledged notes the initial response and its latency.
func (r *Reply) acknowledged(ephemeral bool) {
	r.mu.Lock()
	first := !r.acked
	r.acked, r.ephemeral = true, ephemeral || r.private
	r.mu.Unlock()
	if first && !r.received.IsZero() {
		r.b.deps.Observer.Stage("ack", time.Since(r.received))
	}
}

// webhookEdit is discordgo's WebhookEdit plus flags, which Discord accepts
// on edits (only SUPPRESS_EMBEDS may change) but discordgo leaves out.
type webhookEdit struct {
	Content         *string                           `json:"content,omitempty"`
	Components      *[]discordgo.MessageComponent     `json:"components,omitempty"`
	Embeds          []*discordgo.MessageEmbed         `json:"embeds,omitempty"`
	AllowedMentions *discordgo.MessageAllowedMentions `json:"allowed_mentions"`
	Flags           discordgo.MessageFlags            `json:"flags,omitempty"`
}

// Edit replaces the original response's content; components, when not nil,
// replace its buttons. On a 429 discordgo waits retry_after and sends the
// edit again, so an edit is delayed, never lost. The bucket is the
// message's own route (see send), not discordgo's one bucket for every
// webhook edit, which would make all answers wait for each other's edits.
func (r *Reply) Edit(content string, components *[]discordgo.MessageComponent) error {
	uri := discordgo.EndpointWebhookMessage(r.I.AppID, r.I.Token, "@original")
	return retryServerErrors(r.b.work, func() error {
		_, err := r.send(http.MethodPatch, uri, webhookEdit{
			Content: &content, Components: components, AllowedMentions: noMentions(), Flags: answerFlags,
		}, nil)
		return err
	})
}

// editReport replaces a deferReport's "thinking…" with a report: text,
// embeds and files, no buttons. The files are read once: an edit sent
// again after a 5xx carries them whole, not the drained readers' nothing.
func (r *Reply) editReport(content string, embeds []*discordgo.MessageEmbed, files []*discordgo.File) error {
	uri := discordgo.EndpointWebhookMessage(r.I.AppID, r.I.Token, "@original")
	data := make([][]byte, len(files))
	for k, f := range files {
		b, err := io.ReadAll(f.Reader)
		if err != nil {
			return fmt.Errorf("reading %s: %w", f.Name, err)
		}
		data[k] = b
	}
	return retryServerErrors(r.b.work, func() error {
		fresh := make([]*discordgo.File, len(files))
		for k, f := range files {
			fresh[k] = &discordgo.File{Name: f.Name, ContentType: f.ContentType, Reader: bytes.NewReader(data[k])}
		}
		_, err := r.send(http.MethodPatch, uri, webhookEdit{
			Content: &content, Components: &[]discordgo.MessageComponent{}, Embeds: embeds, AllowedMentions: noMentions(),
		}, fresh)
		return err
	})
}

// Followup sends one more message after the original response, ephemeral
// when the response is.
func (r *Reply) Followup(content string, components []discordgo.MessageComponent) error {
	r.mu.Lock()
	ephemeral := r.ephemeral
	r.mu.Unlock()
	return r.followup(content, components, ephemeral)
}

// Refuse tells the asker of an acknowledged interaction text for their
// eyes only: in place of a private "thinking…", and when the "thinking…"
// is public, by deleting it and following up ephemerally, so that the
// channel never sees what was meant for one member (a rate limit). (Before
// the acknowledgement a refusal is an ephemeral Respond.)
func (r *Reply) Refuse(text string) error {
	if r.Private() {
		return r.Edit(text, &[]discordgo.MessageComponent{})
	}
	uri := discordgo.EndpointWebhookMessage(r.I.AppID, r.I.Token, "@original")
	if err := retryServerErrors(r.b.work, func() error { _, err := r.send(http.MethodDelete, uri, nil, nil); return err }); err != nil {
		// The public "thinking…" stays: it says, neutrally, that nothing
		// came, rather than thinking for ever; the asker still learns why,
		// alone.
		return errors.Join(err,
			r.Edit(tr(r.I.Locale, msgNotAnswered), &[]discordgo.MessageComponent{}),
			r.followup(text, nil, true))
	}
	return r.followup(text, nil, true)
}

func (r *Reply) followup(content string, components []discordgo.MessageComponent, ephemeral bool) error {
	flags := answerFlags
	if ephemeral {
		flags |= discordgo.MessageFlagsEphemeral
	}
	if components == nil {
		components = []discordgo.MessageComponent{}
	}
	_, err := r.send(http.MethodPost, discordgo.EndpointWebhookToken(r.I.AppID, r.I.Token)+"?wait=true", &discordgo.WebhookParams{
		Content: content, Components: components, Flags: flags, AllowedMentions: noMentions(),
	}, nil)
	return err
}

// Error shows err to the user as a short text: ephemerally when the
// interaction is not acknowledged yet, else in place of the answer.
func (r *Reply) Error(err error) error {
	text := localText(r.I.Locale, err)
	r.mu.Lock()
	acked := r.acked
	r.mu.Unlock()
	if !acked {
		return r.Respond(text, true, nil)
	}
	return r.Edit(text, &[]discordgo.MessageComponent{})
}

// option returns the named option of a slash command, or nil.
func (r *Reply) option(name string) *discordgo.ApplicationCommandInteractionDataOption {
	for _, o := range r.I.ApplicationCommandData().Options {
		if o.Name == name {
			return o
		}
	}
	return nil
}
