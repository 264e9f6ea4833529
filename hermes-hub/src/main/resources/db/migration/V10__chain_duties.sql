-- The hub's duties on the chain: the chain watcher, consumer settlement, the relay, and the lease
-- that makes each of them run once per database. Portable SQL only (no advisory locks, no
-- extensions): the same schema runs on PostgreSQL-compatible distributed engines.

-- Singletons: one row per duty; the holder renews it before it expires, anyone may take an
-- expired one (UPDATE ... WHERE holder = me OR expires_at < now()).
CREATE TABLE lease (
  name        TEXT        PRIMARY KEY,
  holder      TEXT,
  expires_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
  acquired_at TIMESTAMPTZ,
  renewed_at  TIMESTAMPTZ
);

-- The watcher's position: the last confirmed block whose events are applied, and the hashes of a
-- few blocks behind it (each round's head), to find where a reorganisation forked.
CREATE TABLE watcher_cursor (
  chain_id   BIGINT      PRIMARY KEY,
  block      BIGINT      NOT NULL CHECK (block >= 0),
  block_hash TEXT        NOT NULL,
  updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE watcher_block (
  chain_id BIGINT NOT NULL,
  block    BIGINT NOT NULL CHECK (block >= 0),
  hash     TEXT   NOT NULL,
  PRIMARY KEY (chain_id, block)
);

-- Identities a request or the relay asked about that the watcher does not follow yet.
CREATE TABLE watch_request (
  chain_id     BIGINT      NOT NULL,
  identity     TEXT        NOT NULL,
  requested_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (chain_id, identity)
);

-- Chain facts gain where they were read (block), the channel address (top-ups are transfers to
-- it, also before deployment), the beneficiary and a pending unilateral exit.
ALTER TABLE chain_consumer ADD COLUMN channel TEXT;
ALTER TABLE chain_consumer ADD COLUMN deployed BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE chain_consumer ADD COLUMN beneficiary TEXT;
ALTER TABLE chain_consumer ADD COLUMN exit_timelock BIGINT NOT NULL DEFAULT 0 CHECK (exit_timelock >= 0);
ALTER TABLE chain_consumer ADD COLUMN block BIGINT;
CREATE INDEX chain_consumer_by_channel ON chain_consumer (chain_id, channel);
CREATE INDEX chain_consumer_by_block ON chain_consumer (chain_id, block);

ALTER TABLE chain_provider_channel ADD COLUMN block BIGINT;
CREATE INDEX chain_provider_channel_by_block ON chain_provider_channel (chain_id, block);

-- The hub contract: its own stake, the providers' total stake and its token balance; and the
-- solvency figures the watcher derives each round (see docs/hub.md, "Solvency guard").
ALTER TABLE chain_hermes ADD COLUMN hermes_stake NUMERIC(78,0) NOT NULL DEFAULT 0 CHECK (hermes_stake >= 0);
ALTER TABLE chain_hermes ADD COLUMN total_stake NUMERIC(78,0) NOT NULL DEFAULT 0 CHECK (total_stake >= 0);
ALTER TABLE chain_hermes ADD COLUMN token_balance NUMERIC(78,0) NOT NULL DEFAULT 0 CHECK (token_balance >= 0);
ALTER TABLE chain_hermes ADD COLUMN collectible NUMERIC(78,0) NOT NULL DEFAULT 0 CHECK (collectible >= 0);
ALTER TABLE chain_hermes ADD COLUMN provider_settled NUMERIC(78,0) NOT NULL DEFAULT 0 CHECK (provider_settled >= 0);
ALTER TABLE chain_hermes ADD COLUMN largest_stake NUMERIC(78,0) NOT NULL DEFAULT 0 CHECK (largest_stake >= 0);
ALTER TABLE chain_hermes ADD COLUMN punished_at BIGINT;
ALTER TABLE chain_hermes ADD COLUMN block BIGINT;

-- Sum of every hub promise amount ever issued on a chain (all provider channels, earnings and
-- withdrawal): with the settled total it gives what the hub owes providers. Locked and raised by
-- the transaction that issues a promise, so several hub instances never overcommit together.
CREATE TABLE hub_ledger (
  chain_id BIGINT        PRIMARY KEY,
  promised NUMERIC(78,0) NOT NULL DEFAULT 0 CHECK (promised >= 0)
);
INSERT INTO hub_ledger (chain_id, promised)
  SELECT chain_id, SUM(amount) FROM provider_state GROUP BY chain_id;

-- The latest consumer promise whose R the hub knows, per consumer: what the settler submits.
-- Written in the reveal transaction; a promise stays here until the chain's settled amount
-- covers it, whatever happens to the transactions that try to settle it.
CREATE TABLE consumer_settleable (
  chain_id        BIGINT        NOT NULL,
  consumer        TEXT          NOT NULL,
  channel         TEXT          NOT NULL,
  amount          NUMERIC(78,0) NOT NULL CHECK (amount >= 0),
  fee             NUMERIC(78,0) NOT NULL CHECK (fee >= 0),
  hashlock        TEXT          NOT NULL,
  signature       TEXT          NOT NULL,
  r               TEXT          NOT NULL,
  unsettled_since TIMESTAMPTZ,
  attempts        INTEGER       NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  next_attempt_at TIMESTAMPTZ,
  last_error      TEXT,
  settled_seen    NUMERIC(78,0) CHECK (settled_seen >= 0),
  settled_block   BIGINT,
  updated_at      TIMESTAMPTZ   NOT NULL DEFAULT now(),
  PRIMARY KEY (chain_id, consumer)
);
INSERT INTO consumer_settleable (chain_id, consumer, channel, amount, fee, hashlock, signature, r, unsettled_since)
  SELECT DISTINCT ON (i.chain_id, i.consumer) i.chain_id, i.consumer, i.consumer_channel,
         i.consumer_amount, i.consumer_fee, i.hashlock, i.consumer_signature, r.r, r.revealed_at
  FROM issued_promise i JOIN revealed_r r ON r.chain_id = i.chain_id AND r.hashlock = i.hashlock
  ORDER BY i.chain_id, i.consumer, i.consumer_amount DESC;

-- Every settlement the settler sent, one row per consumer promise in a batch transaction.
CREATE TABLE settlement_attempt (
  id          BIGSERIAL     PRIMARY KEY,
  chain_id    BIGINT        NOT NULL,
  consumer    TEXT          NOT NULL,
  channel     TEXT          NOT NULL,
  amount      NUMERIC(78,0) NOT NULL CHECK (amount >= 0),
  hashlock    TEXT          NOT NULL,
  tx_hash     TEXT,
  status      TEXT          NOT NULL CHECK (status IN ('sending', 'settled', 'failed')),
  error       TEXT,
  created_at  TIMESTAMPTZ   NOT NULL DEFAULT now(),
  finished_at TIMESTAMPTZ
);
CREATE INDEX settlement_attempt_by_consumer ON settlement_attempt (chain_id, consumer);

-- A request to settle consumers now (the solvency guard refused a promise for want of funds).
CREATE TABLE settlement_wake (
  chain_id     BIGINT      PRIMARY KEY,
  requested_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- The relay (transactor): fee quotes handed out, and the jobs users submitted.
CREATE TABLE relay_quote (
  id          BIGSERIAL     PRIMARY KEY,
  chain_id    BIGINT        NOT NULL,
  kind        TEXT          NOT NULL,
  fee         NUMERIC(78,0) NOT NULL CHECK (fee >= 0),
  valid_until TIMESTAMPTZ   NOT NULL
);
CREATE INDEX relay_quote_valid ON relay_quote (chain_id, kind, valid_until);

CREATE TABLE relay_job (
  id              TEXT          PRIMARY KEY,
  chain_id        BIGINT        NOT NULL,
  kind            TEXT          NOT NULL,
  identity        TEXT          NOT NULL,
  payload         TEXT          NOT NULL,
  fee             NUMERIC(78,0) NOT NULL CHECK (fee >= 0),
  state           TEXT          NOT NULL CHECK (state IN ('queued', 'sent', 'done', 'error')),
  tx_hash         TEXT,
  error           TEXT,
  attempts        INTEGER       NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  next_attempt_at TIMESTAMPTZ   NOT NULL DEFAULT now(),
  created_at      TIMESTAMPTZ   NOT NULL DEFAULT now(),
  updated_at      TIMESTAMPTZ   NOT NULL DEFAULT now()
);
CREATE INDEX relay_job_open ON relay_job (chain_id, state, next_attempt_at);
CREATE INDEX relay_job_by_identity ON relay_job (chain_id, identity, kind);
