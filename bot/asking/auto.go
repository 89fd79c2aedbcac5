package asking

import (
	"context"
	"regexp"
	"strings"
)

// SurfaceAuto is a message or forum post in a channel the moderators set
// to answer every question, asked without a mention.
const SurfaceAuto Surface = "auto"

// AutoAnswers reports whether the bot answers every question in a
// channel: the moderators set it, or the channel it belongs to (a forum
// for a post, a channel for a thread), so with /admin channels. findParent
// is called only when the guild has such a rule and the channel none of
// its own (it may cost a REST call). False outside a guild or with the
// settings unavailable: the bot then answers mentions only, rather than
// every message.
func (s *Service) AutoAnswers(ctx context.Context, guildID, channelID string, findParent func(context.Context) string) bool {
	if guildID == "" || channelID == "" {
		return false
	}
	set := s.settings(ctx, guildID)
	if set.Auto(channelID, "") {
		return true
	}
	if _, own := set.Channels[channelID]; own || findParent == nil || !set.AnyAuto() {
		return false
	}
	return set.Auto(channelID, findParent(ctx))
}

// questionStart is the start of a question without a question mark: a
// question word, or an auxiliary verb in front of its subject.
var questionStart = regexp.MustCompile(`(?i)^(?:what|why|how|who|whom|whose|when|where|which|is|are|was|were|do|does|did|can|could|should|would|will|has|have|had|may|might|must)\b`)

// LooksLikeQuestion reports whether a message in an auto-answer channel
// asks something, so that chat there ("thanks!", "lol", "same here") is
// left alone: a question mark, or a question word at the start of the
// message or of one of its sentences.
func LooksLikeQuestion(text string) bool {
	if strings.ContainsAny(text, "?？¿") {
		return true
	}
	for _, sentence := range strings.FieldsFunc(text, func(r rune) bool { return r == '.' || r == '!' || r == '\n' }) {
		if questionStart.MatchString(strings.TrimSpace(sentence)) {
			return true
		}
	}
	return false
}
