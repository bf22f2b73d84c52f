//go:build !unix

package main

import "errors"

const canMakeFIFO = false

func mkfifo(string) error { return errors.New("no FIFOs") }
