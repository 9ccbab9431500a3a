package schedule

import (
	"strconv"
	"sync"

	"github.com/gofiber/fiber/v2"

	"github.com/frontdeskhq/frontdesk/internal/fault"
	"github.com/frontdeskhq/frontdesk/internal/httpjson"
)

// defaultDays is the range a widget gets when it does not ask: a week.
const defaultDays = 7

// The shapes of an availability answer: full lists every slot with its end and its
// doctors' ids (existing clients); lean gives each day's number of free times and the
// times of one chosen day only, doctors by their place in the answer's list (the
// widget: a month view, then a day).
const (
	shapeFull = "full"
	shapeLean = "lean"
)

// availabilityRequest is what the query string asks: the engine's question and how
// the answer is to be shaped.
type availabilityRequest struct {
	q     Query
	shape string
	// day is the local date whose times a lean answer lists ("" none); a full answer
	// lists every day's anyway.
	day string
}

// availabilityQuery reads the query string; the service checks the values.
func availabilityQuery(c *fiber.Ctx) (availabilityRequest, error) {
	r := availabilityRequest{q: Query{BranchID: c.Query("branch_id"), ServiceID: c.Query("service_id"),
		DoctorID: c.Query("doctor_id"), From: c.Query("from"), Days: defaultDays},
		shape: c.Query("shape", shapeFull), day: c.Query("day")}
	var p schedProblems
	if s := c.Query("days"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil {
			return r, fault.Field("days", "wrong_type", "must be an integer")
		}
		r.q.Days = n
	}
	if r.shape != shapeFull && r.shape != shapeLean {
		p.add("shape", "enum", "must be full or lean")
	}
	if _, ok := parseCivil(r.day); r.day != "" && !ok {
		p.add("day", "date", "must be a date YYYY-MM-DD")
	}
	return r, p.err(fault.Invalid)
}

func (h *Handler) availability(c *fiber.Ctx, staff bool) error {
	ar, err := availabilityQuery(c)
	if err != nil {
		return err
	}
	ar.q.Staff = staff
	ctx := httpjson.Ctx(c)
	if !staff {
		ctx = asSystem(ctx) // the public answer is the same whoever asks, signed in or not
	}
	r, err := h.s.Availability(ctx, ar.q)
	if err != nil {
		return err
	}
	buf := answerBuffers.Get().(*[]byte)
	defer putAnswerBuffer(buf)
	if ar.shape == shapeLean {
		body, err := appendLean((*buf)[:0], r, ar.day)
		if err != nil {
			return err
		}
		*buf = body
	} else {
		*buf = appendFull((*buf)[:0], r)
	}
	c.Set(fiber.HeaderContentType, fiber.MIMEApplicationJSON)
	// Copied into the server's own pooled body: a big clinic's month is a few hundred
	// kilobytes, and writing it into a fresh buffer grown by doubling made a megabyte
	// of garbage per answer.
	c.Response().SetBody(*buf)
	return nil
}

// answerBuffers keep the buffers answers are written into, at the size they grew to.
var answerBuffers = sync.Pool{New: func() any { b := make([]byte, 0, 64*1024); return &b }}

// maxKeptAnswer bounds a buffer kept for the next answer: an odd huge one is dropped.
const maxKeptAnswer = 4 << 20

func putAnswerBuffer(b *[]byte) {
	if cap(*b) <= maxKeptAnswer {
		answerBuffers.Put(b)
	}
}

func (h *Handler) publicAvailability(c *fiber.Ctx) error { return h.availability(c, false) }

func (h *Handler) staffAvailability(c *fiber.Ctx) error { return h.availability(c, true) }
