package documents_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"image"
	"image/color"
	"image/png"
	"strings"
	"testing"

	"github.com/frontdeskhq/frontdesk/api/apitest"
	"github.com/frontdeskhq/frontdesk/documents/questionnaire"
	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
)

// signaturePNG is a small drawn stroke, as a tablet sends it.
func signaturePNG(t testing.TB) []byte {
	img := image.NewRGBA(image.Rect(0, 0, 200, 60))
	for x := 10; x < 190; x++ {
		img.Set(x, 30+(x%20)-10, color.Black)
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

type signed struct {
	ID           string  `json:"id"`
	Status       string  `json:"status"`
	PDFSHA256    string  `json:"pdf_sha256"`
	SignedBy     *string `json:"signed_by"`
	SignMethod   *string `json:"sign_method"`
	SignedSHA256 *string `json:"signed_sha256"`
}

func sign(t testing.TB, c *apitest.Client, id string, body map[string]any, status int, code string) signed {
	t.Helper()
	r := c.Do("POST", "/api/v1/documents/"+id+"/sign", body)
	expectStatus(t, r, status, code)
	var out signed
	if status == 200 {
		r.Decode(t, &out)
	}
	return out
}

func TestSignOnPaperAndOnTablet(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		a := f.book(f.extraction, 10, 0, "Åsa", "Öberg")
		admin := f.env.As(actor.Admin)
		f.pack(admin, a.ID)
		ids := f.checklist(admin, a.ID).ids()
		original := admin.Do("GET", "/api/v1/documents/"+ids["contract"]+"/pdf", nil)
		expectStatus(t, original, 200, "")

		paper := sign(t, f.doctorAPI, ids["contract"], map[string]any{"signed_by": "patient", "method": "paper",
			"scan": base64.StdEncoding.EncodeToString(original.Body)}, 200, "")
		if paper.Status != "signed" || paper.SignedSHA256 == nil || *paper.SignMethod != "paper" {
			t.Fatalf("paper signing: %+v", paper)
		}
		sign(t, admin, ids["contract"], map[string]any{"signed_by": "patient", "method": "paper"}, 409, "document_signed")

		sig := signaturePNG(t)
		tablet := sign(t, admin, ids["consent_general"], map[string]any{"signed_by": "patient", "method": "tablet",
			"signature_png": base64.StdEncoding.EncodeToString(sig)}, 200, "")
		copyPDF := admin.Do("GET", "/api/v1/documents/"+ids["consent_general"]+"/pdf", nil)
		expectStatus(t, copyPDF, 200, "")
		checkPDF(t, copyPDF.Body)
		if before, after := imageCount(t, original.Body), imageCount(t, copyPDF.Body); after <= before {
			t.Errorf("the signed copy has %d images, the original %d: no signature placed", after, before)
		}
		if sum := sha256.Sum256(copyPDF.Body); hex.EncodeToString(sum[:]) == tablet.PDFSHA256 {
			t.Error("the tablet-signed document serves the unsigned PDF")
		}
		if tablet.SignedSHA256 == nil || *tablet.SignedSHA256 == *paper.SignedSHA256 {
			t.Errorf("signed_sha256 %v", tablet.SignedSHA256)
		}
		var stored []byte
		if err := d.R.Get(&stored, d.R.Rebind(`SELECT signed_pdf FROM documents WHERE id = ?`), ids["consent_general"]); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(stored, copyPDF.Body) {
			t.Error("the served signed copy is not the stored one")
		}
		st := f.checklist(admin, a.ID).byKind()
		if st["contract"] != "signed" || st["consent_general"] != "signed" || st["consent_extraction"] != "printed" {
			t.Errorf("checklist after signing: %v", st)
		}
	})
}

func TestSignRefusesBadInput(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		a := f.book(f.checkup, 10, 0, "Ewa", "Lis")
		admin := f.env.As(actor.Admin)
		f.pack(admin, a.ID)
		id := f.checklist(admin, a.ID).ids()["contract"]
		cases := []struct {
			name  string
			body  map[string]any
			field string
		}{
			{"tablet without signature", map[string]any{"signed_by": "patient", "method": "tablet"}, "signature_png"},
			{"signature not a PNG", map[string]any{"signed_by": "patient", "method": "tablet",
				"signature_png": base64.StdEncoding.EncodeToString([]byte("GIF89a not a png"))}, "signature_png"},
			{"signature not base64", map[string]any{"signed_by": "patient", "method": "tablet", "signature_png": "%%%"}, "signature_png"},
			{"unknown signer", map[string]any{"signed_by": "aunt", "method": "paper"}, "signed_by"},
			{"unknown method", map[string]any{"signed_by": "patient", "method": "fax"}, "method"},
			{"scan neither PDF nor PNG", map[string]any{"signed_by": "patient", "method": "paper",
				"scan": base64.StdEncoding.EncodeToString([]byte("hello"))}, "scan"},
		}
		for _, c := range cases {
			r := admin.Raw("POST", "/api/v1/documents/"+id+"/sign", "application/json", mustJSON(t, c.body))
			if r.Status != 422 && r.Status != 400 {
				t.Errorf("%s: status %d: %s", c.name, r.Status, r.Body)
				continue
			}
			p := r.Problem(t)
			if len(p.Errors) == 0 || p.Errors[0].Field != c.field {
				t.Errorf("%s: errors %+v, want field %s", c.name, p.Errors, c.field)
			}
		}
		expectStatus(t, f.env.As(actor.Nurse).Do("POST", "/api/v1/documents/"+id+"/sign",
			map[string]any{"signed_by": "patient", "method": "paper"}), 403, "")
		expectStatus(t, admin.Do("POST", "/api/v1/documents/00000000-0000-4000-8000-000000000000/sign",
			map[string]any{"signed_by": "patient", "method": "paper"}), 404, "document_not_found")
	})
}

func TestStaleAndVoidedDocumentsCannotBeSigned(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		a := f.book(f.checkup, 10, 0, "Ewa", "Lis")
		admin := f.env.As(actor.Admin)
		f.pack(admin, a.ID)
		old := f.checklist(admin, a.ID).ids()
		sign(t, admin, old["consent_general"], map[string]any{"signed_by": "patient", "method": "paper"}, 200, "")
		expectStatus(t, admin.Do("PATCH", "/api/v1/patients/"+*a.PatientID, map[string]any{"first_name": "Ewelina"}), 200, "")
		paper := map[string]any{"signed_by": "patient", "method": "paper"}
		sign(t, admin, old["contract"], paper, 409, "document_stale")
		st := f.checklist(admin, a.ID).byKind()
		if st["consent_general"] != "resign_requested" || st["contract"] != "stale" {
			t.Fatalf("checklist after the change: %v", st)
		}
		f.pack(admin, a.ID)
		sign(t, admin, old["contract"], paper, 409, "document_voided")
		now := f.checklist(admin, a.ID).ids()
		if now["consent_general"] == old["consent_general"] {
			t.Error("a signed document whose data changed got no new version to sign")
		}
		sign(t, admin, now["contract"], paper, 200, "")
	})
}

// TestSignedDocumentsNeverChange goes around the service: the database itself refuses
// to change or delete a signed or voided row, but lets a merge repoint it.
func TestSignedDocumentsNeverChange(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		a := f.book(f.checkup, 10, 0, "Ewa", "Lis")
		admin := f.env.As(actor.Admin)
		f.pack(admin, a.ID)
		id := f.checklist(admin, a.ID).ids()["contract"]
		sign(t, admin, id, map[string]any{"signed_by": "patient", "method": "paper"}, 200, "")
		for _, q := range []string{
			`UPDATE documents SET markdown = 'forged' WHERE id = ?`,
			`UPDATE documents SET status = 'voided', voided_at = signed_at WHERE id = ?`,
			`UPDATE documents SET pdf_sha256 = 'x' WHERE id = ?`,
			`DELETE FROM documents WHERE id = ?`,
		} {
			if err := db.Exec(t.Context(), d.W, q, id); !errors.Is(err, db.ErrCheck) {
				t.Errorf("%s: got %v, want the trigger's refusal", q, err)
			}
		}
		survivor := f.book(f.checkup, 11, 0, "Ewa", "Lis-Duplikat")
		r := admin.Do("POST", "/api/v1/patients/"+*survivor.PatientID+"/merge", map[string]any{"duplicate_id": *a.PatientID})
		expectStatus(t, r, 200, "")
		var owner string
		if err := d.R.Get(&owner, d.R.Rebind(`SELECT patient_id FROM documents WHERE id = ?`), id); err != nil || owner != *survivor.PatientID {
			t.Errorf("after the merge the signed document belongs to %q (%v), want the survivor", owner, err)
		}
	})
}

// TestGuardianSignsForAMinor: a child's documents name the guardian from the
// questionnaire, and a tablet signature by the guardian carries their name.
func TestGuardianSignsForAMinor(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		a := f.book(f.checkup, 10, 0, "Ola", "Mała")
		ctx := t.Context()
		link, err := f.env.Questionnaires.CreateLink(ctx, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		token := link.URL[strings.LastIndex(link.URL, "/")+1:]
		answers := questionnaire.Raw{"first_name": {"Ola"}, "last_name": {"Mała"}, "birth_date": {"2016-05-01"},
			"sex": {"female"}, "address": {"ul. Krótka 1, Warszawa"}, "phone": {"+48 601 000 101"},
			"allergies": {"none"}, "smoking": {"false"}, "complaint": {"Check-up"}, "pain_level": {"0"},
			"consent_data": {"true"}, "consent_reminders": {"true"}, "guardian_name": {"Joanna Mała"},
			"guardian_relation": {"mother"}, "guardian_document": {"DEF654321"}}
		if _, problems, err := f.env.Questionnaires.Submit(ctx, token, answers); err != nil || len(problems) > 0 {
			t.Fatalf("submit: %v %v", problems, err)
		}
		admin := f.env.As(actor.Admin)
		if text := checkPDF(t, f.pack(admin, a.ID)); !strings.Contains(text, "Joanna Mała") {
			t.Errorf("the child's pack does not name the guardian:\n%.1500s", text)
		}
		id := f.checklist(admin, a.ID).ids()["consent_general"]
		sign(t, admin, id, map[string]any{"signed_by": "guardian", "method": "tablet",
			"signature_png": base64.StdEncoding.EncodeToString(signaturePNG(t))}, 200, "")
		signedCopy := admin.Do("GET", "/api/v1/documents/"+id+"/pdf", nil)
		expectStatus(t, signedCopy, 200, "")
		if text := checkPDF(t, signedCopy.Body); strings.Count(text, "Joanna Mała") < 2 {
			t.Errorf("the signed copy does not name the guardian under the signature:\n%.2500s", text)
		}
	})
}
