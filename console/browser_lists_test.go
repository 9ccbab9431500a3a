package console_test

import (
	"testing"

	"github.com/chromedp/chromedp/kb"

	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/browsertest"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
	"github.com/frontdeskhq/frontdesk/tasks"
)

// In a real browser, an administrator signs in to the work lists, which pass axe and
// fit a phone; she takes a task and logs a call by mouse (an attempt without its
// outcome comes back with the field marked), and does the same for a second task by
// keyboard alone.
func TestBrowserListsClaimAndLogAnAttempt(t *testing.T) {
	k := newKit(t, dbtest.New(t))
	lc := newListsClinic(k, "en")
	first := lc.task(tasks.DeliveryFailed, "The reminder to Wiśniewska did not arrive", lc.patient("Wiśniewska").ID)
	second := lc.task(tasks.DeliveryFailed, "The reminder to Krawczyk did not arrive", lc.patient("Krawczyk").ID)
	lc.task(tasks.Callback, "Missed call from +48601000999", "")
	dir := browsertest.ScreenshotDir(t)
	list := "/console/lists?branch=" + lc.branch.ID + "&tab=tasks"
	s := k.openAs(k.staffMember(actor.Admin, lc.branch.ID), list, deskWidth)
	s.wantText("Work lists", "Wiśniewska", "Krawczyk", "Take it")
	s.look(dir, "lists")

	row := "#task-" + first
	s.Click(row+" button", "Take it")
	s.WaitFor(`document.querySelector('.notice')`, wait)
	s.wantText("Taken: the others no longer see it for a while.", "by you")
	if task := listsTask(t, lc, first); task.ClaimedBy == nil {
		t.Fatal("the task taken by mouse is not claimed")
	}
	s.Click(row+" button", "Record the attempt")
	s.WaitFor(`document.querySelector('#outcome-`+first+`[aria-invalid=true]')`, wait)
	s.wantText("This field is required.")
	s.look(dir, "lists-marked")
	if task := listsTask(t, lc, first); task.AttemptCount != 0 {
		t.Fatalf("an attempt without outcome was stored: %+v", task)
	}
	s.focus("#outcome-" + first)
	s.Key(kb.ArrowDown + kb.ArrowDown)
	if got := s.value("outcome-" + first); got != tasks.NoAnswer {
		t.Fatalf("the outcome chosen is %q", got)
	}
	s.Fill("note-try-"+first, "rang twice")
	s.Click(row+" button", "Record the attempt")
	s.WaitFor(`location.search.includes('done=attempt')`, wait)
	s.wantText("The attempt is recorded.", "no answer")
	if task := listsTask(t, lc, first); task.AttemptCount != 1 || task.LastOutcome == nil || *task.LastOutcome != tasks.NoAnswer {
		t.Errorf("the attempt by mouse: %+v", task)
	}

	listsByKeyboard(t, lc, s, second)
}

// listsByKeyboard takes the task and logs a reached call with only the keys a person
// at the desk presses: Enter on the button, arrows in the choice, Tab between fields.
func listsByKeyboard(t *testing.T, lc *listsClinic, s *screen, id string) {
	t.Helper()
	s.focus("#task-" + id + " form.inline button")
	s.enter()
	s.WaitFor(`location.search.includes('done=claimed') && document.querySelector('#task-`+id+` .mine')`, wait)
	s.focus("#outcome-" + id)
	s.Key(kb.ArrowDown)
	s.tab("input#note-try-" + id)
	s.typeKeys("reached, comes Monday")
	s.tab("button Record the attempt")
	s.enter()
	s.WaitFor(`location.search.includes('done=attempt')`, wait)
	s.wantText("The attempt is recorded.", "reached")
	task := listsTask(t, lc, id)
	if task.ClaimedBy == nil || task.AttemptCount != 1 || task.LastOutcome == nil || *task.LastOutcome != tasks.Reached {
		t.Errorf("the task after the keyboard's claim and attempt: %+v", task)
	}
}

func listsTask(t *testing.T, lc *listsClinic, id string) tasks.Task {
	t.Helper()
	task, err := lc.k.e.Tasks.Get(lc.ctx, id)
	listsMust(t, err)
	return task
}
