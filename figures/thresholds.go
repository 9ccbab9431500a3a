package figures

import (
	"context"
	"math"

	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/fault"
)

// Threshold is the owner's colours for one figure of a branch: a value past WarnAt is
// amber and past BadAt red ("past" is below them for a figure where higher is better).
type Threshold struct {
	Figure string  `db:"figure"`
	WarnAt float64 `db:"warn_at"`
	BadAt  float64 `db:"bad_at"`
}

const (
	sqlThresholds = `SELECT figure, warn_at, bad_at FROM figure_thresholds WHERE branch_id = ?`

	sqlSetThreshold = `INSERT INTO figure_thresholds (branch_id, figure, warn_at, bad_at, updated_by, updated_at)
		VALUES (?, ?, ?, ?, ?, ?)
		ON CONFLICT (branch_id, figure) DO UPDATE SET warn_at = excluded.warn_at, bad_at = excluded.bad_at,
			updated_by = excluded.updated_by, updated_at = excluded.updated_at`
)

// Thresholds reads a branch's colours by figure name.
func (s *Service) Thresholds(ctx context.Context, branchID string) (map[string]Threshold, error) {
	var rows []Threshold
	if err := db.Select(ctx, s.deps.DB.R, &rows, sqlThresholds, branchID); err != nil {
		return nil, err
	}
	out := make(map[string]Threshold, len(rows))
	for _, t := range rows {
		out[t.Figure] = t
	}
	return out, nil
}

// SetThreshold stores the owner's colours for one figure of a branch. Bad must lie past
// warn in the figure's bad direction.
func (s *Service) SetThreshold(ctx context.Context, branchID, staffID string, t Threshold) error {
	d, err := s.Definition(t.Figure)
	if err != nil {
		return fault.Field("figure", "unknown", "is no figure")
	}
	if err := checkThreshold(d, t); err != nil {
		return err
	}
	var by any
	if staffID != "" {
		by = staffID
	}
	return db.Exec(ctx, s.deps.DB.W, sqlSetThreshold, branchID, t.Figure, t.WarnAt, t.BadAt, by, s.deps.Clock().UTC())
}

// checkThreshold refuses numbers a figure cannot take and a red before the amber.
func checkThreshold(d Definition, t Threshold) error {
	for _, f := range []struct {
		name string
		v    float64
	}{{"warn_at", t.WarnAt}, {"bad_at", t.BadAt}} {
		if math.IsNaN(f.v) || math.IsInf(f.v, 0) || f.v < lowest(d.Unit) || f.v > highest(d.Unit) {
			return fault.Field(f.name, "range", "is outside what this figure can be")
		}
	}
	if (d.HigherIsBetter && t.BadAt > t.WarnAt) || (!d.HigherIsBetter && t.BadAt < t.WarnAt) {
		return fault.Field("bad_at", "order", "must lie past warn_at, on the worse side")
	}
	return nil
}

// lowest and highest bound a threshold by unit: ratios 0–1, the NPS −100–100.
func lowest(u Unit) float64 {
	if u == Score {
		return -100
	}
	return 0
}

func highest(u Unit) float64 {
	switch u {
	case Ratio:
		return 1
	case Score:
		return 100
	}
	return 1e12
}

// Colour is a value's colour under t: "good", "warn", "bad", or "" when there is no
// threshold or no value.
func Colour(d Definition, t *Threshold, v *float64) string {
	if t == nil || v == nil {
		return ""
	}
	worse := func(x, limit float64) bool {
		if d.HigherIsBetter {
			return x <= limit
		}
		return x >= limit
	}
	switch {
	case worse(*v, t.BadAt):
		return "bad"
	case worse(*v, t.WarnAt):
		return "warn"
	}
	return "good"
}
