package main

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"strings"
)

// Limits of the packed relation word (see encode): 20 bits of target word,
// 8 of weight, 4 of kind.
const (
	relTargetBits = 20
	relWeightBits = 8
	maxWords      = 1 << relTargetBits
)

// encode writes the table format lexicon.decode reads. Everything is a
// fixed-width array (integers little-endian uint32) so that the lexicon
// reads the embedded bytes in place, with no decompression and no copy:
//
//	magic "BBLEX3\n" (the digit is the format version)
//	header: 9 × u32: N words, R relations, S word slots, L word bytes,
//	        E exceptions, T exception slots, X exception bytes,
//	        C capitals, D countries
//	(N+1) × u32  word ends: word i is words[end[i]:end[i+1]], end[0] = 0
//	(N+1) × u32  relation starts: word i's are rels[start[i]:start[i+1]]
//	R × u32      relations: target | weight×255 << 20 | kind << 28
//	S × u32      hash of the words (FNV-1a, linear probing, S a power of
//	             two ≥ 2N): word index + 1, 0 for an empty slot
//	N × u8       POS mask (bit p for morph.POS p)
//	N × u8       familiarity (famBucket; 0 for a word WordNet does not list)
//	L bytes      the words, concatenated in sorted order
//	(E+1) × u32  exception ends into the exception bytes, as for words
//	E × u32      exception base (a word index)
//	E × u8       exception POS
//	T × u32      hash of the distinct inflected forms (as for words): index
//	             + 1 of the form's first exception; a form's exceptions are
//	             consecutive, sorted by (form, POS, base)
//	X bytes      the inflected forms, concatenated
//	C × 2 u32    (country, capital), sorted by country
//	D × 2 u32    (capital, country), sorted by capital
func (t *table) encode(b *bytes.Buffer) error {
	if len(t.words) >= maxWords {
		return fmt.Errorf("%d words: the packed relation format holds at most %d", len(t.words), maxWords-1)
	}
	u32 := func(x int) { b.Write(binary.LittleEndian.AppendUint32(nil, uint32(x))) }
	var words, excWords strings.Builder
	for _, w := range t.words {
		words.WriteString(w)
	}
	for _, e := range t.exc {
		excWords.WriteString(e.infl)
	}
	wordSlots := hashTable(len(t.words), func(i int) string { return t.words[i] })
	// Only the first exception of each inflected form goes in its hash.
	var firsts []int
	for i, e := range t.exc {
		if i == 0 || t.exc[i-1].infl != e.infl {
			firsts = append(firsts, i)
		}
	}
	excSlots := hashTable(len(firsts), func(i int) string { return t.exc[firsts[i]].infl })
	for i, s := range excSlots {
		if s != 0 {
			excSlots[i] = uint32(firsts[s-1] + 1)
		}
	}

	b.WriteString("BBLEX3\n")
	for _, n := range []int{len(t.words), t.nrel, len(wordSlots), words.Len(), len(t.exc), len(excSlots), excWords.Len(), len(t.capitals), len(t.countryOf)} {
		u32(n)
	}
	end := 0
	u32(0)
	for _, w := range t.words {
		end += len(w)
		u32(end)
	}
	start := 0
	u32(0)
	for _, rs := range t.rels {
		start += len(rs)
		u32(start)
	}
	for _, rs := range t.rels {
		for _, r := range rs {
			u32(r.target | int(r.w)<<relTargetBits | int(r.kind)<<(relTargetBits+relWeightBits))
		}
	}
	for _, s := range wordSlots {
		u32(int(s))
	}
	b.Write(t.pos)
	b.Write(t.fam)
	b.WriteString(words.String())
	end = 0
	u32(0)
	for _, e := range t.exc {
		end += len(e.infl)
		u32(end)
	}
	for _, e := range t.exc {
		u32(e.base)
	}
	for _, e := range t.exc {
		b.WriteByte(e.pos)
	}
	for _, s := range excSlots {
		u32(int(s))
	}
	b.WriteString(excWords.String())
	for _, ps := range [][][2]int{t.capitals, t.countryOf} {
		for _, c := range ps {
			u32(c[0])
			u32(c[1])
		}
	}
	return nil
}

// hashTable lays out an open-addressing hash of n keys as the lexicon probes
// it: FNV-1a, linear probing, a power-of-two size at least 2n (so probes are
// short and there is always an empty slot to stop at); a slot holds key
// index + 1, 0 when empty.
func hashTable(n int, key func(int) string) []uint32 {
	size := 1
	for size < 2*n {
		size <<= 1
	}
	slots := make([]uint32, size)
	mask := uint32(size - 1)
	for i := 0; i < n; i++ {
		h := hash(key(i)) & mask
		for slots[h] != 0 {
			h = (h + 1) & mask
		}
		slots[h] = uint32(i + 1)
	}
	return slots
}

// hash is FNV-1a, as lexicon.hash; keep the two in step.
func hash(s string) uint32 {
	h := uint32(2166136261)
	for i := 0; i < len(s); i++ {
		h ^= uint32(s[i])
		h *= 16777619
	}
	return h
}
