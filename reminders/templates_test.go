package reminders_test

import (
	"strings"
	"testing"
	"time"

	"github.com/frontdeskhq/frontdesk/messaging"
)

// TestQuestionsPrintShortCodes: every language's questions ask with 1 and 2, never with
// YES (Twilio's own opt-in keyword); each text carries the link, or the phone without it.
func TestQuestionsPrintShortCodes(t *testing.T) {
	tpl := messaging.DefaultTemplates()
	data := map[string]any{"Clinic": "C", "Service": "S", "Doctor": "D", "Start": time.Now(),
		"Link": "https://x.test/v/tok", "Phone": "+4681234"}
	names := []string{messaging.TemplateReminderConfirm, messaging.TemplateReminderNotComing, messaging.TemplateReminderPlain,
		messaging.TemplateBookingMoved, messaging.TemplateBookingCancelled}
	for _, locale := range []string{"en", "ru", "pl", "sv"} {
		for _, name := range names {
			body, err := tpl.Render(locale, name, data)
			if err != nil {
				t.Fatalf("%s/%s: %v", locale, name, err)
			}
			if strings.Contains(strings.ToUpper(body), "YES") || !strings.Contains(body, "x.test/v/tok") {
				t.Errorf("%s/%s: %q", locale, name, body)
			}
			asks1, asks2 := strings.Contains(body, " 1"), strings.Contains(body, " 2")
			switch name {
			case messaging.TemplateReminderConfirm:
				if !asks1 || !asks2 {
					t.Errorf("%s/%s does not ask for 1/2: %q", locale, name, body)
				}
			case messaging.TemplateReminderNotComing:
				if !asks2 {
					t.Errorf("%s/%s does not ask for 2: %q", locale, name, body)
				}
			}
			data["Link"] = ""
			body, _ = tpl.Render(locale, name, data)
			data["Link"] = "https://x.test/v/tok"
			if !strings.Contains(body, "+4681234") {
				t.Errorf("%s/%s without a link gives no phone: %q", locale, name, body)
			}
		}
	}
}
