package selfservice

import (
	"context"
	"embed"
	"html/template"
	"slices"
	"strings"
	"time"

	"github.com/nyaruka/phonenumbers"

	"github.com/frontdeskhq/frontdesk/booking/schedule"
	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/internal/fault"
	"github.com/frontdeskhq/frontdesk/internal/patientpage"
	"github.com/frontdeskhq/frontdesk/visit"
)

// pageFiles are the page's own template, style and script, in the binary so that the
// page needs nothing from disk or from another host; the layout is the kit's.
//
//go:embed pages
var pageFiles embed.FS

var (
	// visitPage is the page's style and script and the CSP that names them.
	visitPage     = patientpage.NewPage("manage-visit", mustPageFile("pages/visit.css"), mustPageFile("pages/visit.js"))
	visitTemplate = visitPage.Template(pageFiles, "pages/visit.html")
)

func mustPageFile(name string) string {
	b, err := pageFiles.ReadFile(name)
	if err != nil {
		panic("booking: " + err.Error())
	}
	return string(b)
}

// visitView is the data of the visit page.
type visitView struct {
	patientpage.Frame
	T                                          *pageText
	Token, Nonce, Flash, Problem               string
	Service, Doctor, When, Status, ChangeUntil string
	StatusKey                                  visit.Status
	Branch                                     clinic.Branch
	Phone                                      phoneLink
	// CallToChange: the visit is inside the change window, so changes go by phone;
	// Over: it is cancelled, done or missed.
	CanConfirm, CanChange, CallToChange, Over bool
	Reasons                                   []reasonOption
	Details                                   string
	MaxDetails                                int
	ReasonErr, DetailsErr, TimeErr            string
	// Errors repeat the field errors at the top of the page, each a link to its
	// field: a page re-rendered after a post opens at the top, far from the form.
	Errors []fieldLink
	Days   []pickerDay
}

type fieldLink struct{ Text, Href string }

type phoneLink struct {
	Text string
	Href template.URL
}

type reasonOption struct {
	Value, Label string
	Selected     bool
}

// pickerDay is one day of free times; Open days are unfolded.
type pickerDay struct {
	Heading string
	Open    bool
	Times   []pickerTime
}

type pickerTime struct {
	Value, Label string
	Checked      bool
}

// render writes the visit page with st; free times are looked up only when the
// patient may still move the visit.
func (p *visitPages) render(ctx context.Context, r pageRequest, v Visit, locale string, status int, st pageState) patientpage.Answer {
	view := p.visitView(r.token, v, locale, st)
	if view.CanChange {
		days, err := p.freeDays(ctx, v, locale, st.start)
		if err != nil {
			return p.failure(ctx, r, err)
		}
		view.Days = days
	}
	view.Errors = errorLinks(view)
	return visitPage.Render(ctx, p.log, visitTemplate, status, view)
}

func errorLinks(v visitView) []fieldLink {
	var out []fieldLink
	for _, e := range []fieldLink{{v.ReasonErr, "#reason"}, {v.DetailsErr, "#details"}, {v.TimeErr, "#move"}} {
		if e.Text != "" {
			out = append(out, e)
		}
	}
	return out
}

func (p *visitPages) visitView(token string, v Visit, locale string, st pageState) visitView {
	t, d, a := textFor(locale), datesFor(locale), v.Appointment
	now, open := p.ss.s.Now(), a.Status == visit.Booked || a.Status == visit.Confirmed
	return visitView{
		Frame: visitPage.Frame(locale, t.Title+" · "+v.Branch.Name), T: t, Token: token,
		Nonce: p.nonces.Make(token, now), Flash: st.flash.in(t), Problem: st.problem.in(t),
		Service: v.Service, Doctor: v.Doctor.DisplayName, When: d.span(a.Start.In(v.Loc), a.End.In(v.Loc)),
		Status: t.Statuses[a.Status], StatusKey: a.Status, ChangeUntil: d.deadline(v.ChangeDeadline.In(v.Loc)),
		Branch: v.Branch, Phone: phoneOf(v.Branch),
		CanConfirm: v.CanConfirm, CanChange: v.CanChange, CallToChange: open && !v.CanChange && now.Before(a.Start),
		Over:    slices.Contains([]visit.Status{visit.Cancelled, visit.Completed, visit.NoShow, visit.Released}, a.Status),
		Reasons: reasonOptions(t, st.reason), Details: st.details, MaxDetails: maxDetails,
		ReasonErr: st.reasonErr.in(t), DetailsErr: st.detailsErr.in(t), TimeErr: st.timeErr.in(t),
	}
}

// freeDays are the times the visit can move to: the same service with the same doctor
// at the same branch over the next pickerDays days, grouped by local day.
func (p *visitPages) freeDays(ctx context.Context, v Visit, locale, chosen string) ([]pickerDay, error) {
	a := v.Appointment
	res, err := p.free.Availability(ctx, schedule.Query{BranchID: a.BranchID, ServiceID: a.ServiceID, DoctorID: a.DoctorID, Days: pickerDays})
	if _, ok := fault.As(err); ok {
		return nil, nil // the service or the doctor takes no bookings now: the page offers the phone
	}
	if err != nil {
		return nil, err
	}
	d := datesFor(locale)
	var days []pickerDay
	for _, day := range res.Days {
		if len(day.Slots) == 0 {
			continue
		}
		pd := pickerDay{Heading: d.heading(day.Slots[0].Start.In(v.Loc))}
		for _, s := range day.Slots {
			value := s.Start.In(v.Loc).Format(time.RFC3339)
			pd.Times = append(pd.Times, pickerTime{Value: value, Label: clock(s.Start.In(v.Loc)), Checked: value == chosen})
			pd.Open = pd.Open || value == chosen
		}
		days = append(days, pd)
	}
	if len(days) > 0 && !slices.ContainsFunc(days, func(d pickerDay) bool { return d.Open }) {
		days[0].Open = true
	}
	return days, nil
}

func reasonOptions(t *pageText, chosen string) []reasonOption {
	out := make([]reasonOption, len(cancelReasons))
	for i, key := range cancelReasons {
		out[i] = reasonOption{Value: key, Label: t.Reasons[key], Selected: key == chosen}
	}
	return out
}

// phoneOf is the branch's phone written for people and as a tel: link (E.164 is
// a plus and digits only, so it is safe in the href).
func phoneOf(b clinic.Branch) phoneLink {
	n, err := phonenumbers.Parse(b.Phone, strings.ToUpper(b.Country))
	if err != nil {
		return phoneLink{Text: b.Phone}
	}
	return phoneLink{Text: phonenumbers.Format(n, phonenumbers.INTERNATIONAL),
		Href: template.URL("tel:" + phonenumbers.Format(n, phonenumbers.E164))}
}
