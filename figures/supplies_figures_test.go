package figures

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"
)

// warsaw is hh:mm on a day of March 2026 in Warsaw (UTC+1), as UTC.
func warsaw(day, hh, mm int) time.Time {
	return time.Date(2026, 3, day, hh-1, mm, 0, 0, time.UTC)
}

// The morning's levels: what is critical or below reorder at any location, what runs
// out within 14 days at the last 30 days' use, which lots expire within 30 days; all
// frozen at the day's first count, none made for a past day.
func TestSupplyLevelsAreCountedOnceInTheMorning(t *testing.T) {
	eachSupplyDB(t, func(t *testing.T, k *supplyKit) {
		store, op, closed := k.location("Storage", true), k.location("Operatory", true), k.location("Old shelf", false)
		gloves, lido := k.item("Gloves", "head_nurse", 100, true), k.item("Lidocaine", "head_nurse", 50, true)
		bibs, pouches := k.item("Bibs", "front_desk", 500, true), k.item("Pouches", "head_nurse", 200, true)
		old := k.item("Old paste", "head_nurse", 10, false)
		k.level(gloves, store, 100, 40, 10)
		k.level(gloves, op, 20, 10, 5)
		k.level(lido, store, 50, 20, 5)
		k.level(bibs, store, 200, 50, 20)
		k.level(old, store, 10, 5, 2)
		k.level(bibs, closed, 10, 5, 2)
		g1 := k.lot(gloves, store, "", "", 30)
		k.stock(gloves, op, g1, 5)
		l1 := k.lot(lido, store, "L1", "2026-03-25", 8)
		k.lot(lido, store, "L2", "2026-06-01", 10)
		k.lot(lido, store, "L3", "2026-04-05", 0)
		b1 := k.lot(bibs, store, "", "", 100)
		p0 := k.lot(pouches, store, "P0", "2026-03-01", 3)
		// 90 gloves and 300 bibs used in the 30 days before 10 March: 11.6 and 10.0
		// days left; 12 carpules: 45 days. Older use and today's do not count.
		k.move(gloves, g1, op, "", 90, "consumption", "manual", "", "", warsaw(1, 12, 0))
		k.move(bibs, b1, store, "", 300, "consumption", "manual", "", "", warsaw(9, 23, 30))
		k.move(bibs, b1, store, "", 50, "consumption", "manual", "", "", warsaw(10, 0, 30))
		k.move(lido, l1, store, "", 12, "consumption", "manual", "", "", time.Date(2026, 2, 7, 23, 0, 0, 0, time.UTC))
		k.move(lido, l1, store, "", 100, "consumption", "manual", "", "", time.Date(2026, 2, 7, 22, 59, 0, 0, time.UTC))

		k.rebuild("2026-03-10")
		k.rebuild("2026-03-09")
		want := func(figure string, n int64, labels map[string]string) {
			t.Helper()
			p, rows := k.day(figure, "2026-03-10", "")
			if p.Num != n || fmt.Sprint(rows) != fmt.Sprint(labels) {
				t.Fatalf("%s: %d %v, want %d %v", figure, p.Num, rows, n, labels)
			}
		}
		want(ItemsCritical, 1, map[string]string{gloves: "Gloves: Operatory 5 ≤ 5"})
		want(ItemsBelowReorder, 2, map[string]string{gloves: "Gloves: Operatory 5 ≤ 10; Storage 30 ≤ 40", lido: "Lidocaine: Storage 18 ≤ 20"})
		want(ItemsShortOfSupply, 2, map[string]string{
			gloves: "Gloves: 11.6 days left (35 piece on hand, 90 used in 30 days)",
			bibs:   "Bibs: 10.0 days left (100 piece on hand, 300 used in 30 days)"})
		want(LotsExpiring30d, 2, map[string]string{p0: "Pouches, lot P0, expires 2026-03-01 (3 on hand)",
			l1: "Lidocaine, lot L1, expires 2026-03-25 (8 on hand)"})

		// The nurse's board reads every item's days now (the window ends at 07:00 today,
		// so the carpules used on 7 February have left it).
		list, err := k.s.Supply(context.Background(), k.branch, "head_nurse")
		if err != nil || fmt.Sprint(list) != fmt.Sprint([]ItemSupply{
			{ItemID: gloves, ItemName: "Gloves", Unit: "piece", OnHand: 35, Used: 90, DaysLeft: "11.6", Short: true},
			{ItemID: lido, ItemName: "Lidocaine", Unit: "piece", OnHand: 18},
			{ItemID: pouches, ItemName: "Pouches", Unit: "piece", OnHand: 3}}) {
			t.Fatalf("supply %+v %v", list, err)
		}

		// Restocked at noon: the day keeps its morning count; the past day has none.
		k.stock(gloves, op, g1, 20)
		k.setNow(warsaw(10, 12, 0))
		k.rebuild("2026-03-10")
		want(ItemsCritical, 1, map[string]string{gloves: "Gloves: Operatory 5 ≤ 5"})
		if p, _ := k.day(ItemsBelowReorder, "2026-03-09", ""); p.Num != 0 {
			t.Fatalf("a past day got levels counted later: %d", p.Num)
		}
		k.setNow(warsaw(11, 7, 0))
		k.rebuild("2026-03-11")
		if p, rows := k.day(ItemsCritical, "2026-03-11", ""); p.Num != 0 || len(rows) != 0 {
			t.Fatalf("the next morning still critical: %d %v", p.Num, rows)
		}
	})
}

// Consumed per procedure: each completed visit's materials at its lots' cost (the
// order line it came on, else the item's preferred supplier), less what was put
// back, over the day's completed visits, with each visit's doctor.
func TestConsumedPerProcedureIsValuedAtTheLotsCost(t *testing.T) {
	eachSupplyDB(t, func(t *testing.T, k *supplyKit) {
		k.setNow(warsaw(10, 9, 0))
		op := k.location("Operatory", true)
		lido, gloves := k.item("Lidocaine", "head_nurse", 50, true), k.item("Gloves", "head_nurse", 100, true)
		k.supplier(gloves, 1000, false)
		k.supplier(gloves, 1500, true)              // preferred: 15 a glove
		line := k.orderLine(lido, op, 1, 50, 10000) // 200 a carpule
		l1, g1 := k.lot(lido, op, "L1", "2027-01-01", 40), k.lot(gloves, op, "", "", 100)
		k.move(lido, l1, "", op, 50, "receipt", "order_line", line, "", warsaw(1, 9, 0))
		g2 := k.lot(gloves, op, "G2", "", 99) // came on an order at 20 a glove
		k.move(gloves, g2, "", op, 100, "receipt", "order_line", k.orderLine(gloves, op, 1, 100, 2000), "", warsaw(2, 9, 0))
		drA, drB := k.doctors[0], k.doctors[1]
		v1 := k.visit(drA, warsaw(9, 10, 0), "completed")
		v2 := k.visit(drB, warsaw(9, 12, 0), "completed")
		v3 := k.visit(drB, warsaw(9, 14, 0), "arrived")
		v4 := k.visit(drA, warsaw(8, 10, 0), "completed")
		k.move(lido, l1, op, "", 2, "consumption", "visit", v1, v1, warsaw(9, 11, 0))
		k.move(gloves, g1, op, "", 4, "consumption", "visit", v1, v1, warsaw(9, 11, 0))
		k.move(gloves, g2, op, "", 1, "consumption", "visit", v1, v1, warsaw(9, 11, 0))
		k.move(lido, l1, "", op, 1, "correction", "manual", v1, v1, warsaw(9, 11, 30))
		k.move(lido, l1, op, "", 5, "consumption", "visit", v3, v3, warsaw(9, 15, 0))
		k.move(gloves, g1, op, "", 10, "consumption", "visit", v4, v4, warsaw(8, 11, 0))

		k.rebuild("2026-03-09")
		p, rows := k.day(ConsumedPerProcedure, "2026-03-09", "")
		if p.Num != 280 || p.Den != 2 || *p.Value != 140 {
			t.Fatalf("consumed %d/%d, want 280/2 (2 carpules at 200 + 4 gloves at 15 + 1 at 20 - 1 carpule put back; nothing on the second)", p.Num, p.Den)
		}
		if len(rows) != 2 || rows[v1] != "Gloves ×5, Lidocaine ×1" || rows[v2] != "" {
			t.Fatalf("rows %v", rows)
		}
		if p, rows := k.day(ConsumedPerProcedure, "2026-03-09", drA); p.Num != 280 || p.Den != 1 || len(rows) != 1 {
			t.Fatalf("Dr A's part %d/%d %v, want 280/1", p.Num, p.Den, rows)
		}
		if p, _ := k.day(ConsumedPerProcedure, "2026-03-09", drB); p.Num != 0 || p.Den != 1 {
			t.Fatalf("Dr B's part %d/%d, want 0/1", p.Num, p.Den)
		}
		k.rebuild("2026-03-08")
		if p, _ := k.day(ConsumedPerProcedure, "2026-03-08", ""); p.Num != 150 || p.Den != 1 {
			t.Fatalf("8 March %d/%d, want 150/1 (10 gloves at 15)", p.Num, p.Den)
		}
		if !slices.Equal(names(k.s.Catalog()), []string{ItemsCritical, ItemsBelowReorder, ItemsShortOfSupply, LotsExpiring30d, ConsumedPerProcedure}) {
			t.Fatalf("catalog %v", names(k.s.Catalog()))
		}
	})
}

func names(ds []Definition) []string {
	var out []string
	for _, d := range ds {
		out = append(out, d.Name)
	}
	return out
}
