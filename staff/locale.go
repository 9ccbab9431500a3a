package staff

import (
	"context"
	"errors"
	"slices"

	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/fault"
)

// Locales are the languages a staff member may choose for the console.
var Locales = []string{"en", "pl", "ru", "sv"}

// ErrBadLocale refuses a language the console does not speak.
var ErrBadLocale = fault.Field("locale", "oneof", "must be one of: en pl ru sv")

const selectStaffLocale = `SELECT locale FROM staff WHERE id = ?`

// Locale is the language the staff member chose, "" when they chose none (the
// branch's language applies).
func (s *Service) Locale(ctx context.Context, id string) (string, error) {
	var locale string
	err := db.Get(ctx, s.db.R, &locale, selectStaffLocale, id)
	if errors.Is(err, db.ErrNotFound) {
		return "", ErrNotFound
	}
	return locale, err
}

const updateStaffLocale = `UPDATE staff SET locale = ?, updated_at = ? WHERE id = ?`

// SetLocale records the staff member's language; "" goes back to the branch's.
func (s *Service) SetLocale(ctx context.Context, id, locale string) error {
	if locale != "" && !slices.Contains(Locales, locale) {
		return ErrBadLocale
	}
	err := db.ExecOne(ctx, s.db.W, updateStaffLocale, locale, s.clock(), id)
	if errors.Is(err, db.ErrNotFound) {
		return ErrNotFound
	}
	return err
}
