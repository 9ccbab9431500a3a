-- +goose Up
-- The front desk's inbox becomes its work queue: a due time, a queue or an assignee, a
-- claim that keeps two administrators off one call, a note on closing, and the tries
-- (task_attempts, append-only).
ALTER TABLE inbox_tasks DROP CONSTRAINT inbox_tasks_kind_check;
ALTER TABLE inbox_tasks ADD CONSTRAINT inbox_tasks_kind_check CHECK (kind IN ('decline', 'reply', 'delivery_failed',
    'unmatched', 'follow_up_call', 'callback', 'review_reply', 'stock', 'maintenance'));
ALTER TABLE inbox_tasks ADD COLUMN due_at TIMESTAMPTZ;
UPDATE inbox_tasks SET due_at = created_at;
ALTER TABLE inbox_tasks ALTER COLUMN due_at SET NOT NULL;
ALTER TABLE inbox_tasks ADD COLUMN queue TEXT NOT NULL DEFAULT 'front_desk';
ALTER TABLE inbox_tasks ADD COLUMN assignee_id UUID REFERENCES staff (id);
ALTER TABLE inbox_tasks ADD COLUMN claimed_by UUID REFERENCES staff (id);
ALTER TABLE inbox_tasks ADD COLUMN claimed_until TIMESTAMPTZ;
ALTER TABLE inbox_tasks ADD COLUMN done_note TEXT NOT NULL DEFAULT '';
CREATE INDEX inbox_tasks_due ON inbox_tasks (status, due_at);

CREATE TABLE task_attempts (
    id      UUID PRIMARY KEY,
    task_id UUID NOT NULL REFERENCES inbox_tasks (id),
    staff_id UUID NOT NULL REFERENCES staff (id),
    at      TIMESTAMPTZ NOT NULL,
    outcome TEXT NOT NULL CHECK (outcome IN ('reached', 'no_answer', 'busy', 'wrong_number', 'left_message', 'other')),
    note    TEXT NOT NULL DEFAULT ''
);
CREATE INDEX task_attempts_task ON task_attempts (task_id, at);

-- +goose Down
DROP TABLE task_attempts;
DROP INDEX inbox_tasks_due;
ALTER TABLE inbox_tasks DROP COLUMN done_note, DROP COLUMN claimed_until, DROP COLUMN claimed_by,
    DROP COLUMN assignee_id, DROP COLUMN queue, DROP COLUMN due_at;
ALTER TABLE inbox_tasks DROP CONSTRAINT inbox_tasks_kind_check;
ALTER TABLE inbox_tasks ADD CONSTRAINT inbox_tasks_kind_check CHECK (kind IN ('decline', 'reply', 'delivery_failed',
    'unmatched'));
