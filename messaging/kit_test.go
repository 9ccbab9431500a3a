package messaging_test

import (
	"context"
	"crypto/tls"
	"fmt"
	"io"
	"log/slog"
	"strconv"
	"testing"
	"time"

	"github.com/frontdeskhq/frontdesk/api/apitest"
	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/messaging"
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
}

func newKit(t testing.TB, d *db.DB, opts ...apitest.Option) *kit {
	t.Helper()
	k := &kit{t: t, env: apitest.NewEnv(t, d, opts...), db: d, twilio: newFakeTwilio(t), wa: newFakeWhatsApp(t), smtp: newFakeSMTP(t)}
	b, err := k.env.Clinic.CreateBranch(context.Background(), clinic.BranchInput{Name: "Centrum", Address: "ul. Marszałkowska 1",
		Phone: "+48221234567", Country: "PL", TimeZone: "Europe/Warsaw", Locale: "pl", Currency: "PLN", Hours: clinic.OpeningHours{}})
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

var _ = time.Second
