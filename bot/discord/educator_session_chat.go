package discord

import (
	"regexp"
	"strings"
	"unicode"

	"github.com/briefbot/briefbot/bot/answer"
	"github.com/briefbot/briefbot/bot/asking"
)

// A session's thread is where its class talks, not only where it asks:
// "thanks!", "lol", "+1", "ok", an emoji. Queued, such chat took a number
// and a place in the queue, counted against its writer's questions, was
// drafted at a model's cost and posted by /session next. A message is
// queued when it asks something: a question mark or a question word at a
// sentence's start (asking.LooksLikeQuestion, the rule of the channels
// that answer every question), a request ("explain why France opposes
// the office"), or, short of those, more words than chat takes; a
// message that starts as thanks, laughter or assent does not ask by
// being long.

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
	`lol|lmao|rofl|haha\w*|great|nice|cool|awesome|amazing|wow|agreed|agree|same|me\s+too|exactly|yes|yeah|yep|nope|ok|okay|sure|interesting|good\s+point|makes\s+sense)\b`)

// sessionChat reports whether a member's message in a session's thread is
// chat rather than a question: wordless ("?", an emoji — the question
// service refuses those as empty), or short or opening as chat, with
// nothing in it that asks.
func sessionChat(text string) bool {
	clean, _, err := answer.CleanQuestion(text)
	if err != nil {
		return true
	}
	words := strings.FieldsFunc(clean, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\'' && r != '-' })
	// As written: CleanQuestion takes "thank you" off what follows it.
	opensAsChat := chatStart.MatchString(strings.TrimLeftFunc(text, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }))
	if opensAsChat && len(words) <= 2 {
		return true // "ok?", "lol?": a question mark does not make them ask
	}
	if asking.LooksLikeQuestion(text) || asking.LooksLikeQuestion(clean) {
		return false
	}
	for _, sentence := range strings.FieldsFunc(clean, func(r rune) bool { return r == '.' || r == '!' || r == ';' || r == '\n' }) {
		if requestStart.MatchString(strings.TrimSpace(sentence)) {
			return false
		}
	}
	return opensAsChat || len(words) <= maxChatWords
}
