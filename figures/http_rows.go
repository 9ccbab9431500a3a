package figures

import (
	"encoding/base64"
	"strings"

	"github.com/gofiber/fiber/v2"
	"github.com/google/uuid"

	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/httpjson"
)

// rowsCSVLimit bounds one CSV of rows: a year of a large branch's visits fits.
const rowsCSVLimit = 100000

func (h *Handler) rows(c *fiber.Ctx) error {
	d, err := h.figureName(c)
	if err != nil {
		return err
	}
	q, people, err := rowsQueryOf(c, d)
	if err != nil {
		return err
	}
	csv := wantsCSV(c)
	if csv {
		q.Limit, q.After = rowsCSVLimit, RowKey{}
	}
	page, err := h.s.Rows(httpjson.Ctx(c), d.Name, q)
	if err != nil {
		return err
	}
	if csv {
		return sendCSV(c, d.Name+"-"+q.From+"-"+q.To+".csv", rowsCSV(page, people))
	}
	out := fiber.Map{"figure": d.Name, "definition": d.Text, "rows": rowsToOut(page.Rows, people), "next_cursor": nil}
	if page.Next != nil {
		out["next_cursor"] = encodeRowKey(*page.Next)
	}
	return c.JSON(out)
}

// rowsQueryOf reads a rows query. Who did a per-person figure's rows is for owners:
// others get the rows without the person and may not ask for one.
func rowsQueryOf(c *fiber.Ctx, d Definition) (RowsQuery, bool, error) {
	branch, err := httpjson.Branch(c, c.Query("branch_id"), "branch_id")
	if err != nil {
		return RowsQuery{}, false, err
	}
	from, to, err := rangeOf(c)
	if err != nil {
		return RowsQuery{}, false, err
	}
	q := RowsQuery{BranchID: branch, From: from, To: to}
	if q.DoctorID, err = httpjson.OptionalUUID(c, "doctor_id"); err != nil {
		return q, false, err
	}
	if q.StaffID, err = httpjson.OptionalUUID(c, "staff_id"); err != nil {
		return q, false, err
	}
	people := !d.PerPerson || actor.From(httpjson.Ctx(c)).Role == actor.Owner
	if q.StaffID != "" && !people {
		return q, false, ErrPeopleOwnersOnly
	}
	if q.Limit, err = httpjson.PageLimit(c.Query("limit")); err != nil {
		return q, false, err
	}
	q.After, err = decodeRowKey(c.Query("cursor"))
	return q, people, err
}

func rowsToOut(rows []Fact, people bool) []rowOut {
	out := make([]rowOut, len(rows))
	for i, f := range rows {
		out[i] = rowToOut(f, people)
	}
	return out
}

// encodeRowKey is a row's place as an opaque cursor.
func encodeRowKey(k RowKey) string {
	return base64.RawURLEncoding.EncodeToString([]byte(k.Day + "|" + k.SubjectID + "|" + k.StaffID))
}

// decodeRowKey reads an encodeRowKey back; "" is the start.
func decodeRowKey(s string) (RowKey, error) {
	if s == "" {
		return RowKey{}, nil
	}
	raw, err := base64.RawURLEncoding.DecodeString(s)
	parts := strings.Split(string(raw), "|")
	if err != nil || len(parts) != 3 || len(parts[0]) != len("2006-01-02") {
		return RowKey{}, httpjson.ErrBadCursor
	}
	if parts[2] != "" && uuid.Validate(parts[2]) != nil {
		return RowKey{}, httpjson.ErrBadCursor
	}
	return RowKey{Day: parts[0], SubjectID: parts[1], StaffID: parts[2]}, nil
}

func (h *Handler) thresholds(c *fiber.Ctx) error {
	branch, err := httpjson.Branch(c, c.Query("branch_id"), "branch_id")
	if err != nil {
		return err
	}
	ts, err := h.s.Thresholds(httpjson.Ctx(c), branch)
	if err != nil {
		return err
	}
	out := make([]fiber.Map, 0, len(ts))
	for _, d := range h.s.catalog {
		if t, ok := ts[d.Name]; ok {
			out = append(out, fiber.Map{"figure": t.Figure, "warn_at": t.WarnAt, "bad_at": t.BadAt})
		}
	}
	return c.JSON(fiber.Map{"branch_id": branch, "thresholds": out})
}

func (h *Handler) setThreshold(c *fiber.Ctx) error {
	d, err := h.figureName(c)
	if err != nil {
		return err
	}
	var in struct {
		BranchID string   `json:"branch_id" validate:"required,uuid"`
		WarnAt   *float64 `json:"warn_at" validate:"required"`
		BadAt    *float64 `json:"bad_at" validate:"required"`
	}
	if err := httpjson.Decode(c, &in); err != nil {
		return err
	}
	if _, err := httpjson.Branch(c, in.BranchID, "branch_id"); err != nil {
		return err
	}
	t := Threshold{Figure: d.Name, WarnAt: *in.WarnAt, BadAt: *in.BadAt}
	ctx := httpjson.Ctx(c)
	if err := h.s.SetThreshold(ctx, in.BranchID, actor.From(ctx).StaffID, t); err != nil {
		return err
	}
	return c.JSON(fiber.Map{"figure": t.Figure, "warn_at": t.WarnAt, "bad_at": t.BadAt})
}
