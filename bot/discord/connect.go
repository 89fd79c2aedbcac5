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
	closeInvalidIntents    = 4013
	closeDisallowedIntents = 4014
)

// ErrUnauthorized means Discord refused the token.
var ErrUnauthorized = errors.New("discord: the bot token was refused (check DISCORD_TOKEN)")

// connect opens the gateway, retrying with backoff until ctx ends. A refused
// token is final. A refused privileged intent (Message Content not switched
// on in the Developer Portal) is logged once and the bot carries on without
// it, answering mentions, DMs and slash commands only.
func (b *Bot) connect(ctx context.Context) error {
	wait := 500 * time.Millisecond
	for {
		err := b.s.Open()
		if err == nil || errors.Is(err, discordgo.ErrWSAlreadyOpen) {
			return nil
		}
		switch closeCode(err) {
		case closeAuthFailed:
			return ErrUnauthorized
		case closeDisallowedIntents, closeInvalidIntents:
			if b.s.Identify.Intents&discordgo.IntentMessageContent == 0 {
				return fmt.Errorf("discord: gateway refused the intents %d: %w", b.s.Identify.Intents, err)
			}
			b.log.Error("Discord refused the privileged Message Content intent: switch it on under Bot → Privileged Gateway Intents in the Developer Portal. " +
				"Until then the bot answers slash commands, mentions and DMs, but not thread follow-ups without a mention.")
			b.s.Identify.Intents &^= discordgo.IntentMessageContent
			continue
		}
		var re *discordgo.RESTError
		if errors.As(err, &re) && re.Response != nil && re.Response.StatusCode == http.StatusUnauthorized {
			return ErrUnauthorized
		}
		b.log.Warn("cannot connect to the Discord gateway; retrying", "err", err, "in", wait)
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

// closeCode returns the websocket close code inside err, or 0.
func closeCode(err error) int {
	var ce *websocket.CloseError
	if errors.As(err, &ce) {
		return ce.Code
	}
	return 0
}
