package main

import (
	"strings"
	"unicode/utf8"
)

// escape returns s with what could drive a terminal written as escapes:
// control characters (C0, DEL and C1: \t, \n, \r, \x1b, \u0085…), the
// bidirectional embeddings, overrides and isolates U+202A–U+202E and
// U+2066–U+2069 (which can reorder what a reader sees), and bytes that are
// not UTF-8 (\xff). An article can hold "\x1b]0;…\x07", which would set a
// terminal's title, or U+202E, which reverses the text after it. Arabic
// text, the marks LRM, RLM and ALM, and everything else are left as they
// are. It returns s itself when there is nothing to escape.
func escape(s string) string {
	i := 0
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if needsEscape(r, size) {
			break
		}
		i += size
	}
	if i == len(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	b.WriteString(s[:i])
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !needsEscape(r, size) {
			b.WriteString(s[i : i+size])
			i += size
			continue
		}
		const hex = "0123456789abcdef"
		switch {
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case size == 1: // an ASCII control or a byte that is not UTF-8
			b.WriteString(`\x`)
			b.WriteByte(hex[s[i]>>4])
			b.WriteByte(hex[s[i]&0xF])
		default:
			b.WriteString(`\u`)
			for shift := 12; shift >= 0; shift -= 4 {
				b.WriteByte(hex[r>>shift&0xF])
			}
		}
		i += size
	}
	return b.String()
}

// needsEscape reports whether the rune r of size bytes is escaped.
func needsEscape(r rune, size int) bool {
	switch {
	case r == utf8.RuneError && size == 1:
		return true
	case r < 0x20, r >= 0x7F && r <= 0x9F:
		return true
	case r >= 0x202A && r <= 0x202E, r >= 0x2066 && r <= 0x2069:
		return true
	}
	return false
}
