package schedule

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/fault"
)

// TemplateInterval is one span of a doctor's weekly template: on an ISO weekday
// (1 = Monday), from StartMinute to EndMinute of the branch's local day, on the local
// dates from ValidFrom to ValidTo (inclusive; nil is open-ended).
type TemplateInterval struct {
	ID          string    `db:"id"`
	DoctorID    string    `db:"doctor_id"`
	BranchID    string    `db:"branch_id"`
	ChairID     *string   `db:"chair_id"`
	Weekday     int       `db:"weekday"`
	StartMinute int       `db:"start_minute"`
	EndMinute   int       `db:"end_minute"`
	ValidFrom   string    `db:"valid_from"`
	ValidTo     *string   `db:"valid_to"`
	CreatedAt   time.Time `db:"created_at"`
}

// validOn reports whether the interval applies on a local date (YYYY-MM-DD compares
// as text).
func (t TemplateInterval) validOn(date string) bool {
	return t.ValidFrom <= date && (t.ValidTo == nil || date <= *t.ValidTo)
}

// TemplateInput is one interval as sent: "HH:MM" times ("24:00" ends the day) and
// YYYY-MM-DD dates of the branch's calendar; ChairID and ValidTo may be "".
type TemplateInput struct {
	Weekday   int
	Start     string
	End       string
	BranchID  string
	ChairID   string
	ValidFrom string
	ValidTo   string
}

// maxTemplateIntervals bounds a weekly template; a busy doctor has a dozen.
const maxTemplateIntervals = 100

// Schedule returns a doctor's weekly template by weekday and start.
func (s *Service) Schedule(ctx context.Context, doctorID string) ([]TemplateInterval, error) {
	if _, err := s.dir.Doctor(ctx, doctorID); err != nil {
		return nil, err
	}
	return s.store.templatesOf(ctx, []string{doctorID})
}

// ReplaceSchedule makes in the doctor's whole weekly template. Owners and admins may
// change anyone's; a doctor only their own.
func (s *Service) ReplaceSchedule(ctx context.Context, doctorID string, in []TemplateInput) ([]TemplateInterval, error) {
	doc, err := s.editableDoctor(ctx, doctorID)
	if err != nil {
		return nil, err
	}
	rows, err := s.checkTemplate(ctx, doc, in)
	if err != nil {
		return nil, err
	}
	for i := range rows {
		rows[i].CreatedAt = s.clock()
	}
	err = s.db.InTx(ctx, func(tx db.Tx) error { return s.store.replaceTemplates(ctx, tx, doc.ID, rows) })
	if err != nil {
		return nil, err
	}
	return s.store.templatesOf(ctx, []string{doc.ID})
}

// editableDoctor is the doctor if the actor may change their schedule.
func (s *Service) editableDoctor(ctx context.Context, doctorID string) (clinic.Doctor, error) {
	doc, err := s.dir.Doctor(ctx, doctorID)
	if err != nil {
		return doc, err
	}
	a := actor.From(ctx)
	if a.Kind == actor.Staff && !a.SeesAllBranches() && a.StaffID != doc.StaffID {
		return doc, ErrNotYourSchedule
	}
	return doc, nil
}

// checkTemplate parses and checks every interval: malformed values answer 400, and
// intervals that cannot be worked (a branch the doctor does not work at, a chair of
// another branch, two intervals at once) answer 422; each names the field.
func (s *Service) checkTemplate(ctx context.Context, doc clinic.Doctor, in []TemplateInput) ([]TemplateInterval, error) {
	if len(in) > maxTemplateIntervals {
		return nil, fault.Field("intervals", "max", fmt.Sprintf("must have at most %d intervals", maxTemplateIntervals))
	}
	var p schedProblems
	rows := make([]TemplateInterval, len(in))
	for i, iv := range in {
		rows[i] = parseInterval(&p, fmt.Sprintf("intervals[%d]", i), doc.ID, iv)
	}
	if err := p.err(fault.Invalid); err != nil {
		return nil, err
	}
	for i, r := range rows {
		s.checkPlace(ctx, &p, fmt.Sprintf("intervals[%d]", i), doc, r.BranchID, r.ChairID)
		if j := overlapping(rows[:i], r); j >= 0 {
			p.add(fmt.Sprintf("intervals[%d]", i), "overlap", fmt.Sprintf("overlaps intervals[%d]", j))
		}
	}
	return rows, p.err(fault.Unprocessable)
}

func parseInterval(p *schedProblems, at, doctorID string, iv TemplateInput) TemplateInterval {
	r := TemplateInterval{ID: newScheduleID(), DoctorID: doctorID, BranchID: strings.ToLower(iv.BranchID),
		Weekday: iv.Weekday, ValidFrom: iv.ValidFrom}
	if iv.Weekday < 1 || iv.Weekday > 7 {
		p.add(at+".weekday", "weekday", "must be 1 (Monday) to 7 (Sunday)")
	}
	var okS, okE bool
	if r.StartMinute, okS = parseClock(iv.Start, false); !okS {
		p.add(at+".start", "time", "must be a time HH:MM")
	}
	if r.EndMinute, okE = parseClock(iv.End, true); !okE {
		p.add(at+".end", "time", "must be a time HH:MM (24:00 for midnight)")
	}
	if okS && okE && r.StartMinute >= r.EndMinute {
		p.add(at+".end", "after_start", "must be later than start")
	}
	if iv.ChairID != "" {
		r.ChairID = schedPtr(strings.ToLower(iv.ChairID))
	}
	if iv.ValidTo != "" {
		r.ValidTo = &iv.ValidTo
	}
	checkDates(p, at, iv.ValidFrom, iv.ValidTo)
	return r
}

func checkDates(p *schedProblems, at, from, to string) {
	f, okF := parseCivil(from)
	if !okF {
		p.add(at+".valid_from", "date", "must be a date YYYY-MM-DD")
	}
	t, okT := parseCivil(to)
	switch {
	case to != "" && !okT:
		p.add(at+".valid_to", "date", "must be a date YYYY-MM-DD or absent")
	case to != "" && okF && t.before(f):
		p.add(at+".valid_to", "after_valid_from", "must not be earlier than valid_from")
	}
}

// overlapping is the index of an earlier interval worked at the same time as r (same
// weekday, intersecting validity and minutes), or -1. Touching intervals are fine.
func overlapping(earlier []TemplateInterval, r TemplateInterval) int {
	for j, o := range earlier {
		sameDays := o.Weekday == r.Weekday && dateLE(o.ValidFrom, r.ValidTo) && dateLE(r.ValidFrom, o.ValidTo)
		if sameDays && o.StartMinute < r.EndMinute && r.StartMinute < o.EndMinute {
			return j
		}
	}
	return -1
}

// dateLE reports from <= to, where a nil to is open-ended.
func dateLE(from string, to *string) bool { return to == nil || from <= *to }

// checkPlace checks that the doctor works at the branch and the chair stands there.
func (s *Service) checkPlace(ctx context.Context, p *schedProblems, at string, doc clinic.Doctor, branchID string, chairID *string) {
	if !slices.Contains(doc.BranchIDs, branchID) {
		p.add(fieldAt(at, "branch_id"), "not_at_branch", "the doctor does not work at this branch")
		return
	}
	if chairID == nil {
		return
	}
	chairs, err := s.chairsAt(ctx, branchID)
	if err != nil || !slices.ContainsFunc(chairs, func(c clinic.Chair) bool { return c.ID == *chairID }) {
		p.add(fieldAt(at, "chair_id"), "not_at_branch", "no such chair at this branch")
	}
}

// chairsAt lists the branch's chairs, every page.
func (s *Service) chairsAt(ctx context.Context, branchID string) ([]clinic.Chair, error) {
	var out []clinic.Chair
	f := clinic.ChairFilter{BranchID: branchID, Limit: 200}
	for {
		page, err := s.dir.Chairs(ctx, f)
		if err != nil {
			return nil, err
		}
		out = append(out, page.Items...)
		if page.Next == "" {
			return out, nil
		}
		f.Cursor = page.Next
	}
}

// fieldAt is the JSON path of name inside at ("" for the top level).
func fieldAt(at, name string) string {
	if at == "" {
		return name
	}
	return at + "." + name
}

var clockPattern = regexp.MustCompile(`^[0-9]{2}:[0-9]{2}$`)

// parseClock reads "HH:MM" as minutes after midnight; "24:00" only as an end.
func parseClock(s string, end bool) (int, bool) {
	if !clockPattern.MatchString(s) {
		return 0, false
	}
	h, _ := strconv.Atoi(s[:2])
	m, _ := strconv.Atoi(s[3:])
	if m > 59 || h > 24 || (h == 24 && (m != 0 || !end)) {
		return 0, false
	}
	return h*60 + m, true
}

// FormatClock writes minutes after midnight as "HH:MM".
func FormatClock(minutes int) string { return fmt.Sprintf("%02d:%02d", minutes/60, minutes%60) }
