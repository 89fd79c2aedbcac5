package discord

import (
	"context"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot/bot/answer"
)

// addDefaultCommands adds the member commands and the answer buttons.
func (b *Bot) addDefaultCommands() {
	minLen := 1
	b.AddCommand(&Command{
		Def: localized(&discordgo.ApplicationCommand{
			Name:        "ask",
			Description: "Ask a question about the briefing; the answer cites its paragraphs",
			Contexts:    everywhere(), IntegrationTypes: guildInstall(),
			Options: []*discordgo.ApplicationCommandOption{
				{
					Type: discordgo.ApplicationCommandOptionString, Name: "question", Required: true,
					Description: "Your question", MinLength: &minLen, MaxLength: answer.MaxQuestionRunes,
					Autocomplete: true,
				},
				{
					Type: discordgo.ApplicationCommandOptionBoolean, Name: "private",
					Description: "Only you see the answer",
				},
			},
		}),
		Run:           b.runAsk,
		DedupesItself: true,
		Autocomplete:  b.suggest,
	})
	b.AddCommand(&Command{
		// A message command has no description; Discord shows its name in
		// the message's Apps menu.
		Def: localized(&discordgo.ApplicationCommand{Name: askMessageCommand, Type: discordgo.MessageApplicationCommand,
			Contexts: everywhere(), IntegrationTypes: guildInstall()}),
		Run:           b.runAskMessage,
		DedupesItself: true,
	})
	b.AddCommand(&Command{
		Def: localized(&discordgo.ApplicationCommand{
			Name: "briefing", Description: "What the bot knows: briefings, dates, topics, example questions",
			Contexts: everywhere(), IntegrationTypes: guildInstall(),
		}),
		Run: func(ctx context.Context, r *Reply) error {
			return b.respondParts(r, renderBriefings(r.I.Locale, b.deps.Questions.Knowledge()))
		},
	})
	b.AddCommand(&Command{
		Def: localized(&discordgo.ApplicationCommand{
			Name: "help", Description: "How to ask the bot questions",
			Contexts: everywhere(), IntegrationTypes: guildInstall(),
		}),
		Run: func(ctx context.Context, r *Reply) error { return b.respondParts(r, tr(r.I.Locale, msgHelp)) },
	})
	b.AddComponent(prefixSources, b.onSources)
	b.AddComponent(prefixFeedback, b.onFeedback)
	b.AddComponent(prefixThread, b.onContinue)
}

// Where commands can be used (Contexts and IntegrationTypes replace the
// deprecated dm_permission): the bot is installed to servers, and its
// member commands work there and in a DM with it.
func everywhere() *[]discordgo.InteractionContextType {
	return &[]discordgo.InteractionContextType{discordgo.InteractionContextGuild, discordgo.InteractionContextBotDM}
}

func guildOnly() *[]discordgo.InteractionContextType {
	return &[]discordgo.InteractionContextType{discordgo.InteractionContextGuild}
}

func guildInstall() *[]discordgo.ApplicationIntegrationType {
	return &[]discordgo.ApplicationIntegrationType{discordgo.ApplicationIntegrationGuildInstall}
}

// respondParts answers ephemerally with text, split to Discord's limits.
func (b *Bot) respondParts(r *Reply, text string) error {
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

const helpText = `**briefbot** answers questions about the briefings it knows — only from their text — and cites the paragraphs it used.

• ` + "`/ask question:`" + ` — ask; add ` + "`private: True`" + ` to see the answer alone.
• **Mention me** in a channel, or **reply** to one of my answers — I answer in a thread; keep asking there without mentioning me (anyone can).
• **Apps → Ask briefbot** on any message — I answer its text as a question, for you alone.
• **DM me** — I answer there too, remembering the conversation.
• ` + "`/briefing`" + ` — what I know, with example questions.

Under each answer: **Show passages** quotes the cited paragraphs in full; 👍/👎 tells the moderators what worked; **Continue in thread** opens a thread that remembers it.
When the briefing doesn't cover a question I say so rather than guess.`

// topicQuestion turns a topic ("China's opposition (Lin Jian, SCO, CICA)")
// into a question the briefing answers.
func topicQuestion(topic string) string {
	t := strings.TrimSpace(topic)
	if i := strings.Index(t, " ("); i > 0 {
		t = t[:i]
	}
	lower := strings.ToLower(t)
	if strings.HasPrefix(lower, "why ") || strings.HasPrefix(lower, "how ") || strings.HasPrefix(lower, "what ") {
		return strings.ToUpper(t[:1]) + t[1:] + "?"
	}
	return "What does the briefing say about " + t + "?"
}

// maxShownTitle is the most characters of a title /briefing shows: a
// .txt briefing's title is its first line, which may be a paragraph, and
// a bold title cut between two messages would leave both half bold.
const maxShownTitle = 200

// asWritten is front matter (written by whoever added the briefing) as
// /briefing shows it: its Markdown shown as typed and its mentions
// defused, as for a briefing's title or a member's question.
func asWritten(s string) string { return neutralise(escapeMarkdown(s)) }

// renderBriefings is /briefing: each briefing's title, date, dateline,
// topics and a few example questions, its own lines in loc (the member's).
// The briefings' text and the example questions, made of it, stay as they
// are: without a model only English questions are answered.
func renderBriefings(loc discordgo.Locale, kb *answer.Knowledge) string {
	if kb == nil || len(kb.Briefings) == 0 {
		return tr(loc, msgBriefingsNone)
	}
	var b strings.Builder
	b.WriteString(tr(loc, msgBriefingsHead, len(kb.Briefings)) + "\n")
	for _, br := range kb.Briefings {
		fmt.Fprintf(&b, "\n**%s**\n-# %s", asWritten(oneLine(truncateRunes(br.Title, maxShownTitle))), br.Date)
		if br.Dateline != "" {
			fmt.Fprintf(&b, " · %s", asWritten(br.Dateline))
		}
		b.WriteString(" · " + tr(loc, msgBriefingParagraphs, len(br.Paragraphs)) + "\n")
		if len(br.Topics) > 0 {
			topics := make([]string, len(br.Topics))
			for i, t := range br.Topics {
				topics[i] = asWritten(t)
			}
			b.WriteString(tr(loc, msgBriefingTopics, strings.Join(topics, "; ")) + "\n")
		}
		var qs []string
		for i, t := range br.Topics {
			if i >= 3 {
				break
			}
			qs = append(qs, "• "+asWritten(topicQuestion(t)))
		}
		if len(qs) > 0 {
			b.WriteString(tr(loc, msgBriefingTry) + "\n" + strings.Join(qs, "\n") + "\n")
		}
	}
	return strings.TrimSpace(b.String())
}

// suggest is /ask's autocomplete: what the user typed, then example
// questions that share a word with it (all of them while nothing is typed).
func (b *Bot) suggest(_ context.Context, r *Reply) []*discordgo.ApplicationCommandOptionChoice {
	typed := ""
	for _, o := range r.I.ApplicationCommandData().Options {
		if o.Focused {
			typed, _ = o.Value.(string)
		}
	}
	return suggestions(b.deps.Questions.Knowledge(), typed)
}

// maxChoice is the most characters an autocomplete choice's name and
// value may have.
const maxChoice = 100

// suggestions returns at most 25 choices, as Discord allows, each within
// 100 characters.
func suggestions(kb *answer.Knowledge, typed string) []*discordgo.ApplicationCommandOptionChoice {
	choices := []*discordgo.ApplicationCommandOptionChoice{}
	add := func(q string) {
		if len(choices) < 25 {
			q = truncateRunes(q, maxChoice)
			choices = append(choices, &discordgo.ApplicationCommandOptionChoice{Name: q, Value: q})
		}
	}
	typed = oneLine(typed)
	if utf8.RuneCountInString(typed) > maxChoice {
		// Offered back, it would be cut, and picking it would ask the
		// cut question; the other choices would replace it. With none,
		// the question goes as typed.
		return choices
	}
	if typed != "" {
		add(typed)
	}
	words := strings.Fields(strings.ToLower(typed))
	if kb == nil {
		return choices
	}
	for _, br := range kb.Briefings {
		for _, topic := range br.Topics {
			q := topicQuestion(topic)
			// Match on the whole topic: its parenthesis names who is in it.
			hay := strings.ToLower(q + " " + topic)
			match := len(words) == 0
			for _, w := range words {
				if w = strings.Trim(w, "?.,!"); len(w) >= 3 && strings.Contains(hay, w) {
					match = true
				}
			}
			if match && !strings.EqualFold(q, typed) {
				add(q)
			}
		}
	}
	return choices
}
