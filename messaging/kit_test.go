package messaging_test

import (
	"context"
	"crypto/tls"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/frontdeskhq/frontdesk/api/apitest"
	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/messaging"
	"github.com/frontdeskhq/frontdesk/staff"
)

// kit is a branch in Warsaw whose channels are the local fakes.
type kit struct {
	t      testing.TB
	env    *apitest.Env
	db     *db.DB
	branch clinic.Branch
	twilio *fakeTwilio
	wa     *fakeWhatsApp
	smtp   *fakeSMTP
	seq    int

	doctorID, serviceID string
}

func newKit(t testing.TB, d *db.DB, opts ...apitest.Option) *kit {
	t.Helper()
	k := &kit{t: t, env: apitest.NewEnv(t, d, opts...), db: d, twilio: newFakeTwilio(t), wa: newFakeWhatsApp(t), smtp: newFakeSMTP(t)}
	k.twilio.now = k.env.Clock.Now
	b, err := k.env.Clinic.CreateBranch(context.Background(), clinic.BranchInput{Name: "Centrum", Address: "ul. Marszałkowska 1",
		Phone: "+48221234567", Country: "PL", TimeZone: "Europe/Warsaw", Locale: "pl", Currency: "PLN", Hours: allWeek()})
	if err != nil {
		t.Fatalf("branch: %v", err)
	}
	k.branch = b
	return k
}

// useFakes points the branch's three channels at the fakes.
func (k *kit) useFakes(waTemplates map[string]string) {
	k.t.Helper()
	wa := map[string]string{"base_url": k.wa.srv.URL, "phone_number_id": "1234567890", "token": "wa-token",
		"app_secret": "wa-app-secret", "verify_token": "wa-verify-token"}
	for ours, theirs := range waTemplates {
		wa["template."+ours] = theirs
	}
	_, err := k.env.Messages.SetBranchChannels(context.Background(), k.branch.ID, []messaging.BranchChannel{
		{Medium: messaging.SMS, Provider: messaging.ProviderTwilio, Enabled: true, Settings: map[string]string{
			"base_url": k.twilio.srv.URL, "account_sid": k.twilio.sid, "auth_token": k.twilio.token, "from": "+48500000000"}},
		{Medium: messaging.WhatsApp, Provider: messaging.ProviderWhatsApp, Enabled: true, Settings: wa},
		{Medium: messaging.Email, Provider: messaging.ProviderSMTP, Enabled: true, Settings: map[string]string{
			"host": "127.0.0.1", "port": strconv.Itoa(k.smtp.port()), "from": "clinic@frontdesk.test"}},
	})
	if err != nil {
		k.t.Fatalf("channels: %v", err)
	}
}

// dispatcher sends through the branch's channels; its clock is the env's.
func (k *kit) dispatcher() *messaging.Dispatcher {
	return messaging.NewDispatcher(k.db, messaging.DispatcherOptions{Now: k.env.Clock.Now,
		Log: slog.New(slog.NewTextHandler(io.Discard, nil)), Env: messaging.ChannelEnv{PublicURL: apitest.PublicURL,
			TLS: &tls.Config{RootCAs: k.smtp.roots, MinVersion: tls.VersionTLS12}}})
}

// patient makes a card with a fresh Polish mobile number.
func (k *kit) patient(preferred, email string) clinic.Patient {
	k.t.Helper()
	k.seq++
	p, _, err := k.env.Clinic.CreatePatient(context.Background(), clinic.PatientInput{BranchID: k.branch.ID,
		FirstName: "Anna", LastName: fmt.Sprintf("Nowak%d", k.seq), Phone: fmt.Sprintf("+4860%07d", 1000000+k.seq),
		Email: email, Locale: "pl", PreferredChannel: preferred})
	if err != nil {
		k.t.Fatalf("patient: %v", err)
	}
	return p
}

// enqueue queues a free text to a patient by SMS (the feature's default medium).
func (k *kit) enqueue(key string, p clinic.Patient, m messaging.Message) {
	k.t.Helper()
	if m.Template == "" {
		m.Template, m.Data = messaging.TemplateFreeText, map[string]any{"Text": "Do zobaczenia jutro o 9:00. " + key}
	}
	m.DedupeKey, m.PatientID, m.BranchID, m.Locale = key, p.ID, k.branch.ID, "pl"
	if m.Channel == "" {
		m.Channel, m.Recipient = messaging.SMS, p.Phone
	}
	err := k.db.InTx(context.Background(), func(tx db.Tx) error { return k.env.Messages.Enqueue(context.Background(), tx, m) })
	if err != nil {
		k.t.Fatalf("enqueue %s: %v", key, err)
	}
}

// row reads an outbox row by key.
func (k *kit) row(key string) messaging.Row {
	k.t.Helper()
	var r messaging.Row
	err := db.Get(context.Background(), k.db.R, &r, `SELECT id, channel, recipient, status, provider_id, attempts, last_error
		FROM outbox WHERE dedupe_key = ?`, key)
	if err != nil {
		k.t.Fatalf("row %s: %v", key, err)
	}
	return r
}

func (k *kit) count(query string, args ...any) int {
	k.t.Helper()
	var n int
	if err := db.Get(context.Background(), k.db.R, &n, query, args...); err != nil {
		k.t.Fatalf("count: %v", err)
	}
	return n
}

func (k *kit) run(d *messaging.Dispatcher) int {
	k.t.Helper()
	n, err := d.RunOnce(context.Background())
	if err != nil {
		k.t.Fatalf("dispatch: %v", err)
	}
	return n
}

func allWeek() clinic.OpeningHours {
	hours := clinic.OpeningHours{}
	for _, wd := range clinic.Weekdays {
		hours[wd] = []clinic.Interval{{Open: "07:00", Close: "21:00"}}
	}
	return hours
}

// visit books a check-up a week ahead for a new patient with phone, through the API,
// and returns the appointment and patient ids.
func (k *kit) visit(phone string) (appointmentID, patientID string) {
	k.t.Helper()
	ctx := context.Background()
	if k.doctorID == "" {
		k.bookable(ctx)
	}
	k.seq++
	loc, _ := time.LoadLocation("Europe/Warsaw")
	day := k.env.OpenDay(k.branch.ID, k.env.Clock.Now().AddDate(0, 0, 7), loc)
	start := time.Date(day.Year(), day.Month(), day.Day(), 8+k.seq%10, 0, 0, 0, loc)
	r := k.env.As(actor.Owner).Do(http.MethodPost, "/api/v1/appointments", map[string]any{"service_id": k.serviceID,
		"doctor_id": k.doctorID, "start": start.Format(time.RFC3339), "source": "phone",
		"patient": map[string]any{"first_name": "Jan", "last_name": fmt.Sprintf("Kowalski%d", k.seq), "phone": phone}})
	var out struct {
		ID        string `json:"id"`
		PatientID string `json:"patient_id"`
	}
	r.Decode(k.t, &out)
	if r.Status != http.StatusCreated {
		k.t.Fatalf("book: %d %s", r.Status, r.Body)
	}
	return out.ID, out.PatientID
}

// bookable adds a chair, a check-up and a doctor working every day 08:00–20:00.
func (k *kit) bookable(ctx context.Context) {
	if _, err := k.env.Clinic.CreateChair(ctx, clinic.ChairInput{BranchID: k.branch.ID, Name: "Chair 1", Capabilities: []string{"general"}}); err != nil {
		k.t.Fatal(err)
	}
	svc, err := k.env.Clinic.CreateProcedure(ctx, clinic.ProcedureInput{Code: "checkup", Names: map[string]string{"en": "Check-up", "pl": "Przegląd"},
		DurationMinutes: 30, PriceMinor: 15000, Currency: "PLN", ChairCapability: "general"})
	if err != nil {
		k.t.Fatal(err)
	}
	st, err := k.env.Staff.Create(ctx, staff.NewStaff{Email: "doctor@centrum.test", Name: "Dr Nowak", Role: actor.Doctor,
		Password: apitest.Password, BranchIDs: []string{k.branch.ID}})
	if err != nil {
		k.t.Fatal(err)
	}
	doc, err := k.env.Clinic.CreateDoctor(ctx, clinic.DoctorInput{StaffID: st.ID, Specialty: "general", ServiceIDs: []string{svc.ID}})
	if err != nil {
		k.t.Fatal(err)
	}
	for wd := 1; wd <= 7; wd++ {
		err := db.Exec(ctx, k.db.W, `INSERT INTO schedule_intervals (id, doctor_id, branch_id, weekday, start_minute, end_minute, valid_from, created_at)
			VALUES (?, ?, ?, ?, 480, 1200, '2020-01-01', ?)`, fmt.Sprintf("%08d-0000-4000-8000-000000000001", wd), doc.ID, k.branch.ID, wd, time.Now().UTC())
		if err != nil {
			k.t.Fatal(err)
		}
	}
	k.doctorID, k.serviceID = doc.ID, svc.ID
}

// question queues a reminder asking 1/2 about a visit and marks it sent.
func (k *kit) question(key, appointmentID, patientID, medium, phone string) string {
	k.t.Helper()
	err := k.db.InTx(context.Background(), func(tx db.Tx) error {
		return k.env.Messages.Enqueue(context.Background(), tx, messaging.Message{DedupeKey: key, Channel: medium,
			Recipient: phone, PatientID: patientID, AppointmentID: appointmentID, BranchID: k.branch.ID, Locale: "pl",
			ExpectsReply: true, Template: messaging.TemplateFreeText, Data: map[string]any{"Text": "Jutro 9:00. Odpowiedz 1 = będę, 2 = nie"}})
	})
	if err != nil {
		k.t.Fatal(err)
	}
	id := k.row(key).ID
	if err := db.Exec(context.Background(), k.db.W, `UPDATE outbox SET status = 'sent', provider_id = ? WHERE id = ?`, "SM-"+key, id); err != nil {
		k.t.Fatal(err)
	}
	return id
}

func (k *kit) appointmentStatus(id string) string {
	k.t.Helper()
	var s string
	if err := db.Get(context.Background(), k.db.R, &s, `SELECT status FROM appointments WHERE id = ?`, id); err != nil {
		k.t.Fatal(err)
	}
	return s
}
