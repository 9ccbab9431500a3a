package console_test

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/frontdeskhq/frontdesk/api/apitest"
	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
	"github.com/frontdeskhq/frontdesk/staff"
)

// BenchmarkFiguresDashboard draws the owner's dashboard of a branch of 30 doctors
// with a year of figures (target: p95 ≤ 30 ms): every catalog figure stored for each
// of 365 days, the branch's whole and each doctor's part, 8 people's parts of the
// per-person figures, and 20 callbacks and 2 reviews a day behind the medians. The
// page opens on 13 weeks; the year by month is the longest a manager asks for.
//
//	go test ./console/ -run '^$' -bench FiguresDashboard -benchtime 100x -count 3
//
// The baseline is the console's stylesheet through the same server and session: what
// any answer costs on this machine in this run.
func BenchmarkFiguresDashboard(b *testing.B) {
	b.Run("sqlite", func(b *testing.B) { benchDashboard(b, dbtest.New(b)) })
	if os.Getenv(dbtest.PostgresEnv) != "" {
		b.Run("postgres", func(b *testing.B) { benchDashboard(b, dbtest.NewPostgres(b)) })
	}
}

func benchDashboard(b *testing.B, d *db.DB) {
	k := newDayKit(b, d)
	if len(k.e.Figures.Catalog()) == 0 {
		b.Skip("the figures catalog is empty")
	}
	ctx := context.Background()
	for i := len(k.f.Doctors); i < 30; i++ {
		k.f.AddDoctor(ctx, i)
	}
	today := k.e.Clock.Now().In(k.f.Loc)
	benchYear(b, k, today)
	c := figuresBenchOwner(b, k)
	paths := map[string]string{"baseline": k.base + "/console/assets/figures.css"}
	for _, period := range []string{"13w", "12m"} {
		paths[period] = k.base + "/console/figures?branch=" + k.f.Branch.ID + "&period=" + period
	}
	for _, name := range []string{"baseline", "13w", "12m"} {
		b.Run(name, func(b *testing.B) {
			timed(b, c, func() *http.Request { r, _ := http.NewRequest(http.MethodGet, paths[name], nil); return r }, http.StatusOK)
		})
	}
}

const (
	benchDayTuple  = `(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
	benchDaysHead  = `INSERT INTO figure_days (branch_id, doctor_id, staff_id, day, figure, week, month, level, num, den) VALUES `
	benchFactTuple = `(?, ?, ?, 'callback', ?, '', '', ?, 1, '', NULL, FALSE)`
	benchFactsHead = `INSERT INTO figure_facts (branch_id, day, figure, subject, subject_id, doctor_id, staff_id, num, den, label, at, frozen) VALUES `
)

// benchYear stores a year of every figure's days and the medians' rows, in batches.
func benchYear(b *testing.B, k *dayKit, today time.Time) {
	var days, facts [][]any
	var people []string
	for p := range 8 {
		s, err := k.e.Staff.Create(context.Background(), staff.NewStaff{Email: fmt.Sprintf("bench-admin%d@console.test", p),
			Name: fmt.Sprintf("Admin %d", p), Role: actor.Admin, Password: apitest.Password, BranchIDs: []string{k.f.Branch.ID}})
		if err != nil {
			b.Fatal(err)
		}
		people = append(people, s.ID)
	}
	for d := range 365 {
		day := today.AddDate(0, 0, -d).Format(time.DateOnly)
		for _, def := range k.e.Figures.Catalog() {
			week, month, level := storedKeys(def, day)
			days = append(days, []any{k.f.Branch.ID, "", "", day, def.Name, week, month, level, int64(20 + d%7), int64(100)})
			for _, doc := range k.f.Doctors {
				days = append(days, []any{k.f.Branch.ID, doc.ID, "", day, def.Name, week, month, level, int64(d % 5), int64(4)})
			}
			for p, id := range people[:len(people)*boolInt(def.PerPerson)] {
				days = append(days, []any{k.f.Branch.ID, "", id, day, def.Name, week, month, level, int64(p + 1), int64(10)})
			}
		}
		for i := range 20 {
			facts = append(facts, []any{k.f.Branch.ID, day, "callback_time", fmt.Sprintf("cb-%d-%d", d, i), int64(5 + i*3)})
		}
		for i := range 2 {
			facts = append(facts, []any{k.f.Branch.ID, day, "review_reply_time", fmt.Sprintf("rv-%d-%d", d, i), int64(60 * (i + 1))})
		}
	}
	benchInsert(b, k, benchDaysHead, benchDayTuple, days)
	benchInsert(b, k, benchFactsHead, benchFactTuple, facts)
}

func boolInt(v bool) int {
	if v {
		return 1
	}
	return 0
}

// benchInsert writes rows as multi-row INSERTs of head and whole tuples.
func benchInsert(b *testing.B, k *dayKit, head, tuple string, rows [][]any) {
	const per = 100
	for len(rows) > 0 {
		n := min(per, len(rows))
		var args []any
		for _, r := range rows[:n] {
			args = append(args, r...)
		}
		query := head + strings.Repeat(tuple+", ", n-1) + tuple
		if err := db.Exec(context.Background(), k.e.DB.W, query, args...); err != nil {
			b.Fatal(err)
		}
		rows = rows[n:]
	}
}

// figuresBenchOwner is a browser of an owner, signed in through the form.
func figuresBenchOwner(b *testing.B, k *dayKit) *http.Client {
	return signedInAs(b, k, staff.NewStaff{Email: "bench-owner@console.test", Name: "Bench owner", Role: actor.Owner,
		Password: apitest.Password})
}
