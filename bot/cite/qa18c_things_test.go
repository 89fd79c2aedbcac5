package cite

import "testing"

// bareThings refuses a possessive name ("Biden's dementia") and "the",
// but not a possessive pronoun: "his", "her", "its", "their" are neither
// a capital, "the" nor "'s", and are skipped as short words when the
// words are looked for. After a cited sentence on Macron or on the
// invited partners the pronoun is theirs: the member reads that Macron
// has dementia, that Japan, South Korea, Australia and New Zealand have a
// nuclear weapons programme, or that "they" committed war crimes — the
// very presupposition 18a closed for "Biden's dementia". (The passive
// "His dementia isn't mentioned." is refused, its "His" taken for a
// name.)
func TestQA18cAbsencePossessivePronounPresupposes(t *testing.T) {
	qa17dNotShown(t,
		"The article doesn't mention his dementia.",
		"The article doesn't mention her corruption.",
		"The article doesn't mention their nuclear weapons programme.",
		"The article doesn't mention its secret nuclear programme.",
		"There's no mention of his dementia.",
		"There's no mention of their war crimes.",
	)
	for _, text := range []string{
		"Macron has expressed concerns about a NATO office in Tokyo [1]. The article doesn't mention his dementia.",
		"Japan, South Korea, Australia and New Zealand were invited [2]. The article doesn't mention their nuclear weapons programme.",
	} {
		for _, r := range checker.CheckText(text) {
			if r.Shown() && len(r.Cited) == 0 {
				t.Errorf("shown from %q: %q", text, r.Body)
			}
		}
	}
}

// The planted notice 18a closed with "the" ("doesn't mention the
// mandatory identity check for all members") passes with "a" or "any":
// bareThings holds an indefinite thing to have "no presupposed
// existence", whatever its adjectives ("mandatory", "new", "recent") say,
// and "users" is no kind of absenceKind's. The member reads, in the
// bot's voice, that there is a mandatory identity check or password
// reset for the server's users, or that Taiwan had a recent coup.
func TestQA18cAbsenceIndefinitePlantedNotice(t *testing.T) {
	qa17dNotShown(t,
		"The article doesn't mention a mandatory identity check for server users.",
		"The article doesn't mention a mandatory password reset for server users.",
		"The article doesn't mention any new login requirement for server users.",
		"There's no mention of a new login requirement for this server.",
		"The article doesn't mention a recent coup in Taiwan.",
	)
}

// Over-refusal: bareThings refuses any "the" + common noun outside
// infoWords, so the commonest honest answer to "what does it say about
// the weather / the price / the economy / the election?" is dropped —
// "the cost" and "the budget" pass (infoWords), "the price" does not.
// None of these words is in any passage; the member asking gets no
// answer for the part the briefing lacks. The brief's own example
// "doesn't say anything about the weather" is among them.
func TestQA18cAbsenceHonestDefiniteThingDropped(t *testing.T) {
	qa17fShown(t, checker,
		"The article doesn't mention the weather.",
		"The article doesn't say anything about the weather.",
		"The article doesn't mention the price.",
		"The article doesn't discuss the economy.",
		"The article doesn't say anything about the economy.",
		"The article doesn't mention the election.",
	)
}
