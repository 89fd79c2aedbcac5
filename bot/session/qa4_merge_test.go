package session

import (
	"testing"
	"time"
)

// the new negation rule reads any "not"/"no"/"n't" anywhere in the
// message as negating the question. A member saying "I don't get why…",
// "No really, why…" or adding "Not sure I get it" asks the very same
// question, but it is no longer merged (it was before ce369be): a second
// number, its votes split, drafted twice.
func TestQA4AskersOwnNegationStillMerges(t *testing.T) {
	const q = "Why does France oppose the NATO office in Tokyo?"
	for _, dup := range []string{
		"I don't get why France opposes the NATO office in Tokyo",
		"I don't understand why France opposes the NATO office in Tokyo",
		"No really, why does France oppose the NATO office in Tokyo?",
		"Why does France oppose the NATO office in Tokyo? Not sure I get it",
	} {
		if !signature(q).same(signature(dup)) {
			t.Errorf("same(%q, %q) = false, want true (the same question)", q, dup)
		}
	}
}

// question words must now be identical, so synonymous ways of
// asking why/when ("What is the reason", "How come", "What year") are
// no longer merged; they were before ce369be.
func TestQA4SynonymousQuestionWordsStillMerge(t *testing.T) {
	for _, p := range [][2]string{
		{"Why does France oppose the NATO office in Tokyo?", "What is the reason France opposes the NATO office in Tokyo?"},
		{"Why does France oppose the NATO office in Tokyo?", "How come France opposes the NATO office in Tokyo?"},
		{"When did Japan join the summit in Washington?", "What year did Japan join the summit in Washington?"},
	} {
		if !signature(p[0]).same(signature(p[1])) {
			t.Errorf("same(%q, %q) = false, want true", p[0], p[1])
		}
	}
}

// opposite questions are still merged when the negation is typed
// without an apostrophe (common in chat: "doesnt", "isnt", "dont"), or
// written in another of the bot's languages (French "ne … pas", German
// "nicht"; French "Pourquoi" vs "Quand").
func TestQA4OppositeQuestionsStillMerged(t *testing.T) {
	for _, p := range [][2]string{
		{"Why does France support the office?", "Why doesnt France support the office?"},
		{"Why is France supporting the office?", "Why isnt France supporting the office?"},
		{"Why do the allies support the office?", "Why dont the allies support the office?"},
		{"Pourquoi la France soutient-elle le bureau de l'OTAN à Tokyo ?", "Pourquoi la France ne soutient-elle pas le bureau de l'OTAN à Tokyo ?"},
		{"Warum unterstützt Frankreich das NATO-Büro in Tokio?", "Warum unterstützt Frankreich das NATO-Büro in Tokio nicht?"},
		{"Pourquoi le Japon a-t-il rejoint le sommet de Washington ?", "Quand le Japon a-t-il rejoint le sommet de Washington ?"},
	} {
		if signature(p[0]).same(signature(p[1])) {
			t.Errorf("same(%q, %q) = true, want false (they ask opposite/different things)", p[0], p[1])
		}
	}
}

// QA4, through the store: a second member saying "I don't understand why
// France opposes a NATO office in Tokyo" gets a question of their own
// (#2) instead of joining #1 and adding their vote.
func TestQA4StoreMergesRephrasedDuplicate(t *testing.T) {
	e := setup(t)
	startSession(t, e, false)
	first := addQ(t, e, "ann", "m1", france)
	q, merged, err := e.s.Add(ctx, "t", "bob", "m2", "I don't understand why France opposes a NATO office in Tokyo")
	if err != nil {
		t.Fatal(err)
	}
	if !merged || q.ID != first.ID {
		t.Errorf("Add of the same question rephrased = %s (merged %v), want merged into %s", q.ID, merged, first.ID)
	}
}

// Pairs of opposite meaning: "open"/"close", "gain"/"lose" ("for" /
// "against" is not one: "for" is in too many questions that are for
// nothing).
func TestQA4OppositePairsMissing(t *testing.T) {
	for _, p := range [][2]string{
		{"Why did NATO open an office in Tokyo?", "Why did NATO close an office in Tokyo?"},
		{"What does Japan gain from joining NATO's partnership?", "What does Japan lose from joining NATO's partnership?"},
	} {
		if signature(p[0]).same(signature(p[1])) {
			t.Errorf("same(%q, %q) = true, want false", p[0], p[1])
		}
	}
}

// QA4, through an edit: a member appending "I don't get it" to their own
// upvoted question is taken as asking another question: it leaves its
// question and votes (Moved) and is queued anew under a new number.
func TestQA4EditAddingOwnNegationKeepsTheQuestion(t *testing.T) {
	e := setup(t)
	startSession(t, e, false)
	q := addQ(t, e, "ann", "m1", france)
	if _, _, err := e.s.Upvote(ctx, "t", q.ID, "bob"); err != nil {
		t.Fatal(err)
	}
	got, how, _, err := e.s.Reword(ctx, "t", "ann", "m1", france+" I don't get it.", time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if how != InPlace || got.ID != q.ID {
		t.Errorf("edit appending \"I don't get it.\": %v into %s (votes %d), want InPlace in %s", how, got.ID, got.Votes, q.ID)
	}
}
