-- +goose Up
-- Which subscriber has acted on which visit event: delivery is at least once (a job may
-- run twice, an instance may die mid-batch), so a subscriber already written here is
-- skipped when its event comes round again, and one failing subscriber does not make
-- the others act twice.
CREATE TABLE event_deliveries (
    event_id     INTEGER NOT NULL REFERENCES appointment_events (id),
    subscriber   TEXT NOT NULL,
    delivered_at TIMESTAMP NOT NULL,
    PRIMARY KEY (event_id, subscriber)
);

-- +goose Down
DROP TABLE event_deliveries;
