package questionnaire_test

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/frontdeskhq/frontdesk/documents/questionnaire"
)

// The linkIds the document templates name: they must not drift.
var wantLinks = []string{"first_name", "last_name", "birth_date", "sex", "id_document", "address", "phone", "email",
	"emergency_name", "emergency_phone", "conditions", "conditions_other", "medications", "allergies", "allergies_other",
	"pregnancy", "anaesthesia_reaction", "smoking", "complaint", "pain_level", "consent_data", "consent_reminders",
	"guardian_name", "guardian_relation", "guardian_document"}

func TestDefaultDefinitionHasTheAgreedQuestions(t *testing.T) {
	set, err := questionnaire.Load()
	if err != nil {
		t.Fatal(err)
	}
	d, ok := set.Get(questionnaire.DefaultID)
	if !ok {
		t.Fatal("dental-intake missing")
	}
	for _, id := range wantLinks {
		if _, ok := d.Item(id); !ok {
			t.Errorf("item %s missing", id)
		}
	}
	conditions, _ := d.Item("conditions")
	var codes []string
	for _, o := range conditions.AnswerOption {
		codes = append(codes, o.Code)
	}
	if want := []string{"cardiovascular", "diabetes", "epilepsy", "bleeding", "infectious", "none"}; !slices.Equal(codes, want) || !conditions.Repeats {
		t.Errorf("conditions = %v repeats %v", codes, conditions.Repeats)
	}
	if pain, _ := d.Item("pain_level"); pain.Type != "integer" || *pain.Min != 0 || *pain.Max != 10 {
		t.Errorf("pain_level = %+v", pain)
	}
	if d.Ref() != "dental-intake@1" {
		t.Errorf("ref %s", d.Ref())
	}
}

const goodItem = `{"linkId": "a", "type": "string", "text": {"en": "A", "ru": "А", "pl": "A", "sv": "A"}}`

func def(items ...string) string {
	return `{"id": "t", "version": "1", "title": {"en": "T", "ru": "Т", "pl": "T", "sv": "T"}, "items": [` +
		strings.Join(items, ",") + `]}`
}

func TestDefinitionsBreakingRulesAreRefused(t *testing.T) {
	txt := `"text": {"en": "B", "ru": "Б", "pl": "B", "sv": "B"}`
	cases := []struct{ name, src, want string }{
		{"duplicate linkId", def(goodItem, goodItem), "item 2 (a): duplicate linkId"},
		{"missing locale", def(`{"linkId": "b", "type": "string", "text": {"en": "B", "ru": "Б", "pl": "B"}}`), "missing locale sv"},
		{"unknown type", def(`{"linkId": "b", "type": "colour", ` + txt + `}`), `unknown type "colour"`},
		{"choice without options", def(`{"linkId": "b", "type": "choice", ` + txt + `}`), "needs answerOption"},
		{"option without locale", def(`{"linkId": "b", "type": "choice", ` + txt + `, "answerOption": [{"code": "x", "text": {"en": "X"}}]}`), "answerOption x: missing locale"},
		{"enableWhen forward", def(`{"linkId": "b", "type": "string", `+txt+`, "enableWhen": [{"question": "a", "operator": "exists", "answer": true}]}`, goodItem), `refers to "a", which is not an earlier item`},
		{"age without birth_date", def(goodItem, `{"linkId": "b", "type": "string", `+txt+`, "enableWhen": [{"question": "$age", "operator": "<", "answer": 18}]}`), `refers to "$age"`},
		{"bad operator", def(goodItem, `{"linkId": "b", "type": "string", `+txt+`, "enableWhen": [{"question": "a", "operator": "~", "answer": "x"}]}`), `unknown operator "~"`},
		{"bad behavior", def(goodItem, `{"linkId": "b", "type": "string", `+txt+`, "enableBehavior": "some", "enableWhen": [{"question": "a", "operator": "=", "answer": "x"}]}`), "enableBehavior"},
		{"repeating text", def(`{"linkId": "b", "type": "string", "repeats": true, ` + txt + `}`), "only choices may repeat"},
		{"unknown field", def(`{"linkId": "b", "type": "string", "colour": "red", ` + txt + `}`), "unknown field"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := questionnaire.Load(fstest.MapFS{"t.json": {Data: []byte(c.src)}})
			if err == nil || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), "t.json") {
				t.Fatalf("err = %v, want file and %q", err, c.want)
			}
		})
	}
}

func TestOverrideReplacesByID(t *testing.T) {
	src := strings.Replace(def(goodItem), `"id": "t"`, `"id": "dental-intake"`, 1)
	set, err := questionnaire.Load(fstest.MapFS{"mine.json": {Data: []byte(src)}})
	if err != nil {
		t.Fatal(err)
	}
	d, _ := set.Get(questionnaire.DefaultID)
	if len(d.Items) != 1 {
		t.Fatalf("override not applied: %d items", len(d.Items))
	}
}
