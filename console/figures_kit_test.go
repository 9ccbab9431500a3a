package console_test

import (
	"regexp"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/frontdeskhq/frontdesk/figures"
	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/db"
)

// figuresClinic is the lists' Warsaw branch with its owner and doctor, an
// administrator, and figures written straight into the stored days and rows, so the
// dashboard's numbers are known to the digit.
type figuresClinic struct {
	*listsClinic
	admin, adminID string
	today          time.Time
}

// ownerEmail is the owner newListsClinic makes.
const ownerEmail = "owner-lists@console.test"

func newFiguresClinic(k *kit) *figuresClinic {
	lc := newListsClinic(k, "en")
	fc := &figuresClinic{listsClinic: lc, admin: k.staffMember(actor.Admin, lc.branch.ID)}
	fc.adminID = fc.staffID(fc.admin)
	now := k.e.Clock.Now().In(lc.loc)
	fc.today = time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
	return fc
}

// staffID is the id of the staff member signing in as email.
func (fc *figuresClinic) staffID(email string) string {
	fc.t.Helper()
	list, err := fc.k.e.Staff.List(fc.ctx, "", "", 200)
	listsMust(fc.t, err)
	for _, s := range list {
		if s.Email == email {
			return s.ID
		}
	}
	fc.t.Fatalf("no staff member %s", email)
	return ""
}

// needFigures skips a test until the figures it reads are in the service's catalog
// (the collectors' helpers fill it; the console's own tests of the tiles do not wait).
func needFigures(t *testing.T, k *kit, names ...string) {
	t.Helper()
	var have []string
	for _, d := range k.e.Figures.Catalog() {
		have = append(have, d.Name)
	}
	for _, n := range names {
		if !slices.Contains(have, n) {
			t.Skipf("figure %s is not in the catalog yet", n)
		}
	}
}

// date is the branch's local date days from today.
func (fc *figuresClinic) date(days int) string {
	return fc.today.AddDate(0, 0, days).Format(time.DateOnly)
}

const (
	sqlSeedDay = `INSERT INTO figure_days (branch_id, doctor_id, staff_id, day, figure, week, month, level, num, den)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
	sqlSeedRow = `INSERT INTO figure_facts (branch_id, day, figure, subject, subject_id, doctor_id, staff_id, num, den, label, at, frozen)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, FALSE)`
)

// day stores one day's sums of a figure: the branch's whole, or a doctor's or a
// person's part.
func (fc *figuresClinic) day(figure, date, doctorID, staffID string, num, den int64) {
	fc.t.Helper()
	def, err := fc.k.e.Figures.Definition(figure)
	listsMust(fc.t, err)
	week, month, level := storedKeys(def, date)
	listsMust(fc.t, db.Exec(fc.ctx, fc.k.e.DB.W, sqlSeedDay, fc.branch.ID, doctorID, staffID, date, figure,
		week, month, level, num, den))
}

// storedKeys are what the figures store beside a day's sums, as a day's count would:
// its ISO week's Monday, its month, and 1 for a level (a morning's reading).
func storedKeys(def figures.Definition, date string) (week, month string, level int) {
	t, _ := time.Parse(time.DateOnly, date)
	back := (int(t.Weekday()) + 6) % 7
	if def.Sum == figures.Last {
		level = 1
	}
	return t.AddDate(0, 0, -back).Format(time.DateOnly), date[:7], level
}

// rows stores n rows behind a figure on date, subject ids v-000…, with a label each.
func (fc *figuresClinic) rows(figure, date, doctorID, staffID string, n int, label string) {
	fc.t.Helper()
	at := fc.today.Add(9 * time.Hour)
	for i := range n {
		id := "v-" + pad3(i)
		listsMust(fc.t, db.Exec(fc.ctx, fc.k.e.DB.W, sqlSeedRow, fc.branch.ID, date, figure, "visit", id, doctorID,
			staffID, int64(i%2), int64(1), label, at))
	}
}

func pad3(i int) string {
	s := strconv.Itoa(i)
	for len(s) < 3 {
		s = "0" + s
	}
	return s
}

// signedIn is a desk signed in as email.
func (fc *figuresClinic) signedIn(email string) *desk {
	d := fc.k.desk()
	d.signIn(email)
	return d
}

// tile is the HTML of one figure's tile on a dashboard page ("" when it is not there).
func tile(p page, name string) string {
	m := regexp.MustCompile(`(?s)<li class="tile[^"]*" id="figure-` + name + `".*?</li>`).FindString(p.Body)
	return m
}

// dashboard is the dashboard's path for the branch with extra query pairs.
func (fc *figuresClinic) dashboard(extra string) string {
	return "/console/figures?branch=" + fc.branch.ID + extra
}
