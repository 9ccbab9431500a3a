-- +goose Up
-- Purchasing: the yearly counter behind purchase order numbers (PO/2026/000123), taken
-- by one atomic upsert so two orders never share a number; and files sent with an
-- e-mail (a purchase order's PDF), written with their outbox row in one transaction.
CREATE TABLE purchase_order_numbers (
    year        INTEGER PRIMARY KEY,
    last_number BIGINT NOT NULL CHECK (last_number > 0)
);

CREATE TABLE outbox_attachments (
    outbox_id    TEXT NOT NULL REFERENCES outbox (id),
    position     INTEGER NOT NULL CHECK (position >= 0),
    filename     TEXT NOT NULL,
    content_type TEXT NOT NULL,
    content      BLOB NOT NULL,
    PRIMARY KEY (outbox_id, position)
);

CREATE INDEX purchase_orders_created ON purchase_orders (created_at, id);
CREATE INDEX purchase_order_lines_item ON purchase_order_lines (item_id);

-- +goose Down
DROP INDEX purchase_order_lines_item;
DROP INDEX purchase_orders_created;
DROP TABLE outbox_attachments;
DROP TABLE purchase_order_numbers;
