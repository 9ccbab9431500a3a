-- +goose Up
-- The language a staff member chose for the console; empty means the branch's.
ALTER TABLE staff ADD COLUMN locale TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE staff DROP COLUMN locale;
