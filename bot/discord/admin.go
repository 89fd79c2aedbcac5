package discord

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"syscall"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot/bot/answer"
	"github.com/briefbot/briefbot/bot/approved"
	"github.com/briefbot/briefbot/bot/guild"
	"github.com/briefbot/briefbot/bot/library"
	"github.com/briefbot/briefbot/bot/state"
	"github.com/briefbot/briefbot/bot/stats"
	"github.com/briefbot/briefbot/knowledge"
)

// The moderators' /admin command. Discord hides it from members without
// Manage Server by default, but a server's admins can override that, so
// every use is checked again here against the member's permissions.

// KnowledgeReader is the current corpus; *library.Library is one.
type KnowledgeReader interface {
	Corpus() knowledge.Corpus
}

// KnowledgeWriter changes the briefings; *library.Library is one.
type KnowledgeWriter interface {
	Add(ctx context.Context, filename string, data []byte, replace bool) (knowledge.Briefing, error)
	Remove(ctx context.Context, id string) (knowledge.Briefing, error)
	Reindex(ctx context.Context) (knowledge.Corpus, error)
}

// AdminLibrary is what /admin needs of the library.
type AdminLibrary interface {
	KnowledgeReader
	KnowledgeWriter
}

// GuildReader reads a guild's settings; *guild.Store is one.
type GuildReader interface {
	Get(ctx context.Context, guildID string) (guild.Settings, error)
}

// ChannelRules sets channel rules; *guild.Store is one.
type ChannelRules interface {
	SetChannel(ctx context.Context, guildID, channelID string, r guild.Rule) error
}

// LimitSettings sets a guild's limits; *guild.Store is one.
type LimitSettings interface {
	SetUserLimit(ctx context.Context, guildID string, l state.Limit) error
	SetGuildLimit(ctx context.Context, guildID string, l state.Limit) error
	SetPrivateByDefault(ctx context.Context, guildID string, private bool) error
}

// EducatorRoles sets which roles are educators; *guild.Store is one.
type EducatorRoles interface {
	SetEducatorRole(ctx context.Context, guildID, roleID string, on bool) error
}

// AdminGuilds is what /admin needs of the guild store.
type AdminGuilds interface {
	GuildReader
	EducatorRoles
	ChannelRules
	LimitSettings
}

// StatsReporter builds a guild's report; *stats.Store is one.
type StatsReporter interface {
	Report(ctx context.Context, guildID string, since time.Time) (stats.Report, error)
}

// ApprovalWriter approves and reviews answers; *approved.Store is one.
type ApprovalWriter interface {
	Approve(ctx context.Context, guildID, question string, a answer.Answer, editedText, by string) (approved.Entry, error)
	Review(ctx context.Context, guildID, id string, approve bool) (approved.Entry, error)
}

// ApprovalReader lists approvals and brings them to a new corpus;
// *approved.Store is one.
type ApprovalReader interface {
	List(ctx context.Context, guildID string) ([]approved.Entry, error)
	Revalidate(ctx context.Context, corpus knowledge.Corpus) ([]approved.Entry, error)
}

// Approvals is what /admin needs of the approved answers store.
type Approvals interface {
	ApprovalWriter
	ApprovalReader
}

// Asker answers one question through the full pipeline; *answer.Engine
// is one.
type Asker interface {
	Ask(ctx context.Context, req answer.Request, onDelta func(string)) (answer.Answer, error)
}

// CheckSetFunc returns a briefing's grounding-check questions (see
// knowledge.CheckSet); ok is false when it has none.
type CheckSetFunc func(briefingID string) (name string, data []byte, ok bool, err error)

// AdminDeps are the stores /admin works on. A nil one turns its
// subcommands into a short "not available here".
type AdminDeps struct {
	Library      AdminLibrary
	Guilds       AdminGuilds
	Stats        StatsReporter
	Approved     Approvals
	Asker        Asker        // the engine without approved answers in front; required for approve and eval
	KnowledgeDir string       // where check sets live, for the default CheckSet
	CheckSet     CheckSetFunc // default knowledge.CheckSet(KnowledgeDir, id)
	// Download fetches attachments; default a client with a timeout.
	Download Downloader
}

// Permission bits /admin needs: Manage Server, or Administrator.
const adminPerms = discordgo.PermissionManageGuild | discordgo.PermissionAdministrator

// approvedMark goes under an answer the moderators approved.
const approvedMark = "✅ Approved by this server's moderators"

// admin holds the /admin dependencies.
type admin struct {
	b *Bot
	d AdminDeps
}

// addAdmin adds the /admin command.
func (b *Bot) addAdmin(d AdminDeps) {
	if d.CheckSet == nil {
		dir := d.KnowledgeDir
		d.CheckSet = func(id string) (string, []byte, bool, error) { return knowledge.CheckSet(dir, id) }
	}
	if d.Download == nil {
		d.Download = httpDownloader{}
	}
	a := &admin{b: b, d: d}
	b.AddCommand(&Command{Def: adminDef(), Run: a.run, Autocomplete: a.autocomplete})
}

func adminDef() *discordgo.ApplicationCommand {
	perms := int64(discordgo.PermissionManageGuild)
	dm := false
	str := func(name, desc string, required bool) *discordgo.ApplicationCommandOption {
		return &discordgo.ApplicationCommandOption{Type: discordgo.ApplicationCommandOptionString, Name: name, Description: desc, Required: required}
	}
	sub := func(name, desc string, opts ...*discordgo.ApplicationCommandOption) *discordgo.ApplicationCommandOption {
		return &discordgo.ApplicationCommandOption{Type: discordgo.ApplicationCommandOptionSubCommand, Name: name, Description: desc, Options: opts}
	}
	minRate, maxRate := 0.0, float64(guild.MaxRate)
	rate := func(name, desc string) *discordgo.ApplicationCommandOption {
		return &discordgo.ApplicationCommandOption{Type: discordgo.ApplicationCommandOptionInteger, Name: name, Description: desc, MinValue: &minRate, MaxValue: maxRate}
	}
	removeID := str("id", "The briefing's id", true)
	removeID.Autocomplete = true
	return &discordgo.ApplicationCommand{
		Name: "admin", Description: "Moderators: briefings, channels, limits, stats, approved answers",
		DefaultMemberPermissions: &perms, DMPermission: &dm,
		Options: []*discordgo.ApplicationCommandOption{
			sub("briefings", "List the briefings the bot knows"),
			sub("briefing-add", "Add a briefing from an .md or .txt file",
				&discordgo.ApplicationCommandOption{Type: discordgo.ApplicationCommandOptionAttachment, Name: "file", Description: "The briefing (.md with front matter, or .txt)", Required: true},
				&discordgo.ApplicationCommandOption{Type: discordgo.ApplicationCommandOptionBoolean, Name: "replace", Description: "Replace an added briefing with the same id"}),
			sub("briefing-remove", "Remove an added briefing", removeID),
			sub("reindex", "Read the briefing files again"),
			sub("channels", "Allow or deny the bot in a channel or thread",
				&discordgo.ApplicationCommandOption{Type: discordgo.ApplicationCommandOptionChannel, Name: "channel", Description: "The channel or thread", Required: true},
				&discordgo.ApplicationCommandOption{Type: discordgo.ApplicationCommandOptionString, Name: "rule", Description: "allow, deny or clear", Required: true,
					Choices: []*discordgo.ApplicationCommandOptionChoice{{Name: "allow", Value: "allow"}, {Name: "deny", Value: "deny"}, {Name: "clear", Value: "clear"}}}),
			sub("limits", "Questions per minute and private answers",
				rate("user_per_minute", "Questions each member may ask per minute (0 = default)"),
				rate("guild_per_minute", "Questions the server may ask per minute (0 = default)"),
				&discordgo.ApplicationCommandOption{Type: discordgo.ApplicationCommandOptionBoolean, Name: "private", Description: "Answers visible to the asker only by default"}),
			sub("educators", "Give or take a role's educator rights (sessions, quizzes)",
				&discordgo.ApplicationCommandOption{Type: discordgo.ApplicationCommandOptionRole, Name: "role", Description: "The role", Required: true},
				&discordgo.ApplicationCommandOption{Type: discordgo.ApplicationCommandOptionBoolean, Name: "educator", Description: "true gives, false takes", Required: true}),
			sub("stats", "Questions, answers, votes and gaps", str("period", "24h, 7d, 30d, 2w or all (default 7d)", false)),
			sub("export", "The stats as a CSV file", str("period", "24h, 7d, 30d, 2w or all (default 7d)", false)),
			sub("eval", "Run the grounding check on every briefing"),
			sub("approve", "Approve the bot's answer to a question, optionally edited",
				str("question", "The question", true), str("text", "Edited answer text, with [n] citation markers", false)),
			sub("approved", "List the approved answers, suspended ones included"),
			sub("review", "Lift or drop a suspended approval", str("id", "The approval id", true),
				&discordgo.ApplicationCommandOption{Type: discordgo.ApplicationCommandOptionBoolean, Name: "approve", Description: "true lifts the suspension, false deletes the approval", Required: true}),
		},
	}
}

// sub returns the invoked subcommand and its options by name.
func adminSub(r *Reply) (string, map[string]*discordgo.ApplicationCommandInteractionDataOption) {
	opts := map[string]*discordgo.ApplicationCommandInteractionDataOption{}
	data := r.I.ApplicationCommandData()
	if len(data.Options) == 0 {
		return "", opts
	}
	s := data.Options[0]
	for _, o := range s.Options {
		opts[o.Name] = o
	}
	return s.Name, opts
}

// isModerator reports whether the member who interacted may use /admin.
func isModerator(i *discordgo.Interaction) bool {
	return i.Member != nil && i.Member.Permissions&adminPerms != 0
}

const (
	refusedText     = "Only moderators (Manage Server) can use `/admin`."
	unavailableText = "That isn't available on this bot."
)

func (a *admin) run(ctx context.Context, r *Reply) error {
	if !isModerator(r.I) {
		return r.Respond(refusedText, true, nil)
	}
	name, opts := adminSub(r)
	switch name {
	case "briefings":
		return a.briefings(r)
	case "briefing-add":
		return a.slow(ctx, r, func(ctx context.Context) string { return a.add(ctx, r, opts) })
	case "briefing-remove":
		return a.slow(ctx, r, func(ctx context.Context) string { return a.remove(ctx, r.I.GuildID, opts) })
	case "reindex":
		return a.slow(ctx, r, func(ctx context.Context) string { return a.reindex(ctx, r.I.GuildID) })
	case "channels":
		return a.slow(ctx, r, func(ctx context.Context) string { return a.channels(ctx, r, opts) })
	case "limits":
		return a.slow(ctx, r, func(ctx context.Context) string { return a.limits(ctx, r, opts) })
	case "educators":
		return a.slow(ctx, r, func(ctx context.Context) string { return a.educators(ctx, r, opts) })
	case "stats":
		return a.stats(ctx, r, opts)
	case "export":
		return a.export(ctx, r, opts)
	case "eval":
		return a.slow(ctx, r, a.eval)
	case "approve":
		return a.slow(ctx, r, func(ctx context.Context) string { return a.approve(ctx, r, opts) })
	case "approved":
		return a.slow(ctx, r, func(ctx context.Context) string { return a.listApproved(ctx, r) })
	case "review":
		return a.slow(ctx, r, func(ctx context.Context) string { return a.review(ctx, r, opts) })
	}
	return &UserError{Kind: KindUnknown}
}

// slow defers the reply ephemerally, runs f and shows its text, split to
// Discord's limits.
func (a *admin) slow(ctx context.Context, r *Reply, f func(context.Context) string) error {
	done, ok := a.b.begin()
	if !ok {
		return &UserError{Kind: KindRestarting}
	}
	defer done()
	if err := r.Defer(true); err != nil {
		a.b.logErr(r.I, "acknowledging /admin", err)
		return nil
	}
	parts := splitContent(f(ctx), contentBudget)
	if err := r.Edit(parts[0], &[]discordgo.MessageComponent{}); err != nil {
		a.b.logErr(r.I, "answering /admin", redact(err, r.I.Token))
		return nil
	}
	for _, p := range parts[1:] {
		if err := r.Followup(p, nil); err != nil {
			a.b.logErr(r.I, "answering /admin", redact(err, r.I.Token))
			return nil
		}
	}
	return nil
}

// corpus is the current corpus: the library's, else the engine's view.
func (a *admin) corpus() knowledge.Corpus {
	if a.d.Library != nil {
		return a.d.Library.Corpus()
	}
	var c knowledge.Corpus
	if kb := a.b.deps.Questions.Knowledge(); kb != nil {
		c.Version, c.Briefings = kb.Version, kb.Briefings
	}
	return c
}

func (a *admin) briefings(r *Reply) error {
	return a.b.respondParts(r, renderAdminBriefings(a.corpus()))
}

// renderAdminBriefings lists every briefing with its id, date, size and
// where it comes from, and the knowledge version.
func renderAdminBriefings(c knowledge.Corpus) string {
	if len(c.Briefings) == 0 {
		return "I don't know any briefing yet. Add one with `/admin briefing-add`."
	}
	var b strings.Builder
	fmt.Fprintf(&b, "**%d briefing(s)** · knowledge version `%s`\n", len(c.Briefings), adminVersion(c.Version))
	for _, br := range c.Briefings {
		origin := "added"
		if strings.HasPrefix(br.Origin, "embedded:") {
			origin = "built in"
		}
		fmt.Fprintf(&b, "• `%s` **%s** — %s · %d paragraphs · %s\n", br.ID, escapeMarkdown(oneLine(br.Title)), br.Date, len(br.Paragraphs), origin)
	}
	return strings.TrimSpace(b.String())
}

func adminVersion(v string) string {
	if len(v) > 12 {
		return v[:12]
	}
	return v
}

// storageText is what a moderator is told of a failure they cannot act on.
const storageText = "That didn't work — the bot's storage may be unavailable. Please try again."

// adminErrText turns a store's error into a short line for a moderator.
func adminErrText(err error) string {
	var fe *library.FolderError
	if errors.As(err, &fe) {
		// Only the operator can fix the folder: say which and what is wrong,
		// in words they can act on (the raw error is in the log).
		switch {
		case errors.Is(err, fs.ErrPermission):
			return fmt.Sprintf("I can't write to the briefings folder (`%s`): permission denied. The server's operator needs to make it writable by the bot's user.", fe.Dir)
		case errors.Is(err, syscall.EROFS):
			return fmt.Sprintf("I can't write to the briefings folder (`%s`): it is on a read-only file system. The server's operator needs to mount it writable.", fe.Dir)
		}
		return storageText
	}
	var pe *knowledge.ParseError
	if errors.As(err, &pe) {
		return pe.Error()
	}
	var ce *approved.CheckError
	if errors.As(err, &ce) {
		var b strings.Builder
		b.WriteString("The answer is not supported by its citations:")
		for _, p := range ce.Problems {
			fmt.Fprintf(&b, "\n• “%s” — %s", truncateRunes(oneLine(p.Sentence), 200), p.Reason)
		}
		return b.String()
	}
	if errors.Is(err, approved.ErrNotFound) {
		return "There is no approved answer with that id."
	}
	if errors.Is(err, state.ErrInvalid) || isLibraryErr(err) {
		s := stripPrefix(err.Error())
		if s != "" {
			s = strings.ToUpper(s[:1]) + s[1:]
		}
		return truncateRunes(s, 1500)
	}
	return storageText
}

// failed returns the moderator's line for a failed /admin action and logs
// what the line does not say: the folder and cause of a briefings folder
// failure, and any failure shown as storageText. Mistakes the moderator can
// correct (a malformed file, a duplicate id) are not logged: the reply says
// it all.
func (a *admin) failed(what string, err error) string {
	text := adminErrText(err)
	var fe *library.FolderError
	switch {
	case errors.As(err, &fe):
		a.b.log.Warn(what+": cannot write to the briefings folder", "dir", fe.Dir, "path", fe.Path, "err", fe.Err)
	case text == storageText:
		a.b.log.Warn(what, "err", err)
	}
	return text
}

// stripPrefix drops the "package: op:" prefixes of an error's text.
func stripPrefix(s string) string {
	for _, p := range []string{"library: ", "knowledge: ", "guild: ", "stats: ", "approved: "} {
		s = strings.TrimPrefix(s, p)
	}
	return strings.TrimSuffix(s, ": "+state.ErrInvalid.Error())
}

// revalidated brings the approvals to the new corpus and tells which of
// this guild's stand suspended against it. Which call suspended them does
// not matter: the library's swap has usually re-checked them already (or
// another process has), and a second Revalidate suspends nothing new; the
// entries themselves say they await review on this version.
func (a *admin) revalidated(ctx context.Context, guildID string, c knowledge.Corpus) string {
	if a.d.Approved == nil || c.Version == "" {
		return ""
	}
	const unchecked = "\n⚠️ Approved answers could not be checked against the new knowledge; they are not served until they are."
	if _, err := a.d.Approved.Revalidate(ctx, c); err != nil {
		a.b.log.Warn("approved answers not revalidated", "err", err)
		return unchecked
	}
	all, err := a.d.Approved.List(ctx, guildID)
	if err != nil {
		a.b.log.Warn("approved answers not listed after a knowledge change", "err", err)
		return unchecked
	}
	var lines []string
	for _, e := range all {
		if e.Suspended && e.Pending != nil && e.Pending.KnowledgeVersion == c.Version {
			lines = append(lines, fmt.Sprintf("• #%s “%s” — %s", e.ID, truncateRunes(oneLine(e.Question), 80), e.Reason))
		}
	}
	if len(lines) == 0 {
		return ""
	}
	return "\n⚠️ Suspended approved answers (review with `/admin review`):\n" + strings.Join(lines, "\n")
}

func (a *admin) add(ctx context.Context, r *Reply, opts map[string]*discordgo.ApplicationCommandInteractionDataOption) string {
	if a.d.Library == nil {
		return unavailableText
	}
	o := opts["file"]
	if o == nil {
		return "Attach a briefing file (.md or .txt)."
	}
	id, _ := o.Value.(string)
	data := r.I.ApplicationCommandData()
	var att *discordgo.MessageAttachment
	if data.Resolved != nil {
		att = data.Resolved.Attachments[id]
	}
	if att == nil {
		return "I couldn't find the attached file; please attach it again."
	}
	body, err := a.d.Download.Download(ctx, att.URL, att.Size)
	if err != nil {
		a.b.log.Warn("briefing download failed", "file", att.Filename, "err", err)
		if errors.Is(err, errTooLarge) {
			return fmt.Sprintf("%s is too large: at most %d KiB.", att.Filename, maxDownloadBytes>>10)
		}
		return fmt.Sprintf("I couldn't download %s; please try again.", att.Filename)
	}
	replace := opts["replace"] != nil && opts["replace"].BoolValue()
	br, err := a.d.Library.Add(ctx, att.Filename, body, replace)
	if err != nil {
		return "Not added: " + a.failed("briefing not added", err)
	}
	c := a.d.Library.Corpus()
	return fmt.Sprintf("Added `%s` **%s** (%s, %d paragraphs) — knowledge version `%s`. Members can ask about it now.%s",
		br.ID, escapeMarkdown(oneLine(br.Title)), br.Date, len(br.Paragraphs), adminVersion(c.Version), a.revalidated(ctx, r.I.GuildID, c))
}

func (a *admin) remove(ctx context.Context, guildID string, opts map[string]*discordgo.ApplicationCommandInteractionDataOption) string {
	if a.d.Library == nil {
		return unavailableText
	}
	id := ""
	if o := opts["id"]; o != nil {
		id = strings.TrimSpace(o.StringValue())
	}
	br, err := a.d.Library.Remove(ctx, id)
	if err != nil {
		return "Not removed: " + a.failed("briefing not removed", err)
	}
	c := a.d.Library.Corpus()
	return fmt.Sprintf("Removed `%s` **%s** — knowledge version `%s`.%s", br.ID, escapeMarkdown(oneLine(br.Title)), adminVersion(c.Version), a.revalidated(ctx, guildID, c))
}

func (a *admin) reindex(ctx context.Context, guildID string) string {
	if a.d.Library == nil {
		return unavailableText
	}
	c, err := a.d.Library.Reindex(ctx)
	if err != nil {
		return "Reindex failed: " + a.failed("reindex failed", err)
	}
	return fmt.Sprintf("Reindexed %d briefing(s) — knowledge version `%s`.%s", len(c.Briefings), adminVersion(c.Version), a.revalidated(ctx, guildID, c))
}

func (a *admin) autocomplete(_ context.Context, r *Reply) []*discordgo.ApplicationCommandOptionChoice {
	choices := []*discordgo.ApplicationCommandOptionChoice{}
	if !isModerator(r.I) {
		return choices
	}
	name, opts := adminSub(r)
	if name != "briefing-remove" {
		return choices
	}
	typed := ""
	if o := opts["id"]; o != nil {
		typed, _ = o.Value.(string)
	}
	for _, br := range a.corpus().Briefings {
		if strings.HasPrefix(br.Origin, "embedded:") || !strings.Contains(br.ID, strings.ToLower(typed)) || len(choices) == 25 {
			continue
		}
		choices = append(choices, &discordgo.ApplicationCommandOptionChoice{Name: truncateRunes(br.ID+" — "+oneLine(br.Title), 100), Value: br.ID})
	}
	return choices
}
