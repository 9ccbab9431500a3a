package messaging

import (
	"bytes"
	"fmt"
	"io/fs"
	"path"
	"strings"
	"text/template"
	"time"

	"github.com/frontdeskhq/frontdesk/templates"
)

// The templates messaging knows.
const (
	TemplateCode                = "code"
	TemplateBookingConfirmation = "booking_confirmation"
	// TemplateWaitlistOffer offers a freed time to a waiting patient, with the link that books it.
	TemplateWaitlistOffer = "waitlist_offer"
	// TemplateQuestionnaireLink asks a booked patient to fill the questionnaire before the visit.
	TemplateQuestionnaireLink = "questionnaire_link"
	// TemplateFreeText carries a text staff wrote (POST /api/v1/patients/{id}/messages).
	TemplateFreeText = "free_text"
	// TemplateReminderConfirm reminds of a visit and asks for 1 (coming) or 2 (not coming).
	TemplateReminderConfirm = "reminder_confirm"
	// TemplateReminderPlain only reminds: the visit is confirmed or was asked about before.
	TemplateReminderPlain = "reminder_plain"
	// TemplateReminderNotComing reminds and asks only those not coming to reply 2.
	TemplateReminderNotComing = "reminder_not_coming"
	// TemplateBookingMoved tells the patient the visit's new time.
	TemplateBookingMoved = "booking_moved"
	// TemplateBookingCancelled tells the patient the visit is cancelled.
	TemplateBookingCancelled = "booking_cancelled"
	// TemplateStockDigest tells the person responsible for a supplies board what is
	// critical today.
	TemplateStockDigest = "stock_digest"
	// TemplatePurchaseOrder sends a purchase order to a supplier, its PDF attached; the
	// first line is the e-mail's subject.
	TemplatePurchaseOrder = "purchase_order"
	// TemplateFollowUpTask is a follow-up call's line on the desk's task list.
	TemplateFollowUpTask = "follow_up_task"
	// TemplateFollowUpScript is what the caller says, in the patient's language.
	TemplateFollowUpScript = "follow_up_script"
)

// callSample is the data of a follow-up call's task line and script: Campaign is ""
// for a visit's call, Text a campaign's own script ("" for the house one).
var callSample = map[string]any{"Patient": "Anna", "Clinic": "Frontdesk Dental", "Doctor": "Dr Anna Nowak",
	"Service": "Extraction", "Start": time.Date(2030, 1, 2, 9, 30, 0, 0, time.UTC), "Campaign": "", "Text": ""}

// visitSample is the data of the messages about one visit: Link is the manage link,
// or "" when none could be made, and then the texts give the branch's Phone instead.
var visitSample = map[string]any{"Clinic": "Frontdesk Dental", "Service": "Check-up", "Doctor": "Dr Anna Nowak",
	"Start": time.Date(2030, 1, 2, 9, 30, 0, 0, time.UTC), "Link": "https://example.test/v/token", "Phone": "+48 22 123 45 67"}

// templateFields declares each template's data, with sample values: a template is
// executed on its sample at load, so one that names an unknown field (or misuses a
// known one) is refused before any patient could get a broken text.
var templateFields = map[string]map[string]any{
	TemplateCode: {"Clinic": "Frontdesk Dental", "Code": "123456", "Minutes": 10},
	TemplateBookingConfirmation: {"Clinic": "Frontdesk Dental", "Service": "Check-up", "Doctor": "Dr Anna Nowak",
		"Start": time.Date(2030, 1, 2, 9, 30, 0, 0, time.UTC), "Address": "1 Main Street",
		"Link": "https://example.test/visit/token"},
	TemplateWaitlistOffer: {"Clinic": "Frontdesk Dental", "Service": "Check-up", "Doctor": "Dr Anna Nowak",
		"Start": time.Date(2030, 1, 2, 9, 30, 0, 0, time.UTC), "Link": "https://example.test/w/token"},
	TemplateQuestionnaireLink: {"Clinic": "Frontdesk Dental", "Start": time.Date(2030, 1, 2, 9, 30, 0, 0, time.UTC),
		"Link": "https://example.test/q/token"},
	TemplateDeclineFollowup:   {"Clinic": "Frontdesk Dental", "Link": "https://example.test/l/code"},
	TemplateFreeText:          {"Text": "See you tomorrow."},
	TemplateReminderConfirm:   visitSample,
	TemplateReminderPlain:     visitSample,
	TemplateReminderNotComing: visitSample,
	TemplateBookingMoved:      visitSample,
	TemplateBookingCancelled:  visitSample,
	TemplateStockDigest: {"Clinic": "Frontdesk Dental", "Critical": 2, "Items": "Gloves M (40 piece, Storage room)",
		"BelowReorder": 3, "Expiring": 1, "Overdue": 0},
	TemplatePurchaseOrder: {"Clinic": "Frontdesk Dental", "Number": "PO/2030/000001", "Supplier": "Dental Supply Ltd",
		"Address": "1 Main Street", "Phone": "+48 22 123 45 67", "Lines": 3, "Total": "1,234.50 PLN",
		"Note": "Please deliver before Friday."},
	TemplateFollowUpTask:   callSample,
	TemplateFollowUpScript: callSample,
	// recall (reviews/recall): a recall come due, and the next stage of a treatment plan;
	// Link opens the booking page on the service.
	"recall_due": {"Clinic": "Frontdesk Dental", "Service": "Check-up", "Phone": "+48 22 123 45 67",
		"Link": "https://example.test/book/branch?service=id"},
	"treatment_next_stage": {"Clinic": "Frontdesk Dental", "Service": "Root canal", "Stage": 2,
		"Phone": "+48 22 123 45 67", "Link": "https://example.test/book/branch?service=id"},
	// reviews/surveys: the survey link after the last failed follow-up call (Doctor may
	// be "" for a campaign), and the review invitation every respondent gets (Links is
	// one "Site: https://…" line per branch review link).
	"survey_link": {"Clinic": "Frontdesk Dental", "Doctor": "Dr Anna Nowak", "Link": "https://example.test/s/token"},
	"review_invitation": {"Clinic": "Frontdesk Dental",
		"Links": "Google: https://g.page/r/example/review\nZnanyLekarz: https://www.znanylekarz.pl/example"},
}

// FallbackLocale is used where a locale lacks a template.
const FallbackLocale = "en"

// Templates are the parsed message templates by locale and name.
type Templates struct {
	byLocale map[string]map[string]*template.Template
}

// DefaultTemplates parses the embedded defaults; they are tested, so failure is a bug.
func DefaultTemplates() *Templates {
	t, err := LoadTemplates()
	if err != nil {
		panic("messaging: embedded templates: " + err.Error())
	}
	return t
}

// LoadTemplates parses the embedded defaults and then each override folder (laid out
// as <locale>/<name>.tmpl), a later file replacing an earlier one of the same name.
func LoadTemplates(overrides ...fs.FS) (*Templates, error) {
	defaults, err := fs.Sub(templates.Messages, "messages")
	if err != nil {
		return nil, err
	}
	t := &Templates{byLocale: map[string]map[string]*template.Template{}}
	for _, layer := range append([]fs.FS{defaults}, overrides...) {
		if err := t.loadLayer(layer); err != nil {
			return nil, err
		}
	}
	return t, nil
}

func (t *Templates) loadLayer(fsys fs.FS) error {
	files, err := fs.Glob(fsys, "*/*.tmpl")
	if err != nil {
		return err
	}
	for _, file := range files {
		if err := t.loadFile(fsys, file); err != nil {
			return fmt.Errorf("messaging: template %s: %w", file, err)
		}
	}
	return nil
}

func (t *Templates) loadFile(fsys fs.FS, file string) error {
	locale, name := path.Dir(file), strings.TrimSuffix(path.Base(file), ".tmpl")
	sample, known := templateFields[name]
	if !known {
		return fmt.Errorf("unknown template %q", name)
	}
	text, err := fs.ReadFile(fsys, file)
	if err != nil {
		return err
	}
	tpl, err := template.New(name).Option("missingkey=error").Funcs(funcsFor(locale)).Parse(string(text))
	if err != nil {
		return err
	}
	if err := tpl.Execute(&bytes.Buffer{}, sample); err != nil {
		return err
	}
	if t.byLocale[locale] == nil {
		t.byLocale[locale] = map[string]*template.Template{}
	}
	t.byLocale[locale][name] = tpl
	return nil
}

// Render fills a template in locale (or in English where the locale lacks it).
func (t *Templates) Render(locale, name string, data map[string]any) (string, error) {
	tpl := t.byLocale[locale][name]
	if tpl == nil {
		tpl = t.byLocale[FallbackLocale][name]
	}
	if tpl == nil {
		return "", ErrUnknownTemplate
	}
	var out bytes.Buffer
	if err := tpl.Execute(&out, data); err != nil {
		return "", fmt.Errorf("messaging: render %s/%s: %w", locale, name, err)
	}
	return strings.TrimSpace(out.String()), nil
}

func funcsFor(locale string) template.FuncMap {
	return template.FuncMap{"datetime": func(t time.Time) string { return formatDateTime(locale, t) }}
}
