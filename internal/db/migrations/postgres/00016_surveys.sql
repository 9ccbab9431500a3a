-- +goose Up
-- Patient surveys after a follow-up: one per follow-up, answered on the phone (staff
-- fill it during the call) or through a link (/s/{token}, only its hash stored), and
-- each branch's public review links (Google, Yandex Maps, 2GIS, ProDoctorov,
-- ZnanyLekarz, Reco.se, Trustpilot) that every respondent is invited to, whatever
-- they scored.
CREATE TABLE surveys (
    id             UUID PRIMARY KEY,
    follow_up_id   UUID NOT NULL UNIQUE REFERENCES follow_ups (id),
    appointment_id UUID REFERENCES appointments (id),
    patient_id     UUID NOT NULL REFERENCES patients (id),
    branch_id      UUID NOT NULL REFERENCES branches (id),
    doctor_id      UUID REFERENCES doctors (id),
    token_hash     TEXT UNIQUE,
    via            TEXT NOT NULL CHECK (via IN ('phone', 'link')),
    locale         TEXT NOT NULL,
    sent_at        TIMESTAMPTZ,
    expires_at     TIMESTAMPTZ,
    answered_at    TIMESTAMPTZ,
    answered_by    UUID REFERENCES staff (id),
    overall        INTEGER CHECK (overall IS NULL OR (overall >= 1 AND overall <= 5)),
    care           INTEGER CHECK (care IS NULL OR (care >= 1 AND care <= 5)),
    expectations   TEXT CHECK (expectations IS NULL OR expectations IN ('worse', 'as_expected', 'better')),
    recommend      INTEGER CHECK (recommend IS NULL OR (recommend >= 0 AND recommend <= 10)),
    comment        TEXT NOT NULL DEFAULT '',
    created_at     TIMESTAMPTZ NOT NULL,
    CHECK (answered_at IS NULL OR (overall IS NOT NULL AND care IS NOT NULL AND expectations IS NOT NULL
        AND recommend IS NOT NULL))
);
CREATE INDEX surveys_answered ON surveys (branch_id, answered_at, id) WHERE answered_at IS NOT NULL;

CREATE TABLE branch_review_links (
    branch_id UUID NOT NULL REFERENCES branches (id),
    position  INTEGER NOT NULL CHECK (position >= 0),
    site      TEXT NOT NULL CHECK (site IN ('google', 'yandex', '2gis', 'prodoctorov', 'znanylekarz', 'reco', 'trustpilot', 'other')),
    url       TEXT NOT NULL CHECK (url LIKE 'https://%'),
    PRIMARY KEY (branch_id, position)
);

-- +goose Down
DROP TABLE branch_review_links;
DROP TABLE surveys;
