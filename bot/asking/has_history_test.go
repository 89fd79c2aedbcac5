package asking

import (
	"context"
	"errors"
	"testing"
)

// HasHistory tells a thread whose history holds turns from one whose
// history is gone, and a store that cannot be read from both.
func TestHasHistory(t *testing.T) {
	s, p := newService(Config{})
	ctx := context.Background()
	if has, err := s.HasHistory(ctx, "th"); has || err != nil {
		t.Errorf("HasHistory of a thread with no history = %v, %v; want false, nil", has, err)
	}
	tk, _ := s.Admit(ctx, Question{Surface: SurfaceSlash, GuildID: "g", AnswerID: "a1", Text: "Why does France object?"})
	if _, err := s.Answer(ctx, tk, nil); err != nil {
		t.Fatal(err)
	}
	if err := s.ContinueConversation(ctx, "g", "th", "u", "a1"); err != nil {
		t.Fatal(err)
	}
	if has, err := s.HasHistory(ctx, "th"); !has || err != nil {
		t.Errorf("HasHistory of a thread continued from an answer = %v, %v; want true, nil", has, err)
	}
	p.conv.err = errDown
	if _, err := s.HasHistory(ctx, "th"); !errors.Is(err, errDown) {
		t.Errorf("HasHistory with the store down: error %v, want the store's", err)
	}
	s.d.Conversations = nil
	if _, err := s.HasHistory(ctx, "th"); err == nil {
		t.Error("HasHistory without a store: no error")
	}
}
