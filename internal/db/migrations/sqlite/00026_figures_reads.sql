-- +goose Up
-- The figures recount a branch's day every ten minutes and eight days each night: the
-- tasks closed, the follow-ups closed and the follow-up calls due on a day are read by
-- branch and time instead of walking every task and call ever made.
CREATE INDEX inbox_tasks_done ON inbox_tasks (branch_id, done_at);
CREATE INDEX follow_ups_closed ON follow_ups (branch_id, closed_at);
CREATE INDEX follow_up_attempts_due ON follow_up_attempts (due_at);
-- A year of a branch's figures is read from these two indexes alone, never the tables:
-- the day sums by branch, doctor or person and day, and the rows a median is made of.
CREATE INDEX figure_days_read ON figure_days (branch_id, doctor_id, staff_id, day, figure, num, den);
CREATE INDEX figure_facts_median ON figure_facts (branch_id, figure, day, doctor_id, staff_id, num);

-- +goose Down
DROP INDEX figure_facts_median;
DROP INDEX figure_days_read;
DROP INDEX follow_up_attempts_due;
DROP INDEX follow_ups_closed;
DROP INDEX inbox_tasks_done;
