-- PostgreSQL only (SQLite never enforced VARCHAR lengths): values Terra controls have no arbitrary
-- length limit, so a valid delivery with a long event type, user id, provider, reference id or trace
-- id is stored instead of failing with a 500 that Terra retries until the destination is disabled.
ALTER TABLE connection ALTER COLUMN terra_user_id TYPE TEXT;
ALTER TABLE connection ALTER COLUMN reference_id TYPE TEXT;
ALTER TABLE connection ALTER COLUMN provider TYPE TEXT;
ALTER TABLE connection ALTER COLUMN detail TYPE TEXT;
ALTER TABLE connection ALTER COLUMN widget_session_id TYPE TEXT;
ALTER TABLE auth_session ALTER COLUMN id TYPE TEXT;
ALTER TABLE auth_session ALTER COLUMN reference_id TYPE TEXT;
ALTER TABLE auth_session ALTER COLUMN outcome_detail TYPE TEXT;
ALTER TABLE auth_session ALTER COLUMN return_url TYPE TEXT;
ALTER TABLE auth_session ALTER COLUMN terra_user_id TYPE TEXT;
ALTER TABLE webhook_delivery ALTER COLUMN dedupe_key TYPE TEXT;
ALTER TABLE webhook_delivery ALTER COLUMN trace_id TYPE TEXT;
ALTER TABLE webhook_delivery ALTER COLUMN event_type TYPE TEXT;
ALTER TABLE webhook_delivery ALTER COLUMN matched_secret TYPE TEXT;
ALTER TABLE webhook_delivery ALTER COLUMN terra_user_id TYPE TEXT;
