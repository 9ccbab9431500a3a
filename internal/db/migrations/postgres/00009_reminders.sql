-- +goose Up
-- A branch's reminder rules (style, quiet hours, rules) as one JSON document; a branch
-- without a row uses the defaults.
CREATE TABLE reminder_settings (
    branch_id  UUID PRIMARY KEY REFERENCES branches (id),
    settings   TEXT NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);


-- One row per reminder a visit should get. A re-plan (a move, a confirmation, new
-- rules) writes a new version and cancels the old one's pending rows; the outbox row
-- of a plan carries the key reminder:<appointment>:<rule>:<version>. Rows are kept
-- narrow (the key and the branch are derived): a branch plans 300 000 of them at once.
CREATE TABLE reminder_plans (
    appointment_id UUID NOT NULL REFERENCES appointments (id),
    rule           TEXT NOT NULL,
    version        INTEGER NOT NULL,
    template       TEXT NOT NULL,
    due_at         TIMESTAMPTZ NOT NULL,
    status         TEXT NOT NULL CHECK (status IN ('planned', 'queued', 'cancelled', 'sent')),
    updated_at     TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (appointment_id, rule, version)
);

-- The sweep reads plans not yet queued in due order.
CREATE INDEX reminder_plans_due ON reminder_plans (status, due_at);

-- +goose Down
DROP TABLE reminder_plans;
DROP TABLE reminder_settings;
