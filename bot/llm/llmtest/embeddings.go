package llmtest

import (
	"encoding/json"
	"fmt"
	"hash/fnv"
	"io"
	"math"
	"net/http"
	"strings"
	"unicode"

	openai "github.com/sashabaranov/go-openai"
)

func (s *Server) embeddings(w http.ResponseWriter, r *http.Request) {
	// Input may be one string or a list of them.
	var raw struct {
		Input json.RawMessage                `json:"input"`
		Model openai.EmbeddingModel          `json:"model"`
		User  string                         `json:"user"`
		Enc   openai.EmbeddingEncodingFormat `json:"encoding_format"`
		Dims  int                            `json:"dimensions"`
	}
	if err := json.NewDecoder(r.Body).Decode(&raw); err != nil {
		writeError(w, http.StatusBadRequest, "invalid JSON: "+err.Error())
		return
	}
	req := openai.EmbeddingRequestStrings{Model: raw.Model, User: raw.User, EncodingFormat: raw.Enc, Dimensions: raw.Dims}
	var one string
	if err := json.Unmarshal(raw.Input, &one); err == nil {
		req.Input = []string{one}
	} else if err := json.Unmarshal(raw.Input, &req.Input); err != nil {
		writeError(w, http.StatusBadRequest, "input must be a string or a list of strings")
		return
	}
	s.record(r, Request{Embedding: &req})

	s.mu.Lock()
	var rep Reply
	if len(s.embQueue) > 0 {
		rep, s.embQueue = s.embQueue[0], s.embQueue[1:]
	}
	s.mu.Unlock()
	if !s.before(w, r, rep) {
		return
	}

	resp := openai.EmbeddingResponse{Object: "list", Model: req.Model}
	for i, text := range req.Input {
		if strings.TrimSpace(text) == "" {
			writeError(w, http.StatusBadRequest, fmt.Sprintf("input[%d] is empty", i))
			return
		}
		resp.Data = append(resp.Data, openai.Embedding{Object: "embedding", Index: i, Embedding: Vector(text)})
		resp.Usage.PromptTokens += len(strings.Fields(text))
	}
	resp.Usage.TotalTokens = resp.Usage.PromptTokens
	writeJSON(w, resp)
}

// Vector is the fake embedding of text: each lower-cased word (a run of
// letters and digits) adds ±1 to one of Dim slots chosen by its FNV hash,
// then the vector is L2-normalised. Texts sharing words have a positive
// cosine similarity, growing with the share; a text without words gets the
// zero vector.
func Vector(text string) []float32 {
	v := make([]float32, Dim)
	for _, w := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}) {
		h := fnv.New64a()
		io.WriteString(h, w)
		sum := h.Sum64()
		// A hashed sign keeps unrelated words that share a slot from
		// looking alike on average.
		if sum>>63 == 1 {
			v[sum%Dim]--
		} else {
			v[sum%Dim]++
		}
	}
	var norm float64
	for _, x := range v {
		norm += float64(x) * float64(x)
	}
	if norm == 0 {
		return v
	}
	n := float32(math.Sqrt(norm))
	for i := range v {
		v[i] /= n
	}
	return v
}
