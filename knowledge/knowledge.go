// Package knowledge is what the bot knows: briefings (compiled in with
// go:embed, plus any on disk), their parsing and chunking, the lexical index
// over the chunks and the Redis-cached chunk store.
//
// It imports nothing else of this module, so every other package can depend
// on it.
package knowledge

// Briefing is one source document: front matter plus body paragraphs.
type Briefing struct {
	ID       string `json:"id"`
	Title    string `json:"title"`
	Date     string `json:"date"`     // ISO 8601 (2006-01-02)
	Dateline string `json:"dateline"` // place the piece is datelined, e.g. "Beijing"
	Source   string `json:"source"`   // attribution
	// TitleNote says where the title comes from when it is ours, not the
	// publisher's.
	TitleNote string `json:"title_note,omitempty"`
	// Topics name what the briefing covers, for "the briefing doesn't say;
	// it covers …" replies and /briefing.
	Topics []string `json:"topics,omitempty"`
	// Paragraphs are the body paragraphs in reading order; paragraph N (as a
	// reader counts, from 1) is Paragraphs[N-1].
	Paragraphs []string `json:"paragraphs"`
	// Origin names where the briefing came from ("embedded:x.md" or a path),
	// for error messages and /admin listings.
	Origin string `json:"origin"`
}

// Chunk is the unit of retrieval and citation: a paragraph, or a part of a
// long paragraph split at sentence boundaries.
type Chunk struct {
	ID         string   `json:"id"` // "<briefing-id>#p<N>" or "<briefing-id>#p<N>.<part>"
	BriefingID string   `json:"briefing_id"`
	Title      string   `json:"title"`
	Date       string   `json:"date"`
	Paragraph  int      `json:"paragraph"` // 1-based, as a reader counts
	Part       int      `json:"part"`      // 0 when the paragraph is whole, else 1-based
	Text       string   `json:"text"`
	Questions  []string `json:"questions,omitempty"`
}

// Briefing returns the briefing with the given id, if the corpus has it.
func (c Corpus) Briefing(id string) (Briefing, bool) {
	for _, b := range c.Briefings {
		if b.ID == id {
			return b, true
		}
	}
	return Briefing{}, false
}

// Neighbours returns the chunks just before and after the chunk with the
// given id within its briefing, in corpus order.
func (c Corpus) Neighbours(id string) []Chunk {
	for i, ch := range c.Chunks {
		if ch.ID != id {
			continue
		}
		var out []Chunk
		if i > 0 && c.Chunks[i-1].BriefingID == ch.BriefingID {
			out = append(out, c.Chunks[i-1])
		}
		if i+1 < len(c.Chunks) && c.Chunks[i+1].BriefingID == ch.BriefingID {
			out = append(out, c.Chunks[i+1])
		}
		return out
	}
	return nil
}
