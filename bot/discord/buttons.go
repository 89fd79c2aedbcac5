package discord

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot/bot/answer"
	"github.com/briefbot/briefbot/bot/asking"
)

// Custom ids of the answer buttons. Discord allows 100 characters, so they
// carry references, not text:
//
//	bb:src:<version prefix>:<count>/<briefing index>:<paragraphs>;…   Show passages
//	  (paragraphs in citation order, runs as ranges: "0:11,3,20-22;1:4")
//	bb:fb:u:<answer id>, bb:fb:d:<answer id>                  👍 / 👎
//	bb:thr:<answer id>                                         Continue in thread
//	bb:apr:<answer id>                                         Approve (moderators)
const (
	prefixSources  = "bb:src:"
	prefixFeedback = "bb:fb:"
	prefixThread   = "bb:thr:"
	maxCustomID    = 100
	versionPrefix  = 8
)

// answerButtons are the buttons under an answer: the passages when it cites
// any, feedback, "Continue in thread" when thread is set, and the
// moderators' Approve when approve is set; labels are in loc's language.
func answerButtons(kb *answer.Knowledge, a answer.Answer, answerID string, thread, approve bool, loc discordgo.Locale) []discordgo.MessageComponent {
	var row []discordgo.MessageComponent
	if id := sourcesID(kb, a); id != "" {
		row = append(row, discordgo.Button{Label: tr(loc, msgShowPassages), Style: discordgo.SecondaryButton, CustomID: id,
			Emoji: &discordgo.ComponentEmoji{Name: "📖"}})
	}
	if answerID != "" {
		row = append(row,
			discordgo.Button{Style: discordgo.SecondaryButton, CustomID: prefixFeedback + "u:" + answerID, Emoji: &discordgo.ComponentEmoji{Name: "👍"}},
			discordgo.Button{Style: discordgo.SecondaryButton, CustomID: prefixFeedback + "d:" + answerID, Emoji: &discordgo.ComponentEmoji{Name: "👎"}},
		)
	}
	if thread && answerID != "" && !a.Refused {
		row = append(row, discordgo.Button{Label: tr(loc, msgContinueInThread), Style: discordgo.SecondaryButton, CustomID: prefixThread + answerID,
			Emoji: &discordgo.ComponentEmoji{Name: "🧵"}})
	}
	if approve && answerID != "" {
		row = append(row, approveButton(loc, answerID))
	}
	if len(row) == 0 {
		return []discordgo.MessageComponent{}
	}
	return []discordgo.MessageComponent{discordgo.ActionsRow{Components: row}}
}

// sourcesID encodes the cited paragraphs of a, in citation order, as
// many as fit, with how many there are: each briefing's paragraphs after
// its index, a run of them as a range ("0:11,3,20-22;1:4"), so that an
// answer citing twenty paragraphs fits Discord's 100 characters.
func sourcesID(kb *answer.Knowledge, a answer.Answer) string {
	if kb == nil || len(a.Citations) == 0 {
		return ""
	}
	v := a.KnowledgeVersion
	if v == "" {
		v = kb.Version
	}
	var refs []sourceRef
	for _, c := range a.Citations {
		if bi := briefingIndex(kb, c); bi >= 0 {
			refs = append(refs, sourceRef{bi, c.Paragraph})
		}
	}
	head := prefixSources + truncateASCII(v, versionPrefix) + ":" + strconv.Itoa(len(refs)) + "/"
	n := len(refs)
	for n > 0 && len(head)+len(encodeRefs(refs[:n])) > maxCustomID {
		n--
	}
	if n == 0 {
		return ""
	}
	return head + encodeRefs(refs[:n])
}

// sourceRef is a cited paragraph: its briefing's index and its number.
type sourceRef struct{ briefing, paragraph int }

// encodeRefs writes refs as sourcesID does.
func encodeRefs(refs []sourceRef) string {
	var b strings.Builder
	for i := 0; i < len(refs); {
		r := refs[i]
		switch {
		case i == 0:
			fmt.Fprintf(&b, "%d:", r.briefing)
		case r.briefing != refs[i-1].briefing:
			fmt.Fprintf(&b, ";%d:", r.briefing)
		default:
			b.WriteByte(',')
		}
		j := i + 1
		for j < len(refs) && refs[j].briefing == r.briefing && refs[j].paragraph == refs[j-1].paragraph+1 {
			j++
		}
		b.WriteString(strconv.Itoa(r.paragraph))
		if j-i > 1 {
			fmt.Fprintf(&b, "-%d", refs[j-1].paragraph)
		}
		i = j
	}
	return b.String()
}

// decodeRefs reads what encodeRefs wrote, and the list of buttons made
// before it ("0.11,0.3"); false for anything else.
func decodeRefs(list string) ([]sourceRef, bool) {
	var refs []sourceRef
	if strings.Contains(list, ".") {
		for _, ref := range strings.Split(list, ",") {
			bs, ps, _ := strings.Cut(ref, ".")
			bi, err1 := strconv.Atoi(bs)
			p, err2 := strconv.Atoi(ps)
			if err1 != nil || err2 != nil {
				return nil, false
			}
			refs = append(refs, sourceRef{bi, p})
		}
		return refs, true
	}
	for _, group := range strings.Split(list, ";") {
		bs, ps, ok := strings.Cut(group, ":")
		bi, err := strconv.Atoi(bs)
		if !ok || err != nil {
			return nil, false
		}
		for _, run := range strings.Split(ps, ",") {
			from, to, isRange := strings.Cut(run, "-")
			lo, err1 := strconv.Atoi(from)
			hi, err2 := lo, error(nil)
			if isRange {
				hi, err2 = strconv.Atoi(to)
			}
			if err1 != nil || err2 != nil || hi < lo || hi-lo > maxCustomID*10 {
				return nil, false
			}
			for p := lo; p <= hi; p++ {
				refs = append(refs, sourceRef{bi, p})
			}
		}
	}
	return refs, true
}

func truncateASCII(s string, n int) string {
	if len(s) > n {
		return s[:n]
	}
	return s
}

// briefingIndex finds the cited briefing in kb by the chunk id's prefix.
func briefingIndex(kb *answer.Knowledge, c answer.Citation) int {
	bid, _, _ := strings.Cut(c.ChunkID, "#")
	for i, b := range kb.Briefings {
		if b.ID == bid {
			return i
		}
	}
	return -1
}

// maxPassageRunes is the most of one paragraph "Show passages" shows, some
// two messages: a briefing's paragraph may be one giant line (a file may
// have 2 MB), which would otherwise go out as a thousand follow-ups.
const maxPassageRunes = 3000

// onSources answers "Show passages" with the full cited paragraphs (a
// very long one cut, its end marked), ephemerally.
func (b *Bot) onSources(ctx context.Context, r *Reply, customID string) error {
	kb := b.deps.Questions.Knowledge()
	rest := strings.TrimPrefix(customID, prefixSources)
	ver, list, ok := strings.Cut(rest, ":")
	if !ok || kb == nil || !strings.HasPrefix(kb.Version, ver) {
		return &UserError{Kind: KindExpired}
	}
	count, list, counted := strings.Cut(list, "/")
	if !counted {
		list = count // a button made before the count was written
	}
	total, _ := strconv.Atoi(count)
	refs, ok := decodeRefs(list)
	if !ok {
		return &UserError{Kind: KindExpired}
	}
	var cites []answer.Citation
	for i, ref := range refs {
		bi, p := ref.briefing, ref.paragraph
		if bi < 0 || bi >= len(kb.Briefings) || p < 1 || p > len(kb.Briefings[bi].Paragraphs) {
			return &UserError{Kind: KindExpired}
		}
		br := kb.Briefings[bi]
		// The chunk id names the briefing, so that two cited briefings
		// of one title are told apart by it, as in the Sources line.
		cites = append(cites, answer.Citation{N: i + 1, Briefing: br.Title, Paragraph: p, ChunkID: fmt.Sprintf("%s#p%d", br.ID, p),
			Quote: truncateRunes(br.Paragraphs[p-1], maxPassageRunes)})
	}
	// Numbers follow the answer's own markers, which are 1..n in order.
	text := renderPassages(cites)
	if total > len(cites) {
		text += "\n\n" + tr(r.I.Locale, msgMorePassages, total-len(cites))
	}
	parts := splitContent(text, contentBudget)
	if err := r.Respond(parts[0], true, nil); err != nil {
		return err
	}
	for _, p := range parts[1:] {
		if err := r.Followup(p, nil); err != nil {
			return err
		}
	}
	return nil
}

// onFeedback stores a 👍 or 👎 (one per user and answer: the other vote
// replaces the first) and tells the user privately what is recorded.
func (b *Bot) onFeedback(ctx context.Context, r *Reply, customID string) error {
	rest := strings.TrimPrefix(customID, prefixFeedback)
	dir, answerID, ok := strings.Cut(rest, ":")
	if !ok || answerID == "" || (dir != "u" && dir != "d") {
		return &UserError{Kind: KindUnknown}
	}
	v := asking.Vote{GuildID: r.I.GuildID, UserID: r.UserID(), AnswerID: answerID, Up: dir == "u"}
	if r.I.Message != nil {
		v.Shown = r.I.Message.Content
	}
	loc := r.I.Locale
	outcome, err := b.deps.Questions.Vote(ctx, v)
	text := voteText(outcome, v.Up)
	if err != nil {
		b.log.Warn("feedback not stored", "err", err)
		text = msgVoteNotSaved
	}
	return r.Respond(tr(loc, text), true, nil)
}

// voteText tells a member what their click recorded: a first vote, the
// same vote again (already counted; the other button changes it), or a
// changed one.
func voteText(o asking.VoteOutcome, up bool) msg {
	switch {
	case o == asking.VoteUnchanged && up:
		return msgVoteAlreadyUp
	case o == asking.VoteUnchanged:
		return msgVoteAlreadyDown
	case o == asking.VoteChanged && up:
		return msgVoteChangedUp
	case o == asking.VoteChanged:
		return msgVoteChangedDown
	case up:
		return msgThanksUp
	}
	return msgThanksDown
}

// onContinue opens a thread from an answer (anyone may), seeded with the
// answer's question and text, so that questions there follow it without a
// mention. A thread started from a message has the message's id, so a
// second click finds the first one's thread. The click is acknowledged
// first, privately: Discord may rate-limit thread creation, and discordgo
// waits that out, past the 3 seconds an interaction's first response has.
func (b *Bot) onContinue(ctx context.Context, r *Reply, customID string) error {
	answerID := strings.TrimPrefix(customID, prefixThread)
	m := r.I.Message
	if answerID == "" || m == nil || r.I.GuildID == "" {
		return &UserError{Kind: KindUnknown}
	}
	if err := r.Defer(true); err != nil {
		return err
	}
	name := "Follow-up"
	q, err := b.deps.Questions.AnswerQuestion(ctx, r.I.GuildID, answerID)
	switch {
	case err == nil:
		name = threadName(q)
	case errors.Is(err, asking.ErrAnswerGone):
		// The answer's record is gone (too old, or never kept): a new
		// thread from it would be answered as if nothing had been asked
		// before, while the member reads it as a follow-up of the answer
		// above. An earlier click's thread, still the bot's, may hold
		// the answer all the same: its binding and history, made at that
		// click, outlive the record (each is kept 30 days from the
		// thread's last turn, the record 30 days from the answer), so
		// follow-ups there still see it, and the member is sent there as
		// usual. Only a thread whose
		// history is gone too is linked as one that no longer continues
		// the answer, and the member told to ask again there (or with
		// /ask), as when there is no thread.
		if th, gerr := b.s.Channel(m.ID, discordgo.WithContext(ctx)); gerr == nil && th.IsThread() && b.deps.Questions.IsConversation(ctx, th.ID) {
			if b.threadHasHistory(ctx, th.ID) {
				return r.Edit(tr(r.I.Locale, msgContinueIn, "<#"+th.ID+">"), nil)
			}
			return r.Edit(tr(r.I.Locale, msgContinueTooOldThread, "<#"+th.ID+">"), nil)
		}
		return r.Edit(tr(r.I.Locale, msgContinueTooOld), nil)
	}
	th, err := b.s.MessageThreadStartComplex(m.ChannelID, m.ID, &discordgo.ThreadStart{Name: name, AutoArchiveDuration: 1440}, discordgo.WithContext(ctx))
	if err != nil {
		existing, gerr := b.s.Channel(m.ID, discordgo.WithContext(ctx))
		if gerr != nil || !existing.IsThread() {
			b.log.Info("cannot open a thread from an answer", "channel", m.ChannelID, "err", err)
			return r.Edit(tr(r.I.Locale, msgThreadFailed), nil)
		}
		th = existing
	}
	if err := b.deps.Questions.ContinueConversation(ctx, r.I.GuildID, th.ID, r.UserID(), answerID); err != nil {
		b.log.Warn("thread from an answer not remembered", "thread", th.ID, "err", err)
		return r.Edit(tr(r.I.Locale, msgThreadNotRemembered, "<#"+th.ID+">"), nil)
	}
	return r.Edit(tr(r.I.Locale, msgContinueIn, "<#"+th.ID+">"), nil)
}

// historyChecker is what onContinue needs of the question service besides
// Questions: whether a thread's history still holds turns;
// *asking.Service has it.
type historyChecker interface {
	HasHistory(ctx context.Context, threadID string) (bool, error)
}

// threadHasHistory reports whether the bot's thread threadID still holds
// turns of its conversation. When that cannot be known (the store failed,
// or the question service cannot say) it says yes: the thread exists and
// is the bot's, and its history almost always outlives the answer it was
// opened from (see onContinue), so sending the member there is far more
// likely true than telling them the bot no longer has the answer.
func (b *Bot) threadHasHistory(ctx context.Context, threadID string) bool {
	hc, ok := b.deps.Questions.(historyChecker)
	if !ok {
		return true
	}
	has, err := hc.HasHistory(ctx, threadID)
	if err != nil {
		b.log.Warn("thread history unavailable; the thread is linked as continuing the answer", "thread", threadID, "err", err)
		return true
	}
	return has
}
