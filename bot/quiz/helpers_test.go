package quiz

import (
	"testing"

	"github.com/briefbot/briefbot/knowledge"
)

// briefing returns the compiled-in briefing.
func briefing(t testing.TB) knowledge.Briefing {
	t.Helper()
	srcs, err := knowledge.Sources("")
	if err != nil {
		t.Fatal(err)
	}
	c, err := knowledge.Build(srcs)
	if err != nil {
		t.Fatal(err)
	}
	b, ok := c.Briefing("nato-indo-pacific-2024")
	if !ok {
		t.Fatal("embedded briefing missing")
	}
	return b
}
