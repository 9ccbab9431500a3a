package documents

import (
	"time"
)

// documentView is a document's record in the API.
type documentView struct {
	ID            string     `json:"id"`
	AppointmentID string     `json:"appointment_id"`
	PatientID     string     `json:"patient_id"`
	Kind          string     `json:"kind"`
	Locale        string     `json:"locale"`
	Title         string     `json:"title"`
	Template      string     `json:"template"`
	DataHash      string     `json:"data_hash"`
	PDFSHA256     string     `json:"pdf_sha256"`
	Pages         int        `json:"pages"`
	Status        Status     `json:"status"`
	GeneratedAt   time.Time  `json:"generated_at"`
	PrintedAt     *time.Time `json:"printed_at"`
	SignedAt      *time.Time `json:"signed_at"`
	SignedBy      *string    `json:"signed_by"`
	SignMethod    *string    `json:"sign_method"`
	SignedSHA256  *string    `json:"signed_sha256"`
}

func documentOf(d Document) documentView {
	return documentView{ID: d.ID, AppointmentID: d.AppointmentID, PatientID: d.PatientID, Kind: d.Kind,
		Locale: d.Locale, Title: d.Title, Template: d.TemplateID + "@" + d.TemplateHash, DataHash: d.DataHash,
		PDFSHA256: d.PDFSHA256, Pages: d.Pages, Status: d.Status, GeneratedAt: d.GeneratedAt,
		PrintedAt: instant(d.PrintedAt), SignedAt: instant(d.SignedAt), SignedBy: orNull(d.SignedBy),
		SignMethod: orNull(d.SignMethod), SignedSHA256: orNull(d.SignedSHA256)}
}

// checklistItemView is one line of a visit's document checklist.
type checklistItemView struct {
	Kind        string     `json:"kind"`
	Required    bool       `json:"required"`
	NeededToSit bool       `json:"needed_to_seat"`
	DocumentID  *string    `json:"document_id"`
	Status      Status     `json:"status"`
	GeneratedAt *time.Time `json:"generated_at"`
	PrintedAt   *time.Time `json:"printed_at"`
	SignedAt    *time.Time `json:"signed_at"`
	SignedBy    *string    `json:"signed_by"`
	SignMethod  *string    `json:"sign_method"`
}

type checklistView struct {
	AppointmentID string              `json:"appointment_id"`
	MaySeat       bool                `json:"may_seat"`
	Documents     []checklistItemView `json:"documents"`
}

func checklistOf(c Checklist) checklistView {
	out := checklistView{AppointmentID: c.AppointmentID, MaySeat: c.MaySeat, Documents: make([]checklistItemView, 0, len(c.Items))}
	for _, it := range c.Items {
		v := checklistItemView{Kind: it.Kind, Required: it.Required, NeededToSit: it.NeedToSeat, Status: it.Status}
		if d := it.Document; d != nil {
			v.DocumentID, v.GeneratedAt = &d.ID, &d.GeneratedAt
			v.PrintedAt, v.SignedAt = instant(d.PrintedAt), instant(d.SignedAt)
			v.SignedBy, v.SignMethod = orNull(d.SignedBy), orNull(d.SignMethod)
		}
		out.Documents = append(out.Documents, v)
	}
	return out
}

// instant is an optional time as the API writes it (UTC, RFC 3339).
func instant(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	u := t.UTC()
	return &u
}

func orNull(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
