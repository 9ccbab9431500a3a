package telephony

import (
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/frontdeskhq/frontdesk/internal/fault"
	"github.com/frontdeskhq/frontdesk/internal/httpjson"
)

// lookupOut is the JSON answer of the PBX caller lookup (the 3CX CRM template reads it).
type lookupOut struct {
	Number    string     `json:"number"`
	NewCaller bool       `json:"new_caller"`
	Name      string     `json:"name"`
	Patients  []matchOut `json:"patients"`
}

type matchOut struct {
	PatientID   string `json:"patient_id"`
	FirstName   string `json:"first_name"`
	LastName    string `json:"last_name"`
	ViaGuardian bool   `json:"via_guardian"`
}

// lookup answers who is calling: JSON, or text/plain (only the name, "" for a new
// caller) when the PBX asks for it with ?format=text or Accept: text/plain, as
// FreePBX's and FreeSWITCH's caller-name lookups read the body as the name.
func (h *Handler) lookup(c *fiber.Ctx) error {
	l, err := h.s.LineByToken(httpjson.Ctx(c), c.Params("token"), c.IP())
	if err != nil {
		return err
	}
	number := c.Query("number")
	if number == "" || len(number) > 64 || !clean(number) {
		return fault.Field("number", "required", "the caller's number is required (at most 64 characters)")
	}
	ms, err := h.s.Recognize(httpjson.Ctx(c), number, l.Country)
	if err != nil {
		return err
	}
	out := lookupOut{Number: Normalize(number, l.Country), NewCaller: len(ms) == 0, Patients: make([]matchOut, 0, len(ms))}
	names := make([]string, 0, len(ms))
	for _, m := range ms {
		names = append(names, m.Name())
		out.Patients = append(out.Patients, matchOut{PatientID: m.PatientID, FirstName: m.FirstName, LastName: m.LastName, ViaGuardian: m.Guardian})
	}
	out.Name = strings.Join(names, ", ")
	if wantsText(c) {
		c.Set(fiber.HeaderContentType, "text/plain; charset=utf-8")
		return c.SendString(out.Name)
	}
	return c.JSON(out)
}

func wantsText(c *fiber.Ctx) bool {
	if f := c.Query("format"); f != "" {
		return f == "text"
	}
	return strings.HasPrefix(c.Get(fiber.HeaderAccept), "text/plain")
}
