//go:build !unix

package server

import "os/exec"

// ownProcessGroup does nothing where process groups are not available:
// cancelling cmd kills the browser's main process only.
func ownProcessGroup(cmd *exec.Cmd) {}
