package answer

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/briefbot/briefbot/bot/cite"
	"github.com/briefbot/briefbot/knowledge"
)

// overviewQ matches questions about the briefing as a whole: what it is
// about, its gist, its main points, when and where it was written. No
// paragraph says "the gist is…", so retrieval cannot find their answer;
// the lead (which carries the dateline) and the closing paragraphs are it.
var overviewQ = regexp.MustCompile(`(?i)\b(?:what(?:'?s| is| was| are)? (?:this|it|the (?:article|briefing|piece|text|story|report|news))(?: \w+){0,2} (?:all )?about|what(?:'?s| is) (?:going on|happening) here|gist|tl\s?[;:/,-]?\s?dr|too long\s?[,;:-]?\s?(?:didn.?t|did not|don.?t) read|summar(?:y|ise|ize)|sum (?:it |this |that )?up|recap|overview|key (?:points?|takeaways?|messages?|ideas?|arguments?)|(?:main|central|core|overall|principal|chief) (?:points?|arguments?|ideas?|takeaways?|messages?|thesis|claims?|conclusions?|themes?|topics?)|(?:argument|point|thesis|conclusion|message|takeaway)s? of (?:this|the) (?:article|briefing|piece|text|story|report)|takeaways?|bottom line|in a nutshell|big picture|(?:author|writer|article|piece|briefing)(?:'?s)? (?:conclusion|argument|point|thesis|view|position|message)|(?:conclude|argue)s? overall|(?:article|piece|briefing|author|writer|text) (?:conclude|argue|say overall)|(?:when|where|(?:what|which) (?:date|year|day|month))(?: and (?:when|where|from which city))? (?:was|is) (?:this|it|the (?:article|briefing|piece|text|story|report))(?: \w+)? (?:written|published|dated|filed|from|released|posted)|(?:date|dateline) of (?:this|the) (?:article|briefing|piece|text|story|report))\b`)

// overviewEndQ: "what's the conclusion?" asks for the briefing's, but
// "what's the conclusion Macron reached?" does not, so the question must
// end there (overviewQ's closing \b cannot follow a "?").
//
// So are "the short version", "cliff notes", "eli5": "eli5 why France
// objects" asks about France.
var overviewEndQ = regexp.MustCompile(`(?i)\bwhat(?:'?s| is| was) the (?:conclusion|verdict|upshot)(?: here)?\W*$|\b(?:short version|cliff'?s?\s?notes|eli5|explain (?:it |this |that )?like i'?m (?:5|five))(?: (?:of|for|on) (?:this|it|that|the (?:article|briefing|piece|text|story|report)))?(?: please| pls)?\W*$`)

// overviewMatch is the full test behind isOverview.
func overviewMatch(q string) bool { return overviewQ.MatchString(q) || overviewEndQ.MatchString(q) }

// isOverview reports whether a question asks about the whole briefing.
// Most questions hold none of overviewQ's key words, and finding that out
// costs a tenth of running the regexp.
func isOverview(q string) bool {
	l := strings.ToLower(q)
	for _, k := range overviewKeys {
		if strings.Contains(l, k) {
			return overviewMatch(q)
		}
	}
	return false
}

// overviewKeys: every match of overviewMatch holds one of them.
var overviewKeys = []string{"about", "going on", "happening", "gist", "tl", "too long", "summ", "sum ", "recap", "overview", "key ",
	"main ", "central ", "core ", "overall ", "principal ", "chief ", "verdict", "upshot", "takeaway", "bottom", "nutshell", "big picture", "conclu", "argu", "point", "thesis", "view", "position",
	"message", "written", "published", "date", "filed", "from", "say", "short version", "cliff", "eli5", "explain"}

// An overview question in another language: one that asks for a summary,
// the topic or the gist of the article (or, short, a summary of nothing
// else: "un résumé ?"). With no model such a question cannot be answered
// in its own language, but its answer — the briefing's lead and
// conclusion — needs no reading of the question beyond this: it is
// given, in English, with a notice. A question that asks to sum up
// something in the article ("wie fasst Macron seine Haltung zusammen?")
// names no article and is not short: it is told a model is needed, as
// other questions in the language are.
//
// Go's \b knows ASCII letters only ("résumé\b" never matches before a
// space), so words are bounded by wordStart and wordEnd.
const (
	wordStart = `(?:^|[^\p{L}])`
	wordEnd   = `(?:[^\p{L}]|$)`
)

// foreignSummaryQ: words asking for a summary or the gist, in the
// languages language.go tells (and Russian, Chinese, Japanese and Korean,
// which have no spaces to bound a word or need none).
var foreignSummaryQ = regexp.MustCompile(`(?i)` + wordStart + `(?:` +
	// French, Spanish, Portuguese (résumé, resumen, resúmelo, resumo)
	`r[ée]sum|res[uú]m|` +
	// German, Italian, Dutch
	`zusammenfass|riassun|riassum|samenvat|` +
	// the gist or the main points
	`l['’]essentiel|id[ée]es? principales?|ideia principal|points? cl[ée]s?|puntos? clave|pontos?[- ]chave|punti chiave|kernaussage|hauptaussage|` +
	// Russian
	`кратк|резюм|суть` +
	`)` + `|总结|概括|摘要|要約|要旨|概要|요약|요점`)

// foreignTopicQ: words asking what something is about ("de quoi parle",
// "worum geht", "说了什么") or for its conclusion. They ask it of anything
// ("de quoi parle Macron ?", "林剑说了什么", "la conclusión de Macron"),
// so only with the article named do they ask for an overview — as "the
// article's conclusion" does in English.
var foreignTopicQ = regexp.MustCompile(`(?i)` + wordStart + `(?:` +
	`de quoi|de qu[ée] (?:trata|va|habla)|do que (?:se )?(?:trata|fala)|sobre o que|worum|wor[uü]ber|di cosa (?:parla|tratta)|waar gaat|о ч[её]м|` +
	`conclusi[oó]n|conclus[aã]o|conclusione|conclusie|fazit|schlussfolgerung|вывод` +
	`)` + `|讲了什么|讲的是什么|说了什么|说的是什么|主要内容|何について|무엇에 관한|结论|結論|결론`)

// foreignArticleQ: the article, the text, the briefing, in those
// languages.
var foreignArticleQ = regexp.MustCompile(`(?i)` + wordStart + `(?:articles?|art[ií]culos?|artigos?|articol[oi]|artikels?|artikel[ns]?|textes?|textos?|testo|texts?|tekst|documents?|documentos?|documento|briefing|rapport|informe|relat[oó]rio|bericht|статья|статье|статьи|статью|текст\p{L}*)` + wordEnd +
	`|文章|简报|报告|記事|文書|기사|글`)

// foreignThisQ: "this", "that" or "here" standing for what is read.
var foreignThisQ = regexp.MustCompile(`(?i)` + wordStart + `(?:esto|eso|ça|ceci|cela|hier|isto|isso|questo|ci[oò]|dit|hiervan)` + wordEnd)

// isForeignOverview reports whether a question not in English asks about
// the whole briefing.
func isForeignOverview(q string) bool {
	summary := foreignSummaryQ.MatchString(q)
	if !summary && !foreignTopicQ.MatchString(q) {
		return false
	}
	if foreignArticleQ.MatchString(q) {
		return true
	}
	// "¿De qué trata esto?", "De quoi ça parle ?", "Worum geht es
	// hier?": asked of "this", in a short question, it is the article.
	if foreignThisQ.MatchString(q) && len(strings.Fields(q)) <= 5 {
		return true
	}
	// A summary asked for in a short question: nothing else for it to be
	// of. Counted in words, or in characters where words have no spaces
	// between them.
	return summary && len(strings.Fields(q)) <= 4 && utf8.RuneCountInString(q) <= 30
}

// phatic words make small talk: greetings, thanks, laughter, assent.
var phatic = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`hi hey hello hiya howdy yo sup greetings good morning afternoon evening
		night day gm gn thanks thank thx ty you u much lot so very ok okay k kk cool nice great awesome
		perfect lol lmao rofl haha hahaha xd bye cya see later everyone everybody all guys folks yall
		y'all team there friends bot briefbot welcome np yes no yeah yep nope sure alright oh ah wow
		got it that's thats makes sense
		merci beaucoup danke schön vielen dank gracias muchas grazie mille obrigado obrigada bedankt
		спасибо 谢谢 ありがとう 감사합니다`) {
		phatic[w] = true
	}
}

// phaticQuestion: questions that are greetings ("how's it going", "what's
// up"). Their words are not phatic alone — "how so?" is a follow-up — so
// they are matched as phrases.
var phaticQuestion = regexp.MustCompile(`\b(how(?:'s| is| are| r|s)? (?:it going|you|u|ya|things|everyone|everybody|y'?all|life|your day)(?: doing| going)?|how have you been|what'?s (?:up|good)|wh?at'?s? ?up|wassup)\b`)

// metaQuestion: the whole message asks about the bot itself — for help,
// what it can do, how to use it — which no passage answers (without
// these, "help" was answered with whatever paragraph ranked first).
// Anchored: "can you help me write a cover letter?" asks for something.
var metaQuestion = regexp.MustCompile(`^(?:(?:hey |hi |hello |yo )?(?:brief)?bot,? )?(?:` +
	`-{0,2}help|help me|help pls|help please|can (?:you|u) help(?: me)?|usage|commands|` +
	`what (?:can|do) (?:you|u|this bot|the bot) do|what are (?:you|u)|who are (?:you|u)|what is this bot|` +
	`how (?:do|can|should) (?:i|we) (?:use|ask)(?: (?:you|u|this|it|this bot|the bot|briefbot|a question|questions))?|` +
	`how does (?:this|this bot|the bot|briefbot|it) work` +
	`)(?:,? (?:please|pls|bot|briefbot))?[\s?!.]*$`)

// IsSmallTalk reports whether a message is only greeting, thanks or
// chatter, with no question in it, or asks only about the bot itself:
// the surfaces say nothing of a rate limit to it.
func IsSmallTalk(q string) bool { return isSmallTalk(q) }

// isSmallTalk reports whether a message is only greeting, thanks or
// chatter, with no question in it, or asks only about the bot itself.
func isSmallTalk(q string) bool {
	// Phones type "how’s it going".
	q = strings.ReplaceAll(strings.ToLower(q), "’", "'")
	if metaQuestion.MatchString(strings.TrimSpace(q)) {
		return true
	}
	if phaticQuestion.MatchString(q) {
		q = phaticQuestion.ReplaceAllString(q, " ")
		if strings.TrimFunc(q, func(r rune) bool { return !unicode.IsLetter(r) }) == "" {
			return true
		}
	}
	words := strings.FieldsFunc(q, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\''
	})
	if len(words) == 0 {
		return false
	}
	for _, w := range words {
		if !phatic[w] {
			return false
		}
	}
	return true
}

// smallTalk answers chatter by saying what the bot is for, after a
// "you're welcome" to thanks and a "hi" to anything else.
func smallTalk(kb *Knowledge, q string) Answer {
	a := refusal(kb)
	opener := "Hi! "
	switch {
	case thanks.MatchString(q):
		opener = "You're welcome! "
	case metaQuestion.MatchString(strings.TrimSpace(strings.ToLower(q))):
		opener = ""
	}
	a.Text = opener + "I answer questions about " + briefingNames(kb) + ", citing its paragraphs."
	a.Text += coversText("Ask me about", a.Covers)
	return a
}

var thanks = regexp.MustCompile(`(?i)(?:^|[^\p{L}])(?:thanks?|thank you|thx|ty|cheers|merci|danke|dank|gracias|grazie|obrigad[oa]|bedankt|спасибо)(?:[^\p{L}]|$)|谢谢|ありがとう|감사`)

func briefingNames(kb *Knowledge) string {
	var titles []string
	for i, b := range kb.Briefings {
		if i == maxListedBriefings {
			titles = append(titles, fmt.Sprintf("%d more", len(kb.Briefings)-i))
			break
		}
		titles = append(titles, fmt.Sprintf("%q (%s)", b.Title, b.Date))
	}
	return strings.Join(titles, ", ")
}

// What a reply names of a large library: a few briefings and topics, the
// rest counted. With twenty briefings "the briefing doesn't say" listed
// every topic of every one (past Discord's 2,000 characters), and an
// overview cited every lead and conclusion.
const (
	maxListedBriefings   = 5
	maxListedTopics      = 12
	maxOverviewBriefings = 3
)

// coversText is " lead: topics." with at most maxListedTopics of them,
// the rest counted; "" for none.
func coversText(lead string, topics []string) string {
	switch {
	case len(topics) == 0:
		return ""
	case len(topics) > maxListedTopics:
		return fmt.Sprintf(" %s: %s; and %d more.", lead, strings.Join(topics[:maxListedTopics], "; "), len(topics)-maxListedTopics)
	}
	return " " + lead + ": " + strings.Join(topics, "; ") + "."
}

// overviewChunks are what an overview rests on: each briefing's lead and
// closing paragraphs, in reading order.
func overviewChunks(kb *Knowledge) []knowledge.Chunk {
	var out []knowledge.Chunk
	for i, c := range kb.Chunks {
		first := i == 0 || kb.Chunks[i-1].BriefingID != c.BriefingID
		last := i == len(kb.Chunks)-1 || kb.Chunks[i+1].BriefingID != c.BriefingID
		if first || last {
			out = append(out, c)
		}
	}
	return out
}

// overviewCited are the passages an overview answer quotes:
// overviewChunks, of the latest briefings when there are many.
func overviewCited(kb *Knowledge) []knowledge.Chunk {
	chunks := overviewChunks(kb)
	if len(kb.Briefings) > maxOverviewBriefings {
		chunks = ofLatest(kb, chunks, maxOverviewBriefings)
	}
	return chunks
}

// overview is the extractive answer to an overview question: what the
// briefing covers (its topics, ours), then its lead and its conclusion in
// its own words, cited.
func overview(kb *Knowledge, q string) Answer {
	dated := datedQ.MatchString(q)
	chunks := overviewCited(kb)
	a := Answer{Mode: ModeExtractive}
	var sb strings.Builder
	for _, b := range kb.Briefings {
		a.Covers = append(a.Covers, b.Topics...)
	}
	for _, c := range chunks {
		// A sentence holding a link or a mention is quoted nowhere
		// (extract).
		ss := slices.DeleteFunc(knowledge.Sentences(c.Text), cite.HasUnsafe)
		if len(ss) == 0 {
			continue
		}
		// The lead's point is often its second sentence, after the scene
		// is set; a conclusion's is its first.
		// Asked when or where it was written, the lead's first sentence
		// is the answer: a briefing's dateline opens it.
		s := ss[0]
		if c.Paragraph == 1 && len(ss) > 1 && !dated {
			s = ss[1]
		}
		n := len(a.Citations) + 1
		a.Citations = append(a.Citations, citationFor(n, c))
		if sb.Len() > 0 {
			sb.WriteByte(' ')
		}
		fmt.Fprintf(&sb, "%s [%d]", balanceQuotes(s), n)
	}
	a.Text = sb.String()
	if a.Text == "" {
		return refusal(kb)
	}
	if dated {
		a.Text = datedText(kb, chunks) + a.Text
	}
	a.Text += coversText("It covers", a.Covers)
	return a
}

// datedQ: an overview question asking when or where the briefing was
// written ("when was this written?", "what's the dateline?").
var datedQ = regexp.MustCompile(`(?i)\b(when|where|date|dated|dateline|published|written)\b`)

// datedText says each quoted briefing's date and dateline, from its front
// matter: `"Title" is dated 10 July 2024, from Beijing. `.
func datedText(kb *Knowledge, chunks []knowledge.Chunk) string {
	var sb strings.Builder
	for _, b := range kb.Briefings {
		if !slices.ContainsFunc(chunks, func(c knowledge.Chunk) bool { return c.BriefingID == b.ID }) || b.Date == "" {
			continue
		}
		date := b.Date
		if t, err := time.Parse(time.DateOnly, b.Date); err == nil {
			date = t.Format("2 January 2006")
		}
		fmt.Fprintf(&sb, "%q is dated %s", b.Title, date)
		if b.Dateline != "" {
			fmt.Fprintf(&sb, ", from %s", b.Dateline)
		}
		sb.WriteString(". ")
	}
	return sb.String()
}

// ofLatest keeps the chunks of the n most recent briefings (by date; the
// earlier listed of equals), in their order.
func ofLatest(kb *Knowledge, chunks []knowledge.Chunk, n int) []knowledge.Chunk {
	bs := slices.Clone(kb.Briefings)
	slices.SortStableFunc(bs, func(a, b knowledge.Briefing) int { return strings.Compare(b.Date, a.Date) })
	keep := map[string]bool{}
	for _, b := range bs[:n] {
		keep[b.ID] = true
	}
	var out []knowledge.Chunk
	for _, c := range chunks {
		if keep[c.BriefingID] {
			out = append(out, c)
		}
	}
	return out
}
