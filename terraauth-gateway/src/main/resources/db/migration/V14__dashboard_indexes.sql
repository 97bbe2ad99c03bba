-- The operator dashboard: a connection's history (the deliveries about one Terra user) and the
-- connection list in its order (most recently changed first), both without a table scan.
CREATE INDEX webhook_delivery_by_user ON webhook_delivery (terra_user_id, received_at_ms);
CREATE INDEX connection_by_updated ON connection (updated_at_ms);
CREATE INDEX auth_session_by_issued ON auth_session (issued_at_ms);
