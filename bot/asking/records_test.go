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
	rec, ok := s.AnswerRecord(ctx, "g", "a1")
	want := AnswerRecord{Question: res.Question, Text: res.Answer.Text, KnowledgeVersion: "v1"}
	if !ok || rec != want {
		t.Errorf("AnswerRecord = %+v, %v; want %+v", rec, ok, want)
	}
	for _, id := range []string{"", "a2"} {
		if rec, ok := s.AnswerRecord(ctx, "g", id); ok {
			t.Errorf("AnswerRecord(%q) = %+v, want none", id, rec)
		}
	}
	// Another server's moderator is given none of it, whatever id they
	// send; nor is a DM's answer anyone's in a server.
	if rec, ok := s.AnswerRecord(ctx, "other", "a1"); ok {
		t.Errorf("another server's AnswerRecord = %+v", rec)
	}
	dm, _ := s.Admit(ctx, Question{Surface: SurfaceDM, AnswerID: "d1", Text: "Why does France object?"})
	if _, err := s.Answer(ctx, dm, nil); err != nil {
		t.Fatal(err)
	}
	if rec, ok := s.AnswerRecord(ctx, "g", "d1"); ok {
		t.Errorf("a DM's record in a server = %+v", rec)
	}
	// A record kept before records named their server is still read.
	if err := p.conv.Append(ctx, recordKey("old"), []byte(`{"q":"Q","a":"A","v":"v0"}`), 1, recordTTL); err != nil {
		t.Fatal(err)
	}
	if rec, ok := s.AnswerRecord(ctx, "g", "old"); !ok || rec.Text != "A" {
		t.Errorf("older record = %+v, %v", rec, ok)
	}
	p.conv.err = errDown
	if _, ok := s.AnswerRecord(ctx, "g", "a1"); ok {
		t.Error("a record with the store down")
	}
}
