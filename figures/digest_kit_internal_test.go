package figures

import (
	"context"
	"testing"
	"time"

	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/audit"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
	"github.com/frontdeskhq/frontdesk/messaging"
	"github.com/frontdeskhq/frontdesk/staff"
)

// digestEnv is a figures service over a real database with the test's own catalog
// and a collector counting what the test scripted per date, the real outbox behind
// the digest's port (as internal/app fills it), a branch and its staff.
type digestEnv struct {
	kitBase
	dir     *clinic.Service
	staff   *staff.Service
	counted map[string][]Fact
}

// digestDefinitions are a few catalog figures, one of each unit and sum the digest
// writes; tasks_overdue never counts anything, so it is left out of the digest.
var digestDefinitions = []Definition{
	{Name: "no_show_rate", Group: "visits", Unit: Ratio, Sum: Add, Subject: "visit", Text: "no-shows / visits"},
	{Name: "new_patients", Group: "visits", Unit: Count, Sum: Add, HigherIsBetter: true, Subject: "patient", Text: "new patients"},
	{Name: "calls_offered", Group: "calls", Unit: Count, Sum: Add, HigherIsBetter: true, Subject: "call", Text: "calls"},
	{Name: "callback_time", Group: "calls", Unit: Minutes, Sum: Median, Subject: "callback", Text: "median minutes"},
	{Name: "nps", Group: "follow_ups", Unit: Score, Sum: Add, HigherIsBetter: true, Subject: "survey", Text: "NPS"},
	{Name: "tasks_overdue", Group: "work", Unit: Count, Sum: Last, Subject: "task", Text: "open tasks past due"},
}

func newDigestEnv(t *testing.T, d *db.DB) *digestEnv {
	t.Helper()
	e := &digestEnv{kitBase: kitBase{t: t, d: d, now: time.Date(2026, 3, 9, 5, 0, 0, 0, time.UTC)}, counted: map[string][]Fact{}}
	clock := e.clock
	e.dir = clinic.NewService(d, audit.New(d, clock), clock)
	e.staff = staff.NewService(d, audit.New(d, clock), clock, staff.Options{})
	e.branch = e.addBranch("Centrum", "Europe/Warsaw", "pl")
	e.s = e.service(clock)
	return e
}

// service is one instance of the figures over the env's database (two make two instances).
func (e *digestEnv) service(clock func() time.Time) *Service {
	out := testDigestOutbox{m: messaging.NewService(e.d, nil, clock), d: e.d}
	s := &Service{deps: Deps{DB: e.d, Branches: e.dir, Clock: clock, Digests: out, SiteURL: "https://clinic.test"},
		catalog: digestDefinitions}
	s.collectors = []Collector{{Name: "scripted", Figures: []string{"no_show_rate", "new_patients", "calls_offered",
		"callback_time", "nps", "tasks_overdue"}, Collect: e.collect}}
	return s
}

func (e *digestEnv) addBranch(name, zone, locale string) string {
	e.t.Helper()
	b, err := e.dir.CreateBranch(context.Background(), clinic.BranchInput{Name: name, Country: "PL",
		TimeZone: zone, Locale: locale, Currency: "PLN", Hours: clinic.OpeningHours{}})
	if err != nil {
		e.t.Fatal(err)
	}
	return b.ID
}

// addStaff adds a staff member with a role and a chosen language ("" for none).
func (e *digestEnv) addStaff(email string, role actor.Role, locale string) string {
	e.t.Helper()
	ctx := context.Background()
	st, err := e.staff.Create(ctx, staff.NewStaff{Email: email, Name: email, Role: role, Password: "correct horse battery"})
	if err == nil {
		err = e.staff.SetLocale(ctx, st.ID, locale)
	}
	if err != nil {
		e.t.Fatal(err)
	}
	return st.ID
}

func (e *digestEnv) collect(_ context.Context, _ db.Q, _ Branch, d Day) ([]Fact, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	return append([]Fact(nil), e.counted[d.Date]...), nil
}

// week scripts one ISO week's facts on its Tuesday and counts that day.
func (e *digestEnv) week(monday string, facts ...Fact) {
	e.t.Helper()
	m, _ := time.Parse(time.DateOnly, monday)
	day := m.AddDate(0, 0, 1).Format(time.DateOnly)
	for i := range facts {
		facts[i].SubjectID = day + ":" + facts[i].Figure + ":" + itoa(int64(i))
	}
	e.mu.Lock()
	e.counted[day] = facts
	e.mu.Unlock()
	if err := e.s.Rebuild(context.Background(), e.branch, day); err != nil {
		e.t.Fatal(err)
	}
}

// digestFacts makes n facts of a figure, each adding num/den.
func digestFacts(figure string, n int, num, den int64) []Fact {
	out := make([]Fact, n)
	for i := range out {
		out[i] = Fact{Figure: figure, Subject: "test", Num: num, Den: den}
	}
	return out
}

// scriptFiveWeeks counts W06..W10 of 2026 (2 February to 8 March). Per week:
//
//	no_show_rate   1/10  2/10  3/10  1/20 | 1/4   median 15 %  (5, 10, 20, 30)  ↑ worse
//	new_patients   4     6     5     7    | 9     median 5.5                    ↑ better
//	calls_offered  10    10    10    10   | 10    median 10                     → same
//	callback_time  20    40    —     12   | 9     median 20 (a week of none is skipped) ↓ better
//	nps            50    100   -100  —    | 66.7  median 50, 3 answers           ↑ better
func (e *digestEnv) scriptFiveWeeks() {
	callbacks := func(minutes ...int64) []Fact {
		var out []Fact
		for _, m := range minutes {
			out = append(out, digestFacts("callback_time", 1, m, 1)...)
		}
		return out
	}
	cat := func(parts ...[]Fact) []Fact {
		var out []Fact
		for _, p := range parts {
			out = append(out, p...)
		}
		return out
	}
	calls := digestFacts("calls_offered", 10, 1, 0)
	e.week("2026-02-02", cat(digestFacts("no_show_rate", 1, 1, 1), digestFacts("no_show_rate", 9, 0, 1), digestFacts("new_patients", 4, 1, 0),
		calls, callbacks(10, 30), digestFacts("nps", 3, 1, 1), digestFacts("nps", 1, -1, 1))...)
	e.week("2026-02-09", cat(digestFacts("no_show_rate", 2, 1, 1), digestFacts("no_show_rate", 8, 0, 1), digestFacts("new_patients", 6, 1, 0),
		calls, callbacks(40), digestFacts("nps", 2, 1, 1))...)
	e.week("2026-02-16", cat(digestFacts("no_show_rate", 3, 1, 1), digestFacts("no_show_rate", 7, 0, 1), digestFacts("new_patients", 5, 1, 0),
		calls, digestFacts("nps", 1, -1, 1))...)
	e.week("2026-02-23", cat(digestFacts("no_show_rate", 1, 1, 1), digestFacts("no_show_rate", 19, 0, 1), digestFacts("new_patients", 7, 1, 0),
		calls, callbacks(12))...)
	e.week("2026-03-02", cat(digestFacts("no_show_rate", 1, 1, 1), digestFacts("no_show_rate", 3, 0, 1), digestFacts("new_patients", 9, 1, 0),
		calls, callbacks(5, 9, 100), digestFacts("nps", 2, 1, 1), digestFacts("nps", 1, 0, 1))...)
}

// testDigestOutbox is internal/app's adapter over the real outbox, for the figures' own tests.
type testDigestOutbox struct {
	m *messaging.Service
	d *db.DB
}

func (o testDigestOutbox) Queued(ctx context.Context, key string) (bool, error) {
	_, found, err := o.m.QueuedAt(ctx, o.d.R, key)
	return found, err
}

func (o testDigestOutbox) Queue(ctx context.Context, m DigestMessage) error {
	msg := messaging.Message{DedupeKey: m.Key, Channel: messaging.Email, Recipient: m.Email, Locale: m.Locale,
		BranchID: m.BranchID, Template: messaging.TemplateFreeText, Data: map[string]any{"Text": m.Text}}
	return o.d.InTx(ctx, func(tx db.Tx) error { return o.m.Enqueue(ctx, tx, msg) })
}

// queuedDigest is one outbox row of a digest.
type queuedDigest struct {
	Key       string `db:"dedupe_key"`
	Recipient string `db:"recipient"`
	Locale    string `db:"locale"`
	Channel   string `db:"channel"`
	Body      string `db:"body"`
}

const sqlQueuedDigests = `SELECT dedupe_key, recipient, locale, channel, body FROM outbox
	WHERE dedupe_key LIKE 'figures-digest:%' ORDER BY recipient, dedupe_key`

func (e *digestEnv) queued() []queuedDigest {
	e.t.Helper()
	var out []queuedDigest
	if err := db.Select(context.Background(), e.d.R, &out, sqlQueuedDigests); err != nil {
		e.t.Fatal(err)
	}
	return out
}

func (e *digestEnv) send() int {
	e.t.Helper()
	n, err := e.s.SendDigests(context.Background())
	if err != nil {
		e.t.Fatal(err)
	}
	return n
}

func eachDigestDB(t *testing.T, body func(t *testing.T, e *digestEnv)) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) { body(t, newDigestEnv(t, d)) })
}
