-- +goose Up
-- A message is queued with no provider id and no sent time; only the dispatcher's
-- "sent" update gives it both. Indexing the NULLs made every queued message (two a
-- booking: the confirmation and the first reminder) write two index entries that the
-- send then moves: the booking's write transaction paid for entries nothing reads.
-- Every reader of these indexes asks for a value (provider_id = ?, the newest sent_at
-- WHERE sent_at IS NOT NULL), which a partial index answers alike.
DROP INDEX outbox_provider;
CREATE INDEX outbox_provider ON outbox (provider_id) WHERE provider_id IS NOT NULL;
DROP INDEX outbox_sent_at;
CREATE INDEX outbox_sent_at ON outbox (sent_at) WHERE sent_at IS NOT NULL;

-- The dispatcher claims pending messages in due order and nothing else reads the
-- index: as (status, not_before) it kept every message ever sent, and each claim and
-- each send moved an entry (pending -> sending -> sent). Pending ones only: a claim
-- removes the entry, a send touches none, and (not_before, id) is the claim's order.
DROP INDEX outbox_due;
CREATE INDEX outbox_due ON outbox (not_before, id) WHERE status = 'pending';

-- +goose Down
DROP INDEX outbox_due;
CREATE INDEX outbox_due ON outbox (status, not_before);
DROP INDEX outbox_sent_at;
CREATE INDEX outbox_sent_at ON outbox (sent_at);
DROP INDEX outbox_provider;
CREATE INDEX outbox_provider ON outbox (provider_id);
