-- The audit log: one row per LicenseEvent, append-only, hash-chained per tenant in sequence order.
CREATE TABLE audit_logs (
    id            BIGSERIAL    PRIMARY KEY,
    event_id      UUID         NOT NULL,
    tenant_id     TEXT         NOT NULL,
    sequence      BIGINT       NOT NULL,
    user_id       TEXT,
    actor_role    TEXT         NOT NULL,
    action        VARCHAR(100) NOT NULL,
    resource_type VARCHAR(100) NOT NULL,
    resource_id   TEXT         NOT NULL,
    metadata      JSONB        NOT NULL DEFAULT '{}',
    command_id    UUID,
    ip_address    TEXT,
    user_agent    TEXT,
    created_at    TIMESTAMPTZ  NOT NULL,
    recorded_at   TIMESTAMPTZ  NOT NULL DEFAULT now(),
    prev_hash     BYTEA        NOT NULL,
    hash          BYTEA        NOT NULL,
    CONSTRAINT audit_logs_event_id_unique UNIQUE (event_id),
    CONSTRAINT audit_logs_tenant_sequence_unique UNIQUE (tenant_id, sequence)
);

-- The original design's three indexes.
CREATE INDEX audit_logs_tenant_action_created ON audit_logs (tenant_id, action, created_at);
CREATE INDEX audit_logs_tenant_user_created ON audit_logs (tenant_id, user_id, created_at);
CREATE INDEX audit_logs_tenant_resource ON audit_logs (tenant_id, resource_type, resource_id);

CREATE FUNCTION audit_logs_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_logs is append-only: % is not allowed', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER audit_logs_no_update_or_delete
    BEFORE UPDATE OR DELETE ON audit_logs
    FOR EACH ROW EXECUTE FUNCTION audit_logs_append_only();

CREATE TRIGGER audit_logs_no_truncate
    BEFORE TRUNCATE ON audit_logs
    FOR EACH STATEMENT EXECUTE FUNCTION audit_logs_append_only();

-- Where each tenant's chain ends: the sink appends after it.
CREATE TABLE audit_chain_heads (
    tenant_id     TEXT        PRIMARY KEY,
    last_sequence BIGINT      NOT NULL,
    last_hash     BYTEA       NOT NULL,
    updated_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Sequence gaps the sink saw: never bridged silently.
CREATE TABLE audit_sequence_gaps (
    tenant_id   TEXT        NOT NULL,
    expected    BIGINT      NOT NULL,
    received    BIGINT      NOT NULL,
    detected_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, expected)
);

-- Read models, written in the same transaction as the audit rows.
CREATE TABLE licenses (
    tenant_id   TEXT        NOT NULL,
    license_id  UUID        NOT NULL,
    license_key TEXT        NOT NULL,
    tier        VARCHAR(20) NOT NULL,
    features    JSONB       NOT NULL DEFAULT '[]',
    expiry_date TIMESTAMPTZ NOT NULL,
    is_active   BOOLEAN     NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL,
    deleted_at  TIMESTAMPTZ,
    PRIMARY KEY (tenant_id, license_id)
);

CREATE TABLE license_sessions (
    tenant_id         TEXT        NOT NULL,
    session_id        UUID        NOT NULL,
    license_id        UUID        NOT NULL,
    license_key       TEXT        NOT NULL,
    user_id           TEXT        NOT NULL,
    hardware_id       TEXT        NOT NULL,
    started_at        TIMESTAMPTZ NOT NULL,
    last_heartbeat_at TIMESTAMPTZ NOT NULL,
    expires_at        TIMESTAMPTZ NOT NULL,
    ended_at          TIMESTAMPTZ,
    end_reason        VARCHAR(40),
    PRIMARY KEY (tenant_id, session_id)
);
CREATE INDEX license_sessions_tenant_license ON license_sessions (tenant_id, license_id, started_at);
CREATE INDEX license_sessions_tenant_user ON license_sessions (tenant_id, user_id, started_at);
