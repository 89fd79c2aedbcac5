package lexicon

import (
	"bufio"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unsafe"
)

func find(rs []Relation, word string) (Relation, bool) {
	for _, r := range rs {
		if r.Word == word {
			return r, true
		}
	}
	return Relation{}, false
}

// TestRelated asserts the relations query expansion relies on. Each is one
// WordNet actually has; the ones it lacks (wary → cautious, oppose →
// against) are deliberately absent.
func TestRelated(t *testing.T) {
	l := Default()
	tests := []struct {
		word, want string
		kind       Kind
		min        float32
	}{
		{"office", "bureau", Synonym, 0.15},
		{"bureau", "office", Synonym, 0.3},
		{"office", "agency", Synonym, 0.15},
		{"french", "france", Pertainym, 0.5},
		{"france", "french", Pertainym, 0.5},
		{"japanese", "japan", Pertainym, 0.4},
		{"japan", "japanese", Pertainym, 0.4},
		{"chinese", "china", Pertainym, 0.5},
		{"china", "chinese", Pertainym, 0.3},
		{"european", "europe", Pertainym, 0.5},
		{"asian", "asia", Pertainym, 0.5},
		{"american", "america", Pertainym, 0.5},
		{"australian", "australia", Pertainym, 0.5},
		{"tokyo", "japan", Capital, 0.5},
		{"japan", "tokyo", Capital, 0.2},
		{"beijing", "china", Capital, 0.5},
		{"tokyo", "capital of japan", Synonym, 0.5},
		{"spokesman", "spokesperson", Hypernym, 0.3},
		{"spokesperson", "spokesman", Hyponym, 0.1},
		{"nation", "country", Synonym, 0.5},
		{"countries", "country", Inflection, 1},
		{"countries", "nation", Synonym, 0.3},
		{"troops", "troop", Inflection, 0.2}, // "troops" is a lemma itself
		{"troops", "soldiery", Synonym, 0.4},
		{"troops", "military personnel", Synonym, 0.4},
		{"soldiers", "soldier", Inflection, 1},
		{"anniversary", "day of remembrance", Synonym, 0.5},
		{"summit", "summit meeting", Synonym, 0.1},
		{"budget", "budgetary", Pertainym, 0.5},
		{"member", "membership", Derived, 0.5},
		{"reluctant", "unwilling", Similar, 0.15},
		{"reluctant", "reluctance", Derived, 0.3},
		{"wary", "wariness", Derived, 0.5},
		{"wary", "suspicious", Synonym, 0.05},
		{"oppose", "opposition", Derived, 0.3},
		{"oppose", "opponent", Derived, 0.3},
		{"opposition", "oppose", Derived, 0.2},
		{"provoke", "provocation", Derived, 0.3},
		{"skeptical", "sceptical", Spelling, 1},
		{"sceptical", "skeptical", Spelling, 1},
		{"scepticism", "skepticism", Spelling, 1},
		{"skepticism", "scepticism", Spelling, 1},
		{"defence", "defense", Spelling, 1},
		{"organisation", "organization", Spelling, 1},
		{"organization", "organisation", Spelling, 1},
		{"criticised", "criticized", Spelling, 1},
		{"criticised", "criticism", Derived, 0.5},
		{"destabilising", "destabilizing", Spelling, 1},
		{"us", "united states", Abbreviation, 0.5},
		{"u.s.", "united states", Abbreviation, 0.5},
		{"usa", "united states", Synonym, 0.5},
		{"uk", "united kingdom", Abbreviation, 0.9},
		{"un", "united nations", Abbreviation, 0.9},
		{"eu", "european union", Abbreviation, 0.5},
		{"went", "go", Inflection, 1},
		{"Japan's", "japanese", Pertainym, 0.4},
		{"United_States", "us", Abbreviation, 0.5},
		{"provoked", "provoke", Inflection, 0.8},
	}
	for _, tt := range tests {
		r, ok := find(l.Related(tt.word), tt.want)
		if !ok {
			t.Errorf("Related(%q) lacks %q: %v", tt.word, tt.want, l.Related(tt.word))
			continue
		}
		if r.Kind != tt.kind || r.Weight < tt.min || r.Weight > 1 {
			t.Errorf("Related(%q) has %q as %v %.2f, want %v ≥ %.2f", tt.word, tt.want, r.Kind, r.Weight, tt.kind, tt.min)
		}
	}
}

// TestNoise asserts that rare senses stay quiet.
func TestNoise(t *testing.T) {
	l := Default()
	tests := []struct {
		word, noise string
		max         float32
	}{
		{"office", "function", 0.05}, // "function" seldom means an office
		{"office", "role", 0.05},
		{"eu", "europium", 0.2}, // the chemical symbol, not the union
		{"nation", "land", 0.15},
		{"countries", "rural area", 0.1},
		{"states", "united states", 0.1}, // "member states" is not the US
	}
	for _, tt := range tests {
		if r, ok := find(l.Related(tt.word), tt.noise); ok && r.Weight > tt.max {
			t.Errorf("Related(%q) has %q at %.2f, want ≤ %.2f", tt.word, tt.noise, r.Weight, tt.max)
		}
	}
}

func TestRelatedShape(t *testing.T) {
	l := Default()
	for _, w := range []string{"office", "run", "state", "set", "good", "countries", "organisations"} {
		rs := l.Related(w)
		if len(rs) == 0 {
			t.Errorf("Related(%q) is empty", w)
		}
		seen := map[string]bool{}
		for _, r := range rs {
			if r.Word == "" || r.Word == w || seen[r.Word] || r.Weight <= 0 || r.Weight > 1 || r.Word != strings.ToLower(r.Word) {
				t.Errorf("Related(%q): bad relation %+v", w, r)
			}
			seen[r.Word] = true
		}
		if n := len(rs); n > 16 {
			t.Errorf("Related(%q) has %d relations, want at most 12 plus spelling/inflection links", w, n)
		}
	}
	for _, w := range []string{"", "   ", "xyzzyq", "quux-frobnicate"} {
		if rs := l.Related(w); len(rs) != 0 {
			t.Errorf("Related(%q) = %v, want none", w, rs)
		}
	}
}

func TestLemma(t *testing.T) {
	l := Default()
	tests := map[string]string{
		"countries":     "country",
		"went":          "go",
		"mice":          "mouse",
		"spokesmen":     "spokesman",
		"ministries":    "ministry",
		"provokes":      "provoke",
		"opposes":       "oppose",
		"provoked":      "provoked", // an adjective lemma in its own right
		"troops":        "troops",   // a lemma in its own right
		"office":        "office",
		"Tokyo":         "tokyo",
		"Japan's":       "japan",
		"japan’s":       "japan",
		"glass":         "glass", // nouns in -ss are not plurals
		"criticised":    "criticise",
		"United_States": "united states",
		"zzyzx":         "zzyzx",
	}
	for in, want := range tests {
		if got := l.Lemma(in); got != want {
			t.Errorf("Lemma(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCapitals(t *testing.T) {
	l := Default()
	pairs := []struct{ country, capital string }{
		{"japan", "tokyo"},
		{"china", "beijing"},
		{"france", "paris"},
		{"united states", "washington"},
		{"australia", "canberra"},
		{"south korea", "seoul"},
		{"india", "new delhi"},
		{"russia", "moscow"},
	}
	for _, p := range pairs {
		if got := l.Capital(p.country); got != p.capital {
			t.Errorf("Capital(%q) = %q, want %q", p.country, got, p.capital)
		}
		if got := l.CountryOfCapital(p.capital); got != p.country {
			t.Errorf("CountryOfCapital(%q) = %q, want %q", p.capital, got, p.country)
		}
	}
	// WordNet's London is in England, itself part of the United Kingdom.
	if got := l.Capital("united kingdom"); got != "london" {
		t.Errorf("Capital(united kingdom) = %q, want london", got)
	}
	if got := l.CountryOfCapital("london"); got != "united kingdom" {
		t.Errorf("CountryOfCapital(london) = %q, want united kingdom", got)
	}
	if got := l.Capital("US"); got != "washington" {
		t.Errorf("Capital(US) = %q, want washington", got)
	}
	if got := l.CountryOfCapital("peking"); got != "china" {
		t.Errorf("CountryOfCapital(peking) = %q, want china", got)
	}
	for _, no := range []string{"", "office", "osaka"} {
		if got := l.CountryOfCapital(no); got != "" {
			t.Errorf("CountryOfCapital(%q) = %q, want none", no, got)
		}
		if got := l.Capital(no); got != "" {
			t.Errorf("Capital(%q) = %q, want none", no, got)
		}
	}
}

func TestCountry(t *testing.T) {
	l := Default()
	for word, want := range map[string]string{
		"russia": "russia", "Russian": "russia", "moscow": "russia",
		"filipino": "philippines", "japanese": "japan", "canberra": "australia",
		"seoul": "south korea",
		// Continents, regions and ordinary words name no country.
		"asian": "", "european": "", "pacific": "", "nato": "", "office": "", "": "",
	} {
		if got := l.Country(word); got != want {
			t.Errorf("Country(%q) = %q, want %q", word, got, want)
		}
	}
}

func TestSpellingVariants(t *testing.T) {
	l := Default()
	tests := map[string][]string{
		"scepticism":    {"skepticism"},
		"skeptical":     {"sceptical"},
		"defence":       {"defense"},
		"defense":       {"defence"},
		"organisation":  {"organization"},
		"organizations": {"organisations"},
		"jeopardize":    {"jeopardise"},
		"characterised": {"characterized"},
		"colour":        {"color"},
		"favorable":     {"favourable"},
		"centre":        {"center"},
		"theaters":      {"theatres"},
		"travelled":     {"traveled"},
		"programme":     {"program"},
		"analyse":       {"analyze"},
		"recognise":     {"recognize"},
		"promise":       nil, // no "promize"
		"size":          nil,
		"capsize":       nil,
		"four":          nil,
		"honorary":      nil, // British too
		"office":        nil,
	}
	for in, want := range tests {
		got := l.SpellingVariants(in)
		if strings.Join(got, ",") != strings.Join(want, ",") {
			t.Errorf("SpellingVariants(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestKindString(t *testing.T) {
	if Synonym.String() != "synonym" || Capital.String() != "capital" || Kind(99).String() != "Kind(99)" {
		t.Errorf("Kind.String: %v %v %v", Synonym, Capital, Kind(99))
	}
}

func TestDecodeCorrupt(t *testing.T) {
	// Few cuts: each validates up to the cut, which is slow under -race.
	for _, cut := range []int{0, 5, len(magic), 100, len(table) / 2, len(table) - 3} {
		if _, err := decode(table[:cut]); !errors.Is(err, errCorrupt) {
			t.Errorf("decode of table cut at %d: err = %v, want corrupt", cut, err)
		}
	}
	if _, err := decode(table + "x"); !errors.Is(err, errCorrupt) {
		t.Errorf("decode of table with a byte more: err = %v, want corrupt", err)
	}
	if _, err := decode("not a table"); !errors.Is(err, errCorrupt) {
		t.Errorf("decode of garbage: err = %v, want corrupt", err)
	}

	// Damage one index the lookups follow; decode must refuse the table
	// rather than let a lookup panic or probe forever.
	l := Default()
	damage := map[string]struct {
		view string
		i    int
		v    uint32
	}{
		"word end past the words":  {l.wordEnds, l.n, uint32(len(l.words) + 1)},
		"word ends going back":     {l.wordEnds, 1, 1 << 30},
		"relation start past end":  {l.relStarts, 1, 1 << 30},
		"relation target":          {l.rels, 0, relTargetMask | uint32(Synonym)<<28},
		"relation kind 0":          {l.rels, 0, 0},
		"relation kind past last":  {l.rels, 0, 15 << 28},
		"word slot past the words": {l.wordSlots, 0, uint32(l.n + 5)},
		"exception base":           {l.excBases, 0, uint32(l.n)},
		"exception hash":           {l.excSlots, 0, uint32(l.nExc + 1)},
		"capital":                  {l.capital, 1, uint32(l.n)},
		"capitals out of order":    {l.capital, 2, 0},
	}
	for name, d := range damage {
		b := []byte(table)
		o := offsetOf(d.view) + 4*d.i
		b[o], b[o+1], b[o+2], b[o+3] = byte(d.v), byte(d.v>>8), byte(d.v>>16), byte(d.v>>24)
		if _, err := decode(string(b)); !errors.Is(err, errCorrupt) {
			t.Errorf("%s: err = %v, want corrupt", name, err)
		}
	}
	// A hash with no empty slot would make a probe for a missing word loop
	// forever.
	b := []byte(table)
	o := offsetOf(l.wordSlots)
	for i := range len(l.wordSlots) / 4 {
		if u32(l.wordSlots, i) == 0 {
			b[o+4*i] = 1
		}
	}
	if _, err := decode(string(b)); !errors.Is(err, errCorrupt) {
		t.Errorf("full word hash: err = %v, want corrupt", err)
	}
}

// offsetOf returns where a view of the table starts in it: the views are
// substrings of table, so that is their distance from its start.
func offsetOf(view string) int {
	return int(uintptr(unsafe.Pointer(unsafe.StringData(view))) - uintptr(unsafe.Pointer(unsafe.StringData(table))))
}

// TestTableHashes checks the hashes the generator built against the
// lexicon's lookups: every word and every inflected form is found, at its
// own index.
func TestTableHashes(t *testing.T) {
	l := Default()
	for i := range uint32(l.n) {
		if j, ok := l.find(l.word(i)); !ok || j != i {
			t.Fatalf("find(%q) = %d, %v, want %d", l.word(i), j, ok, i)
		}
	}
	for i := range l.nExc {
		w := l.excWord(i)
		if lo, hi := l.exceptions(w); i < lo || i >= hi || lo > 0 && l.excWord(lo-1) == w {
			t.Fatalf("exceptions(%q) = [%d, %d), want the run holding %d", w, lo, hi, i)
		}
	}
}

// TestAgainstWordNet checks the table against an installed WordNet: every
// lemma of the index files must be there. It skips where WordNet is not
// installed, as it need not be to build or test.
func TestAgainstWordNet(t *testing.T) {
	const dir = "/usr/share/wordnet"
	if _, err := os.Stat(filepath.Join(dir, "index.noun")); err != nil {
		t.Skip("WordNet not installed (apt-get install wordnet-base)")
	}
	l := Default()
	n := 0
	for _, name := range []string{"index.noun", "index.verb", "index.adj", "index.adv"} {
		f, err := os.Open(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			line := sc.Text()
			if line == "" || line[0] == ' ' {
				continue
			}
			lemma := strings.ReplaceAll(strings.Fields(line)[0], "_", " ")
			if i, ok := l.lemmaIndex(lemma); !ok || l.fam[i] == 0 {
				t.Errorf("%s: %q missing from the table or without familiarity", name, lemma)
				if n++; n > 10 {
					t.FailNow()
				}
			}
		}
		f.Close()
	}
}

var sink []Relation

func BenchmarkDecode(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := decode(table); err != nil {
			b.Fatal(err)
		}
	}
}

var benchWords = []string{"office", "french", "tokyo", "spokesperson", "nation", "troops", "reluctant", "wary", "oppose", "summit", "anniversary", "japanese"}

func BenchmarkRelated(b *testing.B) {
	l := Default()
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		sink = l.Related(benchWords[i%len(benchWords)])
		i++
	}
}

func BenchmarkAppendRelated(b *testing.B) {
	l := Default()
	buf := make([]Relation, 0, 32)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		buf = l.AppendRelated(buf[:0], benchWords[i%len(benchWords)])
		i++
	}
	sink = buf
}

// BenchmarkAppendRelatedInflected covers the slower path: a word the table
// does not list, lemmatised and spelling-checked at lookup.
func BenchmarkAppendRelatedInflected(b *testing.B) {
	l := Default()
	words := []string{"countries", "criticised", "provoked", "spokesmen", "organisations", "went"}
	buf := make([]Relation, 0, 32)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		buf = l.AppendRelated(buf[:0], words[i%len(words)])
		i++
	}
	sink = buf
}

func BenchmarkLemma(b *testing.B) {
	l := Default()
	words := []string{"countries", "went", "office", "provoked"}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		_ = l.Lemma(words[i%len(words)])
		i++
	}
}

func TestNoun(t *testing.T) {
	l := Default()
	for w, want := range map[string]bool{
		// Nouns, their inflections and spellings; names WordNet lists.
		"risk": true, "troops": true, "mice": true, "organisations": true, "Congress": true, "July": true, "China": true,
		// Only a verb, an adjective or an adverb.
		"strengthen": false, "Emphasise": false, "possibly": false, "nearby": false, "strong": false,
		// Unknown to WordNet.
		"Stoltenberg": false, "among": false,
	} {
		if got := l.Noun(w); got != want {
			t.Errorf("Noun(%q) = %v, want %v", w, got, want)
		}
	}
}

func TestIrregularVerb(t *testing.T) {
	l := Default()
	for w, want := range map[string]bool{"sent": true, "went": true, "thought": true, "invited": false, "office": false, "sends": false} {
		if got := l.IrregularVerb(w); got != want {
			t.Errorf("IrregularVerb(%q) = %v, want %v", w, got, want)
		}
	}
}
