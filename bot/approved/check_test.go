package approved

import (
	"errors"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/briefbot/briefbot/bot/answer"
)

const (
	p3  = "Despite NATO’s efforts to cultivate closer ties with Asian partners, the response from the region has been lukewarm at best. Japan, South Korea, Australia, and New Zealand have been invited to the NATO summit for the third consecutive year, but this outreach has not translated into widespread enthusiasm for NATO’s increased presence in the region."
	p4  = "Many Asian countries are wary of being drawn into what they perceive as a Cold War-style confrontation between the West and China. They are particularly concerned that NATO’s involvement could exacerbate tensions and undermine the delicate balance of power in the region."
	p11 = "France, for instance, has been a vocal critic of NATO’s Asian pivot. French President Emmanuel Macron has expressed concerns that establishing a NATO office in Tokyo could unnecessarily provoke China and complicate European efforts to maintain a balanced relationship with Beijing."
)

const title = "NATO's push into the Indo-Pacific meets scepticism in Asia"

func citation(n, para int, quote string) answer.Citation {
	return answer.Citation{N: n, Briefing: title, Paragraph: para, ChunkID: "nato#p" + strconv.Itoa(para), Quote: quote}
}

var cites = []answer.Citation{citation(1, 11, p11), citation(2, 3, p3)}

func TestCheck(t *testing.T) {
	tests := []struct {
		name     string
		text     string
		wantText string
		wantN    []int    // paragraphs of the kept citations, in order
		problems []string // substrings, one per expected problem
	}{
		{
			name:     "supported, markers after the full stop",
			text:     "Macron fears a NATO office in Tokyo would provoke China. [1] Japan and Australia were invited for the third year. [2]",
			wantText: "Macron fears a NATO office in Tokyo would provoke China. [1] Japan and Australia were invited for the third year. [2]",
			wantN:    []int{11, 3},
		},
		{
			name:     "extractive shape: curly quotes and an ellipsis",
			text:     "French President Emmanuel Macron has expressed concerns that a NATO office in Tokyo could provoke China. [1] “…establishing a NATO office in Tokyo could unnecessarily provoke China…” [1]",
			wantText: "French President Emmanuel Macron has expressed concerns that a NATO office in Tokyo could provoke China. [1] “…establishing a NATO office in Tokyo could unnecessarily provoke China…” [1]",
			wantN:    []int{11},
		},
		{
			name:     "a list's lead-in is checked with its first item",
			text:     "Macron's worries:\n- a NATO office in Tokyo would provoke China [1]",
			wantText: "Macron's worries:\n- a NATO office in Tokyo would provoke China [1]",
			wantN:    []int{11},
		},
		{
			name:     "a list's lead-in naming what its item's passage lacks",
			text:     "Japan's worries:\n- a NATO office in Tokyo would provoke China [1]",
			problems: []string{"has no citation"},
		},
		{
			name:     "a statement of what the passages do not say",
			text:     "Macron fears provoking China [1]. The briefing doesn't say whether the office would provoke China.",
			wantText: "Macron fears provoking China [1]. The briefing doesn't say whether the office would provoke China.",
			wantN:    []int{11},
		},
		{
			name:     "statements of absence alone",
			text:     "The briefing doesn't say whether the office would provoke China. No date is given.",
			problems: []string{"cites no passage"},
		},
		{
			name:     "a passage's denial turned round",
			text:     "Macron fears provoking China [1]. The outreach has translated into widespread enthusiasm [2].",
			problems: []string{"goes against its passage, which says “… not translated into widespread …”"},
		},
		{
			name:     "a false statement of absence with a marker",
			text:     "Macron fears provoking China [1]. Macron isn't mentioned [1].",
			problems: []string{"says the briefing does not say something its passages do say"},
		},
		{
			name:     "a false statement of absence",
			text:     "Macron fears provoking China [1]. The briefing doesn't mention Japan.",
			problems: []string{"has no citation"},
		},
		{
			name:     "a quotation its passage lacks",
			text:     "Macron called the office “a gift to Beijing” [1].",
			problems: []string{"mentions “a gift to Beijing”"},
		},
		{
			name:     "a lead-in with nothing under it",
			text:     "Macron fears provoking China [1]. Macron's concerns [1]:",
			problems: []string{"introduces a list, but no item under it passes"},
		},
		{
			name:     "a name opening the sentence is checked too",
			text:     "India was invited [2].",
			problems: []string{"mentions India"},
		},
		{
			name:     "unused citation dropped and markers renumbered",
			text:     "Japan, South Korea, Australia and New Zealand were invited [2].",
			wantText: "Japan, South Korea, Australia and New Zealand were invited [1].",
			wantN:    []int{3},
		},
		{
			name:     "two markers on one sentence pool their passages",
			text:     "Macron objects to an office in Tokyo, while Japan was invited [1][2].",
			wantText: "Macron objects to an office in Tokyo, while Japan was invited [1][2].",
			wantN:    []int{11, 3},
		},
		{
			name:     "unsupported figure",
			text:     "Macron fears provoking China [1]. NATO invited 40 partners [2].",
			problems: []string{`"NATO invited 40 partners." mentions 40, not in the cited passage(s) [2]`},
		},
		{
			name:     "name from another passage",
			text:     "France says Japan should not host an office [1].",
			problems: []string{"mentions Japan"},
		},
		{
			name:     "a link or a mention is refused, even when cited",
			text:     "Macron fears provoking China, see https://evil.example [1]. Ask <@&42> [1].",
			problems: []string{"holds a link, a mention or code", "holds a link, a mention or code"},
		},
		{
			// A code block's lines have no backtick of their own; each
			// cited fence line and each line inside is code.
			name:     "a code block is refused line by line",
			text:     "Macron fears provoking China [1].\n~~~ [1]\nsudo rm -rf / [1]\n~~~ [1]",
			problems: []string{"holds a link, a mention or code", "holds a link, a mention or code", "holds a link, a mention or code"},
		},
		{
			// ">>>" quotes the rest of the message: the Sources line too.
			name:     "a block quote is kept to its line",
			text:     ">>> Macron fears provoking China [1].\n>>>Japan was invited [2].",
			wantText: "> Macron fears provoking China [1].\n> Japan was invited [2].",
			wantN:    []int{11, 3},
		},
		{
			name:     "a yes alone says nothing to check",
			text:     "Yes, it does [1].",
			problems: []string{"says nothing its citation can support"},
		},
		{
			name:     "marker to no source and a sentence with none",
			text:     "Macron fears provoking China [3]. It is complicated.",
			problems: []string{"cites [3], which is not one of the answer's sources [1 2]", `"It is complicated." has no citation`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text, got, err := Check(tt.text, cites)
			if len(tt.problems) > 0 {
				var ce *CheckError
				if !errors.As(err, &ce) || !errors.Is(err, ErrInvalid) || len(ce.Problems) != len(tt.problems) {
					t.Fatalf("err = %v, want %d problems", err, len(tt.problems))
				}
				for _, p := range tt.problems {
					if !strings.Contains(err.Error(), p) {
						t.Errorf("error %q lacks %q", err, p)
					}
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if text != tt.wantText {
				t.Errorf("text = %q, want %q", text, tt.wantText)
			}
			var paras []int
			for i, c := range got {
				if c.N != i+1 {
					t.Errorf("citation %d numbered %d", i, c.N)
				}
				paras = append(paras, c.Paragraph)
			}
			if !slices.Equal(paras, tt.wantN) {
				t.Errorf("paragraphs = %v, want %v", paras, tt.wantN)
			}
		})
	}
}
