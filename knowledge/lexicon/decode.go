package lexicon

import (
	"errors"
	"fmt"
	"strings"

	"github.com/briefbot/briefbot/knowledge/lexicon/internal/morph"
)

var errCorrupt = errors.New("corrupt table")

// magic opens the table; its digit is the format version, raised whenever
// the layout changes so that a table and code out of step fail to decode
// rather than misread each other. Version 2 added familiarity; version 3 is
// uncompressed fixed-width arrays, read in place.
const magic = "BBLEX3\n"

// The header's counts, in the order the table stores them.
const (
	hWords     = iota // N
	hRels             // R
	hWordSlots        // S
	hWordBytes        // L
	hExc              // E
	hExcSlots         // T
	hExcBytes         // X
	hCapitals         // C
	hCountries        // D
	numHeader
)

// decode checks a table and returns a Lexicon viewing it. Every index the
// lookups follow is checked here, once, so that a damaged table is an
// error rather than an out-of-range panic or an endless probe later.
func decode(t string) (*Lexicon, error) {
	if !strings.HasPrefix(t, magic) {
		if len(t) >= len(magic) && strings.HasPrefix(t, magic[:5]) {
			// A table of another format version: a stale table.bin, or code
			// older than the table. Either way, regenerate.
			return nil, fmt.Errorf("%w: format %q, want %q (go generate ./knowledge/lexicon)", errCorrupt, t[5:len(magic)-1], magic[5:len(magic)-1])
		}
		return nil, fmt.Errorf("%w: bad magic", errCorrupt)
	}
	d := reader{s: t[len(magic):]}
	var h [numHeader]int
	for i := range h {
		h[i] = d.int()
	}
	n := h[hWords]
	l := &Lexicon{
		n:         n,
		wordEnds:  d.u32s(n + 1),
		relStarts: d.u32s(n + 1),
		rels:      d.u32s(h[hRels]),
		wordSlots: d.u32s(h[hWordSlots]),
		pos:       d.take(n),
		fam:       d.take(n),
		words:     d.take(h[hWordBytes]),
		nExc:      h[hExc],
		excEnds:   d.u32s(h[hExc] + 1),
		excBases:  d.u32s(h[hExc]),
		excPOS:    d.take(h[hExc]),
		excSlots:  d.u32s(h[hExcSlots]),
		excWords:  d.take(h[hExcBytes]),
		capital:   d.u32s(2 * h[hCapitals]),
		country:   d.u32s(2 * h[hCountries]),
	}
	if d.err != nil {
		return nil, d.err
	}
	if len(d.s) != 0 {
		return nil, fmt.Errorf("%w: %d bytes past the end", errCorrupt, len(d.s))
	}
	if n >= 1<<relTargetBits {
		return nil, fmt.Errorf("%w: %d words", errCorrupt, n)
	}
	if !ascending(l.wordEnds, len(l.words)) {
		return nil, fmt.Errorf("%w: word ends", errCorrupt)
	}
	if !ascending(l.relStarts, h[hRels]) {
		return nil, fmt.Errorf("%w: relation starts", errCorrupt)
	}
	for j := range h[hRels] {
		r := u32(l.rels, j)
		if k := Kind(r >> (relTargetBits + relWeightBits)); r&relTargetMask >= uint32(n) || k == 0 || k >= numKinds {
			return nil, fmt.Errorf("%w: relation %d", errCorrupt, j)
		}
	}
	if !hashOK(l.wordSlots, n) {
		return nil, fmt.Errorf("%w: word hash", errCorrupt)
	}
	if !ascending(l.excEnds, len(l.excWords)) {
		return nil, fmt.Errorf("%w: exception ends", errCorrupt)
	}
	for i := range l.nExc {
		if u32(l.excBases, i) >= uint32(n) || morph.POS(l.excPOS[i]) >= morph.NumPOS {
			return nil, fmt.Errorf("%w: exception %q", errCorrupt, l.excWord(i))
		}
	}
	if !hashOK(l.excSlots, l.nExc) {
		return nil, fmt.Errorf("%w: exception hash", errCorrupt)
	}
	for _, ps := range []string{l.capital, l.country} {
		for i := range len(ps) / 8 {
			// Keys strictly ascending, for the binary search in pair.
			if a, b := u32(ps, 2*i), u32(ps, 2*i+1); a >= uint32(n) || b >= uint32(n) || i > 0 && a <= u32(ps, 2*i-2) {
				return nil, fmt.Errorf("%w: capital pair", errCorrupt)
			}
		}
	}
	return l, nil
}

// ascending reports whether the offsets in ends start at 0, never go back
// and finish at size, so that every slice between two of them is in range.
func ascending(ends string, size int) bool {
	m := len(ends) / 4
	prev := u32(ends, 0)
	if prev != 0 {
		return false
	}
	for i := 1; i < m; i++ {
		e := u32(ends, i)
		if e < prev {
			return false
		}
		prev = e
	}
	return int(prev) == size
}

// hashOK reports whether slots is a usable hash of keys numbered below n: a
// power-of-two size, every slot 0 or a key index + 1, and at least one
// empty slot, so that a probe for a missing key stops.
func hashOK(slots string, n int) bool {
	size := len(slots) / 4
	if size == 0 || size&(size-1) != 0 {
		return false
	}
	empty := false
	for i := range size {
		s := u32(slots, i)
		if s > uint32(n) {
			return false
		}
		empty = empty || s == 0
	}
	return empty
}

// reader takes the table's sections in turn; the first shortfall sets err
// and every later read returns empty.
type reader struct {
	s   string
	err error
}

func (d *reader) take(n int) string {
	if d.err != nil {
		return ""
	}
	if n < 0 || n > len(d.s) {
		d.err = fmt.Errorf("%w: truncated", errCorrupt)
		return ""
	}
	v := d.s[:n]
	d.s = d.s[n:]
	return v
}

func (d *reader) u32s(n int) string { return d.take(4 * n) }

// int reads a count of the header. A count larger than the bytes left is
// corrupt, whatever it counts; bounding it here keeps the arithmetic on it
// (4n, 2n+1) far from overflow.
func (d *reader) int() int {
	v := d.take(4)
	if v == "" {
		return 0
	}
	c := u32(v, 0)
	if uint64(c) > uint64(len(d.s)) {
		d.err = fmt.Errorf("%w: count %d past end", errCorrupt, c)
		return 0
	}
	return int(c)
}
