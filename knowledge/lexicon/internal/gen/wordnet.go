package main

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/briefbot/briefbot/knowledge/lexicon/internal/morph"
)

type ptr struct {
	sym      string
	key      string // target synset key
	src, dst int    // 1-based word numbers; 0 for a semantic pointer
}

type synset struct {
	key     string
	pos     byte // n v a s r, as in the data file
	lexfile int
	words   []string // lower case, spaces for underscores
	raw     []string // as written (underscores, case), for sense keys
	lexids  []int
	ptrs    []ptr
}

// sense is one meaning of a lemma: a synset and where the lemma sits in it.
type sense struct {
	ss   *synset
	word int // index into ss.words
	p    float64
}

type wn struct {
	synsets map[string]*synset
	index   map[string]*[morph.NumPOS][]string // lemma → synset keys per POS
	counts  map[string]int                     // sense key → tag count
	exc     [morph.NumPOS]map[string][]string
	senses  map[string][]sense
	// pertainedBy lists, per noun synset, the adjectives pertaining to it.
	pertainedBy map[string][]backPtr
	// isPlace marks the synsets of capitals and their countries.
	isPlace map[string]bool
}

var filePOS = [morph.NumPOS]string{"noun", "verb", "adj", "adv"}

func posOf(c byte) morph.POS {
	switch c {
	case 'n':
		return morph.Noun
	case 'v':
		return morph.Verb
	case 'a', 's':
		return morph.Adj
	}
	return morph.Adv
}

func skey(pos morph.POS, off string) string { return string("nvar"[pos]) + off }

func norm(lemma string) string {
	// Adjective markers such as "(a)" or "(ip)" are syntax, not spelling.
	if i := strings.IndexByte(lemma, '('); i > 0 {
		lemma = lemma[:i]
	}
	return strings.ReplaceAll(strings.ToLower(lemma), "_", " ")
}

func lines(name string, fn func(line string) error) error {
	f, err := os.Open(filepath.Join(*wnDir, name))
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	n := 0
	for sc.Scan() {
		n++
		line := sc.Text()
		if line == "" || line[0] == ' ' { // licence header
			continue
		}
		if err := fn(line); err != nil {
			return fmt.Errorf("%s:%d: %w", name, n, err)
		}
	}
	return sc.Err()
}

func (w *wn) readData(p morph.POS) error {
	return lines("data."+filePOS[p], func(line string) error {
		if i := strings.Index(line, " | "); i >= 0 {
			line = line[:i]
		}
		f := strings.Fields(line)
		lexfile, _ := strconv.Atoi(f[1])
		ss := &synset{key: skey(p, f[0]), pos: f[2][0], lexfile: lexfile}
		nw, err := strconv.ParseInt(f[3], 16, 32)
		if err != nil {
			return err
		}
		i := 4
		for j := 0; j < int(nw); j++ {
			id, _ := strconv.ParseInt(f[i+1], 16, 32)
			ss.raw = append(ss.raw, f[i])
			ss.words = append(ss.words, norm(f[i]))
			ss.lexids = append(ss.lexids, int(id))
			i += 2
		}
		np, _ := strconv.Atoi(f[i])
		i++
		for j := 0; j < np; j++ {
			sd, _ := strconv.ParseUint(f[i+3], 16, 16)
			ss.ptrs = append(ss.ptrs, ptr{
				sym: f[i],
				key: skey(posOf(f[i+2][0]), f[i+1]),
				src: int(sd >> 8), dst: int(sd & 0xff),
			})
			i += 4
		}
		w.synsets[ss.key] = ss
		return nil
	})
}

func (w *wn) readIndex(p morph.POS) error {
	return lines("index."+filePOS[p], func(line string) error {
		f := strings.Fields(line)
		lemma := norm(f[0])
		nsyn, _ := strconv.Atoi(f[2])
		np, _ := strconv.Atoi(f[3])
		offs := f[4+np+2:]
		if len(offs) != nsyn {
			return fmt.Errorf("index line for %q: %d offsets, want %d", lemma, len(offs), nsyn)
		}
		e := w.index[lemma]
		if e == nil {
			e = new([morph.NumPOS][]string)
			w.index[lemma] = e
		}
		for _, o := range offs {
			e[p] = append(e[p], skey(p, o))
		}
		return nil
	})
}

func (w *wn) readExc(p morph.POS) error {
	w.exc[p] = map[string][]string{}
	return lines(filePOS[p]+".exc", func(line string) error {
		f := strings.Fields(line)
		infl := norm(f[0])
		for _, b := range f[1:] {
			w.exc[p][infl] = append(w.exc[p][infl], norm(b))
		}
		return nil
	})
}

func (w *wn) readCounts() error {
	return lines("cntlist.rev", func(line string) error {
		f := strings.Fields(line)
		n, err := strconv.Atoi(f[2])
		w.counts[f[0]] += n
		return err
	})
}

var ssType = map[byte]int{'n': 1, 'v': 2, 'a': 3, 'r': 4, 's': 5}

// senseKey builds WordNet's sense key (senseidx(5WN)) for word i of ss, the
// key under which cntlist.rev counts how often that sense was tagged.
func (w *wn) senseKey(ss *synset, i int) string {
	head, headID := "", ""
	if ss.pos == 's' {
		for _, p := range ss.ptrs {
			if p.sym == "&" {
				if h := w.synsets[p.key]; h != nil {
					head = strings.ToLower(h.raw[0])
					if j := strings.IndexByte(head, '('); j > 0 {
						head = head[:j]
					}
					headID = fmt.Sprintf("%02d", h.lexids[0])
				}
				break
			}
		}
	}
	lemma := strings.ToLower(ss.raw[i])
	if j := strings.IndexByte(lemma, '('); j > 0 {
		lemma = lemma[:j]
	}
	return fmt.Sprintf("%s%%%d:%02d:%02d:%s:%s", lemma, ssType[ss.pos], ss.lexfile, ss.lexids[i], head, headID)
}

func (w *wn) known(word string) bool { return w.index[word] != nil }

// knownBase reports whether word is a lemma or a regular inflection of one,
// the guard spelling.Variants needs.
func (w *wn) knownBase(word string) bool {
	if w.known(word) {
		return true
	}
	for p := morph.Noun; p < morph.NumPOS; p++ {
		if len(w.exc[p][word]) > 0 {
			return true
		}
		found := false
		morph.Detach(word, p, func(b string) bool {
			found = w.index[b] != nil && len(w.index[b][p]) > 0
			return found
		})
		if found {
			return true
		}
	}
	return false
}
