-- The role the audit sink writes as: it may add audit rows and read them, never change them.
-- Grant it to the sink's login user (GRANT seatflow_audit_writer TO <user>). Where the migrating
-- user may not create roles (some managed databases), this step is skipped with a notice.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'seatflow_audit_writer') THEN
        CREATE ROLE seatflow_audit_writer NOLOGIN;
    END IF;
    EXECUTE format('GRANT USAGE ON SCHEMA %I TO seatflow_audit_writer', current_schema());
    GRANT SELECT, INSERT ON audit_logs TO seatflow_audit_writer;
    GRANT USAGE, SELECT ON SEQUENCE audit_logs_id_seq TO seatflow_audit_writer;
    GRANT SELECT, INSERT, UPDATE ON audit_chain_heads, licenses, license_sessions TO seatflow_audit_writer;
    GRANT SELECT, INSERT ON audit_sequence_gaps TO seatflow_audit_writer;
EXCEPTION WHEN insufficient_privilege THEN
    RAISE NOTICE 'seatflow_audit_writer not set up: the migrating user may not create roles';
END;
$$;
