package answer

import (
	"bufio"
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"go/format"
	"math"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/briefbot/briefbot/knowledge/lexicon"
)

// fit rewrites coverage_model.go from the tuning questions.
var fit = flag.Bool("fit", false, "refit the no-model coverage decision and rewrite coverage_model.go")

// Tuning data: questions the decision may be fitted on. The blind test
// half (knowledge/testdata/blind/test.jsonl) is never among them.
var tuneFiles = []string{
	"../../knowledge/testdata/blind/tune.jsonl",
	"../../knowledge/testdata/blind/short-tune.jsonl",
	"../../knowledge/testdata/blind/tune2.jsonl",
	"../../knowledge/testdata/discord-questions.jsonl",
	"../../knowledge/briefings/nato-indo-pacific-2024.eval.jsonl",
}

const testFile = "../../knowledge/testdata/blind/test.jsonl"

type labelled struct {
	id, question string
	history      []string
	answerable   bool
}

func readLabelled(t testing.TB, name string) []labelled {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	var out []labelled
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var q struct {
			ID, Question string
			History      []string
			Answerable   bool
		}
		if err := json.Unmarshal(sc.Bytes(), &q); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		out = append(out, labelled{q.ID, q.Question, q.History, q.Answerable})
	}
	return out
}

// decided returns the questions the coverage decision sees (English, not
// small talk, not an overview: those are answered otherwise), with their
// features computed exactly as Ask computes them.
func decided(t testing.TB, e *Engine, qs []labelled) ([]features, []bool, []labelled) {
	t.Helper()
	kb := e.kb.Load()
	var xs []features
	var ys []bool
	var kept []labelled
	for _, q := range qs {
		c, _, err := CleanQuestion(q.question)
		if err != nil || isSmallTalk(c) || !isEnglish(c) || isOverview(c) {
			continue
		}
		query := c
		if n := len(q.history); n > 0 {
			query += " " + q.history[n-1]
		}
		res := e.search(t.Context(), kb, query, retrieveK).ByText()
		if len(res.Hits) == 0 || len(res.Words) == 0 {
			continue // refused whatever the weights
		}
		xs = append(xs, coverageFeatures(query, res, e.vocab))
		ys = append(ys, q.answerable)
		kept = append(kept, q)
	}
	return xs, ys, kept
}

// featureSign is the direction each feature's weight may take: +1 for
// evidence that the briefing covers the question (its words met, the best
// passage holding them), -1 for evidence against (a word, a name, a kind
// of answer missing). Unconstrained, the fit let the mass of the words
// missed argue *for* coverage (long answerable paraphrases miss many
// words), and questions of nothing but words the briefing lacks ("write
// me a python function that sorts a list") were answered with a quote.
var featureSign = [numFeatures]float64{
	fMatched: +1, fMissingNames: -1, fMissingMisspelt: -1, fWorstMissing: -1,
	fKindMissing: -1, fLater: -1, fTopShare: +1, fMatchedMass: +1,
	fMissingMass: -1, fAllMet: +1, fMissingCountries: -1, fAttributeApart: -1,
	fDirectShare: +1, fStanceApart: -1, fSpread: +1,
}

// logistic fits weights and a bias by Newton's method with an L2 penalty
// lambda on the weights (not the bias), each weight kept to its
// featureSign: a weight at zero that the gradient would push across it is
// held there for the step, and a step that crosses zero stops at it.
func logistic(xs []features, ys []bool, lambda float64) ([numFeatures]float64, float64) {
	const n = numFeatures + 1 // weights, then the bias
	var beta [n]float64
	row := func(x features) [n]float64 {
		var r [n]float64
		copy(r[:], x[:])
		r[numFeatures] = 1
		return r
	}
	for range 50 {
		var grad [n]float64
		var hess [n][n]float64
		for i, x := range xs {
			r := row(x)
			z := 0.0
			for j := range n {
				z += beta[j] * r[j]
			}
			p := 1 / (1 + math.Exp(-z))
			y := 0.0
			if ys[i] {
				y = 1
			}
			for j := range n {
				grad[j] += (p - y) * r[j]
				for k := range n {
					hess[j][k] += p * (1 - p) * r[j] * r[k]
				}
			}
		}
		for j := range numFeatures {
			grad[j] += lambda * beta[j]
			hess[j][j] += lambda
		}
		for j := range numFeatures {
			if sg := featureSign[j]; sg != 0 && beta[j] == 0 && sg*grad[j] > 0 {
				for k := range n {
					hess[j][k], hess[k][j] = 0, 0
				}
				hess[j][j], grad[j] = 1, 0
			}
		}
		step := solve(hess, grad)
		for j := range n {
			beta[j] -= step[j]
		}
		for j := range numFeatures {
			if featureSign[j]*beta[j] < 0 {
				beta[j] = 0
			}
		}
	}
	var w [numFeatures]float64
	copy(w[:], beta[:numFeatures])
	return w, beta[numFeatures]
}

// solve solves a·x = b by Gaussian elimination with partial pivoting.
func solve(a [numFeatures + 1][numFeatures + 1]float64, b [numFeatures + 1]float64) [numFeatures + 1]float64 {
	const n = numFeatures + 1
	var m [n][n + 1]float64
	for i := range n {
		copy(m[i][:n], a[i][:])
		m[i][n] = b[i]
	}
	for c := range n {
		p := c
		for r := c + 1; r < n; r++ {
			if math.Abs(m[r][c]) > math.Abs(m[p][c]) {
				p = r
			}
		}
		m[c], m[p] = m[p], m[c]
		if math.Abs(m[c][c]) < 1e-12 {
			continue
		}
		for r := range n {
			if r == c {
				continue
			}
			f := m[r][c] / m[c][c]
			for k := c; k <= n; k++ {
				m[r][k] -= f * m[c][k]
			}
		}
	}
	var x [n]float64
	for i := range n {
		if math.Abs(m[i][i]) > 1e-12 {
			x[i] = m[i][n] / m[i][i]
		}
	}
	return x
}

func prob(w [numFeatures]float64, bias float64, x features) float64 {
	z := bias
	for i := range w {
		z += w[i] * x[i]
	}
	return 1 / (1 + math.Exp(-z))
}

// crossValidated returns each question's probability from a model fitted
// without its fold (k folds, by position).
func crossValidated(xs []features, ys []bool, lambda float64, k int) []float64 {
	out := make([]float64, len(xs))
	for f := range k {
		var tx []features
		var ty []bool
		for i := range xs {
			if i%k != f {
				tx, ty = append(tx, xs[i]), append(ty, ys[i])
			}
		}
		w, b := logistic(tx, ty, lambda)
		for i := range xs {
			if i%k == f {
				out[i] = prob(w, b, xs[i])
			}
		}
	}
	return out
}

// shares returns the answered share of answerable questions and the
// refused share of the others at a threshold.
func shares(ps []float64, ys []bool, threshold float64) (answered, refused float64) {
	var na, nr, a, r float64
	for i, p := range ps {
		if ys[i] {
			na++
			if p >= threshold {
				a++
			}
		} else {
			nr++
			if p < threshold {
				r++
			}
		}
	}
	return a / max(na, 1), r / max(nr, 1)
}

func logLoss(ps []float64, ys []bool) float64 {
	s := 0.0
	for i, p := range ps {
		p = min(max(p, 1e-9), 1-1e-9)
		if ys[i] {
			s -= math.Log(p)
		} else {
			s -= math.Log(1 - p)
		}
	}
	return s / float64(len(ps))
}

// fitCoverage chooses the penalty by 5-fold cross-validated log loss, and
// the threshold on the cross-validated probabilities: the one with the
// best balanced accuracy (the mean of the answered and refused shares).
// Each kind of error counts by its share, not its number: how many
// questions a community asks that the briefing cannot answer is not
// known, and the tuning set's mix is no estimate of it.
// It returns the model fitted on all the tuning data.
func fitCoverage(xs []features, ys []bool) (w [numFeatures]float64, bias, threshold, lambda float64, curve []string) {
	best := math.Inf(1)
	for _, l := range []float64{0.01, 0.03, 0.1, 0.3, 1, 3} {
		if ll := logLoss(crossValidated(xs, ys, l, 5), ys); ll < best {
			best, lambda = ll, l
		}
	}
	cv := crossValidated(xs, ys, lambda, 5)
	bestBA := -1.0
	for th := 0.05; th < 0.96; th += 0.05 {
		a, r := shares(cv, ys, th)
		curve = append(curve, fmt.Sprintf("%.2f: answered %.3f, refused %.3f", th, a, r))
		if ba := (a + r) / 2; ba > bestBA+1e-9 {
			bestBA, threshold = ba, math.Round(th*100)/100
		}
	}
	w, bias = logistic(xs, ys, lambda)
	return w, bias, threshold, lambda, curve
}

func fitEngine(t testing.TB) *Engine {
	return New(testKnowledge(t), WithVocabulary(lexicon.Default()))
}

// TestFitCoverage is the script that fits the no-model coverage decision.
// With -fit it rewrites coverage_model.go; without, it checks that the
// committed constants are what fitting the tuning data gives, so they
// never drift from their data.
func TestFitCoverage(t *testing.T) {
	e := fitEngine(t)
	var qs []labelled
	for _, f := range tuneFiles {
		qs = append(qs, readLabelled(t, f)...)
	}
	xs, ys, _ := decided(t, e, qs)
	w, bias, threshold, lambda, curve := fitCoverage(xs, ys)
	t.Logf("fitted on %d tuning questions, lambda %g, threshold %.2f", len(xs), lambda, threshold)
	for i, name := range featureNames {
		t.Logf("  %-14s %+.3f", name, w[i])
	}
	t.Logf("  %-14s %+.3f", "bias", bias)
	t.Logf("cross-validated trade-off on the tuning data:\n  %s", strings.Join(curve, "\n  "))
	if *fit {
		var b strings.Builder
		b.WriteString("// Code generated by TestFitCoverage (go generate ./bot/answer); DO NOT EDIT.\n\npackage answer\n\n")
		fmt.Fprintf(&b, "// The no-model coverage decision: a logistic model over coverageFeatures,\n// fitted on %d tuning questions (L2 penalty %g), threshold at the best\n// cross-validated balanced accuracy.\nvar coverageWeights = [numFeatures]float64{", len(xs), lambda)
		for i, v := range w {
			fmt.Fprintf(&b, "\n\t%s: %v,", featureConst[i], v)
		}
		fmt.Fprintf(&b, "\n}\n\nconst (\n\tcoverageBias      = %v\n\tcoverageThreshold = %v\n)\n", bias, threshold)
		src, err := format.Source([]byte(b.String()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile("coverage_model.go", src, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	for i := range w {
		if math.Abs(w[i]-coverageWeights[i]) > 1e-6 {
			t.Errorf("weight %s is %v; fitting gives %v (go generate ./bot/answer)", featureNames[i], coverageWeights[i], w[i])
		}
	}
	if math.Abs(bias-coverageBias) > 1e-6 || threshold != coverageThreshold {
		t.Errorf("bias %v, threshold %v; fitting gives %v, %v (go generate ./bot/answer)", coverageBias, coverageThreshold, bias, threshold)
	}
}

// Floors for TestCoverageBlindTestHalf: what was measured when the model
// was fitted (answered 0.966, refused 0.806), less about one question of
// slack.
const (
	coverageFloorAnswered = 0.95
	coverageFloorRefused  = 0.78
)

var featureConst = [numFeatures]string{"fMatched", "fMissingNames", "fMissingMisspelt", "fWorstMissing", "fKindMissing", "fLater", "fTopShare", "fMatchedMass", "fMissingMass", "fAllMet", "fMissingCountries", "fAttributeApart", "fDirectShare", "fStanceApart", "fSpread"}

// TestCoverageBlindTestHalf reports the decision on the blind test half,
// which it was not fitted on: the trade-off curve and the operating point.
func TestCoverageBlindTestHalf(t *testing.T) {
	e := fitEngine(t)
	xs, ys, qs := decided(t, e, readLabelled(t, testFile))
	ps := make([]float64, len(xs))
	for i, x := range xs {
		ps[i] = coverageProb(x)
	}
	var curve []string
	for th := 0.05; th < 0.96; th += 0.05 {
		a, r := shares(ps, ys, th)
		curve = append(curve, fmt.Sprintf("%.2f: answered %.3f, refused %.3f", th, a, r))
	}
	a, r := shares(ps, ys, coverageThreshold)
	t.Logf("blind test half, %d questions the decision sees: at %.2f answered %.3f, refused %.3f", len(xs), coverageThreshold, a, r)
	t.Logf("trade-off on the test half:\n  %s", strings.Join(curve, "\n  "))
	var wrong []string
	for i, q := range qs {
		if (ps[i] >= coverageThreshold) != ys[i] {
			wrong = append(wrong, fmt.Sprintf("%s %.2f %s", q.id, ps[i], q.question))
		}
	}
	slices.Sort(wrong)
	t.Logf("wrong on the test half:\n  %s", strings.Join(wrong, "\n  "))
	// Floors under what was measured when the model was fitted (see the
	// README): a change that loses ground fails here.
	if a < coverageFloorAnswered || r < coverageFloorRefused {
		t.Errorf("test half: answered %.3f (floor %.2f), refused %.3f (floor %.2f)", a, coverageFloorAnswered, r, coverageFloorRefused)
	}
}
