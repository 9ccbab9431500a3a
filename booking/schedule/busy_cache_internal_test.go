package schedule

import (
	"math"
	"testing"
	"time"
)

// Two answers that read the same day at different versions may store in either
// order: the later version stays.
func TestCachesKeepTheLaterVersion(t *testing.T) {
	b := &branchBusy{days: map[int64]busyDay{}, place: map[string]int32{}}
	visit := func(doctor string) heldRow {
		return heldRow{busyRow: busyRow{doctorID: doctor, chairID: "c", span: span{10 * utcDay, 10*utcDay + 600}}, lapses: math.MaxInt64}
	}
	b.store(10, 10, versions{lo: 10, hi: 10, days: []int64{2}}, []heldRow{visit("newer")}, 0)
	b.store(10, 10, versions{lo: 10, hi: 10, days: []int64{1}}, []heldRow{visit("older")}, 0)
	view := b.view(10, 10)
	if got := view.ids[0]; len(view.days[0].visits) != 1 || got != "newer" {
		t.Fatalf("day holds %v of %v, want the version-2 read", view.days[0].visits, view.ids)
	}
	if _, _, stale := b.stale(10, 10, versions{lo: 10, hi: 10, days: []int64{2}}); stale {
		t.Fatal("a day at the database's version read as stale")
	}
	if first, last, stale := b.stale(9, 11, versions{lo: 10, hi: 10, days: []int64{2}}); !stale || first != 9 || last != 11 {
		t.Fatalf("days 9 and 11 are not cached: stale %v %d..%d", stale, first, last)
	}
}

// A hold occupies its doctor and chair until it lapses, and nothing after.
func TestALapsedHoldOccupiesNothing(t *testing.T) {
	b := &branchBusy{days: map[int64]busyDay{}, place: map[string]int32{}}
	hold := heldRow{busyRow: busyRow{doctorID: "d", chairID: "c", span: span{10 * utcDay, 10*utcDay + 600}}, lapses: 10*utcDay - 60}
	b.store(10, 10, versions{lo: 10, hi: 10, days: []int64{1}}, []heldRow{hold}, 0)
	r := rangeBusy{during: span{10 * utcDay, 11 * utcDay}, now: 10*utcDay - 120, branch: b.view(9, 11)}
	var g startGrid
	g.fill([]localDay{newLocalDay(civil{time.Unix(10*utcDay, 0).UTC()}, time.UTC)}, 600, r.during)
	free := func() (doctor, chair int) {
		sc := &gridScratch{grid: g}
		sets := sc.bitsets(2)
		sets[0].set(0, len(g.at))
		sets[1].set(0, len(g.at))
		r.clear(&g, 600, []string{"d"}, []string{"c"}, sets[:1], sets[1:])
		return sets[0].count(), sets[1].count()
	}
	if doctor, chair := free(); doctor != 143 || chair != 143 {
		t.Fatalf("before it lapses: doctor free at %d times, chair at %d", doctor, chair)
	}
	r.now = 10*utcDay - 60
	if doctor, chair := free(); doctor != 144 || chair != 144 {
		t.Fatalf("once lapsed: doctor free at %d times, chair at %d", doctor, chair)
	}
}
