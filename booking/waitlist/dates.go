package waitlist

import (
	"context"
	"time"

	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/fault"
)

// civil is a local date (the branch's), kept as midnight UTC so days count exactly.
type civil struct{ t time.Time }

// parseCivil reads YYYY-MM-DD.
func parseCivil(s string) (civil, bool) {
	t, err := time.Parse(time.DateOnly, s)
	return civil{t}, err == nil
}

// civilOf is the local date of the instant t in loc.
func civilOf(t time.Time, loc *time.Location) civil {
	y, m, d := t.In(loc).Date()
	return civil{time.Date(y, m, d, 0, 0, 0, 0, time.UTC)}
}

func (c civil) String() string        { return c.t.Format(time.DateOnly) }
func (c civil) before(o civil) bool   { return c.t.Before(o.t) }
func (c civil) daysUntil(o civil) int { return int(o.t.Sub(c.t) / (24 * time.Hour)) }

// isoWeekday is 1 for Monday … 7 for Sunday.
func (c civil) isoWeekday() int { return (int(c.t.Weekday())+6)%7 + 1 }

// branchLoc is the branch's zone, UTC when it cannot be read.
func branchLoc(b clinic.Branch) *time.Location {
	loc, err := time.LoadLocation(b.TimeZone)
	if err != nil {
		return time.UTC
	}
	return loc
}

// problems collects field errors so one answer names every bad field.
type problems []fault.FieldError

func (p *problems) add(field, code, message string) {
	*p = append(*p, fault.FieldError{Field: field, Code: code, Message: message})
}

// err is nil without problems, else an error naming every field.
func (p problems) err() error {
	if len(p) == 0 {
		return nil
	}
	return fault.Fields(p...)
}

// asPatient marks ctx as a patient's acting through the link linkRef.
func asPatient(ctx context.Context, linkRef string) context.Context {
	return actor.With(ctx, actor.Actor{Kind: actor.Patient, PatientLink: linkRef})
}
