package purchasing_test

import (
	"bytes"
	"context"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
	"github.com/frontdeskhq/frontdesk/inventory/purchasing"
	"github.com/frontdeskhq/frontdesk/messaging"
)

// TestSendMailsThePDFInTheBranchLanguage sends a draft: the order is sent, one e-mail
// in Polish goes to the supplier's address with the order attached, and the PDF lists
// catalogue numbers, items, packs, prices and the total in złoty, in Polish; a second
// send is refused and mails nothing. The order's PDF follows the branch's language.
func TestSendMailsThePDFInTheBranchLanguage(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		gloves := k.item("GL-M", "Rękawiczki M", 100, 500, 200, 0, false)
		burs := k.item("BR-1", "Wiertła", 5, 10, 2, 0, false)
		k.sells(gloves, offer(k.dental, "DH-100", 123450, true))
		k.sells(burs, offer(k.dental, "DH-BR", 3000, true))
		o := k.order(k.dental, line(gloves, 2), line(burs, 3))
		year := k.env.Clock.Now().In(mustZone(t, "Europe/Warsaw")).Year()
		if !strings.HasPrefix(o.Number, "PO/"+itoa(year)+"/0000") || o.TotalMinor != 2*123450+3*3000 {
			t.Errorf("draft %+v", o)
		}
		var sent purchasing.Order
		k.do(http.MethodPost, "/api/v1/purchase-orders/"+o.ID+"/send", nil, http.StatusOK, &sent)
		k.do(http.MethodPost, "/api/v1/purchase-orders/"+o.ID+"/send", nil, http.StatusConflict, nil)
		if sent.Status != purchasing.Sent || sent.SentAt == nil {
			t.Errorf("sent %+v", sent)
		}
		if _, err := k.env.Dispatcher.RunOnce(context.Background()); err != nil {
			t.Fatal(err)
		}
		mail := k.mail.all()
		if len(mail) != 1 || mail[0].Recipient != k.dental.Email || mail[0].Channel != messaging.Email ||
			!strings.HasPrefix(mail[0].Body, "Zamówienie "+o.Number+" od Centrum") || !strings.Contains(mail[0].Body, "razem 2 559,00 PLN") ||
			len(mail[0].Attachments) != 1 || mail[0].Attachments[0].Filename != strings.ReplaceAll(o.Number, "/", "-")+".pdf" {
			t.Fatalf("%d mails; the first: %s", len(mail), describe(mail))
		}
		text := pdfText(t, mail[0].Attachments[0].Content)
		for _, want := range []string{"Zamówienie " + o.Number, "Dostawca: Dental Hurt", "Adres dostawy", "Magazyn",
			"Nr katalogowy", "DH-100", "Rękawiczki M", "(GL-M)", "DH-BR", "Wiertła (PL)", "1 234,50 PLN", "2 469,00 PLN",
			"Razem: 2 559,00 PLN", "Strona 1 z 1"} {
			if !strings.Contains(text, want) {
				t.Errorf("the PDF lacks %q:\n%s", want, text)
			}
		}
		ru := "ru"
		if _, err := k.env.Clinic.UpdateBranch(context.Background(), k.branch.ID, clinic.BranchPatch{Locale: &ru}); err != nil {
			t.Fatal(err)
		}
		r := k.do(http.MethodGet, "/api/v1/purchase-orders/"+o.ID+"/pdf", nil, http.StatusOK, nil)
		if r.Header.Get("Content-Type") != "application/pdf" {
			t.Errorf("content type %q", r.Header.Get("Content-Type"))
		}
		if text := pdfText(t, r.Body); !strings.Contains(text, "Заказ поставщику "+o.Number) || !strings.Contains(text, "Итого: 2 559,00 PLN") {
			t.Errorf("the Russian PDF:\n%s", text)
		}
	})
}

// pdfText is a PDF's text by poppler's pdftotext, which also proves the file parses.
func pdfText(t *testing.T, pdf []byte) string {
	t.Helper()
	if !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		t.Fatalf("not a PDF: %.20q", pdf)
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext (poppler-utils) is not installed")
	}
	file := filepath.Join(t.TempDir(), "order.pdf")
	if err := os.WriteFile(file, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-enc", "UTF-8", "-layout", file, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return strings.Join(strings.Fields(string(out)), " ")
}

func mustZone(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// describe is the first mail without its attachments' bytes.
func describe(mail []messaging.Outgoing) string {
	if len(mail) == 0 {
		return "none"
	}
	m := mail[0]
	names := []string{}
	for _, a := range m.Attachments {
		names = append(names, a.Filename)
	}
	return m.Channel + " to " + m.Recipient + " with " + strings.Join(names, ", ") + ":\n" + m.Body
}
