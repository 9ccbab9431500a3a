// Package widget is the booking widget that clinics embed on their own websites: the
// script (/widget.js, a custom element in Shadow DOM), a fake clinic website to try it
// on (/widget/demo), the public catalog the script reads first, the booked visit as an
// .ics file, and the website origins each branch allows, which the public API's CORS
// answers follow.
package widget

import (
	"context"
	"time"

	"github.com/frontdeskhq/frontdesk/booking"
	"github.com/frontdeskhq/frontdesk/booking/selfservice"
	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/db"
)

// Directory is the part of the clinic directory the widget shows (*clinic.Service).
type Directory interface {
	Branch(ctx context.Context, id string) (clinic.Branch, error)
	Branches(ctx context.Context, f clinic.BranchFilter) (clinic.Page[clinic.Branch], error)
	Doctors(ctx context.Context, f clinic.DoctorFilter) (clinic.Page[clinic.Doctor], error)
	Procedures(ctx context.Context, f clinic.ProcedureFilter) (clinic.Page[clinic.Procedure], error)
}

// Visits opens a visit through its manage link (*selfservice.Service).
type Visits interface {
	OpenVisit(ctx context.Context, token string) (selfservice.Visit, error)
}

// Rules are a service's booking rules at a branch (*schedule.Service): the widget
// tells a patient before booking when a time is inside the change window.
type Rules interface {
	RulesFor(ctx context.Context, branchID, serviceID string) (booking.Rules, error)
}

// Deps is what the widget's service needs.
type Deps struct {
	DB     *db.DB
	Dir    Directory
	Visits Visits
	// Rules may be nil: the catalog then names no change window.
	Rules Rules
	// Now is the clock (time.Now when nil).
	Now func() time.Time
}

// Service answers the widget's reads and keeps the allowed origins.
type Service struct {
	db     *db.DB
	dir    Directory
	visits Visits
	rules  Rules
	now    func() time.Time
}

// NewService returns the widget's service over d.
func NewService(d Deps) *Service {
	if d.Now == nil {
		d.Now = time.Now
	}
	return &Service{db: d.DB, dir: d.Dir, visits: d.Visits, rules: d.Rules, now: d.Now}
}

// asSystem reads the directory as the system: what the widget shows is public and the
// same whoever asks.
func asSystem(ctx context.Context) context.Context {
	return actor.With(ctx, actor.Actor{Kind: actor.System})
}
