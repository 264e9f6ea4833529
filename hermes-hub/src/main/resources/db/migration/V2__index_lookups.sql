-- Lookups by one indexed column with = ANY($1): their generic plans stay index scans however
-- large the tables grow (joins against unnest($1) drifted to hash joins over sequential scans).
CREATE INDEX issued_promise_by_hashlock ON issued_promise (hashlock);
CREATE INDEX agreement_state_by_id ON agreement_state (agreement_id);
CREATE INDEX chain_consumer_by_revision ON chain_consumer (revision);
CREATE INDEX chain_provider_channel_by_revision ON chain_provider_channel (revision);
CREATE INDEX chain_hermes_by_revision ON chain_hermes (revision);
