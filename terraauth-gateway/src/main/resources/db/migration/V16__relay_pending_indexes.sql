-- A relay claim looks for an endpoint's pending messages in seq order. Through the primary key it
-- walked every message the endpoint ever had and filtered the delivered ones out one by one (a
-- measured PostgreSQL plan: 26,100 rows removed by the filter for a claim of 128), so each claim
-- grew with the endpoint's history until retention pruned it. These partial indexes hold pending
-- messages only (both databases support them), for the claim and for the ordered claim's check of
-- the user's earlier messages, which relay_message_by_user served by the same walk.
CREATE INDEX relay_message_pending ON relay_message (endpoint_id, event_seq) WHERE state = 'pending';
CREATE INDEX relay_message_pending_by_user ON relay_message (endpoint_id, terra_user_id, event_seq)
  WHERE state = 'pending';
DROP INDEX relay_message_by_user;
