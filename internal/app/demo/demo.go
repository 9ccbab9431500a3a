// Package demo seeds a believable demo clinic — one branch, its chairs, price list,
// doctors, staff logins and patients, and its days around the moment of seeding
// (yesterday done, today in every stage, two weeks booked) — so Frontdesk can be
// tried in a minute.
package demo

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/frontdeskhq/frontdesk/booking/schedule"
	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/documents"
	"github.com/frontdeskhq/frontdesk/documents/questionnaire"
	"github.com/frontdeskhq/frontdesk/figures"
	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/inventory"
	"github.com/frontdeskhq/frontdesk/messaging"
	"github.com/frontdeskhq/frontdesk/reminders"
	"github.com/frontdeskhq/frontdesk/reviews"
	"github.com/frontdeskhq/frontdesk/staff"
	"github.com/frontdeskhq/frontdesk/tasks"
	"github.com/frontdeskhq/frontdesk/telephony"
)

// Password is the password of every demo login.
const Password = "demo-password"

// Login is one demo staff login.
type Login struct {
	Email string
	Role  actor.Role
}

// Logins are the demo logins, one per role. The owner's is created last and marks a
// complete demo, so a second run finds it and adds nothing.
var Logins = []Login{
	{"owner@demo.frontdesk.test", actor.Owner},
	{"admin@demo.frontdesk.test", actor.Admin},
	{"doctor@demo.frontdesk.test", actor.Doctor},
	{"nurse@demo.frontdesk.test", actor.Nurse},
}

// Locales are the demo country sets: en (London), ru (Moscow), pl (Warsaw), sv (Stockholm).
var Locales = []string{"en", "ru", "pl", "sv"}

// Deps are the services the demo is written through, so it obeys the same rules as
// the API (phone normalisation, validation, audit).
type Deps struct {
	DB     *db.DB
	Staff  *staff.Service
	Clinic *clinic.Service
	// Schedules, when given, receives the doctors' weekly hours so the demo can book.
	Schedules *schedule.Service
	// Telephony, when given, gets a demo phone line and a morning of calls.
	Telephony *telephony.Service
	// Inventory, when given, gets the clinic's places, items and a month of stock.
	Inventory *inventory.Service
	// Reviews, when given, gets two call campaigns on the desk's call list.
	Reviews *reviews.Service
	// Now is the app's clock; the demo's days are laid out around it (nil: time.Now).
	Now func() time.Time
	// Texts and PublicURL are the app's message templates (nil: the built-in ones) and
	// the address in their links: the demo's confirmations and reminders are written
	// with them when it books yesterday, today and the coming two weeks (days.go).
	Texts     *messaging.Templates
	PublicURL string
	// Links, when given, puts the manage link into the demo's reminders.
	Links reminders.Links
	// Questionnaires, when given, get some patients' answers before their visits.
	Questionnaires *questionnaire.Service
	// Documents, when given with Schedules, switch the demo's days on: their packs are
	// printed and signed before anyone is seated (the app's own templates are not
	// used: the demo's papers are made from the built-in ones).
	Documents *documents.Service
	// Tasks, when given, gets open tasks in the front desk's queue.
	Tasks *tasks.Service
	// Figures, when given, counts the demo's last weeks for the owner's dashboard.
	Figures *figures.Service
}

// Outcome tells what Seed did.
type Outcome int

// The outcomes of Seed.
const (
	Added Outcome = iota + 1
	AlreadyThere
)

// ErrNotEmpty refuses to mix the demo into a database that holds other data.
var ErrNotEmpty = errors.New("demo: the database already holds data that is not the demo clinic; seed the demo into an empty database")

// ErrLocale rejects a demo locale there is no country set for.
var ErrLocale = errors.New("demo: unknown locale (want en, ru, pl or sv)")

// Seed adds the demo clinic for locale to an empty database; when the demo is already
// there it adds nothing.
func Seed(ctx context.Context, d Deps, locale string) (Outcome, error) {
	if !slices.Contains(Locales, locale) {
		return 0, fmt.Errorf("%w: %q", ErrLocale, locale)
	}
	st := store{d.DB}
	if there, err := st.hasLogin(ctx, Logins[0].Email); err != nil || there {
		return AlreadyThere, err
	}
	if empty, err := st.empty(ctx); err != nil || !empty {
		return 0, errors.Join(err, ErrNotEmpty)
	}
	s := seeder{Deps: d, c: countries[locale]}
	if err := s.run(ctx); err != nil {
		return 0, fmt.Errorf("demo: %w", err)
	}
	return Added, nil
}
