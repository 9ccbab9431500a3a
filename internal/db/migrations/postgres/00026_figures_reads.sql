-- +goose Up
-- The figures recount a branch's day every ten minutes and eight days each night: the
-- tasks closed, the follow-ups closed and the follow-up calls due on a day are read by
-- branch and time instead of walking every task and call ever made.
CREATE INDEX inbox_tasks_done ON inbox_tasks (branch_id, done_at);
CREATE INDEX follow_ups_closed ON follow_ups (branch_id, closed_at);
CREATE INDEX follow_up_attempts_due ON follow_up_attempts (due_at);
-- A day's sums carry their ISO week (its Monday) and month, so a year is added up by
-- period in the database, and say whether they are a morning's level (read per day:
-- a period shows its newest morning). The sums are a read model: they are dropped and
-- every counted day is marked stale, so the refresh job counts them again.
ALTER TABLE figure_days ADD COLUMN week TEXT NOT NULL DEFAULT '';
ALTER TABLE figure_days ADD COLUMN month TEXT NOT NULL DEFAULT '';
ALTER TABLE figure_days ADD COLUMN level INTEGER NOT NULL DEFAULT 0;
DELETE FROM figure_days;
UPDATE figure_runs SET dirty_since = rebuilt_at WHERE rebuilt_at IS NOT NULL AND dirty_since IS NULL;
-- A year of a branch's figures is read from these two indexes alone, never the tables:
-- the day sums by branch, doctor or person, and the rows a median is made of.
CREATE INDEX figure_days_read ON figure_days (branch_id, doctor_id, staff_id, level, day, figure, week, month, num, den);
CREATE INDEX figure_days_people ON figure_days (branch_id, level, day, staff_id, figure, week, month, num, den)
    WHERE staff_id <> '';
CREATE INDEX figure_facts_median ON figure_facts (branch_id, figure, day, doctor_id, staff_id, num);

-- +goose Down
DROP INDEX figure_facts_median;
DROP INDEX figure_days_people;
DROP INDEX figure_days_read;
ALTER TABLE figure_days DROP COLUMN level;
ALTER TABLE figure_days DROP COLUMN month;
ALTER TABLE figure_days DROP COLUMN week;
DROP INDEX follow_up_attempts_due;
DROP INDEX follow_ups_closed;
DROP INDEX inbox_tasks_done;
