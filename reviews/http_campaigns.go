package reviews

import (
	"github.com/gofiber/fiber/v2"

	"github.com/frontdeskhq/frontdesk/internal/httpjson"
)

// campaignIn starts a campaign; audience names exactly one source.
type campaignIn struct {
	BranchID       string     `json:"branch_id" validate:"required"`
	Name           string     `json:"name" validate:"required"`
	Purpose        string     `json:"purpose" validate:"required"`
	ConsentChannel string     `json:"consent_channel"`
	Script         string     `json:"script" text:"free"`
	StartOn        string     `json:"start_on"`
	Audience       audienceIn `json:"audience"`
}

// audienceIn is one of: a list of patients, the directory's filter, the recall list,
// or a period's no-shows.
type audienceIn struct {
	PatientIDs      []string  `json:"patient_ids"`
	Filter          *filterIn `json:"filter"`
	RecallDueBefore string    `json:"recall_due_before"`
	NoShows         *periodIn `json:"no_shows"`
}

// filterIn is the directory's search: a name prefix or phone fragment ("" for all).
type filterIn struct {
	Q string `json:"q"`
}

// periodIn is a span of local dates, both included.
type periodIn struct {
	From string `json:"from"`
	To   string `json:"to"`
}

func (in campaignIn) input(branchID string) CampaignIn {
	a := Audience{PatientIDs: in.Audience.PatientIDs, RecallDueBefore: in.Audience.RecallDueBefore}
	if in.Audience.Filter != nil {
		a.UseFilter, a.Query = true, in.Audience.Filter.Q
	}
	if p := in.Audience.NoShows; p != nil {
		a.NoShowsFrom, a.NoShowsTo = p.From, p.To
		if p.From == "" && p.To == "" {
			a.NoShowsFrom = "-"
		}
	}
	return CampaignIn{BranchID: branchID, Name: in.Name, Purpose: in.Purpose, ConsentChannel: in.ConsentChannel,
		Script: in.Script, StartOn: in.StartOn, Audience: a}
}

func (h *Handler) startCampaign(c *fiber.Ctx) error {
	var in campaignIn
	if err := httpjson.Decode(c, &in); err != nil {
		return err
	}
	branch, err := httpjson.Branch(c, in.BranchID, "branch_id")
	if err != nil {
		return err
	}
	camp, err := h.s.StartCampaign(httpjson.Ctx(c), in.input(branch))
	if err != nil {
		return err
	}
	return httpjson.Created(c, toCampaignOut(camp))
}

func (h *Handler) campaigns(c *fiber.Ctx) error {
	branch, err := httpjson.Branch(c, c.Query("branch_id"), "branch_id")
	if err != nil {
		return err
	}
	list, err := h.s.Campaigns(httpjson.Ctx(c), branch)
	if err != nil {
		return err
	}
	items := make([]campaignOut, 0, len(list))
	for _, camp := range list {
		items = append(items, toCampaignOut(camp))
	}
	return c.JSON(fiber.Map{"items": items})
}

func (h *Handler) campaign(c *fiber.Ctx) error {
	id, err := httpjson.ID(c, "id", ErrCampaignNotFound)
	if err != nil {
		return err
	}
	camp, err := h.s.CampaignByID(httpjson.Ctx(c), id)
	if err != nil {
		return err
	}
	return c.JSON(toCampaignOut(camp))
}
