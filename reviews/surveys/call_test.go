package surveys_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
	"github.com/frontdeskhq/frontdesk/internal/fault"
	"github.com/frontdeskhq/frontdesk/reviews"
	"github.com/frontdeskhq/frontdesk/reviews/surveys"
)

// A survey answered on the phone is stored once, with who asked; a second answer to
// the same follow-up is 409 survey_answered and changes nothing.
func TestPhoneSurveyIsStoredOnce(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		p := k.patient("Jan", "+48601234567", "pl", true)
		f := k.followUp(p, true)
		if err := k.recordCall(f, good()); err != nil {
			t.Fatalf("record: %v", err)
		}
		low := reviews.Answers{Overall: 1, Care: 1, Expectations: reviews.Worse, Recommend: 0, Comment: "again"}
		err := k.recordCall(f, low)
		if fe, ok := fault.As(err); !ok || fe.Code != "survey_answered" || fe.Kind != fault.Conflict {
			t.Fatalf("second answer: %v", err)
		}
		n := k.count(`SELECT COUNT(*) FROM surveys WHERE follow_up_id = ? AND via = 'phone' AND answered_by = ?
			AND overall = 5 AND care = 5 AND expectations = 'better' AND recommend = 10 AND comment = 'Świetnie!'
			AND appointment_id = ?`, f.ID, k.adminID, *f.AppointmentID)
		if n != 1 {
			t.Errorf("stored phone surveys: %d", n)
		}
		if ts := k.managerTasks(p.ID); len(ts) != 0 {
			t.Errorf("the refused low answer opened a task: %+v", ts)
		}
	})
}

// Bad answers by phone are named under survey. (as the call's request nests them).
func TestPhoneAnswersAreChecked(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		f := k.followUp(k.patient("Jan", "+48601234567", "pl", true), false)
		err := k.recordCall(f, reviews.Answers{Overall: 11, Care: 0, Expectations: "meh", Recommend: -1})
		fe, ok := fault.As(err)
		if !ok || fe.Kind != fault.Invalid {
			t.Fatalf("bad answers: %v", err)
		}
		named := map[string]bool{}
		for _, f := range fe.Fields {
			named[f.Field] = true
		}
		for _, want := range []string{"survey.overall", "survey.care", "survey.expectations", "survey.recommend"} {
			if !named[want] {
				t.Errorf("%s not named: %+v", want, fe.Fields)
			}
		}
		if n := k.count(`SELECT COUNT(*) FROM surveys`); n != 0 {
			t.Errorf("refused answers stored: %d", n)
		}
	})
}

// Every respondent is invited to review the branch, whatever they scored; a low score
// also opens the manager's task with the scores and the comment, a high one does not.
func TestEveryRespondentIsInvitedAndLowScoresReachTheManager(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		k.setLinks(map[string]any{"site": "google", "url": "https://g.page/r/centrum/review"},
			map[string]any{"site": "znanylekarz", "url": "https://www.znanylekarz.pl/centrum"})
		happy := k.patient("Ewa", "+48601234561", "pl", true)
		unhappy := k.patient("Adam", "+48601234562", "ru", true)
		passive := k.patient("Olga", "+48601234563", "sv", true)
		if err := k.recordCall(k.followUp(happy, true), good()); err != nil {
			t.Fatal(err)
		}
		bad := reviews.Answers{Overall: 2, Care: 3, Expectations: reviews.Worse, Recommend: 3, Comment: "  Czekałem godzinę.  "}
		if err := k.recordCall(k.followUp(unhappy, true), bad); err != nil {
			t.Fatal(err)
		}
		// recommend 6 alone is low even with a good overall score
		if err := k.recordCall(k.followUp(passive, false), reviews.Answers{Overall: 4, Care: 4,
			Expectations: reviews.AsExpected, Recommend: 6}); err != nil {
			t.Fatal(err)
		}
		for _, c := range []struct{ id, lead string }{{happy.ID, "dziękujemy"}, {unhappy.ID, "спасибо"}, {passive.ID, "tack"}} {
			sent := k.messages(c.id, surveys.TemplateInvitation)
			if len(sent) != 1 || !strings.Contains(sent[0].Body, "https://g.page/r/centrum/review") ||
				!strings.Contains(sent[0].Body, "https://www.znanylekarz.pl/centrum") || !strings.Contains(sent[0].Body, c.lead) {
				t.Errorf("invitation to %s: %+v", c.id, sent)
			}
		}
		if ts := k.managerTasks(happy.ID); len(ts) != 0 {
			t.Errorf("a happy patient opened a manager task: %+v", ts)
		}
		ts := k.managerTasks(unhappy.ID)
		want := "Odzyskanie zaufania" // the branch's language, not the patient's
		if len(ts) != 1 || ts[0].Kind != "follow_up_call" || *ts[0].BranchID != k.branch.ID ||
			!strings.Contains(ts[0].Text, want) || !strings.Contains(ts[0].Text, "Czekałem godzinę.") ||
			!strings.Contains(ts[0].Text, "2/5") || !strings.Contains(ts[0].Text, "3/10") {
			t.Errorf("manager task: %+v", ts)
		}
		if ts := k.managerTasks(passive.ID); len(ts) != 1 || !strings.Contains(ts[0].Text, "(brak)") {
			t.Errorf("recommend 6: %+v", ts)
		}
	})
}

// A branch without review links sends no invitation; a patient who agreed to no
// service messages gets none either, yet their low score still reaches the manager.
func TestInvitationNeedsLinksAndConsent(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		first := k.patient("Jan", "+48601234567", "pl", true)
		if err := k.recordCall(k.followUp(first, true), good()); err != nil {
			t.Fatal(err)
		}
		if sent := k.messages(first.ID, surveys.TemplateInvitation); len(sent) != 0 {
			t.Errorf("invited without links: %+v", sent)
		}
		k.setLinks(map[string]any{"site": "google", "url": "https://g.page/r/centrum/review"})
		silent := k.patient("Ola", "+48601234568", "pl", false)
		err := k.recordCall(k.followUp(silent, true), reviews.Answers{Overall: 1, Care: 1, Expectations: reviews.Worse, Recommend: 0})
		if err != nil {
			t.Fatal(err)
		}
		if sent := k.messages(silent.ID, surveys.TemplateInvitation); len(sent) != 0 {
			t.Errorf("invited without consent: %+v", sent)
		}
		if ts := k.managerTasks(silent.ID); len(ts) != 1 {
			t.Errorf("low score without consent: tasks %+v", ts)
		}
	})
}

// The survey link goes once per follow-up, names the doctor and the clinic, and only
// where the patient agreed to service messages; after a phone answer none is sent.
func TestSendLinkOncePerFollowUp(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		p := k.patient("Jan", "+48601234567", "pl", true)
		f := k.followUp(p, true)
		for range 2 {
			if err := k.sendLink(f); err != nil {
				t.Fatal(err)
			}
		}
		sent := k.messages(p.ID, surveys.TemplateLink)
		if len(sent) != 1 || sent[0].Recipient != "+48601234567" || sent[0].Locale != "pl" ||
			!strings.Contains(sent[0].Body, "Centrum") || !strings.Contains(sent[0].Body, "Dr Anna Nowak") ||
			sent[0].Key != "survey_link:"+f.ID {
			t.Errorf("link messages: %+v", sent)
		}
		if n := k.count(`SELECT COUNT(*) FROM surveys WHERE follow_up_id = ? AND via = 'link' AND token_hash IS NOT NULL
			AND expires_at > sent_at AND answered_at IS NULL`, f.ID); n != 1 {
			t.Errorf("link surveys: %d", n)
		}
		answered := k.followUp(k.patient("Ewa", "+48601234568", "en", true), false)
		if err := k.recordCall(answered, good()); err != nil {
			t.Fatal(err)
		}
		if err := k.sendLink(answered); err != nil || len(k.messages(answered.PatientID, surveys.TemplateLink)) != 0 {
			t.Errorf("a link after a phone answer: %v", err)
		}
		silent := k.followUp(k.patient("Ola", "+48601234569", "pl", false), true)
		if err := k.sendLink(silent); err != nil || len(k.messages(silent.PatientID, surveys.TemplateLink)) != 0 ||
			k.count(`SELECT COUNT(*) FROM surveys WHERE follow_up_id = ?`, silent.ID) != 0 {
			t.Errorf("a link without consent: %v", err)
		}
	})
}

// A link answered by phone later becomes a phone survey; the link then only thanks.
func TestSentLinkAnsweredByPhone(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		f := k.followUp(k.patient("Jan", "+48601234567", "pl", true), true)
		tok := k.linkToken(f)
		if err := k.recordCall(f, good()); err != nil {
			t.Fatal(err)
		}
		if n := k.count(`SELECT COUNT(*) FROM surveys WHERE via = 'phone' AND answered_at IS NOT NULL`); n != 1 {
			t.Errorf("phone answer on a sent link: %d", n)
		}
		if r := k.get("/s/" + tok); r.status != 200 || !strings.Contains(r.body, "Dziękujemy!") {
			t.Errorf("the link after a phone answer: %d %s", r.status, r.body)
		}
		err := k.db.InTx(context.Background(), func(tx db.Tx) error {
			return k.env.Surveys.RecordCall(context.Background(), tx, f, k.adminID, good())
		})
		if !errors.Is(err, surveys.ErrAnswered) {
			t.Errorf("again: %v", err)
		}
	})
}
