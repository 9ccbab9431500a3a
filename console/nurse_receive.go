package console

import (
	"net/url"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/frontdeskhq/frontdesk/inventory/purchasing"
)

// receiveView is the receiving form of one sent order: per line what is still due,
// the units that came and their lot and expiry where the item tracks them.
type receiveView struct {
	Frame
	Order  purchasing.Order
	Lines  []receiveLine
	Form   Form
	Action string
	Back   string
}

// receiveLine is an order line as the form asks for it.
type receiveLine struct {
	purchasing.OrderLine
	Due                       int64
	LotTracked, ExpiryTracked bool
}

// receiveInputs name each receipt field's input on the form.
var receiveInputs = map[string]string{"quantity": "quantity-", "lot_number": "lot-", "expires_on": "expires-", "lot_id": "lot-"}

func (c *Console) receivePage(fc *fiber.Ctx) error {
	return c.receiveDraw(fc, fiber.StatusOK, NewForm(nil))
}

// receiveDraw draws the order's receiving form, f's values and marks on it.
func (c *Console) receiveDraw(fc *fiber.Ctx, status int, f Form) error {
	d, err := c.desk(fc, "supplies.receive_title", "supplies")
	if err != nil {
		return c.fail(fc, err)
	}
	o, lines, err := c.receivable(fc)
	if err != nil {
		return c.fail(fc, err)
	}
	q := url.Values{"branch": {fc.Query("branch")}, "board": {fc.Query("board")}}.Encode()
	v := receiveView{Frame: d.Frame, Order: o, Lines: lines, Form: f, Back: boardPath(fc, ""),
		Action: "/console/supplies/orders/" + url.PathEscape(o.ID) + "/receive?" + q}
	v.Title = T(d.Lang, "supplies.receive_title") + " · " + o.Number
	return c.render(fc, status, "supplies_receive", v)
}

// receivable reads the order of the path and its lines with what each still awaits.
func (c *Console) receivable(fc *fiber.Ctx) (purchasing.Order, []receiveLine, error) {
	ctx := fc.UserContext()
	o, err := c.svc.Purchasing.Order(ctx, fc.Params("id"))
	if err != nil {
		return o, nil, err
	}
	lines := make([]receiveLine, 0, len(o.Lines))
	for _, l := range o.Lines {
		item, err := c.svc.Inventory.Item(ctx, c.svc.DB.R, l.ItemID)
		if err != nil {
			return o, nil, err
		}
		lines = append(lines, receiveLine{OrderLine: l, Due: l.OrderedUnits() - l.ReceivedUnits,
			LotTracked: item.LotTracked, ExpiryTracked: item.ExpiryTracked})
	}
	return o, lines, nil
}

// receiveOrder books what came of an order: every line with a quantity, its lot and
// expiry; a refused line is marked on the form drawn again.
func (c *Console) receiveOrder(fc *fiber.Ctx) error {
	d, err := c.desk(fc, "supplies.receive_title", "supplies")
	if err != nil {
		return c.fail(fc, err)
	}
	_, lines, err := c.receivable(fc)
	if err != nil {
		return c.fail(fc, err)
	}
	f, in, keys := receiptForm(fc, d.Lang, lines)
	if !f.Invalid() {
		_, err = c.svc.Purchasing.Receive(fc.UserContext(), fc.Params("id"), in)
		if err != nil && !f.Refused(d.Lang, err) {
			return c.fail(fc, err)
		}
		nurseFields(&f, keys, receiveInputs)
	}
	if f.Invalid() {
		return c.receiveDraw(fc, f.Status(), f)
	}
	return fc.Redirect(boardPath(fc, "received")+"#orders", fiber.StatusSeeOther)
}

// receiptForm reads the posted lines, marks what the desk can see is wrong (no whole
// number, more than is due, a lot or expiry missing or malformed) and answers the
// receipt lines with the form key of each.
func receiptForm(fc *fiber.Ctx, lang string, lines []receiveLine) (Form, []purchasing.ReceiptLine, []string) {
	f := NewForm(nil)
	var in []purchasing.ReceiptLine
	var keys []string
	for _, l := range lines {
		q, lot, exp := "quantity-"+l.ID, "lot-"+l.ID, "expires-"+l.ID
		f.Values[q], f.Values[lot], f.Values[exp] = fc.FormValue(q), strings.TrimSpace(fc.FormValue(lot)), strings.TrimSpace(fc.FormValue(exp))
		n, given, ok := wholeNumber(f.Values[q])
		switch {
		case !ok:
			f.Mark(lang, q, "supplies.whole_number")
		case given && n > l.Due:
			f.Mark(lang, q, "supplies.too_many", "n", l.Due, "unit", l.Unit)
		case !given || n == 0:
			continue
		}
		if l.LotTracked && f.Values[lot] == "" {
			f.Mark(lang, lot, "field.required")
		}
		if f.Values[exp] != "" && !isDate(f.Values[exp]) || l.ExpiryTracked && f.Values[exp] == "" {
			f.Mark(lang, exp, "supplies.date")
		}
		in, keys = append(in, purchasing.ReceiptLine{LineID: l.ID, Quantity: n, LotNumber: f.Values[lot], ExpiresOn: f.Values[exp]}), append(keys, l.ID)
	}
	if len(in) == 0 && !f.Invalid() {
		f.Problem = T(lang, "supplies.nothing_received")
	}
	return f, in, keys
}
