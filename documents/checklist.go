package documents

import (
	"context"
	"slices"
)

// Checklist says, for each document the visit needs (and any other it has), whether it
// is missing, generated, printed, signed, stale or to be signed again, and whether the
// patient may be seated.
func (s *Service) Checklist(ctx context.Context, appointmentID string) (Checklist, error) {
	a, err := s.visible(ctx, appointmentID)
	if err != nil {
		return Checklist{}, err
	}
	v, err := s.visitOf(ctx, s.dir, a)
	if err != nil {
		return Checklist{}, err
	}
	live, err := liveDocuments(ctx, s.db.R, a.ID)
	if err != nil {
		return Checklist{}, err
	}
	cands, err := s.candidates(v)
	if err != nil {
		return Checklist{}, err
	}
	return s.checklistOf(v, live, cands), nil
}

func (s *Service) checklistOf(v visitSheet, live []docRow, cands map[string]candidate) Checklist {
	out := Checklist{AppointmentID: v.appt.ID, MaySeat: true}
	byKind := indexByKind(live)
	for _, k := range v.kinds {
		item := s.item(v, k, byKind, cands)
		if item.NeedToSeat && item.Status != Signed && item.Status != ResignRequested {
			out.MaySeat = false
		}
		out.Items = append(out.Items, item)
	}
	for _, r := range live {
		if !slices.Contains(v.kinds, r.Kind) {
			d := r.document()
			out.Items = append(out.Items, ChecklistItem{Kind: r.Kind, Document: &d, Status: r.Status})
		}
	}
	return out
}

func (s *Service) item(v visitSheet, kind string, byKind map[string]docRow, cands map[string]candidate) ChecklistItem {
	item := ChecklistItem{Kind: kind, Required: true, NeedToSeat: slices.Contains(v.seating, kind), Status: Missing}
	r, ok := byKind[kind]
	if !ok {
		return item
	}
	d := r.document()
	item.Document, item.Status = &d, r.Status
	changed := r.DataHash != v.hash || r.TemplateHash != cands[kind].filled.Hash
	switch {
	case r.Status == Signed && r.DataHash != v.hash:
		item.Status = ResignRequested
	case r.Status != Signed && changed:
		item.Status = Stale
	}
	return item
}

// Unsigned counts the documents a visit requires that are not signed yet, as the
// caller's card shows them.
func (s *Service) Unsigned(ctx context.Context, appointmentID string) (int, error) {
	list, err := s.Checklist(ctx, appointmentID)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, it := range list.Items {
		if it.Required && it.Status != Signed {
			n++
		}
	}
	return n, nil
}
