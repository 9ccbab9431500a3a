package reminders

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/frontdeskhq/frontdesk/internal/fault"
)

func zone(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func utc(s string) time.Time {
	t, err := time.Parse("2006-01-02 15:04", s)
	if err != nil {
		panic(err)
	}
	return t
}

// TestDueTimesAcrossDST checks the default rules on the days the clocks change in
// Stockholm and Warsaw (spring 2027-03-28, autumn 2026-10-25): wall-clock rules keep
// their local time, "24 h before" is 24 real hours, early visits get the evening rule.
func TestDueTimesAcrossDST(t *testing.T) {
	long := utc("2020-01-01 00:00")
	cases := []struct {
		name, zone, visit string            // visit is local
		want              map[string]string // UTC
	}{
		{"stockholm visit the morning after spring forward", "Europe/Stockholm", "2027-03-29 09:00",
			map[string]string{"3d": "2027-03-26 11:00", "24h": "2027-03-28 07:00", "morning": "2027-03-28 17:00"}},
		{"stockholm 3-day rule on the spring-forward day", "Europe/Stockholm", "2027-03-31 10:00",
			map[string]string{"3d": "2027-03-28 10:00", "24h": "2027-03-30 08:00", "morning": "2027-03-31 06:00"}},
		{"warsaw visit the morning after fall back", "Europe/Warsaw", "2026-10-26 08:30",
			map[string]string{"3d": "2026-10-23 10:00", "24h": "2026-10-25 07:30", "morning": "2026-10-25 18:00"}},
		{"warsaw 24 h back across fall back", "Europe/Warsaw", "2026-10-25 10:00",
			map[string]string{"3d": "2026-10-22 10:00", "24h": "2026-10-24 09:00", "morning": "2026-10-25 07:00"}},
		{"warsaw spring forward, visit on the day", "Europe/Warsaw", "2027-03-28 12:00",
			map[string]string{"3d": "2027-03-25 11:00", "24h": "2027-03-27 10:00", "morning": "2027-03-28 06:00"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			loc := zone(t, c.zone)
			start, err := time.ParseInLocation("2006-01-02 15:04", c.visit, loc)
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]string{}
			for _, d := range dueTimes(DefaultSettings(), loc, start, long) {
				got[d.rule] = d.at.Format("2006-01-02 15:04")
			}
			if diff := cmp.Diff(c.want, got); diff != "" {
				t.Errorf("due times (-want +got):\n%s", diff)
			}
		})
	}
}

// TestQuietHours pushes reminders out of quiet hours to their end, on either side of
// midnight, and merges two reminders pushed onto one moment.
func TestQuietHours(t *testing.T) {
	loc := zone(t, "Europe/Warsaw")
	at := func(s string) time.Time { t, _ := time.ParseInLocation("2006-01-02 15:04", s, loc); return t }
	cases := []struct{ in, from, to, want string }{
		{"2027-01-11 07:30", "21:00", "08:00", "2027-01-11 08:00"},
		{"2027-01-11 22:15", "21:00", "08:00", "2027-01-12 08:00"},
		{"2027-01-11 21:00", "21:00", "08:00", "2027-01-12 08:00"},
		{"2027-01-11 08:00", "21:00", "08:00", "2027-01-11 08:00"},
		{"2027-01-11 20:59", "21:00", "08:00", "2027-01-11 20:59"},
		{"2027-01-11 12:30", "12:00", "14:00", "2027-01-11 14:00"},
		{"2027-03-27 23:00", "21:00", "08:00", "2027-03-28 08:00"}, // the night the clocks jump
	}
	for _, c := range cases {
		got := outOfQuiet(at(c.in), loc, c.from, c.to)
		if !got.Equal(at(c.want)) {
			t.Errorf("%s in quiet %s-%s: got %s, want %s", c.in, c.from, c.to, got.In(loc), c.want)
		}
	}
	// A 22:00 visit: 24 h before is 22:00, pushed to 08:00, where the morning rule
	// already is: one reminder, not two.
	dues := dueTimes(DefaultSettings(), loc, at("2027-01-12 22:00"), utc("2020-01-01 00:00"))
	var rules []string
	for _, d := range dues {
		rules = append(rules, d.rule+"@"+d.at.In(loc).Format("01-02 15:04"))
	}
	if diff := cmp.Diff([]string{"3d@01-09 12:00", "24h@01-12 08:00"}, rules); diff != "" {
		t.Errorf("a late visit's reminders (-want +got):\n%s", diff)
	}
}

// TestPastRulesSkipped drops rules already past at booking time; the first one left
// asks the question.
func TestPastRulesSkipped(t *testing.T) {
	loc := zone(t, "Europe/Stockholm")
	start, _ := time.ParseInLocation("2006-01-02 15:04", "2027-02-10 11:00", loc)
	now := start.Add(-30 * time.Hour)
	v := plannedVisit{AppointmentID: "a", BranchID: "b", Status: "booked", StartsAt: start}
	plans := plansFor(v, DefaultSettings(), loc, 1, now)
	var got []string
	for _, p := range plans {
		got = append(got, p.Rule+":"+p.Template)
	}
	want := []string{"24h:reminder_confirm", "morning:reminder_plain"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("plans (-want +got):\n%s", diff)
	}
	if len(plansFor(v, DefaultSettings(), loc, 1, start.Add(-time.Minute))) != 0 {
		t.Error("a visit a minute away got reminders")
	}
}

// TestStyles: reply_if_not_coming asks every reminder to answer only with 2, and a
// confirmed visit gets only plain reminders.
func TestStyles(t *testing.T) {
	loc := zone(t, "Europe/Stockholm")
	start, _ := time.ParseInLocation("2006-01-02 15:04", "2027-02-10 11:00", loc)
	st := DefaultSettings()
	st.Style = StyleReplyIfNotComing
	for _, p := range plansFor(plannedVisit{StartsAt: start, Status: "booked"}, st, loc, 1, utc("2020-01-01 00:00")) {
		if p.Template != "reminder_not_coming" {
			t.Errorf("%s: %s", p.Rule, p.Template)
		}
	}
	for _, p := range plansFor(plannedVisit{StartsAt: start, Status: "confirmed"}, st, loc, 1, utc("2020-01-01 00:00")) {
		if p.Template != "reminder_plain" {
			t.Errorf("confirmed %s: %s", p.Rule, p.Template)
		}
	}
}

// TestValidateNamesFields answers each bad field by its JSON path.
func TestValidateNamesFields(t *testing.T) {
	st := DefaultSettings()
	st.Style = "shout"
	st.QuietTo = "8am"
	st.Rules[1].Hours = 0
	st.Rules[2].At = "25:00"
	st.Rules = append(st.Rules, Rule{Name: "3d", Kind: "weekly"})
	err := validate(st)
	if err == nil {
		t.Fatal("accepted")
	}
	var fields []string
	for _, f := range err.(*fault.Error).Fields {
		fields = append(fields, f.Field)
	}
	want := []string{"style", "quiet_to", "rules[1].hours", "rules[2].at", "rules[3].name", "rules[3].kind"}
	if diff := cmp.Diff(want, fields); diff != "" {
		t.Errorf("fields (-want +got):\n%s", diff)
	}
	if validate(DefaultSettings()) != nil {
		t.Error("the defaults are invalid")
	}
}
