package browsertest

import (
	"os"
	"testing"
)

// HaveAxe skips a test that is only an audit when FRONTDESK_AXE_JS is not set.
func HaveAxe(t testing.TB) {
	if os.Getenv(AxeEnv) == "" {
		t.Skip("accessibility audit skipped: set " + AxeEnv + " to axe.min.js (npm install axe-core; .ci/run does)")
	}
}

// Audit runs axe-core on the page (open shadow roots included) and fails the test on
// serious and critical violations; lesser ones are logged. Without FRONTDESK_AXE_JS
// it does nothing.
func (p *Tab) Audit(what string) {
	p.T.Helper()
	path := os.Getenv(AxeEnv)
	if path == "" {
		return
	}
	src, err := os.ReadFile(path)
	if err != nil {
		p.T.Fatalf("%s: %v", AxeEnv, err)
	}
	var loaded bool
	// DevTools evaluation is not bound by the page's CSP, so axe loads on strict pages.
	if p.Eval(`typeof axe !== 'undefined'`, &loaded); !loaded {
		p.Eval(string(src)+"\n;true", nil)
	}
	var out struct {
		Passes     int
		Violations []struct{ Impact, Text string }
	}
	p.Eval(`axe.run(document, { resultTypes: ['violations'] }).then((r) => ({ passes: r.passes.length,
		violations: r.violations.map((v) => ({ impact: v.impact, text: v.id + ': ' + v.help + ' at ' +
			v.nodes.map((n) => JSON.stringify(n.target)).join(', ') })) }))`, &out)
	p.T.Logf("axe on %s: %d rules passed, %d violated", what, out.Passes, len(out.Violations))
	for _, v := range out.Violations {
		if v.Impact == "serious" || v.Impact == "critical" {
			p.T.Errorf("axe on %s: %s %s", what, v.Impact, v.Text)
		} else {
			p.T.Logf("axe on %s (%s, not failing): %s", what, v.Impact, v.Text)
		}
	}
}
