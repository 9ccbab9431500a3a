package figures

import (
	"slices"
	"strings"
	"testing"
)

// The calls, follow-ups, reviews and work figures carry the catalog's fixed names in its
// order and groups, each is made by exactly one collector, and each says what it divides.
func TestCallAndWorkFiguresAreTheCatalogs(t *testing.T) {
	want := map[string][]string{
		"calls": {"calls_offered", "calls_answered", "abandon_rate", "service_level_20s", "speed_of_answer",
			"callback_time", "callback_within_target", "recovered_share", "new_caller_conversion"},
		"follow_ups": {"follow_up_first_reach", "follow_up_reach", "follow_up_completion", "nps"},
		"reviews":    {"review_reply_time", "review_replied_share"},
		"work":       {"tasks_done", "tasks_done_on_time", "tasks_overdue"},
	}
	got := map[string][]string{}
	var order []string
	for _, d := range slices.Concat(callFigures, workFigures) {
		got[d.Group] = append(got[d.Group], d.Name)
		if len(order) == 0 || order[len(order)-1] != d.Group {
			order = append(order, d.Group)
		}
		if d.Text == "" || d.Subject == "" || (d.Unit == Ratio && !strings.Contains(d.Text, "÷")) {
			t.Errorf("%s: text %q, subject %q", d.Name, d.Text, d.Subject)
		}
	}
	if !slices.Equal(order, []string{"calls", "follow_ups", "reviews", "work"}) {
		t.Fatalf("groups in order %v", order)
	}
	for g, names := range want {
		if !slices.Equal(got[g], names) {
			t.Fatalf("%s: %v, want %v", g, got[g], names)
		}
	}
	s := &Service{}
	made := map[string]int{}
	for _, c := range slices.Concat(s.callCollectors(), s.workCollectors()) {
		for _, f := range c.Figures {
			made[f]++
		}
		if c.Frozen != slices.Contains(c.Figures, "tasks_overdue") {
			t.Fatalf("%s frozen %v", c.Name, c.Frozen)
		}
	}
	for _, d := range slices.Concat(callFigures, workFigures) {
		if made[d.Name] != 1 {
			t.Fatalf("%s is made by %d collectors", d.Name, made[d.Name])
		}
	}
	if len(made) != len(callFigures)+len(workFigures) {
		t.Fatalf("collectors make %d figures, %d defined", len(made), len(callFigures)+len(workFigures))
	}
}
