package discord

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/gorilla/websocket"
)

// Gateway close codes that retrying cannot fix.
const (
	closeAuthFailed        = 4004
	closeInvalidShard      = 4010
	closeShardingRequired  = 4011
	closeInvalidAPIVersion = 4012
	closeInvalidIntents    = 4013
	closeDisallowedIntents = 4014
)

// ErrUnauthorized means Discord refused the token.
var ErrUnauthorized = errors.New("discord: the bot token was refused (check DISCORD_TOKEN)")

// GatewayError is a refusal by the gateway that retrying cannot fix: the
// bot stops with it rather than IDENTIFY again and again (Discord allows
// 1,000 a day). Msg says what the operator can do.
type GatewayError struct {
	Code int
	Msg  string
	Err  error
}

func (e *GatewayError) Error() string {
	return fmt.Sprintf("discord: gateway closed the connection with %d: %s", e.Code, e.Msg)
}

func (e *GatewayError) Unwrap() error { return e.Err }

// fatalClose are the close codes that end the bot, with what to do. 4004
// is ErrUnauthorized; 4014 (a privileged intent not switched on) is not
// fatal: the bot carries on without Message Content.
var fatalClose = map[int]string{
	closeInvalidShard:      "Discord refused the shard sent in IDENTIFY: check DISCORD_SHARDS and DISCORD_SHARD_IDS",
	closeShardingRequired:  "Discord requires sharding: the bot is in too many servers for one gateway connection; set DISCORD_SHARDS=auto (or a number of shards); DISCORD_SHARD_IDS splits them between processes",
	closeInvalidAPIVersion: "the gateway API version is no longer accepted: update the bot",
	closeInvalidIntents:    "the intents the bot asked for are invalid (a bug in the bot, not a Developer Portal setting; please report it)",
}

// connect opens one shard's gateway connection, retrying with backoff
// until ctx ends. A refused token is final. A refused privileged intent
// (Message Content not switched on in the Developer Portal) is logged once
// and the bot carries on without it on every shard, answering mentions,
// DMs and slash commands only. With several shards in the process, each
// attempt waits its turn to IDENTIFY (identifyGate).
func (b *Bot) connect(ctx context.Context, sh *shard) error {
	s := sh.s
	wait := 500 * time.Millisecond
	for {
		if b.noContent.Load() {
			s.Identify.Intents &^= discordgo.IntentMessageContent
		}
		release := func() {}
		if b.identify != nil {
			var err error
			if release, err = b.identify.wait(ctx, sh.id); err != nil {
				return err
			}
		}
		sh.identified.Store(false)
		select {
		case <-sh.answered:
		default:
		}
		sh.identifying.Store(true)
		err := s.Open()
		sh.identifying.Store(false)
		if err == nil && b.identify != nil && sh.identified.Load() {
			awaitIdentifyAnswer(ctx, sh)
		}
		release()
		if err == nil || errors.Is(err, discordgo.ErrWSAlreadyOpen) {
			return nil
		}
		code := closeCode(err)
		if msg, fatal := fatalClose[code]; fatal {
			return &GatewayError{Code: code, Msg: msg, Err: err}
		}
		switch code {
		case closeAuthFailed:
			return ErrUnauthorized
		case closeDisallowedIntents:
			if s.Identify.Intents&discordgo.IntentMessageContent == 0 {
				return fmt.Errorf("discord: gateway refused the intents %d: %w", s.Identify.Intents, err)
			}
			if b.noContent.CompareAndSwap(false, true) {
				b.log.Error("Discord refused the privileged Message Content intent: switch it on under Bot → Privileged Gateway Intents in the Developer Portal. " +
					"Until then the bot answers slash commands, mentions and DMs, but not thread follow-ups without a mention.")
			}
			s.Identify.Intents &^= discordgo.IntentMessageContent
			continue
		}
		var re *discordgo.RESTError
		if errors.As(err, &re) && re.Response != nil && re.Response.StatusCode == http.StatusUnauthorized {
			return ErrUnauthorized
		}
		if errors.Is(err, errIdentifyNotSent) {
			// Discord refused the turn's IDENTIFY with op 9 (over the
			// limit) and discordgo's second one was not sent (gatedConn).
			b.log.Info("Discord refused the IDENTIFY; identifying again in a later turn", "shard", sh.id, "in", wait)
		} else {
			b.log.Warn("cannot connect to the Discord gateway; retrying", "shard", sh.id, "err", err, "in", wait)
		}
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return ctx.Err()
		case <-t.C:
		}
		wait = min(2*wait, time.Minute)
	}
}

// identifyAnswerWait bounds how long connect keeps the turn after Open
// for Discord's answer to the turn's IDENTIFY.
const identifyAnswerWait = 10 * time.Second

// awaitIdentifyAnswer waits for Discord's answer to the IDENTIFY connect
// sent in its turn, before the turn ends. Open returns as soon as it has
// read a second message: READY most often, but after a refused RESUME
// that message is the op 9, and the IDENTIFY discordgo then sends may
// still be on its way; the next shard's interval counts from its answer.
func awaitIdentifyAnswer(ctx context.Context, sh *shard) {
	t := time.NewTimer(identifyAnswerWait)
	defer t.Stop()
	select {
	case <-sh.answered:
	case <-t.C:
	case <-ctx.Done():
	}
}

// closeCode returns the websocket close code inside err, or 0.
func closeCode(err error) int {
	var ce *websocket.CloseError
	if errors.As(err, &ce) {
		return ce.Code
	}
	return 0
}
