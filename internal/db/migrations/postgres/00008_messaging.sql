-- +goose Up
-- What a WhatsApp template message needs besides the rendered text: the template's
-- fields as strings, in the order the provider's approved template numbers them.
ALTER TABLE outbox ADD COLUMN template_data TEXT NOT NULL DEFAULT '{}';

-- The channels a branch speaks through, one provider per medium. settings holds the
-- provider's account, sender and secrets; the API never returns the secrets in full.
CREATE TABLE branch_channels (
    branch_id  UUID NOT NULL REFERENCES branches (id),
    medium     TEXT NOT NULL CHECK (medium IN ('sms', 'whatsapp', 'email')),
    provider   TEXT NOT NULL,
    settings   TEXT NOT NULL DEFAULT '{}',
    enabled    BOOLEAN NOT NULL DEFAULT FALSE,
    updated_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (branch_id, medium)
);

-- Every provider call is written down before it is made: a row left unfinished after a
-- crash is reconciled with the provider, never blindly sent again.
CREATE TABLE outbox_attempts (
    outbox_id   UUID NOT NULL REFERENCES outbox (id),
    attempt     INTEGER NOT NULL,
    medium      TEXT NOT NULL,
    recipient   TEXT NOT NULL,
    started_at  TIMESTAMPTZ NOT NULL,
    finished_at TIMESTAMPTZ,
    outcome     TEXT NOT NULL DEFAULT '',
    provider_id TEXT NOT NULL DEFAULT '',
    error       TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (outbox_id, attempt)
);
CREATE INDEX outbox_attempts_open ON outbox_attempts (started_at) WHERE finished_at IS NULL;
CREATE INDEX outbox_provider ON outbox (provider_id);

-- Opt-outs and opt-ins per address and medium; the newest row about an address (or
-- the patient) on a medium wins. Rows are never edited: the ledger is the evidence.
CREATE TABLE consent_ledger (
    id         UUID PRIMARY KEY,
    patient_id UUID REFERENCES patients (id),
    address    TEXT NOT NULL,
    medium     TEXT NOT NULL,
    opted_out  BOOLEAN NOT NULL DEFAULT FALSE,
    source     TEXT NOT NULL,
    at         TIMESTAMPTZ NOT NULL
);
CREATE INDEX consent_ledger_address ON consent_ledger (address, medium, at);
CREATE INDEX consent_ledger_patient ON consent_ledger (patient_id, medium, at);

-- Our short links (/l/{code}) save SMS characters; the code is random, not a counter.
CREATE TABLE short_links (
    code       TEXT PRIMARY KEY,
    url        TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);

-- Messages patients send us, matched (when we can) to the question they answer.
CREATE TABLE inbound_messages (
    id             UUID PRIMARY KEY,
    medium         TEXT NOT NULL,
    provider       TEXT NOT NULL,
    provider_id    TEXT NOT NULL,
    from_address   TEXT NOT NULL,
    to_address     TEXT NOT NULL DEFAULT '',
    body           TEXT NOT NULL,
    intent         TEXT NOT NULL,
    patient_id     UUID REFERENCES patients (id),
    outbox_id      UUID REFERENCES outbox (id),
    appointment_id UUID REFERENCES appointments (id),
    received_at    TIMESTAMPTZ NOT NULL
);
CREATE UNIQUE INDEX inbound_messages_provider ON inbound_messages (provider, provider_id);
CREATE INDEX inbound_messages_patient ON inbound_messages (patient_id, received_at);
CREATE INDEX inbound_messages_from ON inbound_messages (from_address, medium, received_at);

-- Provider delivery reports; one (message, status) pair is one event however often it
-- is posted.
CREATE TABLE delivery_events (
    id          UUID PRIMARY KEY,
    outbox_id   UUID REFERENCES outbox (id),
    provider_id TEXT NOT NULL,
    status      TEXT NOT NULL,
    error_code  TEXT NOT NULL DEFAULT '',
    at          TIMESTAMPTZ NOT NULL,
    UNIQUE (provider_id, status)
);

-- The front desk's inbox: declines, replies to read, failed deliveries, strangers.
CREATE TABLE inbox_tasks (
    id             UUID PRIMARY KEY,
    kind           TEXT NOT NULL CHECK (kind IN ('decline', 'reply', 'delivery_failed', 'unmatched')),
    patient_id     UUID REFERENCES patients (id),
    appointment_id UUID REFERENCES appointments (id),
    branch_id      UUID REFERENCES branches (id),
    inbound_id     UUID REFERENCES inbound_messages (id),
    outbox_id      UUID REFERENCES outbox (id),
    text           TEXT NOT NULL DEFAULT '',
    status         TEXT NOT NULL CHECK (status IN ('open', 'done')),
    created_at     TIMESTAMPTZ NOT NULL,
    done_at        TIMESTAMPTZ,
    done_by        TEXT
);
CREATE INDEX inbox_tasks_open ON inbox_tasks (status, created_at);

-- +goose Down
DROP TABLE inbox_tasks;
DROP TABLE delivery_events;
DROP TABLE inbound_messages;
DROP TABLE short_links;
DROP TABLE consent_ledger;
DROP INDEX outbox_provider;
DROP TABLE outbox_attempts;
DROP TABLE branch_channels;
ALTER TABLE outbox DROP COLUMN template_data;
