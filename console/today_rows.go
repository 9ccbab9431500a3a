package console

import (
	"hash/fnv"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/frontdeskhq/frontdesk/booking"
	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/visit"
)

// dayRow is one visit as the desk's day shows it, every word already in the page's
// language, so its Version fingerprints exactly what the row shows.
type dayRow struct {
	ID, Version         string
	Start, End          string
	PatientID, Patient  string
	Age, Phone          string
	Service, Doctor     string
	Chair               string
	Stage               Stage
	StageText           string
	Confirm, ConfirmIcn string
	ConfirmKey          string
	ConfirmClass        string
	Papers              string
	PapersDone          bool
	Questionnaire       bool
	Alerts              string
	// The actions the visit's status allows now.
	CheckIn, Seat, Complete, NoShow, Cancel, Pack bool
	// Grid position: row start, row span and column.
	Top, Span, Col int
}

// rowOf builds the row of visit v at now in lang.
func (d dayData) rowOf(v visit.Visit, now time.Time, lang string) dayRow {
	b := d.branch
	r := dayRow{ID: v.ID, Start: Clock(v.Start, b), End: Clock(v.End, b), PatientID: v.Patient(),
		Service: d.services[v.ServiceID].Name(b.Locale), Doctor: d.doctorName(v.DoctorID), Chair: d.chairName(v.ChairID)}
	if p, ok := d.patients[v.Patient()]; ok {
		r.Patient, r.Age, r.Phone = PatientName(p), Age(p.BirthDate, now.In(clinic.Zone(b.TimeZone))), p.Phone
		r.Alerts = strings.Join(p.MedicalAlerts, "; ")
	}
	r.Stage = StageOf(v, now, d.th)
	r.StageText = r.Stage.Label(lang)
	r.ConfirmKey, r.ConfirmIcn, r.ConfirmClass = confirmationKey(d.confirms[v.ID])
	r.Confirm = T(lang, r.ConfirmKey)
	if p, ok := d.papers[v.ID]; ok && r.PatientID != "" {
		r.Papers = T(lang, "today.papers", "signed", p.Signed, "required", p.Required)
		r.PapersDone = len(p.Unsigned) == 0
	}
	_, r.Questionnaire = d.filled[v.Patient()]
	r.allow(v, now)
	return r
}

// allow offers the actions the visit's status allows: no-show only after the start.
func (r *dayRow) allow(v visit.Visit, now time.Time) {
	waiting := v.Status == visit.Booked || v.Status == visit.Confirmed
	r.CheckIn, r.Cancel = waiting, waiting
	r.NoShow = waiting && !now.Before(v.Start)
	r.Seat = v.Status == visit.Arrived
	r.Complete = v.Status == visit.Seated
	r.Pack = r.PatientID != "" && v.Status != visit.Cancelled && v.Status != visit.NoShow
}

// confirmationKey is the text key and icon of the patient's answer: what they
// replied, never that a message went out.
func confirmationKey(c booking.Confirmation) (key, icon, class string) {
	switch c.State {
	case booking.ConfirmationConfirmed:
		return "today.conf.confirmed_" + c.Via, "✓", "c-yes"
	case booking.ConfirmationDeclined:
		return "today.conf.declined_" + c.Via, "✗", "c-no"
	case booking.ConfirmationNoAnswer:
		return "today.conf.no_answer", "?", "c-wait"
	}
	return "today.conf.not_asked", "–", "c-none"
}

func (d dayData) doctorName(id string) string {
	for _, x := range d.doctors {
		if x.ID == id {
			return x.DisplayName
		}
	}
	return ""
}

func (d dayData) chairName(id string) string {
	for _, x := range d.chairs {
		if x.ID == id {
			return x.Name
		}
	}
	return ""
}

// stamp fingerprints a row: the script swaps a row only when its stamp changed.
func (r dayRow) stamp() string {
	h := fnv.New64a()
	for _, s := range []string{r.ID, r.Start, r.End, r.PatientID, r.Patient, r.Age, r.Phone, r.Service, r.Doctor,
		r.Chair, r.Stage.Key, r.StageText, r.Confirm, r.ConfirmClass, r.Papers, r.Alerts} {
		_, _ = io.WriteString(h, s)
		_, _ = h.Write([]byte{0})
	}
	flags := []bool{r.Stage.Alert, r.PapersDone, r.Questionnaire, r.CheckIn, r.Seat, r.Complete, r.NoShow, r.Cancel, r.Pack}
	for _, f := range flags {
		_, _ = h.Write([]byte{map[bool]byte{true: 1}[f]})
	}
	_, _ = io.WriteString(h, strconv.Itoa(r.Top)+"/"+strconv.Itoa(r.Span)+"/"+strconv.Itoa(r.Col))
	return strconv.FormatUint(h.Sum64(), 36)
}
