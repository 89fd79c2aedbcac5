package cite

import "testing"

// qa18gWrong fails for each wrong sentence the NATO checker shows; why
// says what is wrong with them.
func qa18gWrong(t *testing.T, why string, sentences ...string) {
	t.Helper()
	c := qa6Checker(t, false)
	for _, s := range sentences {
		if r := c.Check(s); r.Shown() {
			t.Errorf("wrong sentence shown (%s):\n\t%s", why, s)
		}
	}
}
