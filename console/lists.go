package console

import (
	"net/url"
	"slices"

	"github.com/gofiber/fiber/v2"

	"github.com/frontdeskhq/frontdesk/internal/actor"
)

// The work lists' tabs, in the order the desk sees them.
var listTabs = []string{"tasks", "unconfirmed", "replies", "waitlist", "follow_ups", "callbacks", "recall"}

// listsView is the work lists page: every tab with its count, the rows of the tab
// shown, and the one form drawn again when an action was refused.
type listsView struct {
	Frame
	Tab  string
	Tabs []listTab
	// Rows of each tab (all are read: their counts label the tabs).
	Tasks       []listTask
	Unconfirmed []listVisit
	Replies     []listTask
	Offers      []listOffer
	Calls       []listCall
	Callbacks   []listTask
	Recalls     []listRecall
	// Form is the refused form and FormFor the row and action it belongs to.
	Form    Form
	FormFor string
	// TaskOutcomes and CallOutcomes are the choices of an attempt's outcome.
	TaskOutcomes []Option
	CallOutcomes []Option
}

// listTab is one tab's link: its word with its count.
type listTab struct {
	Key   string
	Label string
	Count int
	Href  string
}

// FormOf is the form of one row's action: the refused one when it is this row's,
// else an empty one.
func (v listsView) FormOf(id, action string) Form {
	if v.FormFor == id+":"+action {
		return v.Form
	}
	return NewForm(nil)
}

// Act is the address a row's action posts to, coming back to this branch and tab.
func (v listsView) Act(kind, id, action string) string {
	return "/console/lists/" + kind + "/" + url.PathEscape(id) + "/" + action + "?" + v.back()
}

func (v listsView) back() string {
	return url.Values{"branch": {v.Branch}, "tab": {v.Tab}}.Encode()
}

func (c *Console) listRoutes(r fiber.Router) {
	desk := c.staffOnly(actor.Owner, actor.Admin)
	r.Get("/console/lists", desk, c.listsPage)
	r.Post("/console/lists/tasks/:id/:action", desk, c.listTaskAction)
	r.Post("/console/lists/follow-ups/:id/:action", desk, c.listCallAction)
	r.Post("/console/lists/visits/:id/confirm", desk, c.listConfirm)
	r.Post("/console/lists/recalls/:id/dismiss", desk, c.listDismissRecall)
	r.Post("/console/lists/waitlist/:id/leave", desk, c.listLeaveWaitlist)
}

// listDone are the notices a finished action leaves above the list (?done=).
var listDone = []string{"claimed", "released", "attempt", "done", "confirmed", "dismissed", "left"}

func (c *Console) listsPage(fc *fiber.Ctx) error {
	return c.listsDraw(fc, fiber.StatusOK, NewForm(nil), "")
}

// listsDraw reads every tab and draws the page with status; form is drawn again on
// the row and action formFor names.
func (c *Console) listsDraw(fc *fiber.Ctx, status int, form Form, formFor string) error {
	d, err := c.desk(fc, "lists.title", "lists")
	if err != nil {
		return c.fail(fc, err)
	}
	v := listsView{Frame: d.Frame, Tab: fc.Query("tab"), Form: form, FormFor: formFor}
	if !slices.Contains(listTabs, v.Tab) {
		v.Tab = listTabs[0]
	}
	if done := fc.Query("done"); slices.Contains(listDone, done) && status == fiber.StatusOK {
		v.Notice = listT(d.Lang, "lists.done", done)
	}
	if err := c.listsRead(fc, d, &v); err != nil {
		return c.fail(fc, err)
	}
	v.Tabs = listTabsOf(v, d.Lang)
	return c.render(fc, status, "lists", v)
}

func listTabsOf(v listsView, lang string) []listTab {
	counts := map[string]int{"tasks": len(v.Tasks), "unconfirmed": len(v.Unconfirmed), "replies": len(v.Replies),
		"waitlist": len(v.Offers), "follow_ups": len(v.Calls), "callbacks": len(v.Callbacks), "recall": len(v.Recalls)}
	out := make([]listTab, 0, len(listTabs))
	for _, key := range listTabs {
		q := url.Values{"branch": {v.Branch}, "tab": {key}}
		out = append(out, listTab{Key: key, Label: listT(lang, "lists.tab", key), Count: counts[key],
			Href: "/console/lists?" + q.Encode()})
	}
	return out
}

// listsBack answers a done action: back to the list, saying what was done.
func listsBack(fc *fiber.Ctx, done string) error {
	q := url.Values{"branch": {fc.Query("branch")}, "tab": {fc.Query("tab")}, "done": {done}}
	return fc.Redirect("/console/lists?"+q.Encode(), fiber.StatusSeeOther)
}
