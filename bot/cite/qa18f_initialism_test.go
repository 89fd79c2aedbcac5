package cite

import "testing"

// Paragraph numbers are the NATO briefing's (nato-indo-pacific-2024.md).
// Round 18f on country initialisms (948fa4e added "the DPRK", "the PRC",
// "the ROK" to countryNames for statements of absence).

// "NZ" is New Zealand, named in [3] ("Japan, South Korea, Australia, and
// New Zealand have been invited to the NATO summit for the third
// consecutive year"). A member asking "Was NZ invited?" is shown, with
// no marker, that the article doesn't mention NZ — the opposite of [3].
// "The article doesn't mention the UK" (17f) and "… the DPRK" (18e) are
// refused; "NZ" is the common short form in chat, and countryNames and
// the initialism rule both miss it.
func TestQA18fWrongAbsenceNZ(t *testing.T) {
	qa17fNotShown(t, qa6Checker(t, false),
		"The article doesn't mention NZ.",
		"The article says nothing about NZ.",
		"There's no mention of NZ in the article.",
	)
}

// Over-refusal, the other half of 948fa4e: absence knows "the PRC", "the
// ROK", "the DPRK" are China, South Korea, North Korea, but the names
// check of a cited claim does not, so an accurate claim in those words is
// dropped as naming something the paragraph lacks ("PRC", "ROK",
// "DPRK's"; "NZ" likewise). The member loses a true, cited answer; a
// model writing for a policy audience uses these forms readily.
func TestQA18fHonestStateInitialismInClaim(t *testing.T) {
	qa6Honest(t, false,
		// [7] "China has been vocal in its opposition to NATO's Asian
		// ambitions"
		"The PRC has been vocal in its opposition to NATO's Asian ambitions [7].",
		// [3] "Japan, South Korea, Australia, and New Zealand have been
		// invited to the NATO summit for the third consecutive year"
		"The ROK has been invited to the NATO summit for the third consecutive year [3].",
		"Japan, South Korea, Australia and NZ have been invited to the NATO summit for the third consecutive year [3].",
		// [2] "North Korea's nuclear ambitions have all contributed to
		// what NATO Secretary General Jens Stoltenberg calls a “global”
		// security landscape"
		"The DPRK's nuclear ambitions have contributed to a global security landscape [2].",
	)
}
