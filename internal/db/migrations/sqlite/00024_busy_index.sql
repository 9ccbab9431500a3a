-- +goose Up
-- Availability reads every busy stretch of a branch over up to a month (thousands of
-- rows at a big clinic): this index holds every column it reads, so the answer walks
-- the index alone and never the table. It leads with (branch_id, starts_at), so it
-- replaces the old index of those two columns and a booking still maintains as many.
CREATE INDEX appointments_busy ON appointments (branch_id, starts_at, blocked_until, status, hold_expires_at, doctor_id, chair_id);
DROP INDEX appointments_branch_time;

-- +goose Down
CREATE INDEX appointments_branch_time ON appointments (branch_id, starts_at);
DROP INDEX appointments_busy;
