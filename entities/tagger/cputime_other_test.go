//go:build !linux

package tagger

import "time"

func threadCPU() time.Duration { return 0 }
func lockThread()              {}
func unlockThread()            {}
