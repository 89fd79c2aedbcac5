package discord

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot/bot/approved"
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
	c := a.corpus()
	if !a.b.changesLibrary(r.I.GuildID) {
		// The files left out, by name and line, are the operator's
		// business, not another server's.
		c.Problems = nil
	}
	return a.b.respondParts(r, renderAdminBriefings(r.I.Locale, c))
}

// renderAdminBriefings lists every briefing with its id, date, size and
// where it comes from, and the knowledge version, in l.
func renderAdminBriefings(l discordgo.Locale, c knowledge.Corpus) string {
	if len(c.Briefings) == 0 {
		return tr(l, msgAdminNoBriefings)
	}
	var b strings.Builder
	b.WriteString(tr(l, msgAdminBriefingsHead, len(c.Briefings), adminVersion(c.Version)) + "\n")
	for _, br := range c.Briefings {
		origin := tr(l, msgAdminOriginAdded)
		if strings.HasPrefix(br.Origin, "embedded:") {
			origin = tr(l, msgAdminOriginBuiltIn)
		}
		b.WriteString(tr(l, msgAdminBriefingRow, br.ID, titleText(br.Title), br.Date, len(br.Paragraphs), origin) + "\n")
	}
	b.WriteString(renderProblems(l, c))
	return strings.TrimSpace(b.String())
}

// renderProblems lists the briefing files left out of the knowledge, by
// file name and line, for the moderators to have fixed; the parser's
// messages stay as it writes them.
func renderProblems(l discordgo.Locale, c knowledge.Corpus) string {
	if len(c.Problems) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString("\n" + tr(l, msgAdminLeftOut, len(c.Problems)))
	for _, p := range c.Problems {
		where := filepath.Base(p.Name)
		if p.Line > 0 {
			where = fmt.Sprintf("%s:%d", where, p.Line)
		}
		fmt.Fprintf(&b, "\n• %s — %s", inlineCode(where), escapeMarkdown(truncateRunes(oneLine(p.Msg), 200)))
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
// another process has), and a second re-check suspends nothing new; the
// entries themselves say they await review on this version. A re-check
// overtaken by a newer change (another moderator's, another process's)
// writes nothing: it would move the approvals back to knowledge no longer
// served.
func (a *admin) revalidated(ctx context.Context, l discordgo.Locale, guildID string, c knowledge.Corpus) string {
	if a.d.Approved == nil || c.Version == "" {
		return ""
	}
	unchecked := "\n" + tr(l, msgAdminUnchecked)
	current := func() string { return a.corpus().Version }
	if _, err := a.d.Approved.RevalidateWhile(ctx, c, current); err != nil && !errors.Is(err, approved.ErrSuperseded) {
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
			// The reason quotes the cited briefings' titles: shown as
			// written, mention syntax defused, as the question is.
			lines = append(lines, fmt.Sprintf("• #%s “%s” — %s", e.ID, asWritten(truncateRunes(oneLine(e.Question), 80)), asWritten(e.Reason)))
		}
	}
	if len(lines) == 0 {
		return ""
	}
	return "\n" + tr(l, msgAdminSuspendedHead) + "\n" + strings.Join(lines, "\n")
}

func (a *admin) add(ctx context.Context, r *Reply, opts map[string]*discordgo.ApplicationCommandInteractionDataOption) string {
	l := r.I.Locale
	if a.d.Library == nil {
		return tr(l, msgAdminUnavailable)
	}
	o := opts["file"]
	if o == nil {
		return tr(l, msgAdminAttachFile)
	}
	id, _ := o.Value.(string)
	data := r.I.ApplicationCommandData()
	var att *discordgo.MessageAttachment
	if data.Resolved != nil {
		att = data.Resolved.Attachments[id]
	}
	if att == nil {
		return tr(l, msgAdminNoAttachment)
	}
	body, err := a.d.Download.Download(ctx, att.URL, att.Size)
	if err != nil {
		a.b.log.Warn("briefing download failed", "file", att.Filename, "err", err)
		if errors.Is(err, errTooLarge) {
			return tr(l, msgAdminTooLarge, att.Filename, maxDownloadBytes>>10)
		}
		return tr(l, msgAdminNoDownload, att.Filename)
	}
	replace := opts["replace"] != nil && opts["replace"].BoolValue()
	br, err := a.d.Library.Add(ctx, att.Filename, body, replace)
	if errors.Is(err, library.ErrTooMany) {
		// Said here, with the commands that remove or replace one, which
		// the library knows nothing of.
		return tr(l, msgAdminNotAdded, tr(l, msgAdminTooMany, library.MaxAdded))
	}
	if err != nil {
		return tr(l, msgAdminNotAdded, a.failed(l, "briefing not added", err))
	}
	c := a.d.Library.Corpus()
	return tr(l, msgAdminAdded, br.ID, titleText(br.Title), br.Date, len(br.Paragraphs), adminVersion(c.Version)) +
		a.revalidated(ctx, l, r.I.GuildID, c)
}

func (a *admin) remove(ctx context.Context, l discordgo.Locale, guildID string, opts map[string]*discordgo.ApplicationCommandInteractionDataOption) string {
	if a.d.Library == nil {
		return tr(l, msgAdminUnavailable)
	}
	id := ""
	if o := opts["id"]; o != nil {
		id = strings.TrimSpace(o.StringValue())
	}
	br, err := a.d.Library.Remove(ctx, id)
	if err != nil {
		return tr(l, msgAdminNotRemoved, a.failed(l, "briefing not removed", err))
	}
	c := a.d.Library.Corpus()
	still := ""
	if now, ok := c.Briefing(br.ID); ok {
		// Another file with the id, left out beside the one removed, is
		// the briefing now.
		still = "\n" + tr(l, msgAdminStillServed, br.ID, filepath.Base(now.Origin))
	}
	return tr(l, msgAdminRemoved, br.ID, titleText(br.Title), adminVersion(c.Version)) + still + a.revalidated(ctx, l, guildID, c)
}

func (a *admin) reindex(ctx context.Context, l discordgo.Locale, guildID string) string {
	if a.d.Library == nil {
		return tr(l, msgAdminUnavailable)
	}
	c, err := a.d.Library.Reindex(ctx)
	if err != nil {
		return tr(l, msgAdminReindexFailed, a.failed(l, "reindex failed", err))
	}
	return tr(l, msgAdminReindexed, len(c.Briefings), adminVersion(c.Version)) + renderProblems(l, c) + a.revalidated(ctx, l, guildID, c)
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
	// Each word typed may come from the id or the title, as the
	// suggestions show both; spaces around it do not count, as the
	// command trims them too.
	words := strings.Fields(strings.ToLower(typed))
	for _, br := range a.corpus().Briefings {
		if strings.HasPrefix(br.Origin, "embedded:") || len(choices) == 25 {
			continue
		}
		hay := strings.ToLower(br.ID + " " + oneLine(br.Title))
		if slices.ContainsFunc(words, func(w string) bool { return !strings.Contains(hay, w) }) {
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
