package tagger

import (
	"bytes"
	"encoding/binary"
	"errors"
	"math"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/khabar-nlp/khabar/internal/binfile"
)

// bodyParts is the content of a model body, written field by field so
// that tests can break any of them.
type bodyParts struct {
	types   []string
	tmpls   []Template
	method  byte
	trans   []float32 // L·L + 2L values
	values  []testValue
	trailer []byte
}

type testValue struct {
	key   uint64
	codes []uint64
	ws    []float32
}

func validParts() *bodyParts {
	p := &bodyParts{types: []string{"LOC", "PER"}, tmpls: []Template{{Name: "w", Window: []int{-1, 0, 1}}}}
	p.trans = make([]float32, 5*5+10)
	for i := range p.trans {
		p.trans[i] = float32(i%7) - 3
	}
	p.values = []testValue{
		{key: key(0, 1), codes: []uint64{0, 7, 44}, ws: []float32{1, -2, 0.5}},
		{key: key(0, 2), codes: []uint64{12}, ws: []float32{3}},
	}
	if p.values[0].key > p.values[1].key {
		p.values[0].key, p.values[1].key = p.values[1].key, p.values[0].key
	}
	return p
}

func (p *bodyParts) encode() []byte {
	var e binfile.Encoder
	e.Strings(p.types)
	e.Uvarint(uint64(len(p.tmpls)))
	for _, t := range p.tmpls {
		e.String(t.Name)
		e.Uvarint(uint64(len(t.Window)))
		for _, o := range t.Window {
			e.Varint(int64(o))
		}
	}
	e.Byte(p.method)
	e.Float64(0)
	e.Float64(1)
	e.Float64(1e-5)
	e.Uvarint(100)
	e.Uvarint(1)
	e.Uint64(1)
	for range 8 {
		e.Uvarint(3)
	}
	e.Float64(0.5)
	e.Float64(10)
	e.String("test")
	for _, v := range p.trans {
		e.Float32(v)
	}
	e.Uvarint(uint64(len(p.values)))
	prev := uint64(0)
	for _, v := range p.values {
		e.Uvarint(v.key - prev)
		prev = v.key
		e.Uvarint(uint64(len(v.codes)))
		for i, c := range v.codes {
			e.Uvarint(c)
			e.Float32(v.ws[i])
		}
	}
	e.Raw(p.trailer)
	return e.Bytes()
}

func file(body []byte) []byte {
	var buf bytes.Buffer
	if _, err := modelFormat().Write(&buf, body); err != nil {
		panic(err)
	}
	return buf.Bytes()
}

func TestReadModelValidBody(t *testing.T) {
	m, err := ReadModel(bytes.NewReader(file(validParts().encode())))
	if err != nil {
		t.Fatal(err)
	}
	if m.Len() != 2 || m.Parameters() != 4 || m.Info().Provenance != "test" || len(m.Labels()) != 5 {
		t.Fatalf("model: %d values, %d parameters, info %+v", m.Len(), m.Parameters(), m.Info())
	}
	got := m.Tag([][]Obs{{{Template: 0, Value: 1}}, {{Template: 0, Value: 2}}}, nil)
	if len(got) != 2 {
		t.Fatalf("Tag = %v", got)
	}
}

func TestReadModelCorruptBody(t *testing.T) {
	tests := []struct {
		name   string
		mutate func(p *bodyParts)
	}{
		{"types out of order", func(p *bodyParts) { p.types = []string{"PER", "LOC"} }},
		{"empty type", func(p *bodyParts) { p.types = []string{"", "PER"} }},
		{"too many types", func(p *bodyParts) {
			p.types = make([]string, MaxTypes+1)
			for i := range p.types {
				p.types[i] = string(rune('a'+i/26)) + string(rune('a'+i%26))
			}
		}},
		{"no template", func(p *bodyParts) { p.tmpls = nil }},
		{"offset out of range", func(p *bodyParts) { p.tmpls[0].Window = []int{0, 5} }},
		{"window not sorted", func(p *bodyParts) { p.tmpls[0].Window = []int{1, 0} }},
		{"unknown method", func(p *bodyParts) { p.method = 9 }},
		{"NaN transition", func(p *bodyParts) { p.trans[3] = float32(math.NaN()) }},
		{"infinite end score", func(p *bodyParts) { p.trans[len(p.trans)-1] = float32(math.Inf(1)) }},
		{"keys out of order", func(p *bodyParts) { p.values[0], p.values[1] = p.values[1], p.values[0] }},
		{"key twice", func(p *bodyParts) { p.values[1].key = p.values[0].key }},
		{"code out of range", func(p *bodyParts) { p.values[1].codes[0] = 45 }},
		{"codes out of order", func(p *bodyParts) { p.values[0].codes = []uint64{7, 0, 44} }},
		{"zero weight", func(p *bodyParts) { p.values[1].ws[0] = 0 }},
		{"infinite weight", func(p *bodyParts) { p.values[1].ws[0] = float32(math.Inf(-1)) }},
		{"value without entries", func(p *bodyParts) { p.values[1].codes, p.values[1].ws = nil, nil }},
		{"trailing bytes", func(p *bodyParts) { p.trailer = []byte{0} }},
		{"truncated transitions", func(p *bodyParts) { p.trans = p.trans[:10]; p.values = nil }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := validParts()
			tc.mutate(p)
			_, err := ReadModel(bytes.NewReader(file(p.encode())))
			if !errors.Is(err, ErrCorrupt) || !errors.Is(err, binfile.ErrCorrupt) {
				t.Fatalf("err = %v, want ErrCorrupt", err)
			}
			if !strings.HasPrefix(err.Error(), "tagger: ") {
				t.Errorf("error %q lacks the package prefix", err)
			}
		})
	}
}

func TestReadModelBadFiles(t *testing.T) {
	good := file(validParts().encode())
	flipped := bytes.Clone(good)
	flipped[len(flipped)-3] ^= 0x40
	version := bytes.Clone(good)
	binary.LittleEndian.PutUint16(version[8:], FormatVersion+1)
	huge := bytes.Clone(good)
	binary.LittleEndian.PutUint64(huge[10:], MaxModelSize+1)
	tests := []struct {
		name string
		data []byte
		want error
		wrap error
	}{
		{"empty", nil, ErrNotModel, binfile.ErrMagic},
		{"other magic", append([]byte("KHABARGZ"), good[8:]...), ErrNotModel, binfile.ErrMagic},
		{"text", []byte("O\tB-PER\n"), ErrNotModel, binfile.ErrMagic},
		{"other version", version, ErrVersion, binfile.ErrVersion},
		{"too large", huge, ErrCorrupt, binfile.ErrTooLarge},
		{"truncated header", good[:12], ErrCorrupt, binfile.ErrCorrupt},
		{"truncated body", good[:len(good)-1], ErrCorrupt, binfile.ErrCorrupt},
		{"altered byte", flipped, ErrCorrupt, binfile.ErrCorrupt},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ReadModel(iotest.HalfReader(bytes.NewReader(tc.data)))
			if !errors.Is(err, tc.want) || !errors.Is(err, tc.wrap) {
				t.Fatalf("err = %v, want %v and %v", err, tc.want, tc.wrap)
			}
			if !strings.HasPrefix(err.Error(), "tagger: ") {
				t.Errorf("error %q lacks the package prefix", err)
			}
		})
	}
	boom := errors.New("disk on fire")
	_, err := ReadModel(iotest.ErrReader(boom))
	if !errors.Is(err, boom) || !strings.HasPrefix(err.Error(), "tagger: ") {
		t.Errorf("read error: %v", err)
	}
	if _, err := ReadModel(bytes.NewReader(append(bytes.Clone(good), "more"...))); err != nil {
		t.Errorf("bytes after the model: %v", err)
	}
}
