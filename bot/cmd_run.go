package main

import (
	"context"
	"fmt"
	"io"
)

// cmdRun runs the Discord bot. The Discord adapter is issue #4; until it
// lands this says so instead of pretending to run.
func cmdRun(ctx context.Context, cfg config, args []string, stdout, stderr io.Writer) int {
	fmt.Fprintln(stderr, "bot run: the Discord adapter is not built yet; use `bot ask`")
	return exitFail
}
