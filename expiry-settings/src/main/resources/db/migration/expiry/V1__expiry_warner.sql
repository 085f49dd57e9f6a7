-- The expiry warner's own tables (history in flyway_expiry_history, beside the audit log's).

-- The warner's view of every license, fed from seatflow.events.v1.
CREATE TABLE expiry_licenses (
    tenant_id           TEXT        NOT NULL,
    license_id          UUID        NOT NULL,
    license_key         TEXT        NOT NULL,
    expiry_date         TIMESTAMPTZ NOT NULL,
    -- When the license got its current expiry date: thresholds that had already passed then are
    -- not armed, so an extension re-arms only the thresholds still ahead.
    expiry_set_at       TIMESTAMPTZ NOT NULL,
    is_active           BOOLEAN     NOT NULL,
    deleted             BOOLEAN     NOT NULL DEFAULT false,
    updated_at          TIMESTAMPTZ NOT NULL,
    -- The tenant sequence of the last event applied: redeliveries and stale events are ignored.
    last_event_sequence BIGINT      NOT NULL,
    PRIMARY KEY (tenant_id, license_id)
);

CREATE INDEX expiry_licenses_live_by_expiry ON expiry_licenses (expiry_date) WHERE is_active AND NOT deleted;

-- One row per warning: claimed before the send, sent after it. The id is the idempotency id
-- receivers get; the unique key makes a second distinct warning impossible.
CREATE TABLE expiry_notifications (
    id              UUID        PRIMARY KEY,
    tenant_id       TEXT        NOT NULL,
    license_id      UUID        NOT NULL,
    expiry_date     TIMESTAMPTZ NOT NULL,
    threshold       TEXT        NOT NULL,
    channel         TEXT        NOT NULL,
    status          TEXT        NOT NULL CHECK (status IN ('claimed', 'sent', 'dead', 'cancelled')),
    attempts        INT         NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ NOT NULL,
    claimed_at      TIMESTAMPTZ NOT NULL,
    sent_at         TIMESTAMPTZ,
    -- When the EXPIRY_WARNING_SENT command was acknowledged by Kafka.
    recorded_at     TIMESTAMPTZ,
    last_error      TEXT,
    CONSTRAINT expiry_notifications_once UNIQUE (license_id, expiry_date, threshold, channel)
);

CREATE INDEX expiry_notifications_due ON expiry_notifications (next_attempt_at) WHERE status = 'claimed';
CREATE INDEX expiry_notifications_unrecorded ON expiry_notifications (sent_at) WHERE status = 'sent' AND recorded_at IS NULL;
CREATE INDEX expiry_notifications_dead ON expiry_notifications (tenant_id, claimed_at) WHERE status = 'dead';

-- Each tenant's channels and thresholds; a tenant without a row gets no warnings.
CREATE TABLE expiry_channels (
    tenant_id        TEXT        PRIMARY KEY,
    thresholds       TEXT[],
    webhook_url      TEXT,
    webhook_secret   TEXT,
    email_recipients JSONB       NOT NULL DEFAULT '[]',
    fcm_topic        TEXT,
    updated_at       TIMESTAMPTZ NOT NULL DEFAULT now()
);
