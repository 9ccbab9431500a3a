-- +goose Up
-- Recall: how many months after a visit of each service the patient should come back
-- (a row only where the clinic overrides the default), each patient's recall per
-- service (one row, moved later by every newer completed visit), and treatment plans
-- whose stages become due one after another as their visits complete.
CREATE TABLE recall_rules (
    service_id TEXT PRIMARY KEY REFERENCES services (id),
    months     INTEGER NOT NULL CHECK (months BETWEEN 0 AND 36),
    updated_by TEXT REFERENCES staff (id),
    updated_at TIMESTAMP NOT NULL
);

CREATE TABLE recalls (
    id                  TEXT PRIMARY KEY,
    patient_id          TEXT NOT NULL REFERENCES patients (id),
    service_id          TEXT NOT NULL REFERENCES services (id),
    branch_id           TEXT NOT NULL REFERENCES branches (id),
    due_on              TEXT NOT NULL,
    last_visit_at       TIMESTAMP NOT NULL,
    from_appointment_id TEXT NOT NULL REFERENCES appointments (id),
    status              TEXT NOT NULL CHECK (status IN ('due', 'messaged', 'dismissed')),
    messaged_at         TIMESTAMP,
    created_at          TIMESTAMP NOT NULL,
    updated_at          TIMESTAMP NOT NULL,
    UNIQUE (patient_id, service_id)
);
CREATE INDEX recalls_branch_due ON recalls (branch_id, due_on, id);
CREATE INDEX recalls_status_due ON recalls (status, due_on, id);

CREATE TABLE treatment_plans (
    id         TEXT PRIMARY KEY,
    patient_id TEXT NOT NULL REFERENCES patients (id),
    branch_id  TEXT NOT NULL REFERENCES branches (id),
    status     TEXT NOT NULL CHECK (status IN ('active', 'completed')),
    created_by TEXT REFERENCES staff (id),
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX treatment_plans_patient ON treatment_plans (patient_id, created_at, id);

CREATE TABLE treatment_plan_stages (
    plan_id             TEXT NOT NULL REFERENCES treatment_plans (id),
    position            INTEGER NOT NULL CHECK (position >= 0),
    service_id          TEXT NOT NULL REFERENCES services (id),
    after_days          INTEGER NOT NULL CHECK (after_days BETWEEN 0 AND 730),
    due_on              TEXT,
    done_at             TIMESTAMP,
    done_appointment_id TEXT REFERENCES appointments (id),
    messaged_at         TIMESTAMP,
    PRIMARY KEY (plan_id, position)
);
CREATE INDEX treatment_plan_stages_due ON treatment_plan_stages (due_on) WHERE done_at IS NULL;

-- +goose Down
DROP INDEX treatment_plan_stages_due;
DROP TABLE treatment_plan_stages;
DROP INDEX treatment_plans_patient;
DROP TABLE treatment_plans;
DROP INDEX recalls_status_due;
DROP INDEX recalls_branch_due;
DROP TABLE recalls;
DROP TABLE recall_rules;
