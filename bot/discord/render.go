package discord

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot/bot/answer"
	"github.com/briefbot/briefbot/bot/cite"
	"github.com/briefbot/briefbot/knowledge"
)

// Discord takes at most 2,000 characters of content per message. We cut at
// 1,900: a margin for the code fence a split may have to close and reopen,
// and for whatever Discord counts differently from us.
const (
	maxContent    = 2000
	contentBudget = 1900
)

// zwsp breaks mention syntax without changing how the text reads.
const zwsp = "\u200b"

var neutraliser = strings.NewReplacer(
	"@everyone", "@"+zwsp+"everyone",
	"@here", "@"+zwsp+"here",
	"<@", "<@"+zwsp,
	"<#", "<#"+zwsp,
	// The rest of Discord's <…> syntax renders as something else than
	// the text written: a command mention ("</ban:1>", clickable), a
	// timestamp ("<t:1:R>"), a custom emoji ("<:x:1>", "<a:x:1>"), a link
	// into the server's own pages ("<id:customize>").
	"</", "<"+zwsp+"/",
	"<t:", "<"+zwsp+"t:",
	"<:", "<"+zwsp+":",
	"<a:", "<"+zwsp+"a:",
	"<id:", "<"+zwsp+"id:",
)

// neutralise defuses mention syntax in text we did not write (the model's
// answer, a user's question). allowed_mentions already stops every ping;
// this also keeps "@everyone" or "<@&role>" from rendering as a mention.
func neutralise(s string) string { return neutraliser.Replace(s) }

// answerText is an answer's text as shown: mentions defused, and the two
// kinds of Markdown that change what a reader takes in shown as written —
// a spoiler hides words behind a click, a strikethrough reverses them
// ("NATO ~~opposes~~ …"). Bold and italics are left to the writer.
func answerText(s string) string { return answerEscaper.Replace(neutralise(s)) }

var answerEscaper = strings.NewReplacer("||", `\|\|`, "~~", `\~\~`)

// questionEcho is the asker's question as shown above its answer (or its
// "queued" and "writing" placeholders): one line, cut to 300 characters,
// its mentions defused and its Markdown shown as typed, so that a masked
// link, a spoiler or a code fence in a question cannot change the bot's
// message; "" for no question.
func questionEcho(question string) string {
	q := oneLine(question)
	if q == "" {
		return ""
	}
	return "> **Q:** " + quotedQuestion(q, 300) + "\n\n"
}

// quotedQuestion is a member's question inside the bot's own text: one
// line of at most n characters, mentions defused, Markdown escaped.
func quotedQuestion(q string, n int) string {
	return escapeMarkdown(neutralise(truncateRunes(oneLine(q), n)))
}

// noticeText is an answer's notices in loc's language, in one line.
func noticeText(loc discordgo.Locale, ns []answer.Notice) string {
	texts := make([]string, len(ns))
	for i, n := range ns {
		switch n.Kind {
		case answer.NoticeModelBusy:
			texts[i] = tr(loc, msgNoticeModelBusy)
		case answer.NoticeModelSlow:
			texts[i] = tr(loc, msgNoticeModelSlow)
		case answer.NoticeModelDown:
			texts[i] = tr(loc, msgNoticeModelDown)
		case answer.NoticeModelSetup:
			texts[i] = tr(loc, msgNoticeModelSetup)
		case answer.NoticeModelRejected:
			texts[i] = tr(loc, msgNoticeModelRejected)
		case answer.NoticeDropped:
			texts[i] = tr(loc, msgNoticeDropped, n.N)
		case answer.NoticeCut:
			texts[i] = tr(loc, msgNoticeCut, n.N, answer.MaxQuestionRunes)
		default:
			// An overview in English says so in the question's own
			// language already (and in English).
			texts[i] = n.Text()
		}
	}
	return strings.Join(texts, " ")
}

// renderAnswer is the whole answer as one text, before splitting: the
// question (when given, for slash commands, whose question is not
// otherwise visible), the answer, a notice, and the sources line; the
// bot's own lines are in loc's language.
func renderAnswer(loc discordgo.Locale, question string, a answer.Answer) string {
	return renderAnswerBy(loc, question, a, false)
}

// renderAnswerBy is renderAnswer of an answer an educator wrote (edited)
// or the bot did.
func renderAnswerBy(loc discordgo.Locale, question string, a answer.Answer, edited bool) string {
	var b strings.Builder
	b.WriteString(questionEcho(question))
	text := strings.TrimSpace(answerText(a.Text))
	switch {
	case a.Refused && edited:
		// The educator's own words: their emphasis is theirs.
		text = "ℹ️ " + text
	case a.Refused:
		// A refusal names the briefings' titles and topics, which
		// moderators and authors wrote: shown as written, so that a
		// title cannot be a masked link or a spoiler in the bot's reply.
		text = "ℹ️ " + strings.TrimSpace(escapeMarkdown(neutralise(a.Text)))
	}
	b.WriteString(text)
	if a.Mode == answer.ModeApproved {
		b.WriteString(belowAnswer(text) + "-# " + tr(loc, msgApprovedMark))
	}
	if len(a.Notices) > 0 {
		fmt.Fprintf(&b, "\n\n-# ⚠️ %s", oneLine(noticeText(loc, a.Notices)))
	}
	if src := sourcesLine(loc, a.Citations); src != "" {
		b.WriteString("\n")
		if len(a.Notices) == 0 {
			b.WriteString("\n")
		}
		b.WriteString(src)
	}
	return b.String()
}

// sourcesLine lists the citations compactly, each briefing once:
// "-# Sources · *Title*: [1] ¶11 · [2] ¶3", "Sources" in loc's language.
// Citations are grouped by briefing, not by title: two briefings may
// share a title, and then each is named with its id after it.
func sourcesLine(loc discordgo.Locale, cites []answer.Citation) string {
	if len(cites) == 0 {
		return ""
	}
	labels := citeLabels(cites)
	var groups []string
	byBriefing := map[string]int{}
	var refs [][]string
	for j, c := range cites {
		key := citedBriefing(c)
		i, ok := byBriefing[key]
		if !ok {
			i = len(groups)
			byBriefing[key] = i
			groups = append(groups, labels[j])
			refs = append(refs, nil)
		}
		refs[i] = append(refs[i], fmt.Sprintf("[%d] ¶%d", c.N, c.Paragraph))
	}
	parts := make([]string, len(groups))
	for i, label := range groups {
		parts[i] = label + ": " + strings.Join(refs[i], " · ")
	}
	return "-# " + tr(loc, msgSources) + " · " + strings.Join(parts, " — ")
}

// citedBriefing is the id of the briefing a citation is from (its chunk
// id's part before '#'), or its title for a citation without a chunk id.
func citedBriefing(c answer.Citation) string {
	if id, _, ok := strings.Cut(c.ChunkID, "#"); ok && id != "" {
		return id
	}
	return "\x00" + c.Briefing
}

// citeLabels names each citation's briefing as the Sources line and Show
// passages show it: "*Title*", and "*Title* (`id`)" when another briefing
// cited beside it has the same title.
func citeLabels(cites []answer.Citation) []string {
	ids := map[string]map[string]bool{} // title → the briefings cited with it
	for _, c := range cites {
		t := oneLine(c.Briefing)
		if ids[t] == nil {
			ids[t] = map[string]bool{}
		}
		ids[t][citedBriefing(c)] = true
	}
	out := make([]string, len(cites))
	for i, c := range cites {
		t := oneLine(c.Briefing)
		out[i] = "*" + titleText(truncateRunes(t, 120)) + "*"
		if id := citedBriefing(c); len(ids[t]) > 1 && !strings.HasPrefix(id, "\x00") {
			out[i] += " (`" + id + "`)"
		}
	}
	return out
}

// belowAnswer is what separates an answer's text from a line of the
// bot's under it (the "writing…" line, the approved mark): a new line,
// or a blank one after a list's item (cite.ListItem: "- …", "2. …", and
// "* …", "• …", nested, as people write them in approved answers), which
// the line would otherwise continue in Discord's Markdown.
func belowAnswer(text string) string {
	if cite.ListItem(text[strings.LastIndexByte(text, '\n')+1:]) != "" {
		return "\n\n"
	}
	return "\n"
}

// renderPartial is a streamed answer still being written: the sentences
// that have passed the checks so far (the answering core hands over
// nothing else), and a line saying more is coming.
//
// An answer longer than a message shows what fits of it, cut where a
// sentence or a line ends, under the "writing…" line: the final answer is
// split over several messages, and a cut mid-word would show a sentence
// the checker never passed.
func renderPartial(loc discordgo.Locale, question, text string) string {
	echo := questionEcho(question)
	text = answerText(strings.TrimSpace(text))
	writing := tr(loc, msgWriting)
	// belowAnswer adds at most a blank line.
	room := contentBudget - utf8.RuneCountInString(echo) - utf8.RuneCountInString(writing) - 2
	if rs := []rune(text); len(rs) > room && room > 0 {
		text = strings.TrimRightFunc(string(rs[:checkedCut(rs, room)]), unicode.IsSpace)
	}
	return truncateRunes(echo+text+belowAnswer(text)+writing, contentBudget)
}

// checkedCut is where a streamed answer longer than a message is cut: the
// end of the last whole sentence that fits, as the gate passed it — after
// its citation marker ("…China [1]." or a list item's "…China [1]"), not
// at a full stop a sentence may hold ("Washington D.C. for…"), nor under
// a lead-in whose items would be cut off. 0 when none fits.
func checkedCut(rs []rune, limit int) int {
	any := 0
	for p := min(limit, len(rs)); p > 0; p-- {
		if !endsChecked(rs, p) {
			continue
		}
		if !listItem.MatchString(strings.TrimLeftFunc(string(rs[p:min(len(rs), p+24)]), unicode.IsSpace)) {
			return p // not inside a list: its lead-in shows with all its items
		}
		if any == 0 {
			any = p
		}
		if p < limit/2 {
			// A long list: what it shows so far beats holding back
			// everything after the last sentence before it.
			return any
		}
	}
	return any
}

// sentenceEnd is the end of a checked sentence: its last marker, and the
// stop (Latin or CJK), quote or emphasis after it.
var sentenceEnd = regexp.MustCompile(`\[\d+\][.!?)"”’*_~|。！？．]*$`)

// listItem opens a list's item.
var listItem = regexp.MustCompile(`^(?:[-*+•]|\d+[.)])\s`)

// renderQueued is what a question waiting for an answer slot shows.
func renderQueued(loc discordgo.Locale, question string, ahead int) string {
	var b strings.Builder
	b.WriteString(questionEcho(question))
	switch ahead {
	case 0:
		b.WriteString(tr(loc, msgQueuedNext))
	case 1:
		b.WriteString(tr(loc, msgQueuedOne))
	default:
		b.WriteString(tr(loc, msgQueuedMany, ahead))
	}
	return b.String()
}

// writingLine follows a streamed answer until it is complete.
const writingLine = "-# ✍️ writing…"

// thinkingText is the placeholder of an answer not started yet.
const thinkingText = "🔎 Looking in the briefing…"

// renderPassages shows the full cited paragraphs, verbatim, as quotes.
func renderPassages(cites []answer.Citation) string {
	var b strings.Builder
	labels := citeLabels(cites)
	for i, c := range cites {
		if i > 0 {
			b.WriteString("\n\n")
		}
		fmt.Fprintf(&b, "**[%d] ¶%d** — %s\n", c.N, c.Paragraph, labels[i])
		lines := strings.Split(escapeMarkdown(strings.TrimSpace(neutralise(c.Quote))), "\n")
		for j, l := range lines {
			if j > 0 {
				b.WriteString("\n")
			}
			b.WriteString("> " + l)
		}
	}
	return b.String()
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// titleText is a briefing's title (written by whoever added the briefing)
// as the bot's own messages show it: on one line, its Markdown shown as
// typed and its mention syntax ("<@123>", "@everyone", "<#1>", "<@&5>")
// defused, so that it cannot render as a mention in Sources, Show
// passages or the moderators' lists.
func titleText(t string) string { return asWritten(oneLine(t)) }

// mdEscaper escapes Discord's inline Markdown: emphasis, code, strike,
// spoilers, masked links ([text](url)) and the escape character itself.
var mdEscaper = strings.NewReplacer(`\`, `\\`, "*", `\*`, "_", `\_`, "`", "\\`", "~", `\~`, "|", `\|`, "[", `\[`, "]", `\]`)

// Block syntax at a line's start: headings, block quotes, subtext (-#),
// bullets; and numbered lists, whose dot is what must be escaped.
var (
	mdBlockStart = regexp.MustCompile(`(?m)^([ \t]*)(#{1,3}[ \t]|>|-#|[-+][ \t])`)
	mdNumbered   = regexp.MustCompile(`(?m)^([ \t]*\d+)\.([ \t])`)
)

// escapeMarkdown makes text we did not write (a briefing's title or
// paragraphs, a question) show as it is, not as Markdown.
func escapeMarkdown(s string) string {
	s = mdEscaper.Replace(s)
	s = mdBlockStart.ReplaceAllString(s, `$1\$2`)
	return mdNumbered.ReplaceAllString(s, `$1\.$2`)
}

// inlineCode shows s (a file name) in a code span, as it is. Backticks in
// s would close a span of one: a run of one takes a fence of two, with a
// space on the side where s starts or ends with a backtick (Discord drops
// it). A longer run would take a fence of three, which Discord reads as a
// code block: such an s is escaped instead, without the code font.
func inlineCode(s string) string {
	run, longest := 0, 0
	for _, r := range s {
		if r != '`' {
			run = 0
			continue
		}
		run++
		longest = max(longest, run)
	}
	switch {
	case longest == 0:
		return "`" + s + "`"
	case longest > 1:
		return escapeMarkdown(s)
	}
	lead, trail := "", ""
	if strings.HasPrefix(s, "`") {
		lead = " "
	}
	if strings.HasSuffix(s, "`") {
		trail = " "
	}
	return "``" + lead + s + trail + "``"
}

// truncateRunes cuts s to at most n runes, ending in "…" when cut.
func truncateRunes(s string, n int) string {
	rs := []rune(s)
	if len(rs) <= n {
		return s
	}
	return strings.TrimRightFunc(string(rs[:n-1]), unicode.IsSpace) + "…"
}

// splitContent cuts s into messages of at most max runes: at a paragraph
// break if one is near the end, else a line break, a sentence end or a
// space; never inside a [n] citation marker or a character. A cut inside a
// code block closes the block and reopens it in the next part.
func splitContent(s string, max int) []string {
	rs := []rune(strings.TrimSpace(s))
	var parts []string
	for len(rs) > max {
		const fence = "```"
		cut := bestCut(rs, max-len("\n"+fence))
		part := strings.TrimRightFunc(string(rs[:cut]), unicode.IsSpace)
		rest := strings.TrimLeftFunc(string(rs[cut:]), unicode.IsSpace)
		if strings.Count(part, fence)%2 == 1 {
			part += "\n" + fence
			rest = fence + "\n" + rest
		} else if line := part[strings.LastIndexByte(part, '\n')+1:]; strings.HasPrefix(line, "> ") && rest != "" && rs[cut-1] != '\n' {
			// A quote cut inside its line goes on quoted: a passage's
			// words are never shown as the bot's own.
			rest = "> " + rest
		}
		parts = append(parts, part)
		rs = []rune(rest)
	}
	if len(rs) > 0 {
		parts = append(parts, string(rs))
	}
	return parts
}

// bestCut returns where to cut rs so that the first part has at most limit
// runes, preferring natural breaks in the last half.
func bestCut(rs []rune, limit int) int {
	lo := limit / 2
	try := func(ok func(p int) bool) int {
		for p := limit; p > lo; p-- {
			if ok(p) && !insideMarker(rs, p) && !beforeMarker(rs, p) {
				return p
			}
		}
		return -1
	}
	for _, ok := range []func(p int) bool{
		// The end of a checked sentence first, as the stream cuts
		// (checkedCut): the first message keeps what the member read as
		// it streamed. An answer's sentences all end so; passages
		// (Show passages) and notices do not, and are cut at a
		// paragraph's end, a line's, a sentence's or a space.
		func(p int) bool { return endsChecked(rs, p) },
		func(p int) bool { return p >= 2 && rs[p-1] == '\n' && rs[p-2] == '\n' },
		func(p int) bool { return rs[p-1] == '\n' },
		func(p int) bool {
			return p >= 2 && rs[p-1] == ' ' && strings.ContainsRune(".!?", rs[p-2]) && !knowledge.EndsInAbbreviation(string(rs[max(0, p-12):p-1])) ||
				strings.ContainsRune("。！？．", rs[p-1])
		},
		func(p int) bool { return unicode.IsSpace(rs[p-1]) },
	} {
		if p := try(ok); p > 0 {
			return p
		}
	}
	p := limit
	for p > 1 && insideMarker(rs, p) {
		p--
	}
	return p
}

// endsChecked reports whether rs[:p] ends a checked sentence (its marker,
// and the stop after it) at a space, a line's end or a CJK stop, with no
// marker of the same sentence after it.
func endsChecked(rs []rune, p int) bool {
	if p < len(rs) && !unicode.IsSpace(rs[p]) && !strings.ContainsRune("。！？．", rs[p-1]) || !sentenceEnd.MatchString(string(rs[max(0, p-12):p])) {
		return false
	}
	// A sentence ends with its stop after the marker, or at its line's
	// end (a list item's); a marker inside a sentence ("Japan [2] and
	// South Korea [3] were invited"), a table's cell or the Sources line
	// ends nothing.
	if !strings.ContainsAny(string(rs[max(0, p-4):p]), ".!?。！？．") && p < len(rs) && rs[p] != '\n' {
		return false
	}
	if strings.HasPrefix(strings.TrimLeftFunc(string(rs[p:min(len(rs), p+24)]), unicode.IsSpace), "[") {
		return false
	}
	// A sentence's marker follows its words; a label opening a line
	// ("**[4]** ¶5" in Show passages) ends nothing.
	i := p - 1
	for i >= 0 && rs[i] != '[' {
		i--
	}
	for i--; i >= 0 && (rs[i] == ' ' || rs[i] == '*' || rs[i] == '_'); i-- {
	}
	return i >= 0 && rs[i] != '\n'
}

// beforeMarker reports whether cutting at p would leave the next part
// opening with a marker ("…挑衅中国 | [1]。").
func beforeMarker(rs []rune, p int) bool {
	q := p
	for q < len(rs) && unicode.IsSpace(rs[q]) {
		q++
	}
	return q < len(rs) && rs[q] == '['
}

// insideMarker reports whether cutting before rs[p] would split a "[n]"
// citation marker.
func insideMarker(rs []rune, p int) bool {
	i := p - 1
	for i >= 0 && unicode.IsDigit(rs[i]) {
		i--
	}
	if i < 0 || rs[i] != '[' {
		return false
	}
	j := p
	for j < len(rs) && unicode.IsDigit(rs[j]) {
		j++
	}
	return j < len(rs) && rs[j] == ']'
}
