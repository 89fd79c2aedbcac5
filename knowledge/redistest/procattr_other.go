//go:build !linux

package redistest

import "os/exec"

// setDeathSignal is Linux-only; elsewhere a crashed test may leave its
// redis-server running until it is killed by hand.
func setDeathSignal(*exec.Cmd) {}
