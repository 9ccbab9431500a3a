package console_test

import (
	"encoding/csv"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
)

// The rows behind a figure come 50 to a page with the doctor's name, the next page
// follows on, and the CSV carries every row at once with formulas defused.
func TestFigureRowsPagedAndCSV(t *testing.T) { dbtest.Each(t, testFigureRowsPagedAndCSV) }

func testFigureRowsPagedAndCSV(t *testing.T, store *db.DB) {
	k := newKit(t, store)
	needFigures(t, k, "no_show_rate")
	fc := newFiguresClinic(k)
	fc.rows("no_show_rate", fc.date(0), fc.doctor.ID, "", 60, "=HYPERLINK(1)")
	fc.rows("no_show_rate", fc.date(-400), "", "", 1, "long ago")
	d := fc.signedIn(ownerEmail)
	path := "/console/figures/no_show_rate/rows?branch=" + fc.branch.ID + "&from=" + fc.date(-7) + "&to=" + fc.date(0)

	first := d.get(path)
	if first.Status != http.StatusOK || strings.Count(first.Body, "<tr data-subject=") != 50 ||
		!strings.Contains(first.Body, `<a href="/console/visits/v-049">Visit <span class="id">v-049</span></a>`) || strings.Contains(first.Body, "v-050") || !strings.Contains(first.Body, "Dr Nowak") {
		t.Fatalf("the first page: %d, %d rows", first.Status, strings.Count(first.Body, "<tr data-subject="))
	}
	next := regexp.MustCompile(`href="([^"]+)" rel="next"`).FindStringSubmatch(first.Body)
	if next == nil {
		t.Fatal("no next page")
	}
	second := d.get(strings.ReplaceAll(next[1], "&amp;", "&"))
	if n := strings.Count(second.Body, "<tr data-subject="); n != 10 || !strings.Contains(second.Body, "v-059") ||
		strings.Contains(second.Body, `rel="next"`) {
		t.Errorf("the second page: %d rows", n)
	}

	file := d.get(strings.Replace(path, "/rows?", "/rows.csv?", 1))
	records, err := csv.NewReader(strings.NewReader(file.Body)).ReadAll()
	listsMust(t, err)
	if file.Status != http.StatusOK || !strings.HasPrefix(file.Header.Get("Content-Type"), "text/csv") || len(records) != 61 {
		t.Fatalf("the CSV: %d %s, %d lines", file.Status, file.Header.Get("Content-Type"), len(records))
	}
	if r := records[1]; r[0] != fc.date(0) || r[2] != "v-000" || r[4] != "Dr Nowak" || r[9] != "'=HYPERLINK(1)" {
		t.Errorf("the CSV's first row: %q", r)
	}
	if r := d.get("/console/figures/no_such/rows?branch=" + fc.branch.ID + "&from=" + fc.date(0) + "&to=" + fc.date(0)); r.Status != http.StatusNotFound {
		t.Errorf("rows of no figure: %d", r.Status)
	}
	if r := d.get(strings.Replace(path, "from="+fc.date(-7), "from=yesterday", 1)); r.Status != http.StatusUnprocessableEntity {
		t.Errorf("rows from a bad date: %d", r.Status)
	}
}

// Who did the rows of a per-person figure is the owner's to see: an administrator
// gets the rows without the person and may not ask for one person's.
func TestFigureRowsPeopleOwnersOnly(t *testing.T) { dbtest.Each(t, testFigureRowsPeopleOwnersOnly) }

func testFigureRowsPeopleOwnersOnly(t *testing.T, store *db.DB) {
	k := newKit(t, store)
	needFigures(t, k, "tasks_done")
	fc := newFiguresClinic(k)
	fc.rows("tasks_done", fc.date(0), "", fc.adminID, 3, "")
	path := "/console/figures/tasks_done/rows?branch=" + fc.branch.ID + "&from=" + fc.date(0) + "&to=" + fc.date(0)

	owner := fc.signedIn(ownerEmail)
	if p := owner.get(path + "&staff=" + fc.adminID); p.Status != http.StatusOK || strings.Count(p.Body, "Ola admin") != 3 {
		t.Errorf("the owner's rows of one person: %d, %d names", p.Status, strings.Count(p.Body, "Ola admin"))
	}
	admin := fc.signedIn(fc.admin)
	p := admin.get(path)
	if p.Status != http.StatusOK || strings.Count(p.Body, "<tr data-subject=") != 3 || strings.Contains(p.Body, `<th scope="col">Person</th>`) {
		t.Errorf("the administrator's rows: %d", p.Status)
	}
	file := admin.get(strings.Replace(path, "/rows?", "/rows.csv?", 1))
	if strings.Contains(file.Body, fc.adminID) || strings.Contains(file.Body, "Ola admin") {
		t.Errorf("the administrator's CSV names the person:\n%s", file.Body)
	}
	if p := admin.get(path + "&staff=" + fc.adminID); p.Status != http.StatusForbidden {
		t.Errorf("an administrator asked for one person's rows: %d", p.Status)
	}
}
