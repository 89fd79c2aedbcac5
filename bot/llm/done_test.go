package llm

import (
	"fmt"
	"io"
	"strings"
	"sync/atomic"
	"testing"
	"testing/iotest"
)

// TestProgressBodyHearsDone: the closing "data: [DONE]" is heard however
// the body is read (a byte at a time splits it), with or without the
// space, with CRLF; "[DONE]" inside a chunk's JSON, or a body that just
// stops, is not it.
func TestProgressBodyHearsDone(t *testing.T) {
	const chunk = `data: {"choices":[{"delta":{"content":"data: [DONE]"}}]}` + "\n\n"
	for body, want := range map[string]bool{
		chunk + "data: [DONE]\n\n":         true,
		chunk + "data:[DONE]\n\n":          true,
		"data: {}\r\n\r\ndata: [DONE]\r\n": true,
		"data: [DONE]\n\n":                 true,
		chunk:                              false,
		chunk + "data: [DON":               false,
		`data: {"x":"\ndata: [DONE]"}`:     false, // an escaped newline is two characters
	} {
		readers := map[string]func(io.Reader) io.Reader{"whole": func(r io.Reader) io.Reader { return r }, "byte by byte": iotest.OneByteReader}
		for _, size := range []int{7, 20, 30} { // the event split between reads at every place
			readers[fmt.Sprintf("%d bytes at a time", size)] = func(r io.Reader) io.Reader { return &chunked{r, size} }
		}
		for name, r := range readers {
			var done atomic.Bool
			b := &progressBody{ReadCloser: io.NopCloser(r(strings.NewReader(body))), progress: func() {}, done: &done}
			if _, err := io.Copy(io.Discard, b); err != nil {
				t.Fatal(err)
			}
			if done.Load() != want {
				t.Errorf("%s, %q: done %v, want %v", name, body, done.Load(), want)
			}
		}
	}
}

// chunked reads at most size bytes at a time.
type chunked struct {
	r    io.Reader
	size int
}

func (c *chunked) Read(p []byte) (int, error) { return c.r.Read(p[:min(len(p), c.size)]) }
