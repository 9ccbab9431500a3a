package console

import (
	"context"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/documents"
	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/messaging"
	"github.com/frontdeskhq/frontdesk/visit"
)

// cardView is the patient card: the person, their visits both ways in time, the
// messages both ways, their papers, alerts, consents and opt-outs, and the forms.
type cardView struct {
	Frame
	Patient  clinic.Patient
	Name     string
	Age      string
	Coming   []cardVisit
	Past     []cardVisit
	Messages []cardMessage
	Papers   []cardPaper
	Consents []cardConsent
	OptOuts  []string
	// Preferred is the patient's preferred channel in words.
	Preferred string
	// Form is the send-a-message form; Media its choices.
	Form  Form
	Media []Option
}

// cardVisit is one visit on the card.
type cardVisit struct {
	ID, When, Service, Doctor, Stage, StageKey, Icon string
}

// cardMessage is one message in or out.
type cardMessage struct {
	Out                       bool
	When, Medium, Body, State string
}

// cardPaper is one document and its state.
type cardPaper struct {
	ID, Title, When, State, StateKey, VisitID string
}

// cardConsent is what the patient agreed to on one channel.
type cardConsent struct {
	Channel, Service, Marketing string
}

// cardMedia are the media a message may go by ("" is the patient's preferred).
var cardMedia = []string{"", messaging.SMS, messaging.WhatsApp, messaging.Email}

// cardOptOutMedia are the media the consent ledger keeps a patient's "no" for.
var cardOptOutMedia = []string{messaging.SMS, messaging.WhatsApp, messaging.Email, messaging.Call}

func (c *Console) cardRoutes(r fiber.Router) {
	desk := c.staffOnly(actor.Owner, actor.Admin)
	r.Get("/console/patients/:id", desk, c.cardPage)
	r.Post("/console/patients/:id/messages", desk, c.cardSend)
	r.Post("/console/patients/:id/export", desk, c.cardExport)
}

func (c *Console) cardPage(fc *fiber.Ctx) error {
	d, err := c.desk(fc, "card.title", "patients")
	if err != nil {
		return c.fail(fc, err)
	}
	f := NewForm(nil)
	if fc.Query("sent") != "" {
		d.Frame.Notice = T(d.Lang, "card.sent")
	}
	return c.cardDraw(fc, d, fiber.StatusOK, f)
}

// cardDraw reads the card and draws it with the message form f.
func (c *Console) cardDraw(fc *fiber.Ctx, d Desk, status int, f Form) error {
	ctx, id := fc.UserContext(), fc.Params("id")
	p, err := c.svc.Clinic.Patient(ctx, id)
	if err != nil {
		return c.fail(fc, err)
	}
	v := cardView{Frame: d.Frame, Patient: p, Name: PatientName(p), Age: Age(p.BirthDate, c.opts.Now()), Form: f}
	v.Title = v.Name + " · " + T(d.Lang, "card.title")
	v.Preferred = listT(d.Lang, "card.medium", cardOr(p.PreferredChannel, "preferred"))
	if err := c.cardRead(ctx, d, &v); err != nil {
		return c.fail(fc, err)
	}
	for _, m := range cardMedia {
		v.Media = append(v.Media, Option{Value: m, Label: listT(d.Lang, "card.medium", cardOr(m, "preferred"))})
	}
	return c.render(fc, status, "card", v)
}

func (c *Console) cardRead(ctx context.Context, d Desk, v *cardView) error {
	if err := c.cardVisits(ctx, d, v); err != nil {
		return err
	}
	if err := c.cardMessages(ctx, d, v); err != nil {
		return err
	}
	if err := c.cardPapers(ctx, d, v); err != nil {
		return err
	}
	return c.cardConsents(ctx, d, v)
}

func (c *Console) cardVisits(ctx context.Context, d Desk, v *cardView) error {
	now := c.opts.Now()
	coming, past, err := c.svc.Booking.PatientHistory(ctx, v.Patient.ID, now, 200)
	if err != nil {
		return err
	}
	names := newListNames(c, d.Lang)
	row := func(x visit.Visit) cardVisit {
		st := StageOf(x, now, DefaultThresholds)
		return cardVisit{ID: x.ID, When: listWhen(x.Start, names.branch(ctx, x.BranchID, d.Branch)),
			Service: names.service(ctx, x.ServiceID), Doctor: names.doctor(ctx, x.DoctorID),
			Stage: st.Label(d.Lang), StageKey: st.Key, Icon: st.Icon}
	}
	for _, x := range coming {
		v.Coming = append(v.Coming, row(x))
	}
	for _, x := range past {
		v.Past = append(v.Past, row(x))
	}
	return nil
}

func (c *Console) cardMessages(ctx context.Context, d Desk, v *cardView) error {
	page, err := c.svc.Messages.History(ctx, v.Patient.ID, "", 50)
	if err != nil {
		return err
	}
	for _, m := range page.Items {
		v.Messages = append(v.Messages, cardMessage{Out: m.Direction == "out", When: listWhen(m.At, d.Branch),
			Medium: listTextOr(d.Lang, "card.medium."+m.Medium, m.Medium), Body: m.Body,
			State: listTextOr(d.Lang, "card.msg."+m.Status, m.Status)})
	}
	return nil
}

func (c *Console) cardPapers(ctx context.Context, d Desk, v *cardView) error {
	papers, err := c.svc.Documents.PatientPapers(ctx, v.Patient.ID, 100)
	if err != nil {
		return err
	}
	for _, p := range papers {
		v.Papers = append(v.Papers, cardPaper{ID: p.ID, Title: p.Title, When: listWhen(cardPaperAt(p), d.Branch),
			State: listTextOr(d.Lang, "card.doc."+string(p.Status), string(p.Status)), StateKey: string(p.Status),
			VisitID: p.AppointmentID})
	}
	return nil
}

// cardPaperAt is when a paper last changed: signed, else made.
func cardPaperAt(p documents.PatientPaper) time.Time {
	if p.SignedAt != nil {
		return *p.SignedAt
	}
	return p.GeneratedAt
}

// cardConsents lists the card's consents per channel and the media the patient said
// no to (the dispatcher's view: the newer word about the address or the patient).
func (c *Console) cardConsents(ctx context.Context, d Desk, v *cardView) error {
	yes := func(b bool) string { return listT(d.Lang, "card.yes_no", map[bool]string{true: "yes", false: "no"}[b]) }
	for _, ch := range clinic.Channels {
		cs := v.Patient.Consents[ch]
		v.Consents = append(v.Consents, cardConsent{Channel: listT(d.Lang, "card.medium", ch), Service: yes(cs.Service),
			Marketing: yes(cs.Marketing)})
	}
	var list []messaging.Address
	for _, m := range cardOptOutMedia {
		addr := v.Patient.Phone
		if m == messaging.Email {
			addr = v.Patient.Email
		}
		list = append(list, messaging.Address{PatientID: v.Patient.ID, Medium: m, Address: addr})
	}
	out, err := c.svc.Messages.OptedOutOf(ctx, list)
	if err != nil {
		return err
	}
	for _, a := range list {
		if out[a] {
			v.OptOuts = append(v.OptOuts, listT(d.Lang, "card.medium", a.Medium))
		}
	}
	return nil
}

func cardOr(s, fallback string) string {
	if s == "" {
		return fallback
	}
	return s
}
