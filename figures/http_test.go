package figures_test

import (
	"context"
	"encoding/csv"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/frontdeskhq/frontdesk/api/apitest"
	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
)

// site is the whole app over a test database with one branch whose figures were
// counted for two days of March 2026 (written as a rebuild writes them).
type site struct {
	e      *apitest.Env
	branch string
	owner  *apitest.Client
	admin  *apitest.Client
	desk   string // the administrator whose follow-up calls are counted
}

func newSite(t *testing.T, d *db.DB) *site {
	t.Helper()
	e := apitest.NewEnv(t, d)
	b, err := e.Clinic.CreateBranch(context.Background(), clinic.BranchInput{Name: "Centrum", Country: "PL",
		TimeZone: "Europe/Warsaw", Locale: "pl", Currency: "PLN"})
	if err != nil {
		t.Fatal(err)
	}
	s := &site{e: e, branch: b.ID, owner: e.As(actor.Owner), admin: e.SignIn(actor.Admin, b.ID), desk: uuid.NewString()}
	// no_show_rate: 1 of 2 on 2 March, 1 of 3 on 10 March; follow_up_completion: the
	// desk's 2 of 3 calls done on 2 March.
	s.count(t, "2026-03-02", "no_show_rate", "visit", "", 1, 1, 0, 1)
	s.count(t, "2026-03-10", "no_show_rate", "visit", "", 1, 1, 0, 1, 0, 1)
	s.count(t, "2026-03-02", "follow_up_completion", "follow_up", s.desk, 1, 1, 1, 1, 0, 1)
	return s
}

const (
	sqlTestFact = `INSERT INTO figure_facts (branch_id, day, figure, subject, subject_id, doctor_id, staff_id,
		num, den, label, at, frozen) VALUES (?, ?, ?, ?, ?, '', ?, ?, ?, ?, ?, FALSE)`
	sqlTestSum = `INSERT INTO figure_days (branch_id, doctor_id, staff_id, day, figure, num, den)
		SELECT branch_id, '', staff_id, day, figure, SUM(num), SUM(den) FROM figure_facts
		WHERE branch_id = ? AND day = ? AND figure = ? GROUP BY branch_id, staff_id, day, figure`
	sqlTestBranchSum = `INSERT INTO figure_days (branch_id, doctor_id, staff_id, day, figure, num, den)
		SELECT branch_id, '', '', day, figure, SUM(num), SUM(den) FROM figure_facts
		WHERE branch_id = ? AND day = ? AND figure = ? GROUP BY branch_id, day, figure`
)

// count stores one day's rows of a figure (pairs of num, den) and their sums.
func (s *site) count(t *testing.T, day, figure, subject, staff string, numDen ...int64) {
	t.Helper()
	ctx, at := context.Background(), time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	err := s.e.DB.InTx(ctx, func(tx db.Tx) error {
		for i := 0; i < len(numDen); i += 2 {
			if err := db.Exec(ctx, tx, sqlTestFact, s.branch, day, figure, subject, uuid.NewString(), staff,
				numDen[i], numDen[i+1], subject+" "+day, at); err != nil {
				return err
			}
		}
		if staff != "" {
			if err := db.Exec(ctx, tx, sqlTestSum, s.branch, day, figure); err != nil {
				return err
			}
		}
		return db.Exec(ctx, tx, sqlTestBranchSum, s.branch, day, figure)
	})
	if err != nil {
		t.Fatal(err)
	}
}

type series struct {
	Name       string `json:"name"`
	Definition string `json:"definition"`
	Total      struct {
		Numerator   int64    `json:"numerator"`
		Denominator int64    `json:"denominator"`
		Value       *float64 `json:"value"`
	} `json:"total"`
	Periods []struct {
		Period    string `json:"period"`
		Numerator int64  `json:"numerator"`
	} `json:"periods"`
	People []struct {
		StaffID string `json:"staff_id"`
	} `json:"people"`
}

func (s *site) report(t *testing.T, c *apitest.Client, query string) map[string]series {
	t.Helper()
	r := c.Do(http.MethodGet, "/api/v1/figures?branch_id="+s.branch+query, nil)
	if r.Status != http.StatusOK {
		t.Fatalf("figures: %d %s", r.Status, r.Body)
	}
	var out struct {
		Figures []series `json:"figures"`
	}
	r.Decode(t, &out)
	m := map[string]series{}
	for _, f := range out.Figures {
		m[f.Name] = f
	}
	return m
}

// The month is the sum of its weeks' numerators and denominators; the definition comes
// with the numbers; the person's part is the owner's alone.
func TestFiguresOverHTTP(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s := newSite(t, d)
		month := s.report(t, s.owner, "&from=2026-03-01&to=2026-03-31&by=month")
		ns := month["no_show_rate"]
		if ns.Total.Numerator != 2 || ns.Total.Denominator != 5 || *ns.Total.Value != 0.4 || ns.Definition == "" {
			t.Fatalf("no_show_rate %+v", ns)
		}
		weeks := s.report(t, s.owner, "&from=2026-03-01&to=2026-03-31&by=week")["no_show_rate"]
		var sum int64
		for _, p := range weeks.Periods {
			sum += p.Numerator
		}
		if sum != 2 || len(weeks.Periods) != 6 {
			t.Fatalf("weeks add to %d over %d periods", sum, len(weeks.Periods))
		}
		if p := month["follow_up_completion"].People; len(p) != 1 || p[0].StaffID != s.desk {
			t.Fatalf("owner's people: %+v", p)
		}
		if p := s.report(t, s.admin, "&from=2026-03-01&to=2026-03-31")["follow_up_completion"].People; len(p) != 0 {
			t.Fatalf("an administrator sees people: %+v", p)
		}
	})
}

// The rows behind a figure are exactly those counted; an administrator gets them
// without the person and may not ask for one.
func TestFigureRowsOverHTTP(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s := newSite(t, d)
		var page struct {
			Rows []struct {
				Day       string `json:"day"`
				Numerator int64  `json:"numerator"`
				StaffID   string `json:"staff_id"`
			} `json:"rows"`
		}
		rows := "/api/v1/figures/%s/rows?branch_id=" + s.branch + "&from=2026-03-01&to=2026-03-31"
		r := s.owner.Do(http.MethodGet, strings.Replace(rows, "%s", "no_show_rate", 1), nil)
		r.Decode(t, &page)
		var num int64
		for _, row := range page.Rows {
			num += row.Numerator
		}
		if len(page.Rows) != 5 || num != 2 {
			t.Fatalf("rows %d (%d no-shows), want 5 (2): %s", len(page.Rows), num, r.Body)
		}
		r = s.admin.Do(http.MethodGet, strings.Replace(rows, "%s", "follow_up_completion", 1), nil)
		r.Decode(t, &page)
		if len(page.Rows) != 3 || page.Rows[0].StaffID != "" {
			t.Fatalf("admin's rows %s", r.Body)
		}
		r = s.admin.Do(http.MethodGet, strings.Replace(rows, "%s", "follow_up_completion", 1)+"&staff_id="+s.desk, nil)
		if r.Status != http.StatusForbidden {
			t.Fatalf("admin asking for a person: %d %s", r.Status, r.Body)
		}
	})
}

// CSV is the same numbers, a line per figure and period.
func TestFiguresAsCSV(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s := newSite(t, d)
		c := *s.owner
		c.Header = s.owner.Header.Clone()
		c.Header.Set("Accept", "text/csv")
		r := c.Do(http.MethodGet, "/api/v1/figures?branch_id="+s.branch+"&from=2026-03-01&to=2026-03-31&by=month", nil)
		if r.Status != http.StatusOK || !strings.HasPrefix(r.Header.Get("Content-Type"), "text/csv") {
			t.Fatalf("csv: %d %s", r.Status, r.Header.Get("Content-Type"))
		}
		records, err := csv.NewReader(strings.NewReader(string(r.Body))).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, rec := range records[1:] {
			if rec[0] == "no_show_rate" && rec[2] == "2026-03" {
				found = rec[5] == "2" && rec[6] == "5"
			}
		}
		if !found {
			t.Fatalf("no no_show_rate 2/5 line for March in %v", records)
		}
	})
}

// Every bad input is a 4xx naming the field, and a refused threshold stores nothing.
func TestFiguresBadInputNamesTheField(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s := newSite(t, d)
		b := "branch_id=" + s.branch
		cases := []struct {
			method, path string
			body         any
			status       int
			field        string
		}{
			{http.MethodGet, "/api/v1/figures?from=2026-03-01&to=2026-03-31", nil, 400, "branch_id"},
			{http.MethodGet, "/api/v1/figures?" + b + "&from=2026-3-1&to=2026-03-31", nil, 400, "from"},
			{http.MethodGet, "/api/v1/figures?" + b + "&from=2026-03-01", nil, 400, "to"},
			{http.MethodGet, "/api/v1/figures?" + b + "&from=2026-03-31&to=2026-03-01", nil, 400, "to"},
			{http.MethodGet, "/api/v1/figures?" + b + "&from=2025-01-01&to=2026-03-01", nil, 400, "to"},
			{http.MethodGet, "/api/v1/figures?" + b + "&from=2026-03-01&to=2026-03-31&by=year", nil, 400, "by"},
			{http.MethodGet, "/api/v1/figures?" + b + "&from=2026-03-01&to=2026-03-31&doctor_id=7", nil, 400, "doctor_id"},
			{http.MethodGet, "/api/v1/figures/no_show_rate/rows?" + b + "&from=2026-03-01&to=2026-03-31&staff_id=x", nil, 400, "staff_id"},
			{http.MethodPut, "/api/v1/figures/no_show_rate/threshold", map[string]any{"branch_id": s.branch, "warn_at": 0.2}, 400, "bad_at"},
			{http.MethodPut, "/api/v1/figures/no_show_rate/threshold", map[string]any{"branch_id": s.branch, "warn_at": 0.2, "bad_at": 0.1}, 400, "bad_at"},
			{http.MethodPost, "/api/v1/figures/rebuild", map[string]any{"branch_id": s.branch, "from": "2026-03-02", "to": "2026-03-01"}, 400, "to"},
		}
		for _, c := range cases {
			r := s.owner.Do(c.method, c.path, c.body)
			if r.Status != c.status || !namesField(r, t, c.field) {
				t.Errorf("%s %s: %d %s, want %d naming %s", c.method, c.path, r.Status, r.Body, c.status, c.field)
			}
		}
		if r := s.owner.Do(http.MethodGet, "/api/v1/figures/no_such/rows?"+b+"&from=2026-03-01&to=2026-03-31", nil); r.Status != http.StatusNotFound {
			t.Errorf("unknown figure: %d %s", r.Status, r.Body)
		}
		var got struct {
			Thresholds []any `json:"thresholds"`
		}
		s.owner.Do(http.MethodGet, "/api/v1/figures/thresholds?"+b, nil).Decode(t, &got)
		if len(got.Thresholds) != 0 {
			t.Fatalf("a refused threshold was stored: %+v", got)
		}
	})
}

func namesField(r *apitest.Response, t *testing.T, field string) bool {
	for _, fe := range r.Problem(t).Errors {
		if fe.Field == field {
			return true
		}
	}
	return false
}
