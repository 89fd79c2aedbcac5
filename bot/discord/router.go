package discord

import (
	"context"
	"errors"
	"fmt"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"
)

// Command is one slash command: its definition and its handlers. Issue-5
// style extensions (moderator commands) add theirs with AddCommand before
// Run.
type Command struct {
	Def *discordgo.ApplicationCommand
	// Run handles an invocation. The interaction is not acknowledged yet:
	// Run must answer through r, within Discord's 3 seconds (r.Defer first
	// for slow work). An error is shown to the user as a short message.
	Run func(ctx context.Context, r *Reply) error
	// DedupesItself says Run acknowledges first and then drops a
	// duplicate itself (Bot.first): the router does not make the
	// acknowledgement wait for that round trip to the store. A duplicate
	// delivery's acknowledgement is refused by Discord (an interaction is
	// acknowledged once) or, over the HTTP endpoint, taken as the same one.
	DedupesItself bool
	// Autocomplete returns choices for the focused option; nil means none.
	Autocomplete func(ctx context.Context, r *Reply) []*discordgo.ApplicationCommandOptionChoice
}

// ComponentHandler handles a button (or other component) whose custom id
// starts with the prefix it was registered under.
type ComponentHandler func(ctx context.Context, r *Reply, customID string) error

// AddCommand adds a slash command; call it before Run. A command with the
// same name replaces the earlier one.
func (b *Bot) AddCommand(c *Command) {
	if old, ok := b.byName[c.Def.Name]; ok {
		for i, x := range b.commands {
			if x == old {
				b.commands[i] = c
			}
		}
	} else {
		b.commands = append(b.commands, c)
	}
	b.byName[c.Def.Name] = c
}

// AddComponent routes components whose custom id starts with prefix to h;
// call it before Run.
func (b *Bot) AddComponent(prefix string, h ComponentHandler) { b.components[prefix] = h }

// registerCommands replaces the application's commands with ours in one
// bulk overwrite, which is idempotent: running it again with the same
// definitions changes nothing, and commands we no longer have disappear.
// A 429 is waited out here, not by discordgo: its wait (Discord's daily
// limit on command creations answers with minutes or hours) would be
// silent and deaf to ctx, so the operator would see nothing and the
// process would not stop when told to. It returns ctx's error when ctx
// ends first. waiting, when set, is called before each such wait: the
// commands of the last registration still work meanwhile.
func (b *Bot) registerCommands(ctx context.Context, waiting func()) error {
	defs := make([]*discordgo.ApplicationCommand, len(b.commands))
	for i, c := range b.commands {
		defs[i] = c.Def
	}
	var got []*discordgo.ApplicationCommand
	for {
		var err error
		got, err = b.s.ApplicationCommandBulkOverwrite(b.applicationID(), b.cfg.GuildID, defs,
			discordgo.WithRetryOnRatelimit(false), discordgo.WithContext(ctx))
		var rl *discordgo.RateLimitError
		if errors.As(err, &rl) {
			wait := max(rl.RetryAfter, time.Second)
			// Ready first, then said: whoever reads the warning finds the
			// replica serving (a test under load saw the warning while it
			// was not yet).
			if waiting != nil {
				waiting()
			}
			b.log.Warn("Discord rate limits registering the slash commands; trying again after its wait",
				"retry_after", wait)
			if !sleep(ctx, wait) {
				return ctx.Err()
			}
			continue
		}
		if err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			return fmt.Errorf("discord: register commands: %w", err)
		}
		break
	}
	scope := "global"
	if b.cfg.GuildID != "" {
		scope = "guild " + b.cfg.GuildID
	}
	b.log.Info("slash commands registered", "scope", scope, "commands", len(got))
	return nil
}

// onInteraction handles an interaction the gateway delivered: its initial
// response goes through the REST callback route.
func (b *Bot) onInteraction(_ *discordgo.Session, ev *discordgo.InteractionCreate) {
	b.dispatch(ev.Interaction, nil)
}

// dispatch routes an interaction to its command, component or modal
// handler, whichever way it came (the gateway, or the HTTP endpoint with
// initial set: see Reply.callback). It reports false when it did not
// handle the interaction: a duplicate, or a type it does not know.
func (b *Bot) dispatch(i *discordgo.Interaction, initial func(*discordgo.InteractionResponse) error) (handled bool) {
	r := &Reply{b: b, I: i, received: time.Now(), initial: initial}
	defer func() {
		if v := recover(); v != nil {
			b.panicked("an interaction", v)
			b.fail(r, &UserError{Kind: KindInternal})
			handled = true
		}
	}()
	ctx := b.work
	b.noteGuildLocale(i)
	switch i.Type {
	case discordgo.InteractionApplicationCommandAutocomplete:
		c := b.byName[i.ApplicationCommandData().Name]
		var choices []*discordgo.ApplicationCommandOptionChoice
		if c != nil && c.Autocomplete != nil {
			choices = c.Autocomplete(ctx, r)
		}
		if choices == nil {
			choices = []*discordgo.ApplicationCommandOptionChoice{}
		}
		err := r.callback(&discordgo.InteractionResponse{
			Type: discordgo.InteractionApplicationCommandAutocompleteResult,
			Data: &discordgo.InteractionResponseData{Choices: choices},
		})
		if err != nil {
			b.logErr(i, "autocomplete", err)
		}
		return true
	case discordgo.InteractionApplicationCommand, discordgo.InteractionMessageComponent:
	case discordgo.InteractionModalSubmit:
		return b.dispatchModal(ctx, r)
	default:
		return false
	}
	if b.isClosing() {
		b.fail(r, &UserError{Kind: KindRestarting})
		return true
	}
	var c *Command
	if i.Type == discordgo.InteractionApplicationCommand {
		c = b.byName[i.ApplicationCommandData().Name]
	}
	if (c == nil || !c.DedupesItself) && !b.first(ctx, "interaction:"+i.ID, preAckTimeout) {
		return false
	}
	var err error
	if i.Type == discordgo.InteractionApplicationCommand {
		if c == nil {
			err = &UserError{Kind: KindUnknown}
		} else {
			err = c.Run(ctx, r)
		}
	} else {
		id := i.MessageComponentData().CustomID
		err = &UserError{Kind: KindUnknown}
		for prefix, h := range b.components {
			if strings.HasPrefix(id, prefix) {
				err = h(ctx, r, id)
				break
			}
		}
	}
	if err != nil {
		b.fail(r, err)
	}
	return true
}

// panicked logs a panic recovered while handling what, with its stack.
// discordgo runs each event's handlers on a goroutine of their own, with
// no recover, so without this a bug that one member's input reaches would
// stop the bot for every server; instead that member is told something
// went wrong (dispatch) and the rest go on.
func (b *Bot) panicked(what string, v any) {
	b.log.Error("panic while handling "+what, "panic", fmt.Sprint(v), "stack", string(debug.Stack()))
}

// survive recovers a panic in an event handler; deferred by the message
// handlers (dispatch has its own, which also tells the member).
func (b *Bot) survive(what string) {
	if v := recover(); v != nil {
		b.panicked(what, v)
	}
}

// dedupeTTL covers the gateway's redeliveries (a resume replays minutes at
// most) and Discord's interaction lifetime.
const dedupeTTL = 20 * time.Minute

// preAckTimeout bounds each Redis call made before an interaction is
// acknowledged, so a slow Redis cannot push us past Discord's 3 seconds.
// dedupeTimeout bounds the dedupe where nothing waits on it but the
// answer (a message; an /ask once acknowledged): a Redis slow under load
// still gets to say "seen" rather than the event being handled twice.
const (
	preAckTimeout = 150 * time.Millisecond
	dedupeTimeout = time.Second
)

// first reports whether the event id is new, asking the store for at
// most within. With Redis unavailable it goes by what this process has
// handled lately (recent): answering twice is better than not answering,
// but a signed HTTP interaction replayed within Discord's signature
// window (a moderator's /admin briefing-remove, say) is not run again.
func (b *Bot) first(ctx context.Context, id string, within time.Duration) bool {
	if !b.recent.add(id, time.Now()) {
		b.log.Info("duplicate event ignored", "id", id)
		return false
	}
	if b.deps.Once == nil {
		return true
	}
	ctx, cancel := context.WithTimeout(ctx, within)
	defer cancel()
	ok, err := b.deps.Once.First(ctx, id, dedupeTTL)
	if err != nil {
		b.log.Warn("dedupe unavailable; handling the event", "err", err)
		return true
	}
	if !ok {
		b.log.Info("duplicate event ignored", "id", id)
	}
	return ok
}

// fail tells the user about err, ephemerally where possible, and logs it.
func (b *Bot) fail(r *Reply, err error) {
	var ue *UserError
	if !errors.As(err, &ue) || ue.Kind == KindInternal {
		b.logErr(r.I, "interaction failed", err)
	}
	if err := r.Error(err); err != nil {
		b.logErr(r.I, "telling the user about a failure", err)
	}
}

// logErr logs an error about an interaction with the interaction token, if
// the error text carries it (URLs of webhook routes do), blanked.
func (b *Bot) logErr(i *discordgo.Interaction, msg string, err error) {
	text := err.Error()
	if i != nil && i.Token != "" {
		text = strings.ReplaceAll(text, i.Token, "<interaction-token>")
	}
	id := ""
	if i != nil {
		id = i.ID
	}
	b.log.Warn(msg, "interaction", id, "err", text)
}

// recent remembers the event ids this process handled in the last
// recentKeep, at most recentMax of them: the dedupe for when the store
// cannot say, and a duplicate caught without a round trip.
type recent struct {
	mu    sync.Mutex
	at    map[string]time.Time
	order []string // oldest first
}

const (
	// recentKeep outlasts the 5 minutes a signed HTTP interaction is
	// accepted for (verifySignature).
	recentKeep = 6 * time.Minute
	// recentMax bounds it to about 2 MB: at 500 events a second it
	// remembers the last 40 seconds, the whole window below 55 a second.
	recentMax = 20_000
)

// add reports whether id is new, and remembers it.
func (r *recent) add(id string, now time.Time) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.at == nil {
		r.at = map[string]time.Time{}
	}
	for len(r.order) > 0 && (len(r.order) >= recentMax || now.Sub(r.at[r.order[0]]) > recentKeep) {
		delete(r.at, r.order[0])
		r.order = r.order[1:]
	}
	if _, seen := r.at[id]; seen {
		return false
	}
	r.at[id] = now
	r.order = append(r.order, id)
	return true
}
