-- +goose Up
-- Supplies: items and their suppliers, each branch's tree of stock locations, levels per
-- item and location, lots with expiry, the append-only ledger of stock moves with the
-- current stock it keeps (never below zero), bills of materials per service with
-- per-doctor overrides, shortfalls, purchase orders, count sessions and maintenance.
-- Quantities are whole units of the item's unit (a carpule, a capsule, a glove).
CREATE TABLE inventory_items (
    id             UUID PRIMARY KEY,
    sku            TEXT NOT NULL UNIQUE,
    name           TEXT NOT NULL,
    names          TEXT NOT NULL DEFAULT '{}',
    category       TEXT NOT NULL CHECK (category IN ('household', 'dental_material', 'medication', 'instrument', 'equipment')),
    unit           TEXT NOT NULL,
    pack_unit      TEXT NOT NULL,
    pack_size      INTEGER NOT NULL CHECK (pack_size > 0),
    board          TEXT NOT NULL CHECK (board IN ('front_desk', 'head_nurse')),
    lot_tracked    BOOLEAN NOT NULL DEFAULT FALSE,
    expiry_tracked BOOLEAN NOT NULL DEFAULT FALSE,
    active         BOOLEAN NOT NULL DEFAULT TRUE,
    created_at     TIMESTAMPTZ NOT NULL,
    updated_at     TIMESTAMPTZ NOT NULL
);

CREATE TABLE suppliers (
    id         UUID PRIMARY KEY,
    name       TEXT NOT NULL,
    email      TEXT NOT NULL DEFAULT '',
    phone      TEXT NOT NULL DEFAULT '',
    locale     TEXT NOT NULL DEFAULT 'en' CHECK (locale IN ('en', 'ru', 'pl', 'sv')),
    active     BOOLEAN NOT NULL DEFAULT TRUE,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE item_suppliers (
    item_id          UUID NOT NULL REFERENCES inventory_items (id),
    supplier_id      UUID NOT NULL REFERENCES suppliers (id),
    catalogue_number TEXT NOT NULL DEFAULT '',
    pack_price_minor BIGINT NOT NULL CHECK (pack_price_minor >= 0),
    currency         TEXT NOT NULL,
    lead_days        INTEGER NOT NULL DEFAULT 0 CHECK (lead_days >= 0),
    preferred        BOOLEAN NOT NULL DEFAULT FALSE,
    PRIMARY KEY (item_id, supplier_id)
);
CREATE INDEX item_suppliers_supplier ON item_suppliers (supplier_id);

CREATE TABLE stock_locations (
    id         UUID PRIMARY KEY,
    branch_id  UUID NOT NULL REFERENCES branches (id),
    parent_id  UUID REFERENCES stock_locations (id),
    name       TEXT NOT NULL,
    kind       TEXT NOT NULL CHECK (kind IN ('storage', 'shelf', 'operatory', 'reception', 'other')),
    chair_id   UUID REFERENCES chairs (id),
    clinical_default BOOLEAN NOT NULL DEFAULT FALSE,
    active     BOOLEAN NOT NULL DEFAULT TRUE,
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX stock_locations_branch ON stock_locations (branch_id);
CREATE UNIQUE INDEX stock_locations_chair ON stock_locations (chair_id) WHERE chair_id IS NOT NULL AND active;
CREATE UNIQUE INDEX stock_locations_default ON stock_locations (branch_id) WHERE clinical_default AND active;

CREATE TABLE item_levels (
    item_id        UUID NOT NULL REFERENCES inventory_items (id),
    location_id    UUID NOT NULL REFERENCES stock_locations (id),
    par_level      BIGINT NOT NULL CHECK (par_level >= 0),
    reorder_point  BIGINT NOT NULL CHECK (reorder_point >= 0),
    critical_level BIGINT NOT NULL CHECK (critical_level >= 0),
    PRIMARY KEY (item_id, location_id),
    CHECK (critical_level <= reorder_point AND reorder_point <= par_level)
);
CREATE INDEX item_levels_location ON item_levels (location_id);

-- A lot of an item; items without lot tracking keep one lot per expiry date with an
-- empty number, so stock is always keyed by (item, location, lot).
CREATE TABLE stock_lots (
    id         UUID PRIMARY KEY,
    item_id    UUID NOT NULL REFERENCES inventory_items (id),
    lot_number TEXT NOT NULL DEFAULT '',
    expires_on TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMPTZ NOT NULL,
    UNIQUE (item_id, lot_number, expires_on)
);
CREATE INDEX stock_lots_expiry ON stock_lots (expires_on) WHERE expires_on <> '';

CREATE TABLE stock (
    item_id     UUID NOT NULL REFERENCES inventory_items (id),
    location_id UUID NOT NULL REFERENCES stock_locations (id),
    lot_id      UUID NOT NULL REFERENCES stock_lots (id),
    quantity    BIGINT NOT NULL CHECK (quantity >= 0),
    updated_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (item_id, location_id, lot_id)
);
CREATE INDEX stock_location ON stock (location_id, item_id);
CREATE INDEX stock_lot ON stock (lot_id);

-- The ledger. seq orders moves (a count carries over those after its snapshot);
-- a move is undone only by a new move that reverses it, at most once.
CREATE TABLE stock_moves (
    seq              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id               UUID NOT NULL UNIQUE,
    item_id          UUID NOT NULL REFERENCES inventory_items (id),
    lot_id           UUID NOT NULL REFERENCES stock_lots (id),
    from_location_id UUID REFERENCES stock_locations (id),
    to_location_id   UUID REFERENCES stock_locations (id),
    quantity         BIGINT NOT NULL CHECK (quantity > 0),
    reason           TEXT NOT NULL CHECK (reason IN ('receipt', 'consumption', 'count', 'transfer', 'waste', 'return', 'correction')),
    source_kind      TEXT NOT NULL CHECK (source_kind IN ('manual', 'order_line', 'visit', 'count', 'reversal', 'import')),
    source_id        TEXT NOT NULL DEFAULT '',
    appointment_id   UUID REFERENCES appointments (id),
    reverses_id      UUID UNIQUE REFERENCES stock_moves (id),
    note             TEXT NOT NULL DEFAULT '',
    staff_id         UUID REFERENCES staff (id),
    at               TIMESTAMPTZ NOT NULL,
    CHECK (from_location_id IS NOT NULL OR to_location_id IS NOT NULL)
);
CREATE INDEX stock_moves_item ON stock_moves (item_id, at);
CREATE INDEX stock_moves_lot ON stock_moves (lot_id);
CREATE INDEX stock_moves_from ON stock_moves (from_location_id, seq);
CREATE INDEX stock_moves_to ON stock_moves (to_location_id, seq);
CREATE INDEX stock_moves_at ON stock_moves (at);
CREATE INDEX stock_moves_visit ON stock_moves (appointment_id) WHERE appointment_id IS NOT NULL;
-- Days of supply sum each item's recent consumption at a location from this index alone.
CREATE INDEX stock_moves_usage ON stock_moves (item_id, from_location_id, at, quantity) WHERE reason = 'consumption';

-- +goose StatementBegin
CREATE FUNCTION stock_moves_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'stock_moves is append-only: reverse a move instead' USING ERRCODE = 'check_violation';
END;
$$;
-- +goose StatementEnd
CREATE TRIGGER stock_moves_no_change BEFORE UPDATE OR DELETE ON stock_moves
    FOR EACH ROW EXECUTE FUNCTION stock_moves_append_only();

-- Bills of materials: the default per service, and a doctor's own quantities (0 drops
-- the item for that doctor).
CREATE TABLE service_materials (
    service_id UUID NOT NULL REFERENCES services (id),
    item_id    UUID NOT NULL REFERENCES inventory_items (id),
    quantity   BIGINT NOT NULL CHECK (quantity > 0),
    PRIMARY KEY (service_id, item_id)
);

CREATE TABLE doctor_materials (
    service_id UUID NOT NULL REFERENCES services (id),
    doctor_id  UUID NOT NULL REFERENCES doctors (id),
    item_id    UUID NOT NULL REFERENCES inventory_items (id),
    quantity   BIGINT NOT NULL CHECK (quantity >= 0),
    PRIMARY KEY (service_id, doctor_id, item_id)
);

-- One row per consumed visit: the key that makes a redelivered event deduct once.
CREATE TABLE visit_consumptions (
    appointment_id UUID PRIMARY KEY REFERENCES appointments (id),
    location_id    UUID NOT NULL REFERENCES stock_locations (id),
    at             TIMESTAMPTZ NOT NULL
);

CREATE TABLE stock_shortfalls (
    id             UUID PRIMARY KEY,
    appointment_id UUID REFERENCES appointments (id),
    item_id        UUID NOT NULL REFERENCES inventory_items (id),
    location_id    UUID NOT NULL REFERENCES stock_locations (id),
    quantity       BIGINT NOT NULL CHECK (quantity > 0),
    task_id        UUID,
    at             TIMESTAMPTZ NOT NULL
);
CREATE INDEX stock_shortfalls_item ON stock_shortfalls (item_id, at);

CREATE TABLE purchase_orders (
    id          UUID PRIMARY KEY,
    number      TEXT NOT NULL UNIQUE,
    branch_id   UUID NOT NULL REFERENCES branches (id),
    supplier_id UUID NOT NULL REFERENCES suppliers (id),
    location_id UUID NOT NULL REFERENCES stock_locations (id),
    status      TEXT NOT NULL CHECK (status IN ('draft', 'sent', 'partly_received', 'received', 'cancelled')),
    currency    TEXT NOT NULL,
    note        TEXT NOT NULL DEFAULT '',
    created_by  UUID REFERENCES staff (id),
    created_at  TIMESTAMPTZ NOT NULL,
    sent_at     TIMESTAMPTZ,
    updated_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX purchase_orders_branch ON purchase_orders (branch_id, status);

CREATE TABLE purchase_order_lines (
    id               UUID PRIMARY KEY,
    order_id         UUID NOT NULL REFERENCES purchase_orders (id),
    item_id          UUID NOT NULL REFERENCES inventory_items (id),
    packs            INTEGER NOT NULL CHECK (packs > 0),
    pack_size        INTEGER NOT NULL CHECK (pack_size > 0),
    pack_price_minor BIGINT NOT NULL CHECK (pack_price_minor >= 0),
    received_units   BIGINT NOT NULL DEFAULT 0 CHECK (received_units >= 0),
    UNIQUE (order_id, item_id)
);

CREATE TABLE count_sessions (
    id           UUID PRIMARY KEY,
    location_id  UUID NOT NULL REFERENCES stock_locations (id),
    status       TEXT NOT NULL CHECK (status IN ('open', 'posted', 'cancelled')),
    snapshot_seq BIGINT NOT NULL,
    started_by   UUID REFERENCES staff (id),
    started_at   TIMESTAMPTZ NOT NULL,
    posted_at    TIMESTAMPTZ
);
CREATE UNIQUE INDEX count_sessions_open ON count_sessions (location_id) WHERE status = 'open';

CREATE TABLE count_lines (
    session_id UUID NOT NULL REFERENCES count_sessions (id),
    item_id    UUID NOT NULL REFERENCES inventory_items (id),
    lot_id     UUID NOT NULL REFERENCES stock_lots (id),
    counted    BIGINT NOT NULL CHECK (counted >= 0),
    reason     TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (session_id, item_id, lot_id)
);

CREATE TABLE maintenance_jobs (
    id            UUID PRIMARY KEY,
    branch_id     UUID NOT NULL REFERENCES branches (id),
    item_id       UUID REFERENCES inventory_items (id),
    title         TEXT NOT NULL,
    every_n       INTEGER CHECK (every_n > 0),
    every_unit    TEXT CHECK (every_unit IN ('day', 'week', 'month', 'year')),
    next_due_on   TEXT,
    grace_days    INTEGER NOT NULL DEFAULT 3 CHECK (grace_days >= 0),
    assignee_id   UUID REFERENCES staff (id),
    task_id       UUID,
    escalated     BOOLEAN NOT NULL DEFAULT FALSE,
    active        BOOLEAN NOT NULL DEFAULT TRUE,
    created_at    TIMESTAMPTZ NOT NULL,
    CHECK ((every_n IS NULL) = (every_unit IS NULL))
);
CREATE INDEX maintenance_jobs_due ON maintenance_jobs (active, next_due_on);

CREATE TABLE maintenance_done (
    id       UUID PRIMARY KEY,
    job_id   UUID NOT NULL REFERENCES maintenance_jobs (id),
    due_on   TEXT NOT NULL,
    done_at  TIMESTAMPTZ NOT NULL,
    staff_id UUID REFERENCES staff (id),
    note     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX maintenance_done_job ON maintenance_done (job_id, done_at);

-- Who gets each board's daily digest in a branch.
CREATE TABLE inventory_boards (
    branch_id UUID NOT NULL REFERENCES branches (id),
    board     TEXT NOT NULL CHECK (board IN ('front_desk', 'head_nurse')),
    staff_id  UUID NOT NULL REFERENCES staff (id),
    PRIMARY KEY (branch_id, board)
);

-- +goose Down
DROP TABLE inventory_boards;
DROP TABLE maintenance_done;
DROP TABLE maintenance_jobs;
DROP TABLE count_lines;
DROP TABLE count_sessions;
DROP TABLE purchase_order_lines;
DROP TABLE purchase_orders;
DROP TABLE stock_shortfalls;
DROP TABLE visit_consumptions;
DROP TABLE doctor_materials;
DROP TABLE service_materials;
DROP TABLE stock_moves;
DROP FUNCTION stock_moves_append_only();
DROP TABLE stock;
DROP TABLE stock_lots;
DROP TABLE item_levels;
DROP TABLE stock_locations;
DROP TABLE item_suppliers;
DROP TABLE suppliers;
DROP TABLE inventory_items;
