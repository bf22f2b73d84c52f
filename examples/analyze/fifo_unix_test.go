//go:build unix

package main

import "syscall"

const canMakeFIFO = true

func mkfifo(path string) error { return syscall.Mkfifo(path, 0o600) }
