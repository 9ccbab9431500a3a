package app

import (
	"context"
	"time"

	"github.com/frontdeskhq/frontdesk/telephony"
	"github.com/frontdeskhq/frontdesk/visit"
)

// callerCards fills telephony's caller card from the features that keep each part:
// booking the visits, documents the papers, tasks the open work, messaging the
// contact history. Telephony imports none of them.
type callerCards struct{ a *App }

// CardDetails reads what the desk sees about a patient when their phone rings.
func (c callerCards) CardDetails(ctx context.Context, patientID string, now time.Time) (telephony.Details, error) {
	var d telephony.Details
	next, last, err := c.a.Booking.PatientVisits(ctx, patientID, now)
	if err != nil {
		return d, err
	}
	d.NextVisit, d.LastVisit = c.brief(ctx, next), c.brief(ctx, last)
	if next != nil {
		if d.UnsignedDocuments, err = c.a.Documents.Unsigned(ctx, next.ID); err != nil {
			return d, err
		}
	}
	if d.OpenTasks, err = c.a.Tasks.OpenFor(ctx, patientID); err != nil {
		return d, err
	}
	d.LastMessage, err = c.lastMessage(ctx, patientID)
	return d, err
}

func (c callerCards) brief(ctx context.Context, v *visit.Visit) *telephony.VisitBrief {
	if v == nil {
		return nil
	}
	b := &telephony.VisitBrief{ID: v.ID, StartsAt: v.Start, Status: string(v.Status), Confirmed: v.ConfirmedAt != nil}
	if doc, err := c.a.Clinic.Doctor(ctx, v.DoctorID); err == nil {
		b.Doctor = doc.DisplayName
	}
	return b
}

func (c callerCards) lastMessage(ctx context.Context, patientID string) (*telephony.MessageBrief, error) {
	page, err := c.a.Messages.History(ctx, patientID, "", 1)
	if err != nil || len(page.Items) == 0 {
		return nil, err
	}
	m := page.Items[0]
	return &telephony.MessageBrief{At: m.At, Direction: m.Direction, Medium: m.Medium, Text: m.Body}, nil
}

// branchHolidays fills telephony's ClosedDays from booking/schedule's closures.
type branchHolidays struct{ a *App }

// ClosedDays lists the branch's closed local dates on or after from.
func (h branchHolidays) ClosedDays(ctx context.Context, branchID, from string) (map[string]bool, error) {
	cs, err := h.a.Schedules.Closures(ctx, branchID, from)
	if err != nil {
		return nil, err
	}
	out := make(map[string]bool, len(cs))
	for _, c := range cs {
		out[c.Date] = true
	}
	return out, nil
}
