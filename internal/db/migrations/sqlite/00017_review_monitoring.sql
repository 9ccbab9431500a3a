-- +goose Up
-- Review monitoring: where each branch's public reviews come from (a Google Business
-- Profile location polled through its API, or a site imported from files), and each
-- review stored once per source and external id, with its reply from draft to posted
-- and the reply task it opened. Times of the site (created_at_ext, updated_at_ext) are
-- the site's; stored_at and changed_at are ours.
CREATE TABLE review_sources (
    id             TEXT PRIMARY KEY,
    branch_id      TEXT NOT NULL REFERENCES branches (id),
    kind           TEXT NOT NULL CHECK (kind IN ('google', 'import')),
    site           TEXT NOT NULL CHECK (site IN ('google', 'yandex', '2gis', 'prodoctorov', 'znanylekarz', 'reco',
        'trustpilot', 'other')),
    name           TEXT NOT NULL DEFAULT '',
    account_id     TEXT NOT NULL DEFAULT '',
    location_id    TEXT NOT NULL DEFAULT '',
    access_token   TEXT NOT NULL DEFAULT '',
    base_url       TEXT NOT NULL DEFAULT '',
    newest_seen_at TIMESTAMP,
    last_polled_at TIMESTAMP,
    last_error     TEXT NOT NULL DEFAULT '',
    active         BOOLEAN NOT NULL DEFAULT TRUE,
    created_at     TIMESTAMP NOT NULL,
    CHECK (kind = 'import' OR (site = 'google' AND account_id <> '' AND location_id <> ''))
);
CREATE INDEX review_sources_branch ON review_sources (branch_id, created_at);
CREATE UNIQUE INDEX review_sources_google ON review_sources (account_id, location_id) WHERE kind = 'google';

CREATE TABLE reviews (
    id               TEXT PRIMARY KEY,
    source_id        TEXT NOT NULL REFERENCES review_sources (id),
    branch_id        TEXT NOT NULL REFERENCES branches (id),
    external_id      TEXT NOT NULL,
    author           TEXT NOT NULL DEFAULT '',
    rating           INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
    comment          TEXT NOT NULL DEFAULT '',
    created_at_ext   TIMESTAMP NOT NULL,
    updated_at_ext   TIMESTAMP NOT NULL,
    stored_at        TIMESTAMP NOT NULL,
    changed_at       TIMESTAMP NOT NULL,
    reply_text       TEXT NOT NULL DEFAULT '',
    reply_status     TEXT NOT NULL DEFAULT 'none' CHECK (reply_status IN ('none', 'drafted', 'posted')),
    reply_drafted_by TEXT REFERENCES staff (id),
    reply_drafted_at TIMESTAMP,
    reply_posted_by  TEXT REFERENCES staff (id),
    reply_posted_at  TIMESTAMP,
    first_reply_at   TIMESTAMP,
    task_id          TEXT REFERENCES inbox_tasks (id),
    UNIQUE (source_id, external_id)
);
CREATE INDEX reviews_branch_updated ON reviews (branch_id, updated_at_ext, id);
CREATE INDEX reviews_branch_created ON reviews (branch_id, created_at_ext);

-- +goose Down
DROP INDEX reviews_branch_created;
DROP INDEX reviews_branch_updated;
DROP TABLE reviews;
DROP INDEX review_sources_google;
DROP INDEX review_sources_branch;
DROP TABLE review_sources;
