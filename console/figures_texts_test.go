package console

import (
	"slices"
	"strings"
	"testing"

	"github.com/frontdeskhq/frontdesk/figures"
)

// catalogNames are the 38 fixed figure names of the figures catalog, in its order.
// The service's Catalog() is checked too: whatever it lists must be among these.
var catalogNames = []string{
	"no_show_rate", "late_cancel_rate", "late_cancel_patient_rate", "late_cancel_clinic_rate", "failed_visit_rate",
	"confirmation_rate", "chair_utilisation_planned", "chair_utilisation_used", "new_patients", "new_patients_widget",
	"new_patients_phone", "new_patients_doctor_app", "new_patients_referred", "recall_booked_rate", "retention_12m",
	"calls_offered", "calls_answered", "abandon_rate", "service_level_20s", "speed_of_answer", "callback_time",
	"callback_within_target", "recovered_share", "new_caller_conversion",
	"follow_up_first_reach", "follow_up_reach", "follow_up_completion", "nps",
	"review_reply_time", "review_replied_share",
	"tasks_done", "tasks_done_on_time", "tasks_overdue",
	"items_critical", "items_below_reorder", "items_short_of_supply", "lots_expiring_30d", "consumed_per_procedure",
}

// Every figure the service counts has its title and definition in every language
// the console speaks, so no tile ever shows a bare key.
func TestEveryFigureHasItsWords(t *testing.T) {
	if len(catalogNames) != 38 {
		t.Fatalf("the catalog has 38 figures, the list %d", len(catalogNames))
	}
	names := slices.Clone(catalogNames)
	for _, d := range figures.NewService(figures.Deps{}).Catalog() {
		if !slices.Contains(catalogNames, d.Name) {
			t.Errorf("the service counts %s, which is not in the catalog's list", d.Name)
			names = append(names, d.Name)
		}
	}
	for _, name := range names {
		for _, part := range []string{"title", "text"} {
			wantWords(t, "figures."+name+"."+part)
		}
	}
}

// Every word the dashboard makes from a unit, group, period, step, colour or
// subject exists in every language.
func TestEveryFigureWordExists(t *testing.T) {
	units := []figures.Unit{figures.Ratio, figures.Count, figures.Seconds, figures.Minutes, figures.Money, figures.Days, figures.Score}
	var keys []string
	for _, u := range units {
		keys = append(keys, "figures.hint."+string(u), "figures.threshold.range."+string(u))
	}
	for _, g := range []string{"visits", "calls", "follow_ups", "reviews", "work", "supplies"} {
		keys = append(keys, "figures.group."+g)
	}
	for _, p := range figurePeriods {
		keys = append(keys, "figures.period."+p)
	}
	for _, b := range figureBys {
		keys = append(keys, "figures.by."+b)
	}
	keys = append(keys, "figures.colour.good", "figures.colour.warn", "figures.colour.bad",
		"figures.threshold.order.lower", "figures.threshold.order.higher")
	for _, s := range []string{"visit", "call", "callback", "follow_up", "survey", "review", "task", "item", "lot", "patient", "recall", "chair"} {
		keys = append(keys, "figures.subject."+s)
	}
	for _, k := range keys {
		wantWords(t, k)
	}
}

func wantWords(t *testing.T, key string) {
	t.Helper()
	for _, lang := range Langs {
		if strings.TrimSpace(texts()[key][lang]) == "" {
			t.Errorf("%s has no %s text", key, lang)
		}
	}
}
