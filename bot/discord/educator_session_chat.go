package discord

import (
	"regexp"
	"slices"
	"strings"
	"unicode"

	"github.com/briefbot/briefbot/bot/answer"
	"github.com/briefbot/briefbot/bot/asking"
	"github.com/briefbot/briefbot/bot/similar"
)

// A session's thread is where its class talks, not only where it asks:
// "thanks!", "lol", "+1", "ok", an emoji. Queued, such chat took a number
// and a place in the queue, counted against its writer's questions, was
// drafted at a model's cost and posted by /session next. A message is
// queued when it asks something: a question mark or a question word
// (asking.LooksLikeQuestion, the rule of the channels that answer every
// question; a question word of the bot's languages anywhere: "but why",
// "Warum ist Frankreich dagegen"), a request ("explain why France opposes
// the office"), text in Chinese or Japanese (no spaces to count words
// by), or, short of those, more words than chat takes; a message of chat
// words alone ("ok?"), or that starts or ends as thanks, laughter or
// assent, does not ask by being long. When in doubt it is a question: one
// dropped unanswered costs more than chat queued.

// maxChatWords is the most words a message without a question's marks
// may have and still be chat ("great question, thanks everyone").
const maxChatWords = 5

// requestStart is a sentence asking for something without a question
// word: "explain …", "tell me …", "I wonder …".
var requestStart = regexp.MustCompile(`(?i)^(?:(?:please|pls|so|and|but|also|then|now|ok|okay|hmm+|um+)[\s,]+)*(?:` +
	`explain|describe|tell|clarify|define|compare|contrast|summari[sz]e|elaborate|list|outline|expand|discuss|detail|give|walk|show|name|remind|help|` +
	`i\s+wonder|wondering|i'?m\s+wondering|curious|i'?m\s+curious|i'?d\s+like\s+to\s+know|i\s+would\s+like\s+to\s+know|i\s+want\s+to\s+know|` +
	`i\s+don'?t\s+(?:understand|get|see)|any\s+idea|anyone\s+know|does\s+anyone|can\s+someone|could\s+someone|someone\s+explain)\b`)

// chatStart is a message that opens as chat: thanks, greetings,
// laughter, assent. Without a question's marks, it is chat whatever its
// length ("thanks so much for explaining all of that today").
var chatStart = regexp.MustCompile(`(?i)^(?:thanks|thank\s+you|thx|ty|tysm|welcome|bye|` +
	`danke|vielen\s+dank|merci|gracias|muchas\s+gracias|obrigad[oa]|muito\s+obrigad[oa]|谢谢|多谢|ありがとう|` +
	`lol|lmao|rofl|haha\w*|great|nice|cool|awesome|amazing|wow|agreed|agree|same|me\s+too|exactly|yes|yeah|yep|nope|ok|okay|sure|interesting|good\s+point|makes\s+sense)\b`)

// chatWords are the words chat is made of: a message of nothing else is
// chat whatever its marks ("ok?", "lol??", "thank you so much!", "+1").
var chatWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`thanks thank you thx ty tysm welcome bye lol lmao rofl haha hahaha great nice cool
		awesome amazing wow agreed agree same me too exactly yes yeah yep nope no ok okay sure interesting good point
		makes sense so much all everyone guys again really very 1 gg merci danke gracias obrigado obrigada`) {
		chatWords[w] = true
	}
}

// sessionChat reports whether a member's message in a session's thread is
// chat rather than a question: wordless ("?", an emoji — the question
// service refuses those as empty); made of chat words alone; or short or
// opening as chat, with nothing in it that asks. Text in a script without
// spaces between words (Chinese, Japanese) cannot be counted in words,
// and is a question: dropping a question unanswered costs more than
// queueing a "谢谢".
func sessionChat(text string) bool {
	clean, _, err := answer.CleanQuestion(text)
	if err != nil {
		return true
	}
	split := func(s string) []string {
		return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
			return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\''
		})
	}
	// As written: CleanQuestion takes "thank you" off what follows it.
	written := split(text)
	if len(written) > 0 && !slices.ContainsFunc(written, func(w string) bool { return !chatWords[w] }) {
		return true // "ok?", "lol??": a question mark does not make them ask
	}
	if asking.LooksLikeQuestion(text) || asking.LooksLikeQuestion(clean) {
		return false
	}
	words := split(clean)
	// A question word of the bot's languages anywhere asks something,
	// however short or chatty the start ("but why", "ok, why?", "Warum
	// ist Frankreich dagegen", "thanks, but how does that affect Japan").
	if len(similar.QuestionWords(text)) > 0 {
		return false
	}
	for _, sentence := range strings.FieldsFunc(clean, func(r rune) bool { return r == '.' || r == '!' || r == ';' || r == ',' || r == '\n' }) {
		if requestStart.MatchString(strings.TrimSpace(sentence)) {
			return false
		}
	}
	if chatStart.MatchString(strings.TrimLeftFunc(text, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })) ||
		chatEnd.MatchString(text) || strings.HasPrefix(strings.TrimSpace(text), "+1") {
		return true
	}
	if strings.ContainsFunc(clean, func(r rune) bool {
		return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul, unicode.Thai)
	}) {
		return false
	}
	return len(words) <= maxChatWords
}

// chatEnd is a message that ends in thanks ("that makes sense now,
// thanks!"): with nothing in it that asks, it is chat.
var chatEnd = regexp.MustCompile(`(?i)\b(?:thanks|thank\s+you(?:\s+(?:so|very)\s+much)?|thx|ty|tysm|danke|merci|gracias|obrigad[oa])\W*$`)
