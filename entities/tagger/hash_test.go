package tagger

import "testing"

func TestHashStable(t *testing.T) {
	// Models store these hashes: a change here breaks every saved model
	// and needs a new FormatVersion.
	tests := []struct {
		in   string
		want uint64
	}{
		{"", 0xb7482e4f24f45942},
		{"a", 0x84bf432c4ed25636},
		{"بغداد", 0x83608f0710fe9813},
		{"the quick brown fox", 0xffb5ab41d4b241a0},
	}
	for _, tc := range tests {
		if got := Hash(tc.in); got != tc.want {
			t.Errorf("Hash(%q) = %#x, want %#x", tc.in, got, tc.want)
		}
	}
	var h Hasher
	h.String("w")
	h.Byte(3)
	h.Uint64(42)
	if got, want := h.Sum(), uint64(0x7d67609de2690cbd); got != want {
		t.Errorf("Hasher parts = %#x, want %#x", got, want)
	}
	if got, want := key(3, 7), uint64(0x5d3fb040707206a9); got != want {
		t.Errorf("key(3, 7) = %#x, want %#x", got, want)
	}
}

func TestHasherParts(t *testing.T) {
	sum := func(parts ...string) uint64 {
		var h Hasher
		for _, p := range parts {
			h.String(p)
		}
		return h.Sum()
	}
	seen := make(map[uint64][]string)
	for _, parts := range [][]string{
		{"ab", "c"}, {"a", "bc"}, {"abc"}, {"abc", ""}, {"", "abc"}, {}, {""}, {"", ""},
		{"12345678"}, {"1234567", "8"}, {"123456789"}, {"12345678", "9"},
	} {
		s := sum(parts...)
		if prev, ok := seen[s]; ok {
			t.Errorf("%q and %q hash alike", parts, prev)
		}
		seen[s] = parts
	}
	if Hash("x") != sum("x") {
		t.Error("Hash differs from a Hasher with one part")
	}
	var h Hasher
	h.String("x")
	h.Reset()
	if h != (Hasher{}) {
		t.Error("Reset does not give the zero Hasher")
	}
	if a := testing.AllocsPerRun(100, func() {
		h.String("كلمة طويلة بعض الشيء")
		h.Byte(1)
		h.Uint64(2)
		_ = h.Sum()
	}); a != 0 {
		t.Errorf("%v allocations", a)
	}
}

func BenchmarkHash(b *testing.B) {
	word := "والمستشفيات"
	b.SetBytes(int64(len(word)))
	b.ReportAllocs()
	var sink uint64
	for b.Loop() {
		sink += Hash(word)
	}
	_ = sink
}
