package purchasing

import (
	"context"
	"strings"
	"time"

	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/inventory"
	"github.com/frontdeskhq/frontdesk/messaging"
)

// Send sends a draft to its supplier: in one transaction the order becomes sent and an
// e-mail to the supplier is queued with the order as a PDF in the branch's language,
// typeset from the lines as they are locked, so what the supplier reads is what was
// sent. A second send finds the order sent (409) and queues nothing.
func (s *Service) Send(ctx context.Context, id string) (Order, error) {
	o, err := s.visibleOrder(ctx, s.inv.DB().R, id)
	if err != nil {
		return Order{}, err
	}
	if o.Status != Draft {
		return Order{}, ErrNotDraft
	}
	sp, err := s.inv.Supplier(ctx, s.inv.DB().R, o.SupplierID)
	if err != nil {
		return Order{}, err
	}
	if strings.TrimSpace(sp.Email) == "" {
		return Order{}, ErrNoEmail
	}
	b, err := s.branch(ctx, o.BranchID)
	if err != nil {
		return Order{}, err
	}
	err = s.inv.DB().InTx(ctx, func(tx db.Tx) error {
		now := s.inv.Now()
		if err := s.store.markSent(ctx, tx, id, now); err != nil {
			return s.exists(ctx, tx, id, ErrNotDraft)
		}
		return s.mail(ctx, tx, id, b, sp, now)
	})
	if err != nil {
		return Order{}, err
	}
	return s.Order(ctx, id)
}

// mail queues the order's e-mail with its PDF; the key makes it one e-mail per order.
func (s *Service) mail(ctx context.Context, tx db.Tx, id string, b clinic.Branch, sp inventory.Supplier, now time.Time) error {
	o, err := s.orderOn(ctx, tx, id)
	if err != nil {
		return err
	}
	pdf, err := s.print(ctx, tx, o, b, sp, now)
	if err != nil {
		return err
	}
	w := wordsFor(b.Locale)
	return s.deps.Outbox.Enqueue(ctx, tx, messaging.Message{DedupeKey: "purchase_order:" + o.ID, Channel: messaging.Email,
		Recipient: strings.TrimSpace(sp.Email), BranchID: b.ID, Locale: b.Locale, Template: messaging.TemplatePurchaseOrder,
		Data: map[string]any{"Clinic": b.Name, "Number": o.Number, "Supplier": sp.Name, "Address": b.Address,
			"Phone": b.Phone, "Lines": len(o.Lines), "Total": w.money(o.TotalMinor, o.Currency), "Note": o.Note},
		Attachments: []messaging.Attachment{{Filename: Filename(o), ContentType: "application/pdf", Content: pdf}}})
}

// PDF typesets an order as its supplier gets it, dated today; name is its file name.
func (s *Service) PDF(ctx context.Context, id string) (pdf []byte, name string, err error) {
	o, err := s.Order(ctx, id)
	if err != nil {
		return nil, "", err
	}
	sp, err := s.inv.Supplier(ctx, s.inv.DB().R, o.SupplierID)
	if err != nil {
		return nil, "", err
	}
	b, err := s.branch(ctx, o.BranchID)
	if err != nil {
		return nil, "", err
	}
	on := s.inv.Now()
	if o.SentAt != nil {
		on = *o.SentAt
	}
	pdf, err = s.print(ctx, s.inv.DB().R, o, b, sp, on)
	return pdf, Filename(o), err
}

func (s *Service) print(ctx context.Context, q db.Q, o Order, b clinic.Branch, sp inventory.Supplier, on time.Time) ([]byte, error) {
	place, err := s.inv.Location(ctx, q, o.LocationID)
	if err != nil {
		return nil, err
	}
	return s.deps.Printer.Print(ctx, orderSheet(o, b, sp, place.Name, on))
}

// Filename is an order's PDF file name: PO-2026-000123.pdf.
func Filename(o Order) string {
	return strings.ReplaceAll(o.Number, "/", "-") + ".pdf"
}
