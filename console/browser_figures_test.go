package console_test

import (
	"testing"

	"github.com/frontdeskhq/frontdesk/internal/browsertest"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
)

// In a real browser, the owner opens the dashboard, which passes axe and fits a
// phone with its tiles and trend lines; she sets the no-show colours, first wrongly
// by mouse (the field comes back marked), then rightly by keyboard, and the tile
// turns amber with its word. The rows behind it pass axe too. An administrator's
// dashboard, without people or colours forms, passes as well.
func TestBrowserFiguresDashboard(t *testing.T) {
	k := newKit(t, dbtest.New(t))
	needFigures(t, k, "no_show_rate", "tasks_done", "nps")
	fc := newFiguresClinic(k)
	for w := range 13 {
		fc.day("no_show_rate", fc.date(-7*w), "", "", int64(w%4+1), 20)
		fc.day("tasks_done", fc.date(-7*w), "", fc.adminID, int64(w+2), 0)
		fc.day("tasks_done", fc.date(-7*w), "", "", int64(w+3), 0)
	}
	fc.day("nps", fc.date(-1), "", "", 6, 10)
	fc.rows("no_show_rate", fc.date(0), fc.doctor.ID, "", 4, "no call, no show")
	dir := browsertest.ScreenshotDir(t)
	s := k.openAs(ownerEmail, fc.dashboard(""), deskWidth)
	s.wantText("Figures", "Visits", "No-shows", "11.9%", "Fewer than 30 answers", "Ola admin")
	s.look(dir, "figures")

	s.Click("#figure-no_show_rate summary", "Set the colours")
	s.Fill("no_show_rate-warn", "20")
	s.Fill("no_show_rate-bad", "10")
	s.Click("#figure-no_show_rate button", "Save the colours")
	s.WaitFor(`document.querySelector('#no_show_rate-bad[aria-invalid=true]')`, wait)
	s.wantText("Higher is worse here")
	s.look(dir, "figures-colours-marked")

	s.focus("#no_show_rate-warn")
	s.Eval(`document.getElementById('no_show_rate-warn').select()`, nil)
	s.typeKeys("10")
	s.tab("input#no_show_rate-bad")
	s.Eval(`document.getElementById('no_show_rate-bad').select()`, nil)
	s.typeKeys("15")
	s.tab("button Save the colours")
	s.enter()
	s.WaitFor(`location.search.includes('saved=1')`, wait)
	s.wantText("The colours are saved.", "Watch", "Amber from 10, red from 15.")

	s.Click("#figure-no_show_rate a", "Rows behind No-shows")
	s.WaitFor(`location.pathname === '/console/figures/no_show_rate/rows'`, wait)
	s.wantText("no call, no show", "Dr Nowak", "Download as CSV")
	s.look(dir, "figures-rows")

	admin := &screen{Tab: browsertest.OpenApart(t, k.base+fc.dashboard(""), deskWidth, 900), k: k}
	admin.WaitFor(`location.pathname === '/console/login'`, wait)
	admin.signIn(fc.admin)
	admin.wantText("No-shows", "Watch")
	admin.look(dir, "figures-admin")
}
