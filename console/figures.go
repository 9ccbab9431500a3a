package console

import (
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/figures"
	"github.com/frontdeskhq/frontdesk/internal/actor"
)

// figuresRoutes mounts the manager's dashboard: owners and the front desk see the
// branch's figures; only owners see each person's part and set the colours.
func (c *Console) figuresRoutes(r fiber.Router) {
	board := c.staffOnly(actor.Owner, actor.Admin)
	r.Get("/console/figures", board, c.figuresPage)
	r.Get("/console/figures/:name/rows.csv", board, c.figureRowsCSV)
	r.Get("/console/figures/:name/rows", board, c.figureRowsPage)
	r.Post("/console/figures/:name/threshold", c.staffOnly(actor.Owner), c.saveFigureThreshold)
}

// figuresAsked is the range, bucketing and doctor a dashboard request asks for.
type figuresAsked struct {
	Period, From, To, By, Doctor string
}

// figurePeriods are the ranges the period picker offers, each with its natural
// bucketing; "custom" takes from and to as given.
var figurePeriods = []string{"13w", "30d", "12m", "custom"}

// figureBys are the bucketings a range can be cut into.
var figureBys = []string{"week", "month", "day"}

// figuresAsk reads the request's choices into a form (what the filter redraws) and
// the query they make; bad dates are marked on the form and the default range used.
func (c *Console) figuresAsk(fc *fiber.Ctx, d Desk) (figuresAsked, Form) {
	f := NewForm(map[string]string{"period": fc.Query("period"), "from": fc.Query("from"),
		"to": fc.Query("to"), "by": fc.Query("by"), "doctor": fc.Query("doctor")})
	a := figuresAsked{Period: f.Get("period"), By: f.Get("by"), Doctor: f.Get("doctor")}
	if !slices.Contains(figurePeriods, a.Period) {
		a.Period = "13w"
	}
	today, _ := time.Parse(time.DateOnly, LocalDate(c.opts.Now(), d.Branch))
	from, to, by := periodRange(a.Period, today)
	if datesChanged(f, from, to) {
		a.Period = "custom"
	}
	if a.Period == "custom" {
		from, to = customRange(&f, d.Lang, from, to)
	}
	if !slices.Contains(figureBys, a.By) {
		a.By = by
	}
	a.From, a.To = from.Format(time.DateOnly), to.Format(time.DateOnly)
	f.Values["period"], f.Values["by"] = a.Period, a.By
	f.Values["from"], f.Values["to"] = orValue(f.Get("from"), a.From), orValue(f.Get("to"), a.To)
	return a, f
}

// datesChanged reports dates sent that are not the named period's own: the filter
// form sends both, so dates typed over a period's mean those dates.
func datesChanged(f Form, from, to time.Time) bool {
	sent := func(name string, own time.Time) bool {
		v := strings.TrimSpace(f.Get(name))
		return v != "" && v != own.Format(time.DateOnly)
	}
	return sent("from", from) || sent("to", to)
}

// periodRange is a picker choice's dates ending today and its bucketing: 13 ISO
// weeks (this one included), 30 days or 12 calendar months.
func periodRange(period string, today time.Time) (from, to time.Time, by string) {
	switch period {
	case "30d":
		return today.AddDate(0, 0, -29), today, "day"
	case "12m":
		first := time.Date(today.Year(), today.Month(), 1, 0, 0, 0, 0, time.UTC)
		return first.AddDate(0, -11, 0), today, "month"
	}
	monday := today.AddDate(0, 0, 1-isoDay(today))
	return monday.AddDate(0, 0, -12*7), today, "week"
}

func isoDay(t time.Time) int {
	if t.Weekday() == time.Sunday {
		return 7
	}
	return int(t.Weekday())
}

// maxFigureDays is the longest range the figures count at once (figures' own bound).
const maxFigureDays = 400

// customRange reads from and to, marking a bad date or an upside-down or too long
// range; what cannot be read stays at the default.
func customRange(f *Form, lang string, from, to time.Time) (time.Time, time.Time) {
	a, errA := time.Parse(time.DateOnly, strings.TrimSpace(f.Get("from")))
	b, errB := time.Parse(time.DateOnly, strings.TrimSpace(f.Get("to")))
	switch {
	case errA != nil:
		f.Mark(lang, "from", "figures.bad_date")
	case errB != nil:
		f.Mark(lang, "to", "figures.bad_date")
	case b.Before(a):
		f.Mark(lang, "to", "figures.to_before_from")
	case b.Sub(a) > maxFigureDays*24*time.Hour:
		f.Mark(lang, "to", "figures.too_long", "days", maxFigureDays)
	default:
		return a, b
	}
	return from, to
}

func orValue(s, fallback string) string {
	if strings.TrimSpace(s) == "" {
		return fallback
	}
	return s
}

// query is the dashboard's own query string for these choices: a named period
// recomputes its dates each day, so only chosen dates are carried.
func (a figuresAsked) query(branch string) url.Values {
	q := url.Values{"branch": {branch}, "period": {a.Period}, "by": {a.By}}
	if a.Period == "custom" {
		q.Set("from", a.From)
		q.Set("to", a.To)
	}
	if a.Doctor != "" {
		q.Set("doctor", a.Doctor)
	}
	return q
}

func (c *Console) figuresPage(fc *fiber.Ctx) error {
	return c.figuresDraw(fc, "", NewForm(nil))
}

// figuresDraw draws the dashboard: one read of every figure, one of the colours, one
// of the doctors (and, for owners, the names of the people in the per-person parts).
// A refused threshold form comes back on its tile (formFor names the figure).
func (c *Console) figuresDraw(fc *fiber.Ctx, formFor string, form Form) error {
	d, err := c.desk(fc, "figures.title", "figures")
	if err != nil {
		return c.fail(fc, err)
	}
	a, filter := c.figuresAsk(fc, d)
	doctors, err := c.figureDoctors(fc, d.Branch.ID)
	if err != nil {
		return c.fail(fc, err)
	}
	if _, ok := doctors[a.Doctor]; !ok {
		a.Doctor, filter.Values["doctor"] = "", ""
	}
	owner := who(fc).Is(actor.Owner)
	in, err := c.figuresRead(fc, d, a, owner)
	if err != nil {
		return c.fail(fc, err)
	}
	in.FormFor, in.Form = formFor, form
	v := figuresView{Frame: d.Frame, Filter: filter, Asked: a, Owner: owner, Doctors: doctorOptions(d.Lang, doctors)}
	v.build(in)
	if fc.Query("saved") != "" && formFor == "" {
		v.Notice = T(d.Lang, "figures.threshold.saved")
	}
	return c.render(fc, figuresStatus(filter, form), "figures", v)
}

// figuresRead reads what the tiles are drawn from: the report (each person's part
// for an owner looking at the whole branch), the branch's colours and the names.
func (c *Console) figuresRead(fc *fiber.Ctx, d Desk, a figuresAsked, owner bool) (dashboardInput, error) {
	ctx := fc.UserContext()
	r, err := c.svc.Figures.Figures(ctx, figures.Query{BranchID: d.Branch.ID, From: a.From, To: a.To, By: a.By,
		DoctorID: a.Doctor, People: owner && a.Doctor == ""})
	if err != nil {
		return dashboardInput{}, err
	}
	ths, err := c.svc.Figures.Thresholds(ctx, d.Branch.ID)
	if err != nil {
		return dashboardInput{}, err
	}
	return dashboardInput{Report: r, Thresholds: ths, Lang: d.Lang, Currency: d.Branch.Currency,
		Query: a.query(d.Branch.ID), From: a.From, To: a.To}, nil
}

// figuresStatus is the page's status: a refused colours form's, else a marked
// filter's, else 200.
func figuresStatus(filter, form Form) int {
	switch {
	case form.Invalid():
		return form.Status()
	case filter.Invalid():
		return filter.Status()
	}
	return fiber.StatusOK
}

// figureDoctors are the branch's doctors by id (the picker and the rows' names).
func (c *Console) figureDoctors(fc *fiber.Ctx, branchID string) (map[string]clinic.Doctor, error) {
	page, err := c.svc.Clinic.Doctors(fc.UserContext(), clinic.DoctorFilter{BranchID: branchID, Limit: 200})
	if err != nil {
		return nil, err
	}
	out := make(map[string]clinic.Doctor, len(page.Items))
	for _, doc := range page.Items {
		out[doc.ID] = doc
	}
	return out, nil
}

// doctorOptions are the picker's choices: the whole branch, then each doctor by name.
func doctorOptions(lang string, doctors map[string]clinic.Doctor) []Option {
	out := make([]Option, 0, len(doctors)+1)
	for id, doc := range doctors {
		out = append(out, Option{Value: id, Label: doc.DisplayName})
	}
	slices.SortFunc(out, func(a, b Option) int { return strings.Compare(a.Label, b.Label) })
	return append([]Option{{Value: "", Label: T(lang, "figures.all_doctors")}}, out...)
}

// staffName files one staff member's name once; one whose account cannot be read is
// shown by id rather than failing the whole dashboard.
func (c *Console) staffName(fc *fiber.Ctx, id string, into map[string]string) {
	if _, ok := into[id]; ok || id == "" {
		return
	}
	into[id] = id
	if s, err := c.svc.Staff.Get(fc.UserContext(), id); err == nil {
		into[id] = s.Name
	}
}
