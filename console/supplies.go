package console

import (
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/frontdeskhq/frontdesk/figures"
	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/inventory"
	"github.com/frontdeskhq/frontdesk/tasks"
)

// suppliesView is the head nurse's board: what is critical, what is below its
// reorder point, every item's days of supply, lots expiring within 30 days, open
// purchase orders, overdue maintenance, the open shortfalls and where a count starts.
type suppliesView struct {
	Frame
	Board    string
	Boards   []listTab
	Critical []supplyLevel
	Below    []supplyLevel
	Days     []figures.ItemSupply
	Expiring []inventory.StockRow
	Orders   []nurseOrder
	Overdue  []inventory.OverdueJob
	Short    []listTask
	// Places are the branch's active locations a count can start at.
	Places []Option
	// Form is the acknowledge form drawn again, FormFor its task.
	Form    Form
	FormFor string
	// Count is the form starting a count, drawn again when refused.
	Count Form
}

// supplyLevel is one item at one place against its levels.
type supplyLevel struct {
	inventory.LevelState
	DaysLeft string
}

// FormOf is the acknowledge form of one shortfall task.
func (v suppliesView) FormOf(id string) Form {
	if v.FormFor == id {
		return v.Form
	}
	return NewForm(nil)
}

// Act is where a shortfall's acknowledgement posts, coming back to this board.
func (v suppliesView) Act(id string) string {
	return "/console/supplies/tasks/" + url.PathEscape(id) + "/done?" +
		url.Values{"branch": {v.Branch}, "board": {v.Board}}.Encode()
}

func (c *Console) suppliesRoutes(r fiber.Router) {
	board := c.staffOnly(actor.Nurse, actor.Owner)
	r.Get("/console/supplies", board, c.suppliesPage)
	r.Post("/console/supplies/tasks/:id/done", board, c.suppliesAcknowledge)
	c.nurseRoutes(r, board)
}

func (c *Console) suppliesPage(fc *fiber.Ctx) error {
	return c.suppliesDraw(fc, fiber.StatusOK, NewForm(nil), "")
}

func (c *Console) suppliesDraw(fc *fiber.Ctx, status int, f Form, formFor string) error {
	return c.suppliesBoard(fc, status, suppliesView{Form: f, FormFor: formFor, Count: NewForm(nil)})
}

// suppliesBoard draws the board around v's forms.
func (c *Console) suppliesBoard(fc *fiber.Ctx, status int, v suppliesView) error {
	d, err := c.desk(fc, "supplies.title", "supplies")
	if err != nil {
		return c.fail(fc, err)
	}
	ctx := fc.UserContext()
	v.Frame, v.Board = d.Frame, fc.Query("board")
	if !slices.Contains(inventory.Boards, v.Board) {
		v.Board = inventory.HeadNurse
	}
	if fc.Query("done") != "" && status == fiber.StatusOK {
		v.Notice = T(d.Lang, "supplies.acknowledged")
	}
	for _, b := range inventory.Boards {
		v.Boards = append(v.Boards, listTab{Key: b, Label: listT(d.Lang, "supplies.board", b),
			Href: "/console/supplies?" + url.Values{"branch": {d.Branch.ID}, "board": {b}}.Encode()})
	}
	sm, err := c.svc.Inventory.Summary(ctx, d.Branch.ID, v.Board)
	if err != nil {
		return c.fail(fc, err)
	}
	v.Critical, v.Below, v.Expiring = supplyLevels(sm.Critical), supplyLevels(sm.BelowReorder), sm.Expiring
	if err := c.nurseExtras(ctx, d, sm, fc.Query("did"), &v); err != nil {
		return c.fail(fc, err)
	}
	page, err := c.svc.Tasks.List(ctx, tasks.Filter{Status: "open", Kind: tasks.Stock, BranchID: d.Branch.ID,
		Queue: v.Board, Limit: 200})
	if err != nil {
		return c.fail(fc, err)
	}
	for _, t := range page.Items {
		v.Short = append(v.Short, listTask{Task: t, Due: listWhen(t.CreatedAt, d.Branch), VisitID: listStr(t.AppointmentID)})
	}
	return c.render(fc, status, "supplies", v)
}

func supplyLevels(list []inventory.LevelState) []supplyLevel {
	out := make([]supplyLevel, 0, len(list))
	for _, l := range list {
		row := supplyLevel{LevelState: l}
		if l.DaysLeft != nil {
			row.DaysLeft = strconv.FormatFloat(*l.DaysLeft, 'f', 1, 64)
		}
		out = append(out, row)
	}
	return out
}

// suppliesAcknowledge closes a shortfall task with the nurse's note (restocked,
// ordered), so the board shows only what still needs her.
func (c *Console) suppliesAcknowledge(fc *fiber.Ctx) error {
	id := fc.Params("id")
	d, err := c.desk(fc, "supplies.title", "supplies")
	if err != nil {
		return c.fail(fc, err)
	}
	if t, err := c.svc.Tasks.Get(fc.UserContext(), id); err != nil || t.Kind != tasks.Stock {
		return c.notFound(fc)
	}
	f := formFrom(fc, "note")
	if listCheckNote(&f, d.Lang) {
		_, err = c.svc.Tasks.Done(fc.UserContext(), id, strings.TrimSpace(f.Get("note")))
		if err != nil && !f.Refused(d.Lang, err) {
			return c.fail(fc, err)
		}
		listRefusal(&f, d.Lang, err)
	}
	if f.Invalid() {
		return c.suppliesDraw(fc, f.Status(), f, id)
	}
	q := url.Values{"branch": {fc.Query("branch")}, "board": {fc.Query("board")}, "done": {"1"}}
	return fc.Redirect("/console/supplies?"+q.Encode(), fiber.StatusSeeOther)
}
