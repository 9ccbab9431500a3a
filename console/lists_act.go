package console

import (
	"errors"
	"slices"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/frontdeskhq/frontdesk/booking"
	"github.com/frontdeskhq/frontdesk/reviews"
	"github.com/frontdeskhq/frontdesk/tasks"
)

// listNoteMax bounds a note, as the API does.
const listNoteMax = 2000

// listTaskAction claims, releases, records a try at or closes one task of the queue.
func (c *Console) listTaskAction(fc *fiber.Ctx) error {
	id, action := fc.Params("id"), fc.Params("action")
	ctx := fc.UserContext()
	f := formFrom(fc, "outcome", "note")
	lang, err := c.listLang(fc)
	if err != nil {
		return c.fail(fc, err)
	}
	switch action {
	case "claim":
		_, err = c.svc.Tasks.Claim(ctx, id)
	case "release":
		_, err = c.svc.Tasks.Release(ctx, id)
	case "attempt":
		if listCheckTry(&f, lang, tasks.Outcomes) {
			_, err = c.svc.Tasks.RecordAttempt(ctx, id, tasks.Try{Outcome: f.Get("outcome"), Note: strings.TrimSpace(f.Get("note"))})
		}
	case "done":
		if listCheckNote(&f, lang) {
			_, err = c.svc.Tasks.Done(ctx, id, strings.TrimSpace(f.Get("note")))
		}
	default:
		return c.notFound(fc)
	}
	return c.listAfter(fc, lang, f, id+":"+action, err, listDoneOf(action))
}

// listCallAction claims, releases or records a call at one follow-up.
func (c *Console) listCallAction(fc *fiber.Ctx) error {
	id, action := fc.Params("id"), fc.Params("action")
	ctx := fc.UserContext()
	f := formFrom(fc, "outcome", "note")
	lang, err := c.listLang(fc)
	if err != nil {
		return c.fail(fc, err)
	}
	switch action {
	case "claim":
		_, err = c.svc.Reviews.Claim(ctx, id)
	case "release":
		_, err = c.svc.Reviews.Release(ctx, id)
	case "attempt":
		if listCheckTry(&f, lang, reviews.Outcomes) {
			_, _, err = c.svc.Reviews.Log(ctx, id, reviews.Try{Outcome: f.Get("outcome"), Note: strings.TrimSpace(f.Get("note"))})
		}
	default:
		return c.notFound(fc)
	}
	return c.listAfter(fc, lang, f, id+":"+action, err, listDoneOf(action))
}

// listConfirm records that the patient confirmed their visit to the desk (by phone).
func (c *Console) listConfirm(fc *fiber.Ctx) error {
	id := fc.Params("id")
	_, err := c.svc.Booking.Move(fc.UserContext(), id, booking.Change{Action: booking.ActionConfirm})
	return c.listAfter(fc, "", NewForm(nil), id+":confirm", err, "confirmed")
}

// listDismissRecall takes a recall off the list.
func (c *Console) listDismissRecall(fc *fiber.Ctx) error {
	id := fc.Params("id")
	_, err := c.svc.Recall.Dismiss(fc.UserContext(), id)
	return c.listAfter(fc, "", NewForm(nil), id+":dismiss", err, "dismissed")
}

// listLeaveWaitlist takes a waiting patient off the waitlist (they no longer wait).
func (c *Console) listLeaveWaitlist(fc *fiber.Ctx) error {
	id := fc.Params("id")
	err := c.svc.Waitlist.Leave(fc.UserContext(), id)
	return c.listAfter(fc, "", NewForm(nil), id+":leave", err, "left")
}

func listDoneOf(action string) string {
	return map[string]string{"claim": "claimed", "release": "released", "attempt": "attempt", "done": "done"}[action]
}

// listAfter ends an action: the form marked (422) when the console found something
// to correct, the service's refusal on the form (409 for a claim someone else holds),
// else back to the list (303). lang is the page's language ("": read it when needed).
func (c *Console) listAfter(fc *fiber.Ctx, lang string, f Form, formFor string, err error, done string) error {
	if err != nil && lang == "" {
		var lerr error
		if lang, lerr = c.listLang(fc); lerr != nil {
			return c.fail(fc, lerr)
		}
	}
	if err != nil {
		if !f.Refused(lang, err) {
			return c.fail(fc, err)
		}
		listRefusal(&f, lang, err)
	}
	if f.Invalid() {
		return c.listsDraw(fc, f.Status(), f, formFor)
	}
	return listsBack(fc, done)
}

// listRefusal words the queue's refusals the desk meets daily in its own language.
func listRefusal(f *Form, lang string, err error) {
	switch {
	case errors.Is(err, tasks.ErrClaimed):
		f.Problem = T(lang, "lists.claimed")
	case errors.Is(err, tasks.ErrNotFound), errors.Is(err, reviews.ErrClosed):
		f.Problem = T(lang, "lists.gone")
	}
}

// listCheckTry marks an attempt without a known outcome or with too long a note.
func listCheckTry(f *Form, lang string, outcomes []string) bool {
	switch o := f.Get("outcome"); {
	case o == "":
		f.Mark(lang, "outcome", "field.required")
	case !slices.Contains(outcomes, o):
		f.Mark(lang, "outcome", "field.invalid")
	}
	listCheckNote(f, lang)
	return !f.Invalid()
}

func listCheckNote(f *Form, lang string) bool {
	if n := len([]rune(strings.TrimSpace(f.Get("note")))); n > listNoteMax {
		f.Mark(lang, "note", "lists.note_too_long", "max", listNoteMax, "n", n)
	}
	return !f.Invalid()
}

// listLang is the language of the desk's branch page.
func (c *Console) listLang(fc *fiber.Ctx) (string, error) {
	d, err := c.desk(fc, "lists.title", "lists")
	return d.Lang, err
}
