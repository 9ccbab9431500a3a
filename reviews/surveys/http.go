package surveys

import (
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/frontdeskhq/frontdesk/internal/httpjson"
)

// Handler serves the surveys' staff API and the patient's page /s/{token}.
type Handler struct {
	s *Service
	p *pages
}

// NewHandler returns the handler over s; o keys the page's form nonces.
func NewHandler(s *Service, o PageOptions) *Handler { return &Handler{s: s, p: newPages(s, o)} }

// Routes mounts the staff routes and the page (roles and limits: api/policy.go).
func (h *Handler) Routes(r fiber.Router) {
	r.Get("/api/v1/surveys", h.list)
	r.Get("/api/v1/surveys/nps", h.nps)
	r.Get("/api/v1/surveys/review-links", h.links)
	r.Put("/api/v1/surveys/review-links", h.setLinks)
	r.Get("/s/:token", h.show)
	r.Post("/s/:token", h.post)
}

// filter reads the query every survey figure shares: branch_id (required), from and
// to (local dates, inclusive), doctor_id.
func filter(c *fiber.Ctx) (Filter, error) {
	branch, err := httpjson.Branch(c, c.Query("branch_id"), "branch_id")
	if err != nil {
		return Filter{}, err
	}
	doctor, err := httpjson.OptionalUUID(c, "doctor_id")
	if err != nil {
		return Filter{}, err
	}
	return Filter{BranchID: branch, From: c.Query("from"), To: c.Query("to"), DoctorID: doctor}, nil
}

type surveyOut struct {
	ID            string  `json:"id"`
	FollowUpID    string  `json:"follow_up_id"`
	AppointmentID *string `json:"appointment_id"`
	PatientID     string  `json:"patient_id"`
	PatientName   string  `json:"patient_name"`
	DoctorID      *string `json:"doctor_id"`
	DoctorName    *string `json:"doctor_name"`
	Via           string  `json:"via"`
	AnsweredAt    string  `json:"answered_at"`
	AnsweredBy    *string `json:"answered_by"`
	Overall       int     `json:"overall"`
	Care          int     `json:"care"`
	Expectations  string  `json:"expectations"`
	Recommend     int     `json:"recommend"`
	Comment       string  `json:"comment"`
	Low           bool    `json:"low"`
}

// toOut is an answered survey on the wire.
func toOut(v Survey) surveyOut {
	a := v.answers()
	return surveyOut{ID: v.ID, FollowUpID: v.FollowUpID, AppointmentID: v.AppointmentID, PatientID: v.PatientID,
		PatientName: v.PatientName, DoctorID: v.DoctorID, DoctorName: v.DoctorName, Via: v.Via,
		AnsweredAt: v.AnsweredAt.UTC().Format(time.RFC3339Nano), AnsweredBy: v.AnsweredBy, Overall: a.Overall,
		Care: a.Care, Expectations: a.Expectations, Recommend: a.Recommend, Comment: a.Comment, Low: a.Low()}
}

func (h *Handler) list(c *fiber.Ctx) error {
	f, err := filter(c)
	if err != nil {
		return err
	}
	if f.Limit, err = httpjson.PageLimit(c.Query("limit")); err != nil {
		return err
	}
	f.Cursor = c.Query("cursor")
	page, err := h.s.List(httpjson.Ctx(c), f)
	if err != nil {
		return err
	}
	items := make([]surveyOut, len(page.Items))
	for i, v := range page.Items {
		items[i] = toOut(v)
	}
	return c.JSON(fiber.Map{"items": items, "next_cursor": page.Next})
}

// Definition is how the score is computed, sent with it.
const Definition = "NPS = % promoters (recommend 9–10) − % detractors (recommend 0–6) of all responses; passives (7–8) count only in the total"

type npsOut struct {
	Promoters      int      `json:"promoters"`
	Passives       int      `json:"passives"`
	Detractors     int      `json:"detractors"`
	Responses      int      `json:"responses"`
	NPS            *float64 `json:"nps"`
	LowSample      bool     `json:"low_sample"`
	OverallAverage *float64 `json:"overall_average"`
	CareAverage    *float64 `json:"care_average"`
	Definition     string   `json:"definition"`
}

func (h *Handler) nps(c *fiber.Ctx) error {
	f, err := filter(c)
	if err != nil {
		return err
	}
	n, err := h.s.Score(httpjson.Ctx(c), f)
	if err != nil {
		return err
	}
	return c.JSON(npsOut{Promoters: n.Promoters, Passives: n.Passives, Detractors: n.Detractors, Responses: n.Responses,
		NPS: n.Score, LowSample: n.LowSample, OverallAverage: n.OverallAverage, CareAverage: n.CareAverage,
		Definition: Definition})
}

// linksIn replaces a branch's review links; links is required (send [] for none).
type linksIn struct {
	Links *[]linkIn `json:"links" validate:"required,max=10,dive"`
}

type linkIn struct {
	Site string `json:"site" validate:"required,oneof=google yandex 2gis prodoctorov znanylekarz reco trustpilot other"`
	URL  string `json:"url" validate:"required,max=500"`
}

type linksOut struct {
	BranchID string       `json:"branch_id"`
	Links    []ReviewLink `json:"links"`
}

func (h *Handler) links(c *fiber.Ctx) error {
	branch, err := httpjson.Branch(c, c.Query("branch_id"), "branch_id")
	if err != nil {
		return err
	}
	list, err := h.s.ReviewLinks(httpjson.Ctx(c), branch)
	if err != nil {
		return err
	}
	return c.JSON(linksOut{BranchID: branch, Links: list})
}

func (h *Handler) setLinks(c *fiber.Ctx) error {
	branch, err := httpjson.Branch(c, c.Query("branch_id"), "branch_id")
	if err != nil {
		return err
	}
	var in linksIn
	if err := httpjson.Decode(c, &in); err != nil {
		return err
	}
	list := make([]ReviewLink, len(*in.Links))
	for i, l := range *in.Links {
		list[i] = ReviewLink(l)
	}
	out, err := h.s.SetReviewLinks(httpjson.Ctx(c), branch, list)
	if err != nil {
		return err
	}
	return c.JSON(linksOut{BranchID: branch, Links: out})
}
