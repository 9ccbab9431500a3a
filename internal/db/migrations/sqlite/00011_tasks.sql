-- +goose Up
-- The front desk's inbox becomes its work queue: a due time, a queue or an assignee, a
-- claim that keeps two administrators off one call, a note on closing, and the tries
-- (task_attempts, append-only). SQLite cannot widen the kind CHECK in place, so the
-- table is rebuilt under the same name; PostgreSQL alters it.
CREATE TABLE inbox_tasks_new (
    id             TEXT PRIMARY KEY,
    kind           TEXT NOT NULL CHECK (kind IN ('decline', 'reply', 'delivery_failed', 'unmatched',
                       'follow_up_call', 'callback', 'review_reply', 'stock', 'maintenance')),
    patient_id     TEXT REFERENCES patients (id),
    appointment_id TEXT REFERENCES appointments (id),
    branch_id      TEXT REFERENCES branches (id),
    inbound_id     TEXT REFERENCES inbound_messages (id),
    outbox_id      TEXT REFERENCES outbox (id),
    text           TEXT NOT NULL DEFAULT '',
    status         TEXT NOT NULL CHECK (status IN ('open', 'done')),
    created_at     TIMESTAMP NOT NULL,
    done_at        TIMESTAMP,
    done_by        TEXT,
    due_at         TIMESTAMP NOT NULL,
    queue          TEXT NOT NULL DEFAULT 'front_desk',
    assignee_id    TEXT REFERENCES staff (id),
    claimed_by     TEXT REFERENCES staff (id),
    claimed_until  TIMESTAMP,
    done_note      TEXT NOT NULL DEFAULT ''
);
INSERT INTO inbox_tasks_new (id, kind, patient_id, appointment_id, branch_id, inbound_id, outbox_id, text, status,
    created_at, done_at, done_by, due_at)
    SELECT id, kind, patient_id, appointment_id, branch_id, inbound_id, outbox_id, text, status,
    created_at, done_at, done_by, created_at FROM inbox_tasks;
DROP TABLE inbox_tasks;
ALTER TABLE inbox_tasks_new RENAME TO inbox_tasks;
CREATE INDEX inbox_tasks_open ON inbox_tasks (status, created_at);
CREATE INDEX inbox_tasks_due ON inbox_tasks (status, due_at);

CREATE TABLE task_attempts (
    id      TEXT PRIMARY KEY,
    task_id TEXT NOT NULL REFERENCES inbox_tasks (id),
    staff_id TEXT NOT NULL REFERENCES staff (id),
    at      TIMESTAMP NOT NULL,
    outcome TEXT NOT NULL CHECK (outcome IN ('reached', 'no_answer', 'busy', 'wrong_number', 'left_message', 'other')),
    note    TEXT NOT NULL DEFAULT ''
);
CREATE INDEX task_attempts_task ON task_attempts (task_id, at);

-- +goose Down
DROP TABLE task_attempts;
CREATE TABLE inbox_tasks_old (
    id             TEXT PRIMARY KEY,
    kind           TEXT NOT NULL CHECK (kind IN ('decline', 'reply', 'delivery_failed', 'unmatched')),
    patient_id     TEXT REFERENCES patients (id),
    appointment_id TEXT REFERENCES appointments (id),
    branch_id      TEXT REFERENCES branches (id),
    inbound_id     TEXT REFERENCES inbound_messages (id),
    outbox_id      TEXT REFERENCES outbox (id),
    text           TEXT NOT NULL DEFAULT '',
    status         TEXT NOT NULL CHECK (status IN ('open', 'done')),
    created_at     TIMESTAMP NOT NULL,
    done_at        TIMESTAMP,
    done_by        TEXT
);
INSERT INTO inbox_tasks_old SELECT id, kind, patient_id, appointment_id, branch_id, inbound_id, outbox_id, text, status,
    created_at, done_at, done_by FROM inbox_tasks;
DROP TABLE inbox_tasks;
ALTER TABLE inbox_tasks_old RENAME TO inbox_tasks;
CREATE INDEX inbox_tasks_open ON inbox_tasks (status, created_at);
