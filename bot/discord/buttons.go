package discord

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot/bot/answer"
	"github.com/briefbot/briefbot/bot/state"
)

// Custom ids of the answer buttons. Discord allows 100 characters, so they
// carry references, not text:
//
//	bb:src:<version prefix>:<briefing index>.<paragraph>,…   Show passages
//	bb:fb:u:<answer id>, bb:fb:d:<answer id>                  👍 / 👎
const (
	prefixSources  = "bb:src:"
	prefixFeedback = "bb:fb:"
	maxCustomID    = 100
	versionPrefix  = 8
)

// answerRecordTTL is how long an answer can be voted on with its question.
const answerRecordTTL = 30 * 24 * time.Hour

// answerRecord is what a vote stores besides the vote itself; kept in
// History under "answer:<id>" since a vote arrives long after the answer.
type answerRecord struct {
	Question string `json:"q"`
	Answer   string `json:"a"`
	Version  string `json:"v"`
}

// answerButtons are the buttons under an answer: the passages when it cites
// any, and feedback.
func answerButtons(kb *answer.Knowledge, a answer.Answer, answerID string) []discordgo.MessageComponent {
	var row []discordgo.MessageComponent
	if id := sourcesID(kb, a); id != "" {
		row = append(row, discordgo.Button{Label: "Show passages", Style: discordgo.SecondaryButton, CustomID: id,
			Emoji: &discordgo.ComponentEmoji{Name: "📖"}})
	}
	if answerID != "" {
		row = append(row,
			discordgo.Button{Style: discordgo.SecondaryButton, CustomID: prefixFeedback + "u:" + answerID, Emoji: &discordgo.ComponentEmoji{Name: "👍"}},
			discordgo.Button{Style: discordgo.SecondaryButton, CustomID: prefixFeedback + "d:" + answerID, Emoji: &discordgo.ComponentEmoji{Name: "👎"}},
		)
	}
	if len(row) == 0 {
		return []discordgo.MessageComponent{}
	}
	return []discordgo.MessageComponent{discordgo.ActionsRow{Components: row}}
}

// sourcesID encodes the cited paragraphs of a, as many as fit.
func sourcesID(kb *answer.Knowledge, a answer.Answer) string {
	if kb == nil || len(a.Citations) == 0 {
		return ""
	}
	v := a.KnowledgeVersion
	if v == "" {
		v = kb.Version
	}
	id := prefixSources + truncateASCII(v, versionPrefix) + ":"
	n := 0
	for _, c := range a.Citations {
		bi := briefingIndex(kb, c)
		if bi < 0 {
			continue
		}
		ref := fmt.Sprintf("%d.%d", bi, c.Paragraph)
		if n > 0 {
			ref = "," + ref
		}
		if len(id)+len(ref) > maxCustomID {
			break
		}
		id += ref
		n++
	}
	if n == 0 {
		return ""
	}
	return id
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

// onSources answers "Show passages" with the full cited paragraphs,
// ephemerally.
func (b *Bot) onSources(ctx context.Context, r *Reply, customID string) error {
	kb := b.deps.Answerer.Knowledge()
	rest := strings.TrimPrefix(customID, prefixSources)
	ver, list, ok := strings.Cut(rest, ":")
	if !ok || kb == nil || !strings.HasPrefix(kb.Version, ver) {
		return &UserError{Kind: KindExpired}
	}
	var cites []answer.Citation
	for i, ref := range strings.Split(list, ",") {
		bs, ps, _ := strings.Cut(ref, ".")
		bi, err1 := strconv.Atoi(bs)
		p, err2 := strconv.Atoi(ps)
		if err1 != nil || err2 != nil || bi < 0 || bi >= len(kb.Briefings) || p < 1 || p > len(kb.Briefings[bi].Paragraphs) {
			return &UserError{Kind: KindExpired}
		}
		br := kb.Briefings[bi]
		cites = append(cites, answer.Citation{N: i + 1, Briefing: br.Title, Paragraph: p, Quote: br.Paragraphs[p-1]})
	}
	// Numbers follow the answer's own markers, which are 1..n in order.
	parts := splitContent(renderPassages(cites), contentBudget)
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

// onFeedback stores a 👍 or 👎 (one per user and answer: a second vote
// replaces the first) and thanks the user privately.
func (b *Bot) onFeedback(ctx context.Context, r *Reply, customID string) error {
	rest := strings.TrimPrefix(customID, prefixFeedback)
	dir, answerID, ok := strings.Cut(rest, ":")
	if !ok || answerID == "" || (dir != "u" && dir != "d") {
		return &UserError{Kind: KindUnknown}
	}
	v := state.Vote{GuildID: r.I.GuildID, UserID: r.UserID(), AnswerID: answerID, Up: dir == "u"}
	rec, found := b.loadRecord(ctx, answerID)
	if found {
		v.Question, v.Answer, v.KnowledgeVersion = rec.Question, rec.Answer, rec.Version
	} else if r.I.Message != nil {
		// The record is gone (Redis lost it): the message still shows the
		// answer.
		v.Answer = r.I.Message.Content
	}
	if v.KnowledgeVersion == "" {
		if kb := b.deps.Answerer.Knowledge(); kb != nil {
			v.KnowledgeVersion = kb.Version
		}
	}
	text := "Thanks — noted. 👍"
	if !v.Up {
		text = "Thanks — noted. Sorry it missed; moderators look at answers members disliked."
	}
	if b.deps.Feedback != nil {
		ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
		defer cancel()
		if err := b.deps.Feedback.Record(ctx, v); err != nil {
			b.log.Warn("feedback not stored", "err", err)
			text = "Thanks — but I couldn't save your vote just now. Please try again in a minute."
		}
	}
	return r.Respond(text, true, nil)
}

// saveRecord keeps what a later vote on answerID needs. Failures only cost
// the question text in that vote.
func (b *Bot) saveRecord(ctx context.Context, answerID, question string, a answer.Answer) {
	if b.deps.History == nil || answerID == "" {
		return
	}
	data, _ := json.Marshal(answerRecord{Question: question, Answer: a.Text, Version: a.KnowledgeVersion})
	ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	if err := b.deps.History.Append(ctx, "answer:"+answerID, data, 1, answerRecordTTL); err != nil {
		b.log.Warn("answer record not stored; a vote on it will lack the question", "err", err)
	}
}

func (b *Bot) loadRecord(ctx context.Context, answerID string) (answerRecord, bool) {
	if b.deps.History == nil {
		return answerRecord{}, false
	}
	ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	turns, err := b.deps.History.Load(ctx, "answer:"+answerID)
	if err != nil {
		b.log.Warn("answer record unavailable", "err", err)
		return answerRecord{}, false
	}
	if len(turns) == 0 {
		return answerRecord{}, false
	}
	var rec answerRecord
	if json.Unmarshal(turns[len(turns)-1], &rec) != nil {
		return answerRecord{}, false
	}
	return rec, true
}
