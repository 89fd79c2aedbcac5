package asking

import (
	"context"
	"testing"
)

func TestAnswerRecord(t *testing.T) {
	s, p := newService(Config{})
	ctx := context.Background()
	tk, _ := s.Admit(ctx, Question{Surface: SurfaceSlash, GuildID: "g", AnswerID: "a1", Text: "Why does France object?"})
	res, err := s.Answer(ctx, tk, nil)
	if err != nil {
		t.Fatal(err)
	}
	rec, ok := s.AnswerRecord(ctx, "a1")
	want := AnswerRecord{Question: res.Question, Text: res.Answer.Text, KnowledgeVersion: "v1"}
	if !ok || rec != want {
		t.Errorf("AnswerRecord = %+v, %v; want %+v", rec, ok, want)
	}
	for _, id := range []string{"", "a2"} {
		if rec, ok := s.AnswerRecord(ctx, id); ok {
			t.Errorf("AnswerRecord(%q) = %+v, want none", id, rec)
		}
	}
	p.conv.err = errDown
	if _, ok := s.AnswerRecord(ctx, "a1"); ok {
		t.Error("a record with the store down")
	}
}
