package figures

// The supplies figures' names, as the API, CSV, thresholds and console key on them.
const (
	ItemsCritical        = "items_critical"
	ItemsBelowReorder    = "items_below_reorder"
	ItemsShortOfSupply   = "items_short_of_supply"
	LotsExpiring30d      = "lots_expiring_30d"
	ConsumedPerProcedure = "consumed_per_procedure"
)

// The head nurse's horizons: an item is short under shortDays of supply (its mean
// daily use over usageDays), a lot is expiring within expiryDays.
const (
	shortDays  = 14
	usageDays  = 30
	expiryDays = 30
)

// supplyFigures are the supplies figures, in the dashboard's order.
var supplyFigures = []Definition{
	{Name: ItemsCritical, Group: "supplies", Unit: Count, Sum: Last, Subject: "item",
		Text: "Items at or below their critical level at one of the branch's locations, counted at the day's first count (a level: a period shows its newest day)."},
	{Name: ItemsBelowReorder, Group: "supplies", Unit: Count, Sum: Last, Subject: "item",
		Text: "Items at or below their reorder point at one of the branch's locations (critical ones too), counted at the day's first count."},
	{Name: ItemsShortOfSupply, Group: "supplies", Unit: Count, Sum: Last, Subject: "item",
		Text: "Items whose days of supply left (the branch's stock ÷ its mean daily use over the 30 days before the day) are fewer than 14, counted at the day's first count; each row gives the days left."},
	{Name: LotsExpiring30d, Group: "supplies", Unit: Count, Sum: Last, Subject: "lot",
		Text: "Lots in the branch's stock expiring within 30 days of the day (expired ones still on the shelf too), counted at the day's first count."},
	{Name: ConsumedPerProcedure, Group: "supplies", Unit: Money, Sum: Add, Subject: "visit",
		Text: "Value of the materials consumed on the day's completed visits (minor units at each lot's purchase cost, less what was put back) ÷ completed visits; rows carry the visit's doctor."},
}

// supplyCollectors count the supplies figures: the levels once, at the day's first
// rebuild on the day itself (stock has no history to recount them from), and the
// materials consumed on every rebuild.
func (s *Service) supplyCollectors() []Collector {
	return []Collector{
		{Name: "supply_levels", Figures: []string{ItemsCritical, ItemsBelowReorder, ItemsShortOfSupply, LotsExpiring30d},
			Frozen: true, Collect: collectSupplyLevels},
		{Name: "supply_consumption", Figures: []string{ConsumedPerProcedure}, Collect: collectConsumption},
	}
}
