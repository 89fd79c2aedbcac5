package answer

import (
	"errors"
	"fmt"
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

// CleanQuestion makes user input safe to process: invalid UTF-8 is
// replaced, control characters become spaces, white space is collapsed and
// the length is capped. notice is non-empty when the question was cut.
func CleanQuestion(q string) (clean, notice string, err error) {
	q = strings.ToValidUTF8(q, "\uFFFD")
	q = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || r == '\uFFFD' || unicode.Is(unicode.Cf, r) {
			return ' '
		}
		return r
	}, q)
	q = strings.Join(strings.Fields(q), " ")
	if strings.IndexFunc(q, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) < 0 {
		return "", "", ErrEmptyQuestion
	}
	if utf8.RuneCountInString(q) > MaxQuestionRunes {
		rs := []rune(q)
		q = strings.TrimSpace(string(rs[:MaxQuestionRunes]))
		notice = fmt.Sprintf("Your question was %d characters long; only the first %d were used.", len(rs), MaxQuestionRunes)
	}
	return q, notice, nil
}
