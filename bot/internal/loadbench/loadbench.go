// Package loadbench holds what the load benchmarks share: their figures
// and finding an interaction's token in a request's path.
package loadbench

import (
	"slices"
	"strings"
	"syscall"
	"time"
)

// P99Millis is the 99th percentile of d in milliseconds (0 for none). It
// sorts d.
func P99Millis(d []time.Duration) float64 {
	if len(d) == 0 {
		return 0
	}
	slices.Sort(d)
	return float64(d[min(len(d)-1, int(float64(len(d))*0.99))]) / float64(time.Millisecond)
}

// CPU is this process's user and system CPU time so far (0 where
// getrusage fails).
func CPU() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// Token finds an interaction token starting with prefix in a webhook or
// callback path, or "".
func Token(path, prefix string) string {
	for _, part := range strings.Split(path, "/") {
		if strings.HasPrefix(part, prefix) {
			return part
		}
	}
	return ""
}
