package state

import (
	"strings"
	"testing"
)

func TestCacheKey(t *testing.T) {
	tests := []struct {
		name string
		a, b []string
		same bool
	}{
		{"deterministic", []string{"q", "v1", "m", "p1"}, []string{"q", "v1", "m", "p1"}, true},
		{"boundaries matter", []string{"ab", "c"}, []string{"a", "bc"}, false},
		{"separator inside a part", []string{"a:b", ""}, []string{"a", "b:"}, false},
		{"empty parts count", []string{"a"}, []string{"a", ""}, false},
		{"version matters", []string{"q", "v1"}, []string{"q", "v2"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, b := CacheKey(tt.a...), CacheKey(tt.b...)
			if len(a) != 64 || strings.Trim(a, "0123456789abcdef") != "" {
				t.Fatalf("key %q is not hex sha256", a)
			}
			if (a == b) != tt.same {
				t.Fatalf("CacheKey(%q)=%s, CacheKey(%q)=%s, same=%v", tt.a, a, tt.b, b, tt.same)
			}
		})
	}
}
