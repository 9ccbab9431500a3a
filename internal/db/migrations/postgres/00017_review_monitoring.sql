-- +goose Up
-- Review monitoring: where each branch's public reviews come from (a Google Business
-- Profile location polled through its API, or a site imported from files), and each
-- review stored once per source and external id, with its reply from draft to posted
-- and the reply task it opened. Times of the site (created_at_ext, updated_at_ext) are
-- the site's; stored_at and changed_at are ours.
CREATE TABLE review_sources (
    id             UUID PRIMARY KEY,
    branch_id      UUID NOT NULL REFERENCES branches (id),
    kind           TEXT NOT NULL CHECK (kind IN ('google', 'import')),
    site           TEXT NOT NULL CHECK (site IN ('google', 'yandex', '2gis', 'prodoctorov', 'znanylekarz', 'reco',
        'trustpilot', 'other')),
    name           TEXT NOT NULL DEFAULT '',
    account_id     TEXT NOT NULL DEFAULT '',
    location_id    TEXT NOT NULL DEFAULT '',
    access_token   TEXT NOT NULL DEFAULT '',
    base_url       TEXT NOT NULL DEFAULT '',
    newest_seen_at TIMESTAMPTZ,
    last_polled_at TIMESTAMPTZ,
    last_error     TEXT NOT NULL DEFAULT '',
    active         BOOLEAN NOT NULL DEFAULT TRUE,
    created_at     TIMESTAMPTZ NOT NULL,
    CHECK (kind = 'import' OR (site = 'google' AND account_id <> '' AND location_id <> ''))
);
CREATE INDEX review_sources_branch ON review_sources (branch_id, created_at);
CREATE UNIQUE INDEX review_sources_google ON review_sources (account_id, location_id) WHERE kind = 'google';

CREATE TABLE reviews (
    id               UUID PRIMARY KEY,
    source_id        UUID NOT NULL REFERENCES review_sources (id),
    branch_id        UUID NOT NULL REFERENCES branches (id),
    external_id      TEXT NOT NULL,
    author           TEXT NOT NULL DEFAULT '',
    rating           INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
    comment          TEXT NOT NULL DEFAULT '',
    created_at_ext   TIMESTAMPTZ NOT NULL,
    updated_at_ext   TIMESTAMPTZ NOT NULL,
    stored_at        TIMESTAMPTZ NOT NULL,
    changed_at       TIMESTAMPTZ NOT NULL,
    reply_text       TEXT NOT NULL DEFAULT '',
    reply_status     TEXT NOT NULL DEFAULT 'none' CHECK (reply_status IN ('none', 'drafted', 'posted')),
    reply_drafted_by UUID REFERENCES staff (id),
    reply_drafted_at TIMESTAMPTZ,
    reply_posted_by  UUID REFERENCES staff (id),
    reply_posted_at  TIMESTAMPTZ,
    first_reply_at   TIMESTAMPTZ,
    task_id          UUID REFERENCES inbox_tasks (id),
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
