package console

import (
	"errors"
	"net/url"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/frontdeskhq/frontdesk/internal/fault"
	"github.com/frontdeskhq/frontdesk/inventory/counts"
)

// countView is a count's sheet: every lot the place held at the snapshot, what the
// ledger expected and, while the count is open, what the nurse counted and why it
// differs.
type countView struct {
	Frame
	Session counts.Session
	Place   string
	Open    bool
	Form    Form
	Action  string
	Cancel  string
	Back    string
}

// countInputs name each count field's input on the sheet.
var countInputs = map[string]string{"counted": "counted-", "reason": "reason-", "lot_id": "counted-", "item_id": "counted-"}

// startCount opens a count of the chosen place, or carries on with the one already
// open there.
func (c *Console) startCount(fc *fiber.Ctx) error {
	d, err := c.desk(fc, "supplies.title", "supplies")
	if err != nil {
		return c.fail(fc, err)
	}
	f := formFrom(fc, "location")
	if f.Get("location") == "" {
		f.Mark(d.Lang, "location", "field.required")
		return c.suppliesBoard(fc, f.Status(), suppliesView{Form: NewForm(nil), Count: f})
	}
	x, err := c.svc.Counts.Start(fc.UserContext(), f.Get("location"))
	var fe *fault.Error
	if errors.As(err, &fe) && fe.Code == "count_open" {
		if open, oerr := c.svc.Counts.OpenAt(fc.UserContext(), f.Get("location")); oerr == nil {
			return fc.Redirect(countPath(fc, open.ID), fiber.StatusSeeOther)
		}
	}
	if err != nil {
		if !f.Refused(d.Lang, err) {
			return c.fail(fc, err)
		}
		if text, ok := f.Errors["location_id"]; ok {
			delete(f.Errors, "location_id")
			f.Errors["location"] = text
		}
		return c.suppliesBoard(fc, f.Status(), suppliesView{Form: NewForm(nil), Count: f})
	}
	return fc.Redirect(countPath(fc, x.ID), fiber.StatusSeeOther)
}

// countPath is a count's sheet, keeping the request's branch and board.
func countPath(fc *fiber.Ctx, id string) string {
	return "/console/supplies/counts/" + url.PathEscape(id) + "?" +
		url.Values{"branch": {fc.Query("branch")}, "board": {fc.Query("board")}}.Encode()
}

func (c *Console) countPage(fc *fiber.Ctx) error {
	return c.countDraw(fc, fiber.StatusOK, NewForm(nil))
}

// countDraw draws the sheet; an empty f starts from what was entered before.
func (c *Console) countDraw(fc *fiber.Ctx, status int, f Form) error {
	d, err := c.desk(fc, "supplies.count_title", "supplies")
	if err != nil {
		return c.fail(fc, err)
	}
	ctx := fc.UserContext()
	x, err := c.svc.Counts.Get(ctx, fc.Params("id"))
	if err != nil {
		return c.fail(fc, err)
	}
	place, err := c.svc.Inventory.Location(ctx, c.svc.DB.R, x.LocationID)
	if err != nil {
		return c.fail(fc, err)
	}
	if len(f.Values) == 0 {
		for _, l := range x.Lines {
			if l.Counted != nil {
				f.Values["counted-"+l.LotID] = strconv.FormatInt(*l.Counted, 10)
			}
			f.Values["reason-"+l.LotID] = l.Reason
		}
	}
	if fc.Query("did") == "saved" && status == fiber.StatusOK {
		d.Frame.Notice = T(d.Lang, "supplies.count_saved")
	}
	self := countPath(fc, x.ID)
	v := countView{Frame: d.Frame, Session: x, Place: place.Name, Open: x.Status == counts.Open, Form: f, Action: self,
		Cancel: strings.Replace(self, "?", "/cancel?", 1), Back: boardPath(fc, "")}
	v.Title = T(d.Lang, "supplies.count_title") + " · " + place.Name
	return c.render(fc, status, "supplies_count", v)
}

// enterCount writes what was counted; "post" then posts the count, writing the
// differences into the ledger.
func (c *Console) enterCount(fc *fiber.Ctx) error {
	d, err := c.desk(fc, "supplies.count_title", "supplies")
	if err != nil {
		return c.fail(fc, err)
	}
	ctx, id := fc.UserContext(), fc.Params("id")
	x, err := c.svc.Counts.Get(ctx, id)
	if err != nil {
		return c.fail(fc, err)
	}
	f, entries, keys := countForm(fc, d.Lang, x)
	if !f.Invalid() && len(entries) > 0 {
		if _, err := c.svc.Counts.Enter(ctx, id, entries); countRefused(&f, d.Lang, err, keys) != nil {
			return c.fail(fc, err)
		}
	}
	if !f.Invalid() && fc.FormValue("do") == "post" {
		if _, err := c.svc.Counts.Post(ctx, id); countRefused(&f, d.Lang, err, keys) != nil {
			return c.fail(fc, err)
		}
	}
	if f.Invalid() {
		return c.countDraw(fc, f.Status(), f)
	}
	if fc.FormValue("do") == "post" {
		return fc.Redirect(boardPath(fc, "counted"), fiber.StatusSeeOther)
	}
	return fc.Redirect(countPath(fc, id)+"&did=saved", fiber.StatusSeeOther)
}

// countRefused takes a service's refusal onto the sheet and answers an error that is
// no refusal (a failing database), for the caller to fail with.
func countRefused(f *Form, lang string, err error, keys []string) error {
	if err == nil {
		return nil
	}
	if !f.Refused(lang, err) {
		return err
	}
	nurseFields(f, keys, countInputs)
	return nil
}

// countForm reads the sheet as posted: a lot with a number counted is an entry, a
// number that is no whole number is marked.
func countForm(fc *fiber.Ctx, lang string, x counts.Session) (Form, []counts.Entry, []string) {
	f := NewForm(nil)
	var entries []counts.Entry
	var keys []string
	for _, l := range x.Lines {
		n, r := "counted-"+l.LotID, "reason-"+l.LotID
		f.Values[n], f.Values[r] = fc.FormValue(n), strings.TrimSpace(fc.FormValue(r))
		counted, given, ok := wholeNumber(f.Values[n])
		if !ok {
			f.Mark(lang, n, "supplies.whole_number")
		}
		if given && ok {
			entries = append(entries, counts.Entry{ItemID: l.ItemID, LotID: l.LotID, Counted: counted, Reason: f.Values[r]})
			keys = append(keys, l.LotID)
		}
	}
	return f, entries, keys
}

// cancelCount drops an open count; nothing is posted.
func (c *Console) cancelCount(fc *fiber.Ctx) error {
	if _, err := c.svc.Counts.Cancel(fc.UserContext(), fc.Params("id")); err != nil {
		return c.fail(fc, err)
	}
	return fc.Redirect(boardPath(fc, "count_cancelled"), fiber.StatusSeeOther)
}

// countStatuses are the words of a count that is no longer open.
var countStatuses = map[string]string{
	counts.Open:      "supplies.count_status.open",
	counts.Posted:    "supplies.count_status.posted",
	counts.Cancelled: "supplies.count_status.cancelled",
}

// StatusText says what became of the count.
func (v countView) StatusText() string { return T(v.Lang, countStatuses[v.Session.Status]) }
