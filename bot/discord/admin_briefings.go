package discord

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"path/filepath"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot/bot/library"
	"github.com/briefbot/briefbot/knowledge"
)

// /admin briefings, briefing-add, briefing-remove and reindex: the
// moderators' changes to the knowledge.

// Bounds on a downloaded attachment.
const (
	maxDownloadBytes = library.MaxUploadBytes
	downloadTimeout  = 15 * time.Second
)

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
	b.WriteString(renderProblems(c))
	return strings.TrimSpace(b.String())
}

// renderProblems lists the briefing files left out of the knowledge, by
// file name and line, for the moderators to have fixed.
func renderProblems(c knowledge.Corpus) string {
	if len(c.Problems) == 0 {
		return ""
	}
	var b strings.Builder
	fmt.Fprintf(&b, "\n⚠️ **%d file(s) left out** — fix them, then `/admin reindex`:", len(c.Problems))
	for _, p := range c.Problems {
		where := filepath.Base(p.Name)
		if p.Line > 0 {
			where = fmt.Sprintf("%s:%d", where, p.Line)
		}
		fmt.Fprintf(&b, "\n• `%s` — %s", where, escapeMarkdown(truncateRunes(oneLine(p.Msg), 200)))
	}
	return b.String()
}

func adminVersion(v string) string {
	if len(v) > 12 {
		return v[:12]
	}
	return v
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
	return fmt.Sprintf("Reindexed %d briefing(s) — knowledge version `%s`.%s%s", len(c.Briefings), adminVersion(c.Version), renderProblems(c), a.revalidated(ctx, guildID, c))
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

// Downloader fetches an attachment's bytes from Discord's CDN.
type Downloader interface {
	Download(ctx context.Context, url string, size int) ([]byte, error)
}

var errTooLarge = errors.New("attachment too large")

// httpDownloader downloads with a timeout and a size cap.
type httpDownloader struct{ client *http.Client }

var downloadClient = &http.Client{Timeout: downloadTimeout}

func (d httpDownloader) Download(ctx context.Context, url string, size int) ([]byte, error) {
	if size > maxDownloadBytes {
		return nil, errTooLarge
	}
	c := d.client
	if c == nil {
		c = downloadClient
	}
	ctx, cancel := context.WithTimeout(ctx, downloadTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	resp, err := c.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("download: HTTP %d", resp.StatusCode)
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxDownloadBytes+1))
	if err != nil {
		return nil, err
	}
	if len(data) > maxDownloadBytes {
		return nil, errTooLarge
	}
	return data, nil
}
