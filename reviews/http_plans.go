package reviews

import (
	"encoding/json"

	"github.com/gofiber/fiber/v2"

	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/internal/fault"
	"github.com/frontdeskhq/frontdesk/internal/httpjson"
)

func fieldErr(field, code, msg string) error { return fault.Field(field, code, msg) }

func (h *Handler) rules(c *fiber.Ctx) error {
	rules, err := h.s.Rules(httpjson.Ctx(c))
	if err != nil {
		return err
	}
	items := make([]ruleOut, 0, len(rules))
	for _, r := range rules {
		items = append(items, toRuleOut(r))
	}
	return c.JSON(fiber.Map{"items": items})
}

// ruleIn sets a service's plan: days after the visit, or null for no call. The key is
// required, so a forgotten field never silently stops a service's calls.
type ruleIn struct {
	Days *int `json:"days"`
}

func (h *Handler) setRule(c *fiber.Ctx) error {
	id, err := httpjson.ID(c, "service_id", clinic.ErrServiceNotFound)
	if err != nil {
		return err
	}
	var in ruleIn
	if err := httpjson.Decode(c, &in); err != nil {
		return err
	}
	var keys map[string]json.RawMessage
	if json.Unmarshal(c.Body(), &keys) != nil || keys["days"] == nil {
		return fieldErr("days", "required", "is required: a number of days, or null for no follow-up call")
	}
	r, err := h.s.SetRule(httpjson.Ctx(c), id, in.Days)
	if err != nil {
		return err
	}
	return c.JSON(toRuleOut(r))
}

func (h *Handler) settings(c *fiber.Ctx) error {
	branch, err := httpjson.Branch(c, c.Query("branch_id"), "branch_id")
	if err != nil {
		return err
	}
	st, err := h.s.Settings(httpjson.Ctx(c), branch)
	if err != nil {
		return err
	}
	return c.JSON(toSettingsOut(st))
}

// settingsIn is a branch's whole calling policy.
type settingsIn struct {
	BranchID     string  `json:"branch_id" validate:"required"`
	CallsOpen    string  `json:"calls_open" validate:"required"`
	CallsClose   string  `json:"calls_close" validate:"required"`
	MaxAttempts  int     `json:"max_attempts" validate:"required"`
	RetryMinutes int     `json:"retry_minutes" validate:"required"`
	Queue        string  `json:"queue" validate:"required"`
	AssigneeID   *string `json:"assignee_id" validate:"omitnil,uuid"`
}

func (h *Handler) setSettings(c *fiber.Ctx) error {
	var in settingsIn
	if err := httpjson.Decode(c, &in); err != nil {
		return err
	}
	branch, err := httpjson.Branch(c, in.BranchID, "branch_id")
	if err != nil {
		return err
	}
	st, err := h.s.SetSettings(httpjson.Ctx(c), Settings{BranchID: branch, CallsOpen: in.CallsOpen,
		CallsClose: in.CallsClose, MaxAttempts: in.MaxAttempts, RetryMinutes: in.RetryMinutes, Queue: in.Queue,
		AssigneeID: in.AssigneeID})
	if err != nil {
		return err
	}
	return c.JSON(toSettingsOut(st))
}

func (h *Handler) figures(c *fiber.Ctx) error {
	branch, err := httpjson.Branch(c, c.Query("branch_id"), "branch_id")
	if err != nil {
		return err
	}
	campaign, err := httpjson.OptionalUUID(c, "campaign_id")
	if err != nil {
		return err
	}
	f := FigureFilter{BranchID: branch, CampaignID: campaign, From: c.Query("from"), To: c.Query("to")}
	out, err := h.s.Figures(httpjson.Ctx(c), f)
	if err != nil {
		return err
	}
	return c.JSON(toFiguresOut(out))
}

// optOutIn records a patient's word about being called.
type optOutIn struct {
	PatientID string `json:"patient_id" validate:"required,uuid"`
	OptedOut  *bool  `json:"opted_out" validate:"required"`
}

func (h *Handler) optOut(c *fiber.Ctx) error {
	var in optOutIn
	if err := httpjson.Decode(c, &in); err != nil {
		return err
	}
	if err := h.s.RecordCallOptOut(httpjson.Ctx(c), in.PatientID, *in.OptedOut); err != nil {
		return err
	}
	return c.JSON(fiber.Map{"patient_id": in.PatientID, "opted_out": *in.OptedOut})
}
