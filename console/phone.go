package console

import (
	"net/url"
	"strings"

	"github.com/gofiber/fiber/v2"
	"github.com/google/uuid"

	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/fault"
	"github.com/frontdeskhq/frontdesk/visit"
)

// bookFlow is one way into booking: the front desk's on the phone, or a doctor's
// into their own free time. Both walk the same steps; a doctor's has its doctor
// fixed and no doctor step.
type bookFlow struct {
	Base   string
	Nav    string
	Source visit.Source
	// Own keeps the flow to the signed-in doctor's own time.
	Own bool
	// Patients is where the flow's new-patient form posts.
	Patients string
}

var (
	phoneFlow = bookFlow{Base: "/console/book", Nav: "book", Source: visit.SourcePhone,
		Patients: "/console/patients"}
	doctorFlow = bookFlow{Base: "/console/my-day/book", Nav: "my-day", Source: visit.SourceDoctorApp, Own: true,
		Patients: "/console/my-day/patients"}
)

// phoneRoutes mounts the front desk's patient search, booking by phone and the
// visit page.
func (c *Console) phoneRoutes(r fiber.Router) {
	desk := c.staffOnly(actor.Owner, actor.Admin)
	r.Get("/console/patients", desk, c.patientsPage)
	r.Post("/console/patients", desk, c.newPatient(phoneFlow))
	r.Get("/console/book", desk, c.bookPage(phoneFlow))
	r.Post("/console/book", desk, c.bookPost(phoneFlow))
	c.visitRoutes(r)
}

// choices are the booking's steps taken so far, carried in the query string (GET
// steps) or the form (the final POST), so the flow works without a script.
type choices struct {
	Branch, Patient, Service, Doctor, Date, From, Q string
}

// anyDoctor is the doctor choice "whoever is free".
const anyDoctor = "any"

// choicesOf reads the choices from the query or the posted form.
func choicesOf(fc *fiber.Ctx) choices {
	v := func(name string) string { return strings.TrimSpace(fc.FormValue(name)) }
	return choices{Branch: v("branch"), Patient: v("patient"), Service: v("service"), Doctor: v("doctor"),
		Date: v("date"), From: v("from"), Q: v("q")}
}

// link is the flow's URL with the choices up to (not including) step, so each
// "change" link goes back to that step with the earlier choices kept.
func (ch choices) link(base, step string) string {
	q := url.Values{}
	pairs := []struct{ name, value string }{{"branch", ch.Branch}, {"patient", ch.Patient},
		{"service", ch.Service}, {"doctor", ch.Doctor}, {"from", ch.From}, {"date", ch.Date}}
	for _, p := range pairs {
		if p.name == step {
			break
		}
		if p.value != "" {
			q.Set(p.name, p.value)
		}
	}
	if len(q) == 0 {
		return base
	}
	return base + "?" + q.Encode()
}

// with is the choices with one more set.
func (ch choices) with(name, value string) choices {
	switch name {
	case "patient":
		ch.Patient = value
	case "service":
		ch.Service = value
	case "doctor":
		ch.Doctor = value
	case "date":
		ch.Date = value
	case "from":
		ch.From = value
	}
	return ch
}

// step is the first step still to take.
func (ch choices) step() string {
	switch {
	case ch.Patient == "":
		return "patient"
	case ch.Service == "":
		return "service"
	case ch.Doctor == "":
		return "doctor"
	case ch.Date == "":
		return "day"
	}
	return "time"
}

// noticeOf is the text of a notice a redirect asked for (?notice=key), only of the
// keys this area knows, so no link can put words of its choosing on a page.
func noticeOf(fc *fiber.Ctx, lang string) string {
	switch key := fc.Query("notice"); key {
	case "booked", "rescheduled", "cancelled", "patient_created", "patient_exists":
		return bookText(lang, "notice", key)
	}
	return ""
}

// bookText is the text "book.<group>.<name>" in lang, for the texts named by a value
// (a weekday, a source, a refusal's code).
func bookText(lang, group, name string) string { return T(lang, "book."+group+"."+name) }

// hasBookText reports whether "book.<group>.<name>" is a text.
func hasBookText(group, name string) bool {
	_, ok := texts()["book."+group+"."+name]
	return ok
}

// errNoRecord answers an id in a link that is no id at all: the same "not found" a
// well-formed id of nothing gets (PostgreSQL would refuse it with an error of its own).
var errNoRecord = fault.New(fault.NotFound, "not_found", "no such record")

// wellFormed reports whether each id given is a UUID in its canonical form ("" is
// allowed: a choice not made yet).
func wellFormed(ids ...string) bool {
	for _, id := range ids {
		if _, err := uuid.Parse(id); id != "" && (err != nil || len(id) != 36) {
			return false
		}
	}
	return true
}

// checkIDs refuses choices whose ids are malformed.
func (ch choices) checkIDs() error {
	if !wellFormed(ch.Branch, ch.Patient, ch.Service, doctorQuery(ch.Doctor)) {
		return errNoRecord
	}
	return nil
}
