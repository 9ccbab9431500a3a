package inventory

import (
	"context"
	"encoding/json"
	"strings"
	"time"

	"github.com/frontdeskhq/frontdesk/internal/db"
)

// store is the inventory's SQL for the ledger and current stock. Items, suppliers and
// locations are in store_items.go. hot keeps the statements every move and every
// visit's consumption run prepared on the writer.
type store struct {
	db  *db.DB
	hot *db.TxStatements
}

// prepare readies the hot statements; call it outside any write transaction.
func (s store) prepare(ctx context.Context) error {
	return s.hot.Prepare(ctx, append([]string{takeStock, putStock, selectOnHandLot, selectFEFO,
		selectVisitLocation, insertConsumed, selectVisitStock}, hotMoveInserts...), nil)
}

// takeStock is the guard that keeps stock from going below zero: it changes the row
// only while enough is on hand, so a losing parallel taker changes nothing.
const takeStock = `UPDATE stock SET quantity = quantity - ?, updated_at = ?
	WHERE item_id = ? AND location_id = ? AND lot_id = ? AND quantity >= ?`

func (s store) take(ctx context.Context, tx db.Tx, item, loc, lot string, qty int64, at time.Time) error {
	return s.hot.ExecOne(ctx, tx, takeStock, qty, at, item, loc, lot, qty)
}

const putStock = `INSERT INTO stock (item_id, location_id, lot_id, quantity, updated_at) VALUES (?, ?, ?, ?, ?)
	ON CONFLICT (item_id, location_id, lot_id) DO UPDATE SET quantity = stock.quantity + excluded.quantity,
	updated_at = excluded.updated_at`

func (s store) put(ctx context.Context, tx db.Tx, item, loc, lot string, qty int64, at time.Time) error {
	return s.hot.Exec(ctx, tx, putStock, item, loc, lot, qty, at)
}

const selectOnHandLot = `SELECT COALESCE(SUM(quantity), 0) FROM stock WHERE item_id = ? AND location_id = ? AND lot_id = ?`

func (s store) onHandLot(ctx context.Context, tx db.Tx, item, loc, lot string) (int64, error) {
	var n int64
	return n, s.hot.Get(ctx, tx, &n, selectOnHandLot, item, loc, lot)
}

const insertMoves = `INSERT INTO stock_moves (id, item_id, lot_id, from_location_id, to_location_id, quantity, reason,
	source_kind, source_id, appointment_id, reverses_id, note, staff_id, at) VALUES `

const moveTuple = `(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`

// insertMovesSQL is insertMoves with n tuples; only the count varies, the values are
// always bound. The ids come back with their seq, since RETURNING's order is not
// promised.
func insertMovesSQL(n int) string {
	return insertMoves + strings.TrimSuffix(strings.Repeat(moveTuple+", ", n), ", ") + ` RETURNING id, seq`
}

// maxMovesPerInsert keeps a batch's bound values (14 per move) under SQLite's limit.
const maxMovesPerInsert = 2000

// hotMoveInserts are the batch sizes worth keeping prepared: a receipt, a transfer, a
// visit's materials.
var hotMoveInserts = []string{insertMovesSQL(1), insertMovesSQL(2), insertMovesSQL(3), insertMovesSQL(4),
	insertMovesSQL(5), insertMovesSQL(6)}

func (s store) insertMoves(ctx context.Context, tx db.Tx, moves []Move) (map[string]int64, error) {
	seqs := make(map[string]int64, len(moves))
	for len(moves) > 0 {
		n := min(len(moves), maxMovesPerInsert)
		args := make([]any, 0, n*14)
		for _, m := range moves[:n] {
			args = append(args, m.ID, m.ItemID, m.LotID, m.From, m.To, m.Quantity, m.Reason, m.SourceKind, m.SourceID,
				m.AppointmentID, m.ReversesID, m.Note, m.StaffID, m.At)
		}
		var rows []struct {
			ID  string `db:"id"`
			Seq int64  `db:"seq"`
		}
		if err := s.hot.Select(ctx, tx, &rows, insertMovesSQL(n), args...); err != nil {
			return nil, err
		}
		for _, r := range rows {
			seqs[r.ID] = r.Seq
		}
		moves = moves[n:]
	}
	return seqs, nil
}

const moveColumns = `seq, id, item_id, lot_id, from_location_id, to_location_id, quantity, reason, source_kind,
	source_id, appointment_id, reverses_id, note, staff_id, at`

const selectMove = `SELECT ` + moveColumns + ` FROM stock_moves WHERE id = ?`

func (s store) move(ctx context.Context, q db.Q, id string) (Move, error) {
	var m Move
	return m, db.Get(ctx, q, &m, selectMove, id)
}

const selectLastSeq = `SELECT COALESCE(MAX(seq), 0) FROM stock_moves`

func (s store) lastSeq(ctx context.Context, q db.Q) (int64, error) {
	var n int64
	return n, db.Get(ctx, q, &n, selectLastSeq)
}

// stockColumns read a stock row with its item and lot.
const stockColumns = `s.item_id, i.name AS item_name, i.unit, s.location_id, s.lot_id, l.lot_number, l.expires_on,
	s.quantity, s.updated_at`

// selectFEFO lists an item's lots on hand at a location, first expiring first (lots
// without expiry last, then oldest lot first).
const selectFEFO = `SELECT ` + stockColumns + ` FROM stock s JOIN inventory_items i ON i.id = s.item_id
	JOIN stock_lots l ON l.id = s.lot_id
	WHERE s.item_id = ? AND s.location_id = ? AND s.quantity > 0
	ORDER BY CASE WHEN l.expires_on = '' THEN 1 ELSE 0 END, l.expires_on, l.created_at, l.id`

func (s store) fefo(ctx context.Context, q db.Q, item, loc string) ([]StockRow, error) {
	out := []StockRow{}
	if tx, ok := q.(db.Tx); ok {
		return out, s.hot.Select(ctx, tx, &out, selectFEFO, item, loc)
	}
	return out, db.Select(ctx, q, &out, selectFEFO, item, loc)
}

// selectVisitStock lists the lots on hand at a location of every item a service's
// materials (the default list and the doctor's own) name, first expiring first per
// item: one read for the whole visit.
const selectVisitStock = `SELECT ` + stockColumns + ` FROM stock s JOIN inventory_items i ON i.id = s.item_id
	JOIN stock_lots l ON l.id = s.lot_id
	WHERE s.location_id = ? AND s.quantity > 0 AND s.item_id IN (
	    SELECT item_id FROM service_materials WHERE service_id = ?
	    UNION SELECT item_id FROM doctor_materials WHERE service_id = ? AND doctor_id = ?)
	ORDER BY s.item_id, CASE WHEN l.expires_on = '' THEN 1 ELSE 0 END, l.expires_on, l.created_at, l.id`

// visitStock is selectVisitStock by item.
func (s store) visitStock(ctx context.Context, tx db.Tx, loc, serviceID, doctorID string) (map[string][]StockRow, error) {
	var rows []StockRow
	if err := s.hot.Select(ctx, tx, &rows, selectVisitStock, loc, serviceID, serviceID, doctorID); err != nil {
		return nil, err
	}
	out := map[string][]StockRow{}
	for _, r := range rows {
		out[r.ItemID] = append(out[r.ItemID], r)
	}
	return out, nil
}

func encodeNames(names map[string]string) string {
	if len(names) == 0 {
		return "{}"
	}
	b, _ := json.Marshal(names)
	return string(b)
}

func decodeNames(i *Item) {
	i.Names = map[string]string{}
	_ = json.Unmarshal([]byte(i.NamesJSON), &i.Names)
}

const selectReversed = `SELECT COUNT(*) FROM stock_moves WHERE reverses_id = ?`

func (s store) reversed(ctx context.Context, q db.Q, id string) (bool, error) {
	var n int
	err := db.Get(ctx, q, &n, selectReversed, id)
	return n > 0, err
}
