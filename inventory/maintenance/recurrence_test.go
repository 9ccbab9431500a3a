package maintenance_test

import (
	"net/http"
	"testing"

	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
)

// Warsaw moves its clocks on 29 March and 25 October 2026. Due dates move by calendar
// days and months from the date that was due, never by 24-hour spans, and "due" is
// read in the branch's calendar, not in UTC.
func TestRecurrenceAcrossDST(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		k.at("2026-01-31 09:00")
		monthly := k.create(map[string]any{"title": "Compressor filter", "next_due_on": "2026-01-31", "every_n": 1, "every_unit": "month"})
		if got := k.done(k.nurse, monthly.ID, ""); *got.NextDueOn != "2026-02-28" {
			t.Errorf("monthly from 31 January → %s, want the end of February", *got.NextDueOn)
		}
		k.at("2026-03-26 10:00")
		for _, c := range []struct {
			every   map[string]any
			due     string
			want    string
			comment string
		}{
			{map[string]any{"every_n": 1, "every_unit": "week"}, "2026-03-26", "2026-04-02", "weekly across spring DST"},
			{map[string]any{"every_n": 2, "every_unit": "week"}, "2026-03-20", "2026-04-03", "done late: the rhythm holds"},
			{map[string]any{"every_n": 1, "every_unit": "week"}, "2026-03-05", "2026-04-02", "weeks missed are skipped"},
			{map[string]any{"every_n": 1, "every_unit": "day"}, "2026-03-26", "2026-03-27", "daily"},
			{map[string]any{"every_n": 1, "every_unit": "month"}, "2026-01-31", "2026-03-31", "a month end skipped over February"},
			{map[string]any{"every_n": 1, "every_unit": "year"}, "2026-03-29", "2027-03-29", "yearly, due on the DST day"},
		} {
			body := map[string]any{"title": c.comment, "next_due_on": c.due}
			for key, v := range c.every {
				body[key] = v
			}
			j := k.create(body)
			if got := k.done(k.nurse, j.ID, ""); got.NextDueOn == nil || *got.NextDueOn != c.want || !got.Active {
				t.Errorf("%s: due %s done on 2026-03-26 → %v, want %s", c.comment, c.due, got.NextDueOn, c.want)
			}
		}

		// A daily job done on the eve of the spring change is due on the DST day itself.
		daily := k.create(map[string]any{"title": "Wipe the chairs", "next_due_on": "2026-03-28", "every_n": 1, "every_unit": "day"})
		k.at("2026-03-28 19:00")
		if got := k.done(k.nurse, daily.ID, ""); *got.NextDueOn != "2026-03-29" {
			t.Errorf("daily done 28 March → %s, want 2026-03-29", *got.NextDueOn)
		}
		k.at("2026-03-29 23:30")
		if got := k.done(k.nurse, daily.ID, ""); *got.NextDueOn != "2026-03-30" {
			t.Errorf("daily done late on the DST day → %s, want 2026-03-30", *got.NextDueOn)
		}

		// Autumn: ten past midnight on 26 October in Warsaw is still 25 October in UTC,
		// yet the job is due and the sweep opens its task.
		spore := k.create(map[string]any{"title": "Spore test", "next_due_on": "2026-10-26", "every_n": 1, "every_unit": "week"})
		k.at("2026-10-25 23:50")
		k.sweep()
		if j := k.get(spore.ID); j.State != "upcoming" || j.TaskID != nil {
			t.Errorf("the evening before: %s task %v", j.State, j.TaskID)
		}
		k.at("2026-10-26 00:10")
		if k.env.Clock.Now().UTC().Day() != 25 {
			t.Fatalf("the test wants a UTC date behind Warsaw's, clock %s", k.env.Clock.Now().UTC())
		}
		k.sweep()
		if j := k.get(spore.ID); j.State != "due" || j.TaskID == nil {
			t.Errorf("just after midnight: %s task %v", j.State, j.TaskID)
		}
		if got := k.done(k.nurse, spore.ID, "negative"); *got.NextDueOn != "2026-11-02" || got.TaskID != nil {
			t.Errorf("spore test done → %s task %v, want 2026-11-02 and no task", *got.NextDueOn, got.TaskID)
		}
		if r := k.nurse.Do(http.MethodGet, "/api/v1/maintenance?state=due", nil); r.Status != http.StatusOK {
			t.Errorf("list due: %d %s", r.Status, r.Body)
		}
	})
}
