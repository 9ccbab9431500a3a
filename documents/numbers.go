package documents

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/documents/doctemplate"
	"github.com/frontdeskhq/frontdesk/internal/db"
)

const selectContractNumber = `SELECT number FROM contract_numbers WHERE appointment_id = ?`

// nextContractNumber takes the next number of a prefix and year in one statement, as
// purchase orders do: racing writers each get their own.
const nextContractNumber = `INSERT INTO contract_number_counters (prefix, year, last_number) VALUES (?, ?, 1)
	ON CONFLICT (prefix, year) DO UPDATE SET last_number = contract_number_counters.last_number + 1
	RETURNING last_number`

// insertContractNumber keeps the visit's number; a racing request that numbered the
// visit first wins, and the loser's transaction (with its counter step) rolls back.
const insertContractNumber = `INSERT INTO contract_numbers (appointment_id, number, created_at) VALUES (?, ?, ?)
	ON CONFLICT (appointment_id) DO NOTHING`

// contractNumber is the visit's human contract number (MOK/2026/000123), taken the
// first time its contract is made and kept for every later version of it.
func (s *Service) contractNumber(ctx context.Context, v visitSheet) (string, error) {
	if !slices.Contains(v.kinds, doctemplate.Contract) {
		return "", nil
	}
	var number string
	err := db.Get(ctx, s.db.R, &number, selectContractNumber, v.appt.ID)
	if !errors.Is(err, db.ErrNotFound) {
		return number, err
	}
	for try := 1; ; try++ {
		number, err = s.takeNumber(ctx, v, v.branch)
		if !retryable(err) || try == attempts {
			return number, err
		}
	}
}

func (s *Service) takeNumber(ctx context.Context, v visitSheet, b clinic.Branch) (string, error) {
	var number string
	err := s.db.InTx(ctx, func(tx db.Tx) error {
		err := db.Get(ctx, tx, &number, selectContractNumber, v.appt.ID)
		if !errors.Is(err, db.ErrNotFound) {
			return err
		}
		prefix, year := contractPrefix(b), s.clock().In(v.zone).Year()
		var n int64
		if err := db.Get(ctx, tx, &n, nextContractNumber, prefix, year); err != nil {
			return err
		}
		number = fmt.Sprintf("%s/%d/%06d", prefix, year, n)
		if err := db.ExecOne(ctx, tx, insertContractNumber, v.appt.ID, number, s.clock()); err != nil {
			return errors.Join(errChanged, err)
		}
		return nil
	})
	return number, err
}

// contractPrefix is the branch's own prefix, else the first three Latin letters of its
// name (Mokotów → MOK), else FD.
func contractPrefix(b clinic.Branch) string {
	if b.Legal.ContractPrefix != "" {
		return b.Legal.ContractPrefix
	}
	var out []rune
	for _, r := range strings.ToUpper(b.Name) {
		if r >= 'A' && r <= 'Z' && len(out) < 3 {
			out = append(out, r)
		}
	}
	if len(out) == 0 {
		return "FD"
	}
	return string(out)
}
