package questionnaire_test

import (
	"slices"
	"testing"
	"time"

	"github.com/frontdeskhq/frontdesk/documents/questionnaire"
)

var today = time.Date(2026, 12, 3, 0, 0, 0, 0, time.UTC)

func intake(t testing.TB) *questionnaire.Definition {
	t.Helper()
	d, _ := questionnaire.MustDefault().Get(questionnaire.DefaultID)
	return d
}

func raw(vs map[string][]string) questionnaire.Raw { return questionnaire.Raw(vs) }

func strictCheck() questionnaire.Check {
	return questionnaire.Check{Strict: true, Country: "PL", Today: today}
}

func codes(problems []questionnaire.Problem) map[string]string {
	out := map[string]string{}
	for _, p := range problems {
		out[p.LinkID] = p.Code
	}
	return out
}

func TestPregnancyIsAskedOfWomenAged12To55(t *testing.T) {
	cases := []struct {
		sex, born string
		asked     bool
	}{
		{"female", "1990-01-01", true},
		{"female", "2014-12-03", true},  // 12 today
		{"female", "2014-12-04", false}, // 12 tomorrow
		{"female", "1971-12-04", true},  // 55 until tomorrow
		{"female", "1970-01-01", false},
		{"male", "1990-01-01", false},
		{"female", "", false},
	}
	for _, c := range cases {
		a, problems := intake(t).Read(raw(map[string][]string{"sex": {c.sex}, "birth_date": {c.born}}), strictCheck())
		_, required := codes(problems)["pregnancy"]
		if required != c.asked {
			t.Errorf("%s born %q: pregnancy asked %v, want %v", c.sex, c.born, required, c.asked)
		}
		_ = a
	}
	// Not asked: an answer sent anyway is dropped.
	a, _ := intake(t).Read(raw(map[string][]string{"sex": {"male"}, "pregnancy": {"pregnant"}}), strictCheck())
	if _, ok := a["pregnancy"]; ok {
		t.Error("the answer to a question not shown was kept")
	}
}

func TestGuardianIsAskedForMinorsOnly(t *testing.T) {
	guardian := []string{"guardian_name", "guardian_relation", "guardian_document"}
	_, problems := intake(t).Read(raw(map[string][]string{"birth_date": {"2015-06-01"}}), strictCheck())
	for _, id := range guardian {
		if codes(problems)[id] != "required" {
			t.Errorf("child: %s not required (%v)", id, codes(problems))
		}
	}
	a, problems := intake(t).Read(raw(map[string][]string{"birth_date": {"1980-06-01"}, "guardian_name": {"X"}}), strictCheck())
	for _, id := range guardian {
		if _, ok := codes(problems)[id]; ok {
			t.Errorf("adult asked %s", id)
		}
	}
	if _, ok := a["guardian_name"]; ok {
		t.Error("adult kept a guardian answer")
	}
}

func TestOtherAllergyIsAskedWhenTicked(t *testing.T) {
	_, problems := intake(t).Read(raw(map[string][]string{"allergies": {"latex", "other"}}), strictCheck())
	if codes(problems)["allergies_other"] != "required" {
		t.Errorf("allergies_other not required: %v", codes(problems))
	}
	_, problems = intake(t).Read(raw(map[string][]string{"allergies": {"latex"}}), strictCheck())
	if _, ok := codes(problems)["allergies_other"]; ok {
		t.Error("allergies_other asked without other")
	}
}

func TestAnswersAreCheckedByType(t *testing.T) {
	long := string(make([]byte, 101))
	a, problems := intake(t).Read(raw(map[string][]string{
		"first_name": {long}, "birth_date": {"2030-01-01"}, "sex": {"robot"}, "email": {"nope"}, "phone": {"12"},
		"pain_level": {"11"}, "conditions": {"diabetes", "gout"}, "consent_data": {"false"}, "smoking": {"maybe"},
	}), strictCheck())
	want := map[string]string{"first_name": "too_long", "birth_date": "birth_date", "sex": "option", "email": "email",
		"phone": "phone", "pain_level": "max", "conditions": "option", "consent_data": "accept", "smoking": "boolean",
		"last_name": "required"}
	got := codes(problems)
	for id, code := range want {
		if got[id] != code {
			t.Errorf("%s: %q, want %q", id, got[id], code)
		}
	}
	if a["pain_level"] != 11.0 {
		t.Errorf("pain_level kept as %v", a["pain_level"])
	}
	good, problems := intake(t).Read(raw(map[string][]string{"phone": {"601 234 567"}, "pain_level": {"3"},
		"conditions": {"diabetes", "epilepsy"}, "consent_data": {"true"}}), questionnaire.Check{Country: "PL", Today: today})
	if len(problems) != 0 || good["phone"] != "+48601234567" || good["pain_level"] != 3.0 || good["consent_data"] != true ||
		!slices.Equal(good["conditions"].([]string), []string{"diabetes", "epilepsy"}) {
		t.Errorf("draft read %v, problems %v", good, problems)
	}
}

func TestMessagesSpeakThePatientsLanguage(t *testing.T) {
	p := questionnaire.Problem{LinkID: "first_name", Code: "required"}
	if got := p.Message("pl"); got != "Prosimy odpowiedzieć na to pytanie." {
		t.Errorf("pl: %q", got)
	}
	if got := p.Message("ru"); got != "Пожалуйста, ответьте на этот вопрос." {
		t.Errorf("ru: %q", got)
	}
	long := questionnaire.Problem{LinkID: "complaint", Code: "too_long", Arg: 1000}
	if got := long.Message("ru"); got != "Не более 1000 символов." {
		t.Errorf("ru too_long: %q", got)
	}
	if got := (questionnaire.Problem{Code: "max", Arg: 10}).Message("pl"); got != "Liczba może wynosić najwyżej 10." {
		t.Errorf("pl max: %q", got)
	}
}

func TestAgeCountsBirthdays(t *testing.T) {
	born := time.Date(2008, 12, 4, 0, 0, 0, 0, time.UTC)
	if questionnaire.Age(born, today) != 17 || questionnaire.Age(born, today.AddDate(0, 0, 1)) != 18 {
		t.Error("age off by a day")
	}
}

// Point 7 of issue 17: the guardian is asked under the branch's age of medical
// consent, not under a fixed 18 (Russia consents from 15, Great Britain from 16).
func TestGuardianIsAskedUnderTheBranchsAgeOfConsent(t *testing.T) {
	sixteen := raw(map[string][]string{"birth_date": {today.AddDate(-16, 0, 0).Format("2006-01-02")}})
	cases := []struct {
		consentAge int
		asked      bool
	}{{0, true}, {18, true}, {16, false}, {15, false}}
	for _, c := range cases {
		check := strictCheck()
		check.ConsentAge = c.consentAge
		_, problems := intake(t).Read(sixteen, check)
		if asked := codes(problems)["guardian_name"] == "required"; asked != c.asked {
			t.Errorf("a 16-year-old where consent comes at %d: asked for a guardian %v, want %v", c.consentAge, asked, c.asked)
		}
	}
}
