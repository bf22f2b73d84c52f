package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"iter"
)

// objectWriter writes a JSON object exactly as json.Encoder would (HTML
// characters left unescaped; indented by two spaces or compact, one
// object a line), but streams the arrays named in its streams element by
// element, so that the whole output is never held in memory: the tokens
// of an 8 MB article make hundreds of megabytes of JSON.
//
// The object is first encoded with each streamed array cut to at most one
// element (a stand-in that keeps the field where json.Encoder puts it,
// even under omitempty), and its top-level keys are then written in that
// order, the streamed ones from their iterators. Fields added to the
// object's type later are written too, in their place, without a change
// here.
type objectWriter struct {
	indent bool
	buf    bytes.Buffer
	enc    *json.Encoder
}

func newObjectWriter(indent bool) *objectWriter {
	o := &objectWriter{indent: indent}
	o.enc = json.NewEncoder(&o.buf)
	o.enc.SetEscapeHTML(false)
	if indent {
		// The prefix puts the elements of a top-level array at their
		// depth; the first line of a value carries no prefix.
		o.enc.SetIndent("    ", "  ")
	}
	return o
}

// write writes head, an object whose streamed arrays are cut to stand-ins,
// with the arrays of streams in place of those stand-ins.
func (o *objectWriter) write(w io.Writer, head any, streams map[string]iter.Seq[any]) error {
	raw, err := marshal(head)
	if err != nil {
		return err
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return fmt.Errorf("analyze: encoding the result: want a JSON object, got %v %v", t, err)
	}
	var out bytes.Buffer // the part of the object between streamed arrays
	out.WriteByte('{')
	for n := 0; dec.More(); n++ {
		t, err := dec.Token()
		if err != nil {
			return err
		}
		key, _ := t.(string)
		var value json.RawMessage
		if err := dec.Decode(&value); err != nil {
			return err
		}
		if n > 0 {
			out.WriteByte(',')
		}
		if o.indent {
			out.WriteString("\n  ")
		}
		k, err := marshal(key)
		if err != nil {
			return err
		}
		out.Write(k)
		out.WriteByte(':')
		if o.indent {
			out.WriteByte(' ')
		}
		seq, streamed := streams[key]
		if !streamed {
			if !o.indent {
				out.Write(value)
			} else if err := json.Indent(&out, value, "  ", "  "); err != nil {
				return err
			}
			continue
		}
		if _, err := w.Write(out.Bytes()); err != nil {
			return err
		}
		out.Reset()
		if err := o.array(w, seq); err != nil {
			return err
		}
	}
	if o.indent {
		out.WriteString("\n}")
	} else {
		out.WriteByte('}')
	}
	out.WriteByte('\n')
	_, err = w.Write(out.Bytes())
	return err
}

// array writes the elements of seq as a JSON array at depth one.
func (o *objectWriter) array(w io.Writer, seq iter.Seq[any]) error {
	n := 0
	var err error
	for v := range seq {
		o.buf.Reset()
		if n == 0 {
			o.buf.WriteByte('[')
		} else {
			o.buf.WriteByte(',')
		}
		if o.indent {
			o.buf.WriteString("\n    ")
		}
		if err = o.enc.Encode(v); err != nil {
			break
		}
		o.buf.Truncate(o.buf.Len() - 1) // Encode's newline
		if _, err = w.Write(o.buf.Bytes()); err != nil {
			break
		}
		n++
	}
	if err != nil {
		return err
	}
	switch {
	case n == 0:
		_, err = io.WriteString(w, "[]")
	case o.indent:
		_, err = io.WriteString(w, "\n  ]")
	default:
		_, err = io.WriteString(w, "]")
	}
	return err
}

// marshal encodes v compactly without escaping HTML characters, as the
// encoder of the whole object would.
func marshal(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}

// seqOf returns an iterator over the elements of s as values of type any.
func seqOf[T any](s []T) iter.Seq[any] {
	return func(yield func(any) bool) {
		for i := range s {
			if !yield(&s[i]) {
				return
			}
		}
	}
}

// standIn returns s cut to at most one element.
func standIn[T any](s []T) []T { return s[:min(len(s), 1)] }
