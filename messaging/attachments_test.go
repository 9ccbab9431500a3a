package messaging_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"io"
	"mime"
	"mime/multipart"
	"net/mail"
	"strings"
	"testing"

	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
	"github.com/frontdeskhq/frontdesk/messaging"
)

// TestEmailCarriesItsAttachments queues an e-mail with a file to an address that is no
// patient's, sends it over the branch's SMTP relay, and reads the mail back as a mail
// client would: the text first, then the file byte for byte. A repeated key stores no
// second file.
func TestEmailCarriesItsAttachments(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		k.useFakes(nil)
		file := append([]byte("%PDF-1.4\n"), bytes.Repeat([]byte{0, 1, 2, 0xff, '.', '\n'}, 500)...)
		m := messaging.Message{DedupeKey: "po:1", Channel: messaging.Email, Recipient: "orders@supplier.test",
			BranchID: k.branch.ID, Locale: "pl", Template: messaging.TemplateFreeText, Data: map[string]any{"Text": "Zamówienie w załączniku."},
			Attachments: []messaging.Attachment{{Filename: "PO-2026-000001.pdf", ContentType: "application/pdf", Content: file}}}
		for range 2 {
			if err := d.InTx(context.Background(), func(tx db.Tx) error { return k.env.Messages.Enqueue(context.Background(), tx, m) }); err != nil {
				t.Fatal(err)
			}
		}
		if n := k.count(`SELECT COUNT(*) FROM outbox_attachments`); n != 1 {
			t.Fatalf("%d attachments stored, want 1", n)
		}
		k.run(k.dispatcher())
		if r := k.row("po:1"); r.Status != messaging.Sent {
			t.Fatalf("row %s: %s", r.Status, r.LastError)
		}
		mails := k.smtp.received()
		if len(mails) != 1 {
			t.Fatalf("%d mails", len(mails))
		}
		text, name, got := readMail(t, mails[0])
		if !strings.Contains(text, "Zamówienie w załączniku.") || name != "PO-2026-000001.pdf" || !bytes.Equal(got, file) {
			t.Errorf("text %q, file %q of %d bytes (want %d)", text, name, len(got), len(file))
		}
	})
}

// readMail parses a multipart/mixed mail: its text part and its one attachment.
func readMail(t *testing.T, raw string) (text, filename string, content []byte) {
	t.Helper()
	msg, err := mail.ReadMessage(strings.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	mt, params, err := mime.ParseMediaType(msg.Header.Get("Content-Type"))
	if err != nil || mt != "multipart/mixed" {
		t.Fatalf("content type %q: %v", msg.Header.Get("Content-Type"), err)
	}
	mr := multipart.NewReader(msg.Body, params["boundary"])
	for {
		p, err := mr.NextPart()
		if err == io.EOF {
			return text, filename, content
		}
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(p) // quoted-printable parts are decoded by the reader
		if p.FileName() == "" {
			text = string(body)
			continue
		}
		filename = p.FileName()
		if content, err = base64.StdEncoding.DecodeString(strings.NewReplacer("\r", "", "\n", "").Replace(string(body))); err != nil {
			t.Fatal(err)
		}
	}
}
