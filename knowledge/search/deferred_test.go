package search

import (
	"reflect"
	"testing"

	"github.com/briefbot/briefbot/knowledge"
)

func TestDeferredBuildsOnceOnFirstUse(t *testing.T) {
	chunks := []knowledge.Chunk{
		{ID: "b#p1", Text: "France opposes a NATO liaison office in Tokyo."},
		{ID: "b#p2", Text: "China criticised the alliance's Asian ambitions."},
	}
	built := 0
	d := Defer(func() *Index { built++; return New(chunks) })
	if built != 0 {
		t.Fatalf("index built %d times before any use", built)
	}
	got := d.Search("why does france oppose the office", 2)
	d.Warm()
	d.Search("china", 1)
	if built != 1 {
		t.Errorf("index built %d times, want once", built)
	}
	want := New(chunks).Search("why does france oppose the office", 2)
	if len(got.Hits) == 0 || !reflect.DeepEqual(got.Hits, want.Hits) {
		t.Errorf("deferred hits %+v, want %+v", got.Hits, want.Hits)
	}
}
