package console

import (
	"strconv"
	"strings"
	"time"

	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/visit"
)

// Stage is where a visit is as the desk sees it: a word, an icon and a colour class,
// never colour alone. Late (booked or confirmed, past its start, patient not here)
// is a stage of its own; Minutes is the minutes late or waiting since arrival.
type Stage struct {
	Key     string
	Icon    string
	Minutes int
	// Alert is set when the minutes pass the branch's threshold.
	Alert bool
}

// stageIcons are the stages' icons, beside their word.
var stageIcons = map[string]string{
	"booked": "○", "confirmed": "✓", "late": "◷", "arrived": "⌂", "seated": "◉",
	"completed": "✔", "cancelled": "✕", "no_show": "⊘", "held": "…", "rescheduled": "↷", "released": "–",
}

// Thresholds are a branch's limits: minutes after the start a visit shows as late,
// and minutes of waiting after arrival that flag it.
type Thresholds struct {
	LateAfter   time.Duration
	WaitingWarn time.Duration
}

// DefaultThresholds apply where a branch has set none.
var DefaultThresholds = Thresholds{LateAfter: 5 * time.Minute, WaitingWarn: 15 * time.Minute}

// StageOf is the visit's stage at now.
func StageOf(v visit.Visit, now time.Time, th Thresholds) Stage {
	key := string(v.Status)
	st := Stage{Key: key}
	switch {
	case (v.Status == visit.Booked || v.Status == visit.Confirmed) && now.After(v.Start.Add(th.LateAfter)):
		st.Key, st.Minutes, st.Alert = "late", int(now.Sub(v.Start).Minutes()), true
	case v.Status == visit.Arrived && v.ArrivedAt != nil:
		wait := now.Sub(*v.ArrivedAt)
		st.Minutes, st.Alert = int(wait.Minutes()), wait >= th.WaitingWarn
	}
	st.Icon = stageIcons[st.Key]
	return st
}

// Label is the stage's word in lang, with its minutes ("late 12 min").
func (s Stage) Label(lang string) string {
	word := T(lang, "stage."+s.Key)
	switch {
	case s.Key == "late":
		return T(lang, "stage.late_min", "minutes", s.Minutes)
	case s.Key == "arrived" && s.Minutes > 0:
		return T(lang, "stage.waiting_min", "minutes", s.Minutes)
	}
	return word
}

// PatientName is how the desk names a patient: last name first, as on a list.
func PatientName(p clinic.Patient) string {
	return strings.TrimSpace(p.LastName + " " + p.FirstName + " " + p.MiddleName)
}

// Age is the patient's age in whole years on the date of now, "" when the birth
// date is unknown.
func Age(birth string, now time.Time) string {
	b, err := time.Parse(time.DateOnly, birth)
	if err != nil {
		return ""
	}
	years := now.Year() - b.Year()
	if now.YearDay() < b.YearDay() {
		years--
	}
	return strconv.Itoa(years)
}

// Clock is the local "15:04" of an instant in the branch's zone.
func Clock(at time.Time, b clinic.Branch) string {
	return at.In(clinic.Zone(b.TimeZone)).Format("15:04")
}

// LocalDate is the branch's local date of an instant, YYYY-MM-DD.
func LocalDate(at time.Time, b clinic.Branch) string {
	return at.In(clinic.Zone(b.TimeZone)).Format(time.DateOnly)
}
