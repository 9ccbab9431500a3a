package main

import (
	"fmt"
	"io"
	"math"
	"os"
	"runtime"
	"slices"
	"strings"
	"time"
)

// dist is a latency distribution by nearest rank.
type dist struct {
	n             int
	p50, p95, p99 time.Duration
}

func distOf(xs []time.Duration) dist {
	if len(xs) == 0 {
		return dist{}
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	at := func(p float64) time.Duration { return s[int(math.Ceil(p*float64(len(s))))-1] }
	return dist{n: len(s), p50: at(0.50), p95: at(0.95), p99: at(0.99)}
}

func medianInt(xs []int) int {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	return s[(len(s)-1)/2]
}

// report is one database's run.
type report struct {
	kind, about string
	opt         options
	loadBefore  string
	seeded      string
	seedTook    time.Duration
	avail       []availResult
	booking     bookingResult
}

func newReport(kind, about string, opt options) report {
	return report{kind: kind, about: about, opt: opt, loadBefore: loadAverage()}
}

// loadAverage is the 1-minute load average: on a shared machine it says how much of
// the CPU the run had.
func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if f := strings.Fields(string(b)); err == nil && len(f) > 0 {
		return f[0]
	}
	return "?"
}

// failed reports a correctness failure; speed never fails a run.
func (r report) failed() bool { return r.booking.failed() }

// row is one line of the table.
type row struct {
	figure, n, rate string
	d               *dist
	target, verdict string
	notes           string
}

func (r report) print(w io.Writer) {
	fmt.Fprintf(w, "\n### %s\n\n", r.kind)
	fmt.Fprintf(w, "- database: %s\n", r.about)
	fmt.Fprintf(w, "- machine: %d CPUs (GOMAXPROCS %d), %s %s/%s; 1-min load average %s before, %s after\n",
		runtime.NumCPU(), runtime.GOMAXPROCS(0), runtime.Version(), runtime.GOOS, runtime.GOARCH, r.loadBefore, loadAverage())
	fmt.Fprintf(w, "- seeded in %.1f s: %s\n", r.seedTook.Seconds(), r.seeded)
	fmt.Fprintf(w, "- booking: %d clients for %s each phase, %.0f %% aimed at a time just handed to another client\n\n",
		r.opt.clients, r.opt.duration, r.opt.collide*100)
	fmt.Fprintln(w, "| figure | n | rate | p50 | p95 | p99 | target | verdict | notes |")
	fmt.Fprintln(w, "|---|--:|--:|--:|--:|--:|---|---|---|")
	for _, x := range append(r.availRows(), r.bookingRows()...) {
		p := [3]string{"", "", ""}
		if x.d != nil {
			p = [3]string{ms(x.d.p50), ms(x.d.p95), ms(x.d.p99)}
		}
		fmt.Fprintf(w, "| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", x.figure, x.n, x.rate, p[0], p[1], p[2],
			x.target, x.verdict, x.notes)
	}
}

func (r report) availRows() []row {
	var out []row
	for _, a := range r.avail {
		notes := fmt.Sprintf("median %d slots per answer", a.slots)
		if a.errors > 0 {
			notes += fmt.Sprintf("; %d failed, first: %s", a.errors, oneLine(a.firstError))
		}
		out = append(out,
			row{figure: a.name + " — server", n: count(a.server.n), d: &a.server,
				target: "p95 ≤ " + ms(a.target), verdict: speedVerdict(a.server.p95 <= a.target), notes: notes},
			row{figure: a.name + " — client", n: count(a.client.n), d: &a.client},
			row{figure: a.name + " — engine", n: count(a.engine.n), d: &a.engine})
	}
	return out
}

func (r report) bookingRows() []row {
	b := r.booking
	app, bare := b.app.rate(), b.bare.rate()
	asked := b.app.ok + b.app.taken + b.app.other
	notes := fmt.Sprintf("%s booked (%d in the first second, %d in the last), 409 for %.1f %% of %s requests, %d other",
		count(b.app.ok), b.app.firstSecond, b.app.lastSecond, pct(b.app.taken, asked), count(asked), b.app.other)
	notes += fmt.Sprintf("; process CPU %s per booking", ms(perOK(b.app)))
	if b.app.firstOther != "" {
		notes += "; first other: " + oneLine(b.app.firstOther)
	}
	want, cpu := r.bookingsTarget(), perOK(b.app)
	rows := []row{
		{figure: "booking, app: POST /api/v1/appointments — client", n: count(asked), rate: fmt.Sprintf("%.0f bookings/s", app),
			d: &b.app.client, target: fmt.Sprintf("≥ %.0f bookings/s", want), verdict: speedVerdict(app >= want), notes: notes},
		{figure: "booking, app — process CPU per booking", rate: ms(cpu), target: "≤ 1.00 ms",
			verdict: speedVerdict(b.app.ok > 0 && cpu <= time.Millisecond), notes: "server and clients together"},
		{figure: "booking, app — server", n: count(b.app.server.n), d: &b.app.server},
		{figure: "booking, app — write transaction (BEGIN → COMMIT)", n: count(b.writeTx.n), d: &b.writeTx,
			target: "p95 ≤ 1.00 ms", verdict: speedVerdict(b.writeTx.n > 0 && b.writeTx.p95 <= time.Millisecond),
			notes: "every write transaction of the app in the phase, background jobs' included"},
	}
	rows = append(rows, writerRows(b)...)
	return append(rows, []row{
		{figure: "visit events: written → every subscriber done", n: count(b.events.lag.n), d: &b.events.lag,
			target: "p95 ≤ 1000.00 ms", verdict: speedVerdict(b.events.open == 0 && b.events.lag.p95 <= time.Second),
			notes: fmt.Sprintf("%d of the phase's %d booking events undelivered %s after it ended", b.events.open, b.events.events, drainGrace)},
		{figure: "baseline: the same INSERT as bare SQL", n: count(b.bare.ok + b.bare.other),
			rate: fmt.Sprintf("%.0f rows/s", bare), d: &b.bare.client, notes: bareNotes(b.bare)},
		r.ratioRow(app / bare),
		{figure: "overlapping active appointments (whole table)", rate: fmt.Sprint(b.overlaps), target: "0",
			verdict: checkVerdict(b.overlaps == 0), notes: fmt.Sprintf("self-join took %s", ms(b.checkTook))},
		{figure: "201 answers vs rows stored", rate: fmt.Sprintf("%d / %d", b.app.ok, b.stored), target: "equal",
			verdict: checkVerdict(b.app.ok == b.stored)},
	}...)
}

// writerRows split the phase's write transactions by the function that ran them,
// per booking stored: on SQLite where the one writer's time went (on PostgreSQL they
// overlap, and the times add up to more than the phase).
func writerRows(b bookingResult) []row {
	out := make([]row, 0, len(b.writers))
	for _, c := range b.writers {
		per := time.Duration(0)
		if b.app.ok > 0 {
			per = c.total / time.Duration(b.app.ok)
		}
		out = append(out, row{figure: "— write transactions of " + c.caller, n: count(c.n), rate: ms(per) + " per booking",
			notes: fmt.Sprintf("%.2f s of the %.1f s phase; %s a transaction", c.total.Seconds(),
				b.app.elapsed.Seconds(), ms(c.total/time.Duration(c.n)))})
	}
	return out
}

// bookingsTarget is the rate: SQLite's one writer is in this process, a
// PostgreSQL booking pays round trips.
func (r report) bookingsTarget() float64 {
	if r.kind == "postgres" {
		return 1000
	}
	return 1500
}

// ratioRow is the app's rate over the baseline's, judged on SQLite (≥ 0.6).
func (r report) ratioRow(ratio float64) row {
	out := row{figure: "ratio app / baseline", rate: fmt.Sprintf("%.3f", ratio)}
	if r.kind != "postgres" {
		out.target, out.verdict = "≥ 0.600", speedVerdict(ratio >= 0.6)
	}
	return out
}

func bareNotes(p phaseResult) string {
	s := fmt.Sprintf("autocommitted single-row INSERTs; process CPU %s per row", ms(perOK(p)))
	if p.other > 0 {
		s += fmt.Sprintf("; %d failed, first: %s", p.other, oneLine(p.firstOther))
	}
	return s
}

// perOK is the process CPU per success.
func perOK(p phaseResult) time.Duration {
	if p.ok == 0 {
		return 0
	}
	return p.cpu / time.Duration(p.ok)
}

// rate is successes per second of the phase.
func (p phaseResult) rate() float64 {
	if p.elapsed <= 0 {
		return 0
	}
	return float64(p.ok) / p.elapsed.Seconds()
}

func ms(d time.Duration) string { return fmt.Sprintf("%.2f ms", float64(d.Microseconds())/1000) }

func count(n int) string { return fmt.Sprint(n) }

func pct(n, of int) float64 {
	if of == 0 {
		return 0
	}
	return 100 * float64(n) / float64(of)
}

func speedVerdict(met bool) string {
	if met {
		return "met"
	}
	return "missed"
}

func checkVerdict(ok bool) string {
	if ok {
		return "PASS"
	}
	return "**FAIL**"
}

// oneLine keeps an error inside its table cell.
func oneLine(s string) string {
	return strings.NewReplacer("\n", " ", "|", "/").Replace(s)
}
