package answer

import (
	"errors"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// MaxQuestionRunes caps a question. Longer input is cut, not refused, and
// the user is told; nobody asks a briefing bot a 10,000-character question
// on purpose, and the cap bounds the cost of a model call.
const MaxQuestionRunes = 500

// ErrEmptyQuestion is returned for a question with no words in it.
var ErrEmptyQuestion = errors.New("answer: the question is empty")

var (
	// Terminal escape sequences (ECMA-48): CSI ("\x1b[31m"), OSC
	// ("\x1b]0;title\x07") and two-character escapes. Their printable tail
	// ("[31m") would otherwise stay behind as words.
	ansiCSI = regexp.MustCompile(`(?:\x1b\[|\x{9b})[0-?]*[ -/]*[@-~]`)
	ansiOSC = regexp.MustCompile(`\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?`)
	ansiEsc = regexp.MustCompile(`\x1b[@-Z\\-_]`)
	// Discord mentions and custom emoji, @everyone and @here, and emoji
	// short codes (":thinking:"): they address people, not the briefing.
	mentions = regexp.MustCompile(`<(?:@[!&]?|#)\d+>|<a?:\w+:\d+>|@(?:everyone|here)\b|:[a-z0-9_+\-]{2,}:`)
	// A greeting, thanks or filler in front of the question, with whoever
	// it addresses ("hey everyone,", "thanks! also,", "quick q:").
	leadIn = regexp.MustCompile(`(?i)^(?:(?:hey|hi|hello|hiya|howdy|yo|sup|greetings|good (?:morning|afternoon|evening|day)|gm|thanks(?: a lot)?|thank you|thx|ty|ok|okay|um+|uh+|hmm+|quick (?:q|question)|question|q|pls|please|also|and|so|lol|btw|ngl|tbh|honestly)(?:\s+(?:everyone|everybody|all|guys|folks|y'?all|team|there|friends|bot|briefbot))?|everyone|everybody|guys|folks|y'?all|bot|briefbot)\b[\s,.:;!?…\-–—]*`)
	// Filler after it ("… lol", "… pls", "… thx!!").
	leadOut = regexp.MustCompile(`(?i)[\s,]+(?:lol|lmao|haha+|pls|please|thx|thanks|ty|xd|rn)[\s.!?]*$`)
)

// CleanQuestion makes user input safe to process and keeps only the
// question: invalid UTF-8 is replaced; terminal escapes, mentions, emoji
// and control characters go; a greeting or filler around the question
// goes when a question remains; white space is collapsed and the length
// capped. notices says so when the question was cut.
func CleanQuestion(q string) (clean string, notices []Notice, err error) {
	q = strings.ToValidUTF8(q, "\uFFFD")
	// Each pattern needs a character most questions lack (ESC or CSI; <, @
	// or :): without it the regexp cannot match, and is not run.
	if strings.ContainsAny(q, "\x1b\u009b") {
		q = ansiOSC.ReplaceAllString(q, " ")
		q = ansiCSI.ReplaceAllString(q, " ")
		q = ansiEsc.ReplaceAllString(q, " ")
	}
	if strings.ContainsAny(q, "<@:") {
		q = mentions.ReplaceAllString(q, " ")
	}
	q = strings.Map(func(r rune) rune {
		switch {
		case unicode.IsControl(r) || r == '\uFFFD' || unicode.Is(unicode.Cf, r):
			return ' '
		case isEmoji(r):
			return ' '
		}
		return r
	}, q)
	q = strings.Join(strings.Fields(q), " ")
	if !hasWord(q) {
		return "", nil, ErrEmptyQuestion
	}
	if utf8.RuneCountInString(q) > MaxQuestionRunes {
		rs := []rune(q)
		q = strings.TrimSpace(string(rs[:MaxQuestionRunes]))
		notices = []Notice{{Kind: NoticeCut, N: len(rs)}}
	}
	return trimLeadIn(q), notices, nil
}

// trimLeadIn removes greetings and filler around a question, as long as a
// question remains: "thanks!" alone stays "thanks!" (small talk, answered
// as such), "hey everyone, why …" becomes "why …".
func trimLeadIn(q string) string {
	for {
		loc := leadIn.FindStringIndex(q)
		// What is left must be a question: "thank you so much" is thanks
		// whole, not "so much".
		if loc == nil || loc[1] == 0 || !hasWord(q[loc[1]:]) || isSmallTalk(q[loc[1]:]) {
			break
		}
		q = q[loc[1]:]
	}
	if loc := leadOut.FindStringIndex(q); loc != nil && hasWord(q[:loc[0]]) {
		q = q[:loc[0]]
	}
	return strings.TrimSpace(q)
}

func hasWord(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0
}

// isEmoji: pictographs and symbols, their skin-tone modifiers and the
// variation selector that asks for emoji presentation.
func isEmoji(r rune) bool {
	return unicode.Is(unicode.So, r) || (r >= 0x1F3FB && r <= 0x1F3FF) || r == 0xFE0F || r == 0x20E3
}
