package console

import (
	"html/template"
	"net/url"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/audit"
)

// todayView is the front desk's day of one branch.
type todayView struct {
	Frame
	Date, Prev, Next, Tomorrow string
	IsToday                    bool
	View, By                   string
	Board                      board
	// RowsHTML are the board's rows, drawn by rowsHTML.
	RowsHTML template.HTML
	// Back is the day's own path, where every action comes back to.
	Back    string
	Links   dayLinks
	Changes string
	ETag    string
	// Settings is the owner's form of the branch's limits (Tune: the staff member may).
	Settings Form
	Tune     bool
	// DeskBoard is the desk's household items low and maintenance due.
	DeskBoard deskBoard
}

// todayRoutes mounts the front desk's day, its live refresh, its prints and the
// one-click actions on its visits; all for owners and the front desk.
func (c *Console) todayRoutes(r fiber.Router) {
	desk := c.staffOnly(actor.Owner, actor.Admin)
	r.Get("/console/today", desk, c.todayPage)
	r.Get("/console/today/changes", desk, c.todayChanges)
	r.Get("/console/today/packs.pdf", desk, c.dayPacks)
	r.Post("/console/today/settings", c.staffOnly(actor.Owner), c.saveThresholds)
	r.Get("/console/today/visits/:id/pack.pdf", desk, c.visitPack)
	r.Get("/console/today/visits/:id/cancel", desk, c.cancelForm)
	r.Post("/console/today/visits/:id/cancel", desk, c.cancelVisit)
	r.Post("/console/today/visits/:id/seat", desk, c.seatVisit)
	r.Post("/console/today/visits/:id/:action", desk, c.moveVisit)
}

func (c *Console) todayPage(fc *fiber.Ctx) error {
	d, err := c.desk(fc, "today.title", "today")
	if err != nil {
		return c.fail(fc, err)
	}
	return c.showDay(fc, d, NewForm(nil), fiber.StatusOK)
}

// dayAsked is the date, view and columns a request asks for, read from the query or
// a posted form; a missing or broken date is the branch's today.
type dayAsked struct{ Date, View, By string }

func (c *Console) asked(fc *fiber.Ctx, b clinic.Branch) dayAsked {
	q := dayAsked{Date: fc.FormValue("date"), View: fc.FormValue("view"), By: fc.FormValue("by")}
	if _, err := time.Parse(time.DateOnly, q.Date); err != nil {
		q.Date = LocalDate(c.opts.Now(), b)
	}
	if q.View != "list" {
		q.View = "grid"
	}
	if q.By != "doctor" {
		q.By = "chair"
	}
	return q
}

// showDay draws the day with the settings form (redrawn with its marks after a
// refused change).
func (c *Console) showDay(fc *fiber.Ctx, d Desk, settings Form, status int) error {
	ctx := fc.UserContext()
	q := c.asked(fc, d.Branch)
	// The tag is read before the day, so a change landing in between is fetched by
	// the first poll rather than missed.
	first, err := c.anywhere(ctx, d.Lang, q, d.Branch.ID)
	if err != nil {
		return c.fail(fc, err)
	}
	data, err := c.loadDay(ctx, d.Branch, q.Date)
	if err != nil {
		return c.fail(fc, err)
	}
	// The day names every patient of the branch's day: one read of the list is kept.
	entry := audit.Entry{Action: audit.Read, Entity: "branch_day", EntityID: d.Branch.ID + "/" + q.Date}
	if err := c.svc.Audit.RecordNow(ctx, entry); err != nil {
		return c.fail(fc, err)
	}
	now := c.opts.Now()
	v := c.todayView(fc, d, q, data.board(now, d.Lang, q.By))
	v.ETag = dayTag{anywhere: first}.String()
	v.Settings, v.Tune = settings, mayTune(who(fc))
	if v.DeskBoard, err = c.deskBoardOf(ctx, d); err != nil {
		return c.fail(fc, err)
	}
	if len(settings.Values) == 0 {
		v.Settings.Values["late_after"] = itoa(int(data.th.LateAfter / time.Minute))
		v.Settings.Values["waiting_warn"] = itoa(int(data.th.WaitingWarn / time.Minute))
	}
	return c.render(fc, status, "today", v)
}

func (c *Console) todayView(fc *fiber.Ctx, d Desk, q dayAsked, b board) todayView {
	day, _ := time.Parse(time.DateOnly, q.Date)
	today := LocalDate(c.opts.Now(), d.Branch)
	v := todayView{Frame: d.Frame, Date: q.Date, View: q.View, By: q.By, Board: b, IsToday: q.Date == today,
		Prev: day.AddDate(0, 0, -1).Format(time.DateOnly), Next: day.AddDate(0, 0, 1).Format(time.DateOnly)}
	t, _ := time.Parse(time.DateOnly, today)
	v.Tomorrow = t.AddDate(0, 0, 1).Format(time.DateOnly)
	v.Back = dayPath(d.Branch.ID, q.Date, q.View, q.By)
	v.RowsHTML = rowsHTML(b.Rows, newRowWords(d.Lang, d.Frame.CSRF, v.Back))
	v.Changes = "/console/today/changes?" + dayQuery(d.Branch.ID, q.Date, q.View, q.By)
	v.Frame.Title = T(d.Lang, "today.title") + " · " + q.Date
	id := d.Branch.ID
	v.Links = dayLinks{Prev: dayPath(id, v.Prev, q.View, q.By), Next: dayPath(id, v.Next, q.View, q.By),
		Today: dayPath(id, "", q.View, q.By), Grid: dayPath(id, q.Date, "grid", q.By), List: dayPath(id, q.Date, "list", q.By),
		ByChair: dayPath(id, q.Date, q.View, "chair"), ByDoctor: dayPath(id, q.Date, q.View, "doctor"),
		Packs: "/console/today/packs.pdf?" + dayQuery(id, v.Tomorrow, "", "")}
	return v
}

// dayLinks are the day's ways to other days, views and prints.
type dayLinks struct {
	Prev, Next, Today, Grid, List, ByChair, ByDoctor, Packs string
}

// dayPath is the Today page of a branch's date in a view.
func dayPath(branch, date, view, by string) string {
	return "/console/today?" + dayQuery(branch, date, view, by)
}

func dayQuery(branch, date, view, by string) string {
	q := url.Values{"branch": {branch}}
	for k, v := range map[string]string{"date": date, "view": view, "by": by} {
		if v != "" {
			q.Set(k, v)
		}
	}
	return q.Encode()
}
