package binfile

import (
	"bytes"
	"errors"
	"io"
	"math"
	"slices"
	"strings"
	"testing"
	"testing/iotest"
)

var testFormat = Format{Magic: "KHBRTEST", Version: 3, MaxSize: 1 << 20}

func encodeSample() []byte {
	var e Encoder
	e.Byte(7)
	e.Bool(true)
	e.Uvarint(300)
	e.Varint(-5)
	e.Uint16(0xBEEF)
	e.Uint32(0xDEADBEEF)
	e.Uint64(1 << 40)
	e.Float32(1.5)
	e.Float64(math.Pi)
	e.String("بغداد")
	e.Strings([]string{"a", "", "ب"})
	e.Uint32s([]uint32{1, 2, 3})
	e.Float32s([]float32{-1, 0.25})
	e.Float64s([]float64{math.Inf(1), -0})
	e.Raw([]byte("xyz"))
	return e.Bytes()
}

func TestRoundTrip(t *testing.T) {
	var buf bytes.Buffer
	n, err := testFormat.Write(&buf, encodeSample())
	if err != nil || n != int64(buf.Len()) {
		t.Fatalf("Write = %d, %v; buffer holds %d", n, err, buf.Len())
	}
	body, err := testFormat.Read(iotest.OneByteReader(&buf))
	if err != nil {
		t.Fatal(err)
	}
	d := NewDecoder(body)
	if v := d.Byte(); v != 7 {
		t.Errorf("Byte = %d", v)
	}
	if !d.Bool() {
		t.Error("Bool = false")
	}
	if v := d.Uvarint(); v != 300 {
		t.Errorf("Uvarint = %d", v)
	}
	if v := d.Varint(); v != -5 {
		t.Errorf("Varint = %d", v)
	}
	if v := d.Uint16(); v != 0xBEEF {
		t.Errorf("Uint16 = %x", v)
	}
	if v := d.Uint32(); v != 0xDEADBEEF {
		t.Errorf("Uint32 = %x", v)
	}
	if v := d.Uint64(); v != 1<<40 {
		t.Errorf("Uint64 = %d", v)
	}
	if v := d.Float32(); v != 1.5 {
		t.Errorf("Float32 = %v", v)
	}
	if v := d.Float64(); v != math.Pi {
		t.Errorf("Float64 = %v", v)
	}
	if v := d.String(); v != "بغداد" {
		t.Errorf("String = %q", v)
	}
	if v := d.Strings(); !slices.Equal(v, []string{"a", "", "ب"}) {
		t.Errorf("Strings = %q", v)
	}
	if v := d.Uint32s(); !slices.Equal(v, []uint32{1, 2, 3}) {
		t.Errorf("Uint32s = %v", v)
	}
	if v := d.Float32s(); !slices.Equal(v, []float32{-1, 0.25}) {
		t.Errorf("Float32s = %v", v)
	}
	if v := d.Float64s(); len(v) != 2 || !math.IsInf(v[0], 1) || v[1] != 0 {
		t.Errorf("Float64s = %v", v)
	}
	if v := d.Raw(3); v != "xyz" {
		t.Errorf("Raw = %q", v)
	}
	if err := d.Finish(); err != nil {
		t.Errorf("Finish = %v", err)
	}
}

// strictReader fails the test if more than limit bytes are read: the
// header is enough to refuse a file.
type strictReader struct {
	t     *testing.T
	r     io.Reader
	limit int
	read  int
}

func (s *strictReader) Read(p []byte) (int, error) {
	n, err := s.r.Read(p)
	s.read += n
	if s.read > s.limit {
		s.t.Fatalf("read %d bytes, more than the %d-byte header", s.read, s.limit)
	}
	return n, err
}

func TestReadRefusesFromHeader(t *testing.T) {
	var good bytes.Buffer
	if _, err := testFormat.Write(&good, []byte("body")); err != nil {
		t.Fatal(err)
	}
	otherVersion := testFormat
	otherVersion.Version = 4
	var v4 bytes.Buffer
	otherVersion.Write(&v4, []byte("body"))
	huge := slices.Clone(good.Bytes())
	huge[10+5] = 1 // a length of 2^40 bytes
	tests := []struct {
		name string
		in   []byte
		want error
		text string
	}{
		{"other magic", append([]byte("KHBRXXXX"), good.Bytes()[8:]...), ErrMagic, "bad magic"},
		{"text file", []byte("بغداد\tLOC\n"), ErrMagic, "bad magic"},
		{"empty", nil, ErrMagic, "bad magic"},
		{"other version", v4.Bytes(), ErrVersion, "version 4, this build reads version 3"},
		{"too large", huge, ErrTooLarge, "1099511627780 bytes announced"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in := append(slices.Clone(tc.in), bytes.Repeat([]byte{0}, 1000)...)
			if len(tc.in) < HeaderSize {
				in = tc.in
			}
			_, err := testFormat.Read(&strictReader{t: t, r: bytes.NewReader(in), limit: HeaderSize})
			if !errors.Is(err, tc.want) || !strings.Contains(err.Error(), tc.text) {
				t.Errorf("Read = %v, want %v with %q", err, tc.want, tc.text)
			}
		})
	}
}

func TestReadCorrupt(t *testing.T) {
	var buf bytes.Buffer
	testFormat.Write(&buf, []byte("a body of some length"))
	good := buf.Bytes()
	flipped := slices.Clone(good)
	flipped[len(flipped)-3] ^= 1
	tests := []struct {
		name string
		in   []byte
		text string
	}{
		{"truncated header", good[:12], "truncated header"},
		{"truncated body", good[:len(good)-4], "truncated: 17 of 21"},
		{"flipped byte", flipped, "checksum mismatch"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := testFormat.Read(bytes.NewReader(tc.in))
			if !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), tc.text) {
				t.Errorf("Read = %v, want ErrCorrupt with %q", err, tc.text)
			}
		})
	}
	// A reader's own error is passed on.
	boom := errors.New("disk on fire")
	_, err := testFormat.Read(io.MultiReader(bytes.NewReader(good[:HeaderSize+2]), iotest.ErrReader(boom)))
	if !errors.Is(err, boom) {
		t.Errorf("Read with a failing reader = %v", err)
	}
}

func TestDecoderErrors(t *testing.T) {
	tests := []struct {
		name string
		body []byte
		read func(d *Decoder)
		text string
	}{
		{"truncated uint32", []byte{1, 2}, func(d *Decoder) { d.Uint32() }, "truncated uint32"},
		{"bad bool", []byte{2}, func(d *Decoder) { d.Bool() }, "bad bool"},
		{"overlong uvarint", bytes.Repeat([]byte{0xff}, 11), func(d *Decoder) { d.Uvarint() }, "malformed uvarint"},
		{"uvarint with a redundant zero byte", []byte{0x80, 0x00}, func(d *Decoder) { d.Uvarint() }, "malformed uvarint"},
		{"count too large", []byte{100, 1, 2}, func(d *Decoder) { d.Float64s() }, "count 100 larger than the file"},
		{"string too long", []byte{5, 'a'}, func(d *Decoder) { _ = d.String() }, "truncated string"},
		{"int out of range", []byte{9}, func(d *Decoder) { d.Int(3, "label") }, "label 9 out of range"},
		{"not finite", []byte{0, 0, 0, 0, 0, 0, 0xf8, 0x7f}, func(d *Decoder) { d.Finite("weight") }, "weight is not finite"},
		{"left over", []byte{1, 2}, func(d *Decoder) { d.Byte() }, "1 unexpected bytes"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := NewDecoder(string(tc.body))
			tc.read(d)
			// The error sticks: later reads give zero values.
			if d.Err() != nil && d.Uvarint() != 0 {
				t.Error("a read after an error returned a value")
			}
			err := d.Finish()
			if !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), tc.text) {
				t.Errorf("Finish = %v, want ErrCorrupt with %q", err, tc.text)
			}
		})
	}
}

func FuzzRead(f *testing.F) {
	var buf bytes.Buffer
	testFormat.Write(&buf, encodeSample())
	f.Add(buf.Bytes())
	f.Add([]byte("KHBRTEST"))
	f.Fuzz(func(t *testing.T, in []byte) {
		body, err := testFormat.Read(bytes.NewReader(in))
		if err != nil {
			return
		}
		// Whatever the body, decoding never panics and never reads past it.
		d := NewDecoder(body)
		for d.Err() == nil && d.Remaining() > 0 {
			d.Strings()
			d.Float64s()
			d.Uint32s()
			d.Varint()
		}
		if d.Remaining() < 0 {
			t.Fatal("decoder read past the body")
		}
	})
}

func TestErrorsWrap(t *testing.T) {
	errNot := errors.New("pkg: not a thing file")
	errVer := errors.New("pkg: unsupported thing file version")
	errBad := errors.New("pkg: corrupt thing file")
	pe := Errors{Read: "pkg: reading thing", Magic: errNot, Version: errVer, Corrupt: errBad}
	var buf bytes.Buffer
	testFormat.Write(&buf, []byte("body"))
	good := buf.Bytes()
	flipped := slices.Clone(good)
	flipped[len(flipped)-1] ^= 1
	other := testFormat
	other.Version = 9
	var v9 bytes.Buffer
	other.Write(&v9, []byte("body"))
	boom := errors.New("disk on fire")
	tests := []struct {
		name     string
		in       io.Reader
		pkg, bin error
		text     string
	}{
		{"magic", strings.NewReader("hello"), errNot, ErrMagic, "pkg: not a thing file"},
		{"version", &v9, errVer, ErrVersion, "pkg: unsupported thing file version: the file has version 9, this build reads version 3"},
		{"checksum", bytes.NewReader(flipped), errBad, ErrCorrupt, "pkg: corrupt thing file: checksum mismatch (truncated or altered)"},
		{"too large, no sentinel", bytes.NewReader(append(slices.Clone(good[:15]), 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)), ErrTooLarge, ErrTooLarge, "binfile: file larger than the size cap"},
		{"read error", io.MultiReader(bytes.NewReader(good[:HeaderSize+1]), iotest.ErrReader(boom)), boom, boom, "pkg: reading thing: reading body: disk on fire"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := testFormat.Read(tc.in)
			err = pe.Wrap(err)
			if !errors.Is(err, tc.pkg) || !errors.Is(err, tc.bin) || !strings.HasPrefix(err.Error(), tc.text) {
				t.Errorf("Wrap = %q, want %q wrapping %v and %v", err, tc.text, tc.pkg, tc.bin)
			}
		})
	}
	d := NewDecoder("\x05a")
	_ = d.String()
	if err := pe.Wrap(d.Finish()); !errors.Is(err, errBad) || err.Error() != "pkg: corrupt thing file: truncated string at byte 1" {
		t.Errorf("Wrap of a decoder error = %q", err)
	}
	if pe.Wrap(nil) != nil {
		t.Error("Wrap(nil) != nil")
	}
}

func TestDecode(t *testing.T) {
	errBad := errors.New("pkg: corrupt thing file")
	pe := Errors{Corrupt: errBad}
	var buf bytes.Buffer
	testFormat.Write(&buf, []byte("\x03abc!"))
	file := buf.Bytes()
	// The whole body read: the value.
	got, err := Decode(bytes.NewReader(file), testFormat, pe, func(d *Decoder) (string, error) { return d.String() + d.Raw(1), nil })
	if err != nil || got != "abc!" {
		t.Errorf("Decode = %q, %v", got, err)
	}
	// Bytes left over: a corrupt file, in the package's words.
	_, err = Decode(bytes.NewReader(file), testFormat, pe, func(d *Decoder) (string, error) { return d.String(), nil })
	if !errors.Is(err, errBad) || !strings.Contains(err.Error(), "1 unexpected bytes") {
		t.Errorf("left over: %v", err)
	}
	// The decoder's own error is returned as it is.
	mine := errors.New("pkg: label out of range")
	if _, err := Decode(bytes.NewReader(file), testFormat, pe, func(d *Decoder) (int, error) { return 0, mine }); err != mine {
		t.Errorf("decode error: %v", err)
	}
	// A container error comes first.
	if _, err := Decode(strings.NewReader("nothing"), testFormat, pe, func(d *Decoder) (int, error) { t.Fatal("decode called"); return 0, nil }); !errors.Is(err, ErrMagic) {
		t.Errorf("bad magic: %v", err)
	}
}
