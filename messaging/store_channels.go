package messaging

import (
	"context"
	"encoding/json"
	"time"

	"github.com/frontdeskhq/frontdesk/internal/db"
)

// channelRow is one stored branch channel.
type channelRow struct {
	BranchID  string    `db:"branch_id"`
	Medium    string    `db:"medium"`
	Provider  string    `db:"provider"`
	Settings  string    `db:"settings"`
	Enabled   bool      `db:"enabled"`
	UpdatedAt time.Time `db:"updated_at"`
}

func (r channelRow) channel() BranchChannel {
	c := BranchChannel{BranchID: r.BranchID, Medium: r.Medium, Provider: r.Provider, Enabled: r.Enabled,
		UpdatedAt: r.UpdatedAt, Settings: map[string]string{}}
	_ = json.Unmarshal([]byte(r.Settings), &c.Settings)
	return c
}

const (
	selectBranchChannels = `SELECT branch_id, medium, provider, settings, enabled, updated_at FROM branch_channels
		WHERE branch_id = ? ORDER BY medium`
	selectEnabledChannels = `SELECT branch_id, medium, provider, settings, enabled, updated_at FROM branch_channels
		WHERE enabled AND provider = ?`
	deleteBranchChannels = `DELETE FROM branch_channels WHERE branch_id = ?`
	insertBranchChannel  = `INSERT INTO branch_channels (branch_id, medium, provider, settings, enabled, updated_at)
		VALUES (?, ?, ?, ?, ?, ?)`
	selectBranchExists = `SELECT COUNT(*) FROM branches WHERE id = ?`
)

func (s store) branchChannels(ctx context.Context, q db.Q, branchID string) ([]BranchChannel, error) {
	var rows []channelRow
	if err := db.Select(ctx, q, &rows, selectBranchChannels, branchID); err != nil {
		return nil, err
	}
	return channelsOf(rows), nil
}

// enabledChannels lists every branch's enabled channel of one provider: webhooks find
// the secret that signed a request among them.
func (s store) enabledChannels(ctx context.Context, provider string) ([]BranchChannel, error) {
	var rows []channelRow
	if err := db.Select(ctx, s.db.R, &rows, selectEnabledChannels, provider); err != nil {
		return nil, err
	}
	return channelsOf(rows), nil
}

func channelsOf(rows []channelRow) []BranchChannel {
	out := make([]BranchChannel, 0, len(rows))
	for _, r := range rows {
		out = append(out, r.channel())
	}
	return out
}

// replaceChannels stores a branch's whole channel set on tx.
func (s store) replaceChannels(ctx context.Context, tx db.Tx, branchID string, list []BranchChannel, at time.Time) error {
	if err := db.Exec(ctx, tx, deleteBranchChannels, branchID); err != nil {
		return err
	}
	for _, c := range list {
		settings, err := json.Marshal(c.Settings)
		if err != nil {
			return err
		}
		if err := db.Exec(ctx, tx, insertBranchChannel, branchID, c.Medium, c.Provider, string(settings), c.Enabled, at); err != nil {
			return err
		}
	}
	return nil
}

func (s store) branchExists(ctx context.Context, q db.Q, branchID string) (bool, error) {
	var n int
	err := db.Get(ctx, q, &n, selectBranchExists, branchID)
	return n > 0, err
}
