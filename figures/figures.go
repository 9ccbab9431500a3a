// Package figures is the manager's and the head nurse's KPIs: each figure's numerator
// and denominator stored per branch, doctor, person and local day (never a ratio, so any
// range adds up), the rows behind every figure, and the owner's colours.
package figures

import (
	"context"
	"errors"
	"time"

	"github.com/frontdeskhq/frontdesk/internal/db"
)

// Unit says how a figure's value reads.
type Unit string

// The units a figure is shown in.
const (
	// Ratio is numerator ÷ denominator, shown as a percentage.
	Ratio Unit = "ratio"
	// Count is the numerator alone.
	Count Unit = "count"
	// Seconds is an average: seconds summed ÷ rows (or a median of rows, see Median).
	Seconds Unit = "seconds"
	// Minutes is like Seconds in minutes.
	Minutes Unit = "minutes"
	// Money is minor units of the branch's currency summed ÷ the denominator.
	Money Unit = "money"
	// Days is a number of days (days of supply left).
	Days Unit = "days"
	// Score is numerator ÷ denominator × 100 (the NPS: each answer +1, 0 or −1).
	Score Unit = "score"
)

// Sum says how a period's value is made from its days.
type Sum string

// How days add into a period.
const (
	// Add sums numerators and denominators over the period's days.
	Add Sum = "add"
	// Last takes the period's newest day: a level (items below par), not a flow.
	Last Sum = "last"
	// Median takes the median of the rows' numerators over the period (callback time).
	Median Sum = "median"
)

// Definition is one figure: its name, how it reads and what it counts.
type Definition struct {
	// Name is the stable key (no_show_rate) used by the API, CSV and thresholds.
	Name string
	// Group gathers figures on the dashboard: visits, calls, follow_ups, reviews, work, supplies.
	Group string
	Unit  Unit
	Sum   Sum
	// HigherIsBetter says which way the owner's thresholds point.
	HigherIsBetter bool
	// PerPerson figures have rows per staff member; those parts are owners' only.
	PerPerson bool
	// Subject is what one row behind the figure is: visit, call, task, follow_up, survey, review, item, lot, patient, recall.
	Subject string
	// Text is the definition in English, as the API documents it.
	Text string
}

// Fact is one row behind a figure as counted on a branch's day: Num and Den are what
// it adds to the numerator and the denominator (a visit booked 24 h ahead that did not
// come is 1/1 of the no-show rate; one that came is 0/1).
type Fact struct {
	Figure    string     `db:"figure"`
	BranchID  string     `db:"branch_id"`
	Day       string     `db:"day"`
	Subject   string     `db:"subject"`
	SubjectID string     `db:"subject_id"`
	DoctorID  string     `db:"doctor_id"`
	StaffID   string     `db:"staff_id"`
	Num       int64      `db:"num"`
	Den       int64      `db:"den"`
	Label     string     `db:"label"`
	At        *time.Time `db:"at"`
	Frozen    bool       `db:"frozen"`
}

// Day is one local calendar day of a branch and the instants that bound it.
type Day struct {
	// Date is YYYY-MM-DD in the branch's zone.
	Date string
	// Start and End are the day's first instant and the next day's first (UTC).
	Start, End time.Time
	Zone       *time.Location
}

// Branch is what a collector knows of the branch it counts.
type Branch struct {
	ID       string
	Country  string
	Currency string
	Zone     *time.Location
}

// Collector makes the facts of some figures for one branch day from the stored rows.
type Collector struct {
	// Name names the collector in errors and logs.
	Name string
	// Figures are the names it makes facts of; a rebuild replaces exactly these.
	Figures []string
	// Frozen collectors run once per day, on the first rebuild on that day itself (the
	// morning's schedule, the day's stock levels); later rebuilds keep their facts.
	Frozen bool
	// Collect reads q (a read connection) and returns the day's facts.
	Collect func(ctx context.Context, q db.Q, b Branch, d Day) ([]Fact, error)
}

// Errors the service answers with.
var (
	ErrUnknownFigure = errors.New("figures: no such figure")
	ErrBadRange      = errors.New("figures: bad range")
)
