package telephony

import (
	"github.com/gofiber/fiber/v2"

	"github.com/frontdeskhq/frontdesk/internal/httpjson"
)

// definitions say how each figure is computed; the answer carries them beside the
// numbers so a manager never has to guess.
var definitions = map[string]string{
	"offered":                         "inbound calls that ended, short abandons (callers who hung up within the branch's threshold) left out",
	"answered":                        "offered calls someone picked up (a ring group answered by anyone counts once)",
	"missed":                          "offered calls nobody answered: missed, busy, failed, voicemail",
	"abandon_rate":                    "missed ÷ offered",
	"service_level":                   "calls answered within 20 s of ringing ÷ offered",
	"average_speed_of_answer_seconds": "total seconds from ring to answer ÷ answered",
	"callback_median_seconds":         "median time from a missed call to the desk returning it (an answered call back, or the task closed by hand)",
	"callback_within_target_share":    "callbacks returned by their due time (the branch's target in opening time) ÷ callbacks owed",
	"recovered_share":                 "callbacks closed by an answered call back ÷ callbacks owed",
	"self_recovered_share":            "callbacks closed because the caller rang again and got through ÷ callbacks owed",
}

func (h *Handler) figures(c *fiber.Ctx) error {
	b, err := httpjson.Branch(c, c.Query("branch_id"), "branch_id")
	if err != nil {
		return err
	}
	days, err := h.s.Figures(httpjson.Ctx(c), b, c.Query("from"), c.Query("to"))
	if err != nil {
		return err
	}
	return c.JSON(fiber.Map{"days": days, "totals": Summarize(days), "definitions": definitions})
}
