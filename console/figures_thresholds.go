package console

import (
	"net/url"

	"github.com/gofiber/fiber/v2"

	"github.com/frontdeskhq/frontdesk/figures"
)

// saveFigureThreshold is the owner's colours of one figure, typed in the unit its tile
// shows. A wrong number comes back as the dashboard with the tile's form open and
// the field marked; a stored one goes back to the dashboard as it was.
func (c *Console) saveFigureThreshold(fc *fiber.Ctx) error {
	d, err := c.desk(fc, "figures.title", "figures")
	if err != nil {
		return c.fail(fc, err)
	}
	def, err := c.svc.Figures.Definition(fc.Params("name"))
	if err != nil {
		return c.notFound(fc)
	}
	f := formFrom(fc, "warn_at", "bad_at")
	t := figures.Threshold{Figure: def.Name}
	t.WarnAt = thresholdField(&f, d.Lang, def.Unit, "warn_at", d.Branch.Currency)
	t.BadAt = thresholdField(&f, d.Lang, def.Unit, "bad_at", d.Branch.Currency)
	if !f.Invalid() && badBeforeWarn(def, t) {
		f.Errors["bad_at"] = figureWord(d.Lang, "figures.threshold.order", direction(def))
	}
	if !f.Invalid() {
		err = c.svc.Figures.SetThreshold(fc.UserContext(), d.Branch.ID, who(fc).Actor.StaffID, t)
		if err != nil && !f.Refused(d.Lang, err) {
			return c.fail(fc, err)
		}
	}
	if f.Invalid() {
		return c.figuresDraw(fc, def.Name, f)
	}
	q := url.Values{"saved": {"1"}}
	for _, k := range []string{"branch", "period", "by", "from", "to", "doctor"} {
		if v := fc.Query(k); v != "" {
			q.Set(k, v)
		}
	}
	return fc.Redirect("/console/figures?"+q.Encode()+"#figure-"+def.Name, fiber.StatusSeeOther)
}

// thresholdField reads one colour limit, marking it when it is missing, no number or
// outside what the figure can be (0–100 % for a ratio, −100 to +100 for a score).
func thresholdField(f *Form, lang string, u figures.Unit, name, currency string) float64 {
	raw := f.Get(name)
	if raw == "" {
		f.Mark(lang, name, "field.required")
		return 0
	}
	v, ok := parseShown(u, raw, currency)
	lo, hi := 0.0, 1e12
	switch u {
	case figures.Ratio:
		hi = 1
	case figures.Score:
		lo, hi = -100, 100
	}
	if !ok || v < lo || v > hi {
		f.Errors[name] = figureWord(lang, "figures.threshold.range", string(u))
	}
	return v
}

// badBeforeWarn reports a red limit on the better side of the amber one.
func badBeforeWarn(d figures.Definition, t figures.Threshold) bool {
	if d.HigherIsBetter {
		return t.BadAt > t.WarnAt
	}
	return t.BadAt < t.WarnAt
}

// direction is which way a figure gets worse, for the words of a refused order.
func direction(d figures.Definition) string {
	if d.HigherIsBetter {
		return "lower"
	}
	return "higher"
}
