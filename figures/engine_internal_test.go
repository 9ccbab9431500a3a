package figures

import (
	"context"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/internal/audit"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
)

// engine is a figures service over a real database whose collectors count what the
// test puts in counted (facts by date), so the engine is tested apart from the SQL of
// any area.
type engine struct {
	kitBase
	counted map[string][]Fact
	levels  map[string][]Fact
}

var testDefinitions = []Definition{
	{Name: "late_rate", Group: "test", Unit: Ratio, Sum: Add, Subject: "visit", Text: "late visits / visits"},
	{Name: "items_low", Group: "test", Unit: Count, Sum: Last, Subject: "item", Text: "items low at the day's start"},
	{Name: "wait_minutes", Group: "test", Unit: Minutes, Sum: Median, Subject: "call", PerPerson: true, Text: "median wait"},
	{Name: "nps", Group: "test", Unit: Score, Sum: Add, Subject: "survey", HigherIsBetter: true, Text: "NPS"},
}

func newEngine(t *testing.T, d *db.DB) *engine {
	t.Helper()
	e := &engine{kitBase: kitBase{t: t, d: d, now: time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC)}, counted: map[string][]Fact{}, levels: map[string][]Fact{}}
	clock := e.clock
	dir := clinic.NewService(d, audit.New(d, clock), clock)
	b, err := dir.CreateBranch(context.Background(), clinic.BranchInput{Name: "Centrum", Country: "PL",
		TimeZone: "Europe/Warsaw", Locale: "pl", Currency: "PLN", Hours: clinic.OpeningHours{}})
	if err != nil {
		t.Fatal(err)
	}
	e.branch = b.ID
	e.s = &Service{deps: Deps{DB: d, Branches: dir, Clock: clock}, catalog: testDefinitions}
	e.s.collectors = []Collector{
		{Name: "flows", Figures: []string{"late_rate", "wait_minutes", "nps"}, Collect: e.collect(e.counted)},
		{Name: "levels", Figures: []string{"items_low"}, Frozen: true, Collect: e.collect(e.levels)},
	}
	return e
}

// collect hands a rebuild what the test has counted for the day, copied.
func (e *engine) collect(from map[string][]Fact) func(context.Context, db.Q, Branch, Day) ([]Fact, error) {
	return func(_ context.Context, _ db.Q, _ Branch, d Day) ([]Fact, error) {
		e.mu.Lock()
		defer e.mu.Unlock()
		return append([]Fact(nil), from[d.Date]...), nil
	}
}

func (e *engine) count(date string, facts ...Fact) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.counted[date] = facts
}

func (e *engine) level(date string, facts ...Fact) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.levels[date] = facts
}

// fact is a shorthand for one counted row.
func fact(figure, subject string, num, den int64) Fact {
	return Fact{Figure: figure, Subject: "visit", SubjectID: subject, Num: num, Den: den}
}

var (
	doctorA = uuid.NewString()
	staffA  = uuid.NewString()
	staffB  = uuid.NewString()
)

func eachDB(t *testing.T, body func(t *testing.T, e *engine)) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) { body(t, newEngine(t, d)) })
}
