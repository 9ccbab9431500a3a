package inventory

import (
	"context"
	"errors"
	"fmt"

	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/fault"
	"github.com/frontdeskhq/frontdesk/tasks"
	"github.com/frontdeskhq/frontdesk/visit"
)

// Visits reads a visit (its service, doctor, chair, branch and patient); booking fills
// it in internal/app.
type Visits interface {
	Get(ctx context.Context, id string) (visit.Visit, error)
}

// OnEvent takes a completed visit's materials out of its chair's location (or the
// branch's default clinical location), first expiring lot first, skipping expired
// lots. It acts once per visit however often the event comes: the visit's row in
// visit_consumptions is written in the same transaction as its moves. Running short
// never fails the visit: the shortfall is recorded and a stock task opened.
func (s *Service) OnEvent(ctx context.Context, e visit.Event) error {
	if e.Kind != visit.EventCompleted || s.deps.Visits == nil {
		return nil
	}
	v, err := s.deps.Visits.Get(ctx, e.VisitID)
	if err != nil {
		return err
	}
	mats, err := s.effectiveMaterials(ctx, s.deps.DB.R, v.ServiceID, v.DoctorID)
	if err != nil || len(mats) == 0 {
		return err
	}
	if err := s.store.prepare(ctx); err != nil {
		return err
	}
	return s.deps.DB.InTx(ctx, func(tx db.Tx) error { return s.consumeVisit(ctx, tx, v, mats) })
}

func (s *Service) consumeVisit(ctx context.Context, tx db.Tx, v visit.Visit, mats []Material) error {
	place, err := s.store.visitLocation(ctx, tx, v.BranchID, v.ChairID)
	if errors.Is(err, db.ErrNotFound) {
		return nil // the branch keeps no clinical stock in Frontdesk
	}
	if err != nil {
		return err
	}
	loc := place.Location
	today, err := s.todayIn(place.TimeZone)
	if err != nil {
		return err
	}
	first, err := s.store.markConsumed(ctx, tx, v.ID, loc.ID, s.Now())
	if err != nil || !first {
		return err
	}
	lots, err := s.store.visitStock(ctx, tx, loc.ID, v.ServiceID, v.DoctorID)
	if err != nil {
		return err
	}
	var taken []Line
	for _, m := range mats {
		short, err := s.takeFEFO(ctx, tx, v.ID, loc.ID, m, lots[m.ItemID], today, &taken)
		if err != nil {
			return err
		}
		if short > 0 {
			if err := s.recordShortfall(ctx, tx, v, loc, m, short); err != nil {
				return err
			}
		}
	}
	_, err = s.recordAll(ctx, tx, taken, s.Now())
	return err
}

// consumeFEFO takes m.Quantity from the location's unexpired lots, first expiring
// first, records the moves and returns what it could not find.
func (s *Service) consumeFEFO(ctx context.Context, tx db.Tx, visitID, loc string, m Material, today string) (int64, error) {
	lots, err := s.store.fefo(ctx, tx, m.ItemID, loc)
	if err != nil {
		return 0, err
	}
	var taken []Line
	short, err := s.takeFEFO(ctx, tx, visitID, loc, m, lots, today, &taken)
	if err != nil {
		return 0, err
	}
	_, err = s.recordAll(ctx, tx, taken, s.Now())
	return short, err
}

// takeFEFO takes m.Quantity out of lots (the location's, first expiring first),
// skipping expired ones, adds the moves it owes the ledger to taken and returns what
// it could not find.
func (s *Service) takeFEFO(ctx context.Context, tx db.Tx, visitID, loc string, m Material, lots []StockRow, today string,
	taken *[]Line) (int64, error) {
	need := m.Quantity
	for _, lot := range lots {
		if lot.ExpiresOn != "" && lot.ExpiresOn < today {
			continue
		}
		took, err := s.takeUpTo(ctx, tx, loc, lot, need)
		if err != nil {
			return 0, err
		}
		if took > 0 {
			*taken = append(*taken, Line{ItemID: lot.ItemID, LotID: lot.LotID, From: &loc, Quantity: took,
				Reason: Consumption, SourceKind: FromVisit, SourceID: visitID, AppointmentID: &visitID})
		}
		if need -= took; need == 0 {
			break
		}
	}
	return need, nil
}

// takeUpTo takes as much of want as the lot has (have, as last read) off the shelf and
// returns how much it took; when a parallel taker got there first, the lot is re-read
// and tried again with what is left. The caller records the move.
func (s *Service) takeUpTo(ctx context.Context, tx db.Tx, loc string, lot StockRow, want int64) (int64, error) {
	have := lot.Quantity
	for have > 0 {
		n := min(have, want)
		err := s.moveStock(ctx, tx, Line{ItemID: lot.ItemID, LotID: lot.LotID, From: &loc, Quantity: n}, s.Now())
		if fe, ok := fault.As(err); !ok || fe.Code != "insufficient_stock" {
			return n, err
		}
		if have, err = s.store.onHandLot(ctx, tx, lot.ItemID, loc, lot.LotID); err != nil {
			return 0, err
		}
	}
	return 0, nil
}

func (s *Service) recordShortfall(ctx context.Context, tx db.Tx, v visit.Visit, loc Location, m Material, short int64) error {
	taskID, err := s.openShortfallTask(ctx, tx, m.ItemID, loc.ID)
	if err != nil {
		return err
	}
	if taskID == "" {
		if taskID, err = s.openStockTask(ctx, tx, v, loc, m.ItemID, short); err != nil {
			return err
		}
	}
	return s.store.insertShortfall(ctx, tx, newID(), &v.ID, m.ItemID, loc.ID, short, taskID, s.Now())
}

// openShortfallTask is the stock task still open for the item running short at the
// location, if any: a busy day of visits short of one item is one task to restock,
// with every visit's shortfall recorded against it, not one task per visit.
func (s *Service) openShortfallTask(ctx context.Context, tx db.Tx, itemID, locationID string) (string, error) {
	id, err := s.store.lastShortfallTask(ctx, tx, itemID, locationID)
	if errors.Is(err, db.ErrNotFound) || (err == nil && id == "") {
		return "", nil
	}
	if err != nil {
		return "", err
	}
	t, err := s.deps.Tasks.Get(ctx, id)
	if err != nil || t.Status != "open" {
		return "", nil
	}
	return id, nil
}

func (s *Service) openStockTask(ctx context.Context, tx db.Tx, v visit.Visit, loc Location, itemID string, short int64) (string, error) {
	item, err := s.store.item(ctx, tx, itemID)
	if err != nil {
		return "", err
	}
	b, err := s.deps.Dir.Branch(ctx, v.BranchID)
	if err != nil {
		return "", err
	}
	return s.deps.Tasks.Open(ctx, tx, tasks.New{Kind: tasks.Stock, BranchID: &v.BranchID, AppointmentID: &v.ID,
		Text: shortText(b.Locale, item, loc.Name, short), Queue: item.Board, DueAt: s.Now()})
}

// shortTexts say, in the branch's language, what ran out where.
var shortTexts = map[string]string{
	"en": "Not enough %s at %s for a visit: %d %s short. Restock and record the actual use.",
	"ru": "Не хватило «%s» в «%s» для визита: недостаёт %d %s. Пополните запас и внесите фактический расход.",
	"pl": "Zabrakło %s w %s na wizytę: brakuje %d %s. Uzupełnij zapas i wpisz faktyczne zużycie.",
	"sv": "%s räckte inte i %s för ett besök: %d %s saknas. Fyll på och registrera faktisk åtgång.",
}

func shortText(locale string, item Item, where string, short int64) string {
	f, ok := shortTexts[locale]
	if !ok {
		f = shortTexts["en"]
	}
	return fmt.Sprintf(f, item.NameIn(locale), where, short, item.Unit)
}
