package discord

import (
	"context"
	"time"

	"github.com/briefbot/briefbot/bot/answer"
	"github.com/briefbot/briefbot/bot/approved"
	"github.com/briefbot/briefbot/bot/guild"
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

// LimitSettings saves a guild's limits and private default in one
// write, all or none; *guild.Store is one.
type LimitSettings interface {
	SetLimits(ctx context.Context, guildID string, c guild.LimitsChange) error
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
	RevalidateWhile(ctx context.Context, corpus knowledge.Corpus, current func() string) ([]approved.Entry, error)
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
