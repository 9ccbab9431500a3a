package console

import (
	"encoding/json"
	"errors"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/frontdeskhq/frontdesk/messaging"
)

// cardTextMax bounds a message the desk writes (several SMS segments at most).
const cardTextMax = 1000

// cardSend queues a free-text message to the patient through messaging, as the API's
// send does (the dispatcher routes it: preference, fallback, opt-outs).
func (c *Console) cardSend(fc *fiber.Ctx) error {
	d, err := c.desk(fc, "card.title", "patients")
	if err != nil {
		return c.fail(fc, err)
	}
	f := formFrom(fc, "medium", "text")
	text := strings.TrimSpace(f.Get("text"))
	switch n := len([]rune(text)); {
	case n == 0:
		f.Mark(d.Lang, "text", "field.required")
	case n > cardTextMax:
		f.Mark(d.Lang, "text", "card.text_too_long", "max", cardTextMax)
	}
	if !slices.Contains(cardMedia, f.Get("medium")) {
		f.Mark(d.Lang, "medium", "field.invalid")
	}
	if !f.Invalid() {
		_, err = c.svc.Messages.SendToPatient(fc.UserContext(), fc.Params("id"),
			messaging.StaffMessage{Medium: f.Get("medium"), Text: text})
		if err != nil && !f.Refused(d.Lang, err) {
			return c.fail(fc, err)
		}
		if errors.Is(err, messaging.ErrNoAddress) {
			f.Errors = map[string]string{"medium": T(d.Lang, "card.no_address")}
		}
	}
	if f.Invalid() {
		return c.cardDraw(fc, d, f.Status(), f)
	}
	return fc.Redirect("/console/patients/"+url.PathEscape(fc.Params("id"))+"?sent=1#messages", fiber.StatusSeeOther)
}

// cardExport downloads everything stored about the patient (the GDPR right of
// access) as JSON; the clinic's export writes its audit row before answering.
func (c *Console) cardExport(fc *fiber.Ctx) error {
	id := fc.Params("id")
	x, err := c.svc.Clinic.ExportPatient(fc.UserContext(), id)
	if err != nil {
		return c.fail(fc, err)
	}
	body, err := json.MarshalIndent(map[string]any{"patient": x.Patient, "merged_patients": x.Merged,
		"records": x.Records, "audit": x.Audit, "exported_at": x.ExportedAt.UTC().Format(time.RFC3339Nano)}, "", "  ")
	if err != nil {
		return c.fail(fc, err)
	}
	fc.Set(fiber.HeaderContentDisposition, `attachment; filename="patient-`+url.PathEscape(id)+`.json"`)
	fc.Set(fiber.HeaderCacheControl, "no-store")
	fc.Set(fiber.HeaderContentType, fiber.MIMEApplicationJSONCharsetUTF8)
	return fc.Send(body)
}
