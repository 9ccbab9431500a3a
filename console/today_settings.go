package console

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/db"
)

const selectThresholds = `SELECT late_after_minutes, waiting_warn_minutes FROM desk_thresholds WHERE branch_id = ?`

// thresholds are the branch's late and waiting limits, the defaults where it set none.
func (c *Console) thresholds(ctx context.Context, branchID string) (Thresholds, error) {
	var row struct {
		Late int `db:"late_after_minutes"`
		Wait int `db:"waiting_warn_minutes"`
	}
	err := db.Get(ctx, c.svc.DB.R, &row, selectThresholds, branchID)
	if errors.Is(err, db.ErrNotFound) {
		return DefaultThresholds, nil
	}
	if err != nil {
		return Thresholds{}, err
	}
	return Thresholds{LateAfter: time.Duration(row.Late) * time.Minute, WaitingWarn: time.Duration(row.Wait) * time.Minute}, nil
}

const upsertThresholds = `INSERT INTO desk_thresholds (branch_id, late_after_minutes, waiting_warn_minutes, updated_by, updated_at)
	VALUES (?, ?, ?, ?, ?)
	ON CONFLICT (branch_id) DO UPDATE SET late_after_minutes = excluded.late_after_minutes,
	waiting_warn_minutes = excluded.waiting_warn_minutes, updated_by = excluded.updated_by, updated_at = excluded.updated_at`

// saveThresholds is the owner's form: both limits in whole minutes. A wrong value
// comes back as the day with the field marked.
func (c *Console) saveThresholds(fc *fiber.Ctx) error {
	w := who(fc)
	d, err := c.desk(fc, "today.title", "today")
	if err != nil {
		return c.fail(fc, err)
	}
	f := formFrom(fc, "late_after", "waiting_warn")
	late := minutesField(&f, d.Lang, "late_after", 0)
	wait := minutesField(&f, d.Lang, "waiting_warn", 1)
	if f.Invalid() {
		return c.showDay(fc, d, f, f.Status())
	}
	var by *string
	if w.Actor.StaffID != "" {
		by = &w.Actor.StaffID
	}
	err = db.Exec(fc.UserContext(), c.svc.DB.W, upsertThresholds, d.Branch.ID, late, wait, by, c.opts.Now().UTC())
	if err != nil {
		return c.fail(fc, err)
	}
	return fc.Redirect(dayPath(d.Branch.ID, fc.FormValue("date"), fc.FormValue("view"), fc.FormValue("by")), fiber.StatusSeeOther)
}

// minutesField reads a whole number of minutes from least to 240, marking the field
// otherwise.
func minutesField(f *Form, lang, name string, least int) int {
	raw := strings.TrimSpace(f.Get(name))
	n, err := strconv.Atoi(raw)
	switch {
	case raw == "":
		f.Mark(lang, name, "field.required")
	case err != nil || n < least || n > 240:
		f.Mark(lang, name, "today.settings.minutes_range", "least", least)
	}
	return n
}

// mayTune reports whether the staff member may change the branch's limits: the owner.
func mayTune(w Who) bool { return w.Is(actor.Owner) }
