package asking

import (
	"context"
	"errors"
	"reflect"
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
	rec, err := s.AnswerRecord(ctx, "g", "a1")
	want := AnswerRecord{Question: res.Question, Text: res.Answer.Text, KnowledgeVersion: "v1"}
	for _, c := range res.Answer.Citations {
		want.ChunkIDs = append(want.ChunkIDs, c.ChunkID)
	}
	if err != nil || len(want.ChunkIDs) == 0 || !reflect.DeepEqual(rec, want) {
		t.Errorf("AnswerRecord = %+v, %v; want %+v", rec, err, want)
	}
	for _, id := range []string{"", "a2"} {
		if rec, err := s.AnswerRecord(ctx, "g", id); !errors.Is(err, ErrAnswerGone) {
			t.Errorf("AnswerRecord(%q) = %+v, %v; want ErrAnswerGone", id, rec, err)
		}
	}
	// Another server's moderator is given none of it, whatever id they
	// send; nor is a DM's answer anyone's in a server.
	if rec, err := s.AnswerRecord(ctx, "other", "a1"); !errors.Is(err, ErrAnswerGone) {
		t.Errorf("another server's AnswerRecord = %+v, %v", rec, err)
	}
	dm, _ := s.Admit(ctx, Question{Surface: SurfaceDM, AnswerID: "d1", Text: "Why does France object?"})
	if _, err := s.Answer(ctx, dm, nil); err != nil {
		t.Fatal(err)
	}
	if rec, err := s.AnswerRecord(ctx, "g", "d1"); !errors.Is(err, ErrAnswerGone) {
		t.Errorf("a DM's record in a server = %+v, %v", rec, err)
	}
	// A record kept before records named their server is still read.
	if err := p.conv.Append(ctx, recordKey("old"), []byte(`{"q":"Q","a":"A","v":"v0"}`), 1, recordTTL); err != nil {
		t.Fatal(err)
	}
	if rec, err := s.AnswerRecord(ctx, "g", "old"); err != nil || rec.Text != "A" {
		t.Errorf("older record = %+v, %v", rec, err)
	}
	// The store down is not the record gone: a moderator is told to try
	// again, not that the answer was forgotten.
	p.conv.err = errDown
	if _, err := s.AnswerRecord(ctx, "g", "a1"); err == nil || errors.Is(err, ErrAnswerGone) {
		t.Errorf("a record with the store down: %v, want an error other than ErrAnswerGone", err)
	}
}
