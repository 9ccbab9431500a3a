package questionnaire

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
)

var (
	linkIDShape = regexp.MustCompile(`^[a-z][a-z0-9_]{0,63}$`)
	itemTypes   = []string{TypeString, TypeText, TypeDate, TypeBoolean, TypeChoice, TypeOpenChoice,
		TypeInteger, TypeDecimal, TypePhone, TypeEmail, TypeGroup}
	operators = []string{"exists", "=", "!=", ">", "<", ">=", "<="}
)

// check enforces what the page and the validator rely on: unique linkIds, every text
// in every locale, choices with options, and conditions that look back only.
func (d *Definition) check() error {
	if d.ID == "" || d.Version == "" {
		return errors.New("id and version are required")
	}
	if err := checkText(d.Title); err != nil {
		return fmt.Errorf("%s: title: %w", d.ID, err)
	}
	d.byLink = map[string]*Item{}
	for i := range d.Items {
		it := &d.Items[i]
		if err := d.checkItem(it); err != nil {
			return fmt.Errorf("%s: item %d (%s): %w", d.ID, i+1, it.LinkID, err)
		}
		d.byLink[it.LinkID] = it
	}
	return nil
}

func (d *Definition) checkItem(it *Item) error {
	switch {
	case !linkIDShape.MatchString(it.LinkID):
		return errors.New("linkId must be lower-case letters, digits and _")
	case d.byLink[it.LinkID] != nil:
		return errors.New("duplicate linkId")
	case !slices.Contains(itemTypes, it.Type):
		return fmt.Errorf("unknown type %q", it.Type)
	case it.Repeats && !it.isChoice():
		return errors.New("only choices may repeat")
	case it.MaxLength < 0:
		return errors.New("maxLength must not be negative")
	case it.Min != nil && it.Max != nil && *it.Min > *it.Max:
		return errors.New("min is above max")
	}
	if err := checkText(it.Text); err != nil {
		return fmt.Errorf("text: %w", err)
	}
	if err := checkOptions(it); err != nil {
		return err
	}
	return d.checkConditions(it)
}

func checkOptions(it *Item) error {
	if it.isChoice() && len(it.AnswerOption) == 0 {
		return errors.New("a choice needs answerOption")
	}
	if !it.isChoice() && len(it.AnswerOption) > 0 {
		return errors.New("answerOption is only for choices")
	}
	seen := map[string]bool{}
	for _, o := range it.AnswerOption {
		if o.Code == "" || seen[o.Code] {
			return fmt.Errorf("answerOption %q: empty or duplicate code", o.Code)
		}
		seen[o.Code] = true
		if err := checkText(o.Text); err != nil {
			return fmt.Errorf("answerOption %s: %w", o.Code, err)
		}
	}
	return nil
}

func (d *Definition) checkConditions(it *Item) error {
	if it.EnableBehavior != "" && it.EnableBehavior != "all" && it.EnableBehavior != "any" {
		return errors.New("enableBehavior must be all or any")
	}
	for _, w := range it.EnableWhen {
		if !slices.Contains(operators, w.Operator) {
			return fmt.Errorf("enableWhen %s: unknown operator %q", w.Question, w.Operator)
		}
		if w.Operator != "exists" && w.Answer == nil {
			return fmt.Errorf("enableWhen %s: answer is required", w.Question)
		}
		target := w.Question
		if target == AgeQuestion || target == MinorQuestion {
			target = BirthDateLink
		}
		q, ok := d.byLink[target]
		if !ok {
			return fmt.Errorf("enableWhen refers to %q, which is not an earlier item", w.Question)
		}
		if q.Type == TypeGroup {
			return fmt.Errorf("enableWhen refers to the group %q", w.Question)
		}
	}
	return nil
}

// checkText requires every locale.
func checkText(t Text) error {
	for _, l := range Locales {
		if t[l] == "" {
			return fmt.Errorf("missing locale %s", l)
		}
	}
	return nil
}
