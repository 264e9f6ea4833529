-- Hub state. Amounts are wei as NUMERIC(78,0) (fits 2^256-1), never negative.
-- Addresses, channel ids, hashlocks and R are 0x-prefixed lowercase hex text.

CREATE TABLE consumer_state (
  chain_id        BIGINT        NOT NULL,
  consumer        TEXT          NOT NULL,
  grand_total     NUMERIC(78,0) NOT NULL DEFAULT 0 CHECK (grand_total >= 0),
  latest_channel  TEXT,
  latest_amount   NUMERIC(78,0) CHECK (latest_amount >= 0),
  latest_fee      NUMERIC(78,0) CHECK (latest_fee >= 0),
  latest_hashlock TEXT,
  latest_signature TEXT,
  updated_at      TIMESTAMPTZ   NOT NULL DEFAULT now(),
  PRIMARY KEY (chain_id, consumer)
);

CREATE TABLE provider_state (
  chain_id        BIGINT        NOT NULL,
  channel_id      TEXT          NOT NULL,
  provider        TEXT          NOT NULL,
  kind            TEXT          NOT NULL CHECK (kind IN ('EARNINGS', 'WITHDRAWAL')),
  amount          NUMERIC(78,0) NOT NULL DEFAULT 0 CHECK (amount >= 0),
  fee             NUMERIC(78,0) NOT NULL DEFAULT 0 CHECK (fee >= 0),
  hashlock        TEXT,
  revealed        BOOLEAN       NOT NULL DEFAULT TRUE,
  r_recovery_data TEXT,
  updated_at      TIMESTAMPTZ   NOT NULL DEFAULT now(),
  PRIMARY KEY (chain_id, channel_id)
);
CREATE INDEX provider_state_by_provider ON provider_state (provider);

-- Last accepted total per agreement; guarded by the consumer row lock. Never expires.
CREATE TABLE agreement_state (
  chain_id     BIGINT        NOT NULL,
  consumer     TEXT          NOT NULL,
  provider     TEXT          NOT NULL,
  agreement_id NUMERIC(78,0) NOT NULL CHECK (agreement_id >= 0),
  last_total   NUMERIC(78,0) NOT NULL CHECK (last_total >= 0),
  updated_at   TIMESTAMPTZ   NOT NULL DEFAULT now(),
  PRIMARY KEY (chain_id, consumer, provider, agreement_id)
);

-- Every accepted exchange: the consumer promise paid and the (unsigned) hub promise issued.
CREATE TABLE issued_promise (
  chain_id          BIGINT        NOT NULL,
  channel_id        TEXT          NOT NULL,
  hashlock          TEXT          NOT NULL,
  consumer          TEXT          NOT NULL,
  provider          TEXT          NOT NULL,
  agreement_id      NUMERIC(78,0) NOT NULL CHECK (agreement_id >= 0),
  agreement_total   NUMERIC(78,0) NOT NULL CHECK (agreement_total >= 0),
  delta             NUMERIC(78,0) NOT NULL CHECK (delta >= 0),
  consumer_channel  TEXT          NOT NULL,
  consumer_amount   NUMERIC(78,0) NOT NULL CHECK (consumer_amount >= 0),
  consumer_fee      NUMERIC(78,0) NOT NULL CHECK (consumer_fee >= 0),
  consumer_signature TEXT         NOT NULL,
  amount            NUMERIC(78,0) NOT NULL CHECK (amount >= 0),
  fee               NUMERIC(78,0) NOT NULL CHECK (fee >= 0),
  r_recovery_data   TEXT,
  created_at        TIMESTAMPTZ   NOT NULL DEFAULT now(),
  PRIMARY KEY (chain_id, channel_id, hashlock)
);
CREATE INDEX issued_promise_by_consumer ON issued_promise (chain_id, consumer);

-- R revealed by providers: makes the consumer promise with that hashlock settleable.
CREATE TABLE revealed_r (
  chain_id    BIGINT      NOT NULL,
  hashlock    TEXT        NOT NULL,
  r           TEXT        NOT NULL,
  channel_id  TEXT        NOT NULL,
  revealed_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (chain_id, hashlock)
);

-- Chain facts, written by the chain refresher (later: the chain watcher) or seeded by an operator.
-- The chain view caches them in memory and reloads rows whose revision moved.
CREATE SEQUENCE chain_fact_revision;

CREATE TABLE chain_consumer (
  chain_id        BIGINT        NOT NULL,
  identity        TEXT          NOT NULL,
  registered      BOOLEAN       NOT NULL,
  channel_balance NUMERIC(78,0) NOT NULL CHECK (channel_balance >= 0),
  settled         NUMERIC(78,0) NOT NULL CHECK (settled >= 0),
  read_at         TIMESTAMPTZ   NOT NULL DEFAULT now(),
  revision        BIGINT        NOT NULL DEFAULT nextval('chain_fact_revision'),
  PRIMARY KEY (chain_id, identity)
);

CREATE TABLE chain_provider_channel (
  chain_id   BIGINT        NOT NULL,
  channel_id TEXT          NOT NULL,
  settled    NUMERIC(78,0) NOT NULL CHECK (settled >= 0),
  stake      NUMERIC(78,0) NOT NULL CHECK (stake >= 0),
  read_at    TIMESTAMPTZ   NOT NULL DEFAULT now(),
  revision   BIGINT        NOT NULL DEFAULT nextval('chain_fact_revision'),
  PRIMARY KEY (chain_id, channel_id)
);

CREATE TABLE chain_hermes (
  chain_id          BIGINT        NOT NULL,
  hermes_id         TEXT          NOT NULL,
  status            INTEGER       NOT NULL,
  fee_bps           INTEGER       NOT NULL CHECK (fee_bps >= 0),
  min_stake         NUMERIC(78,0) NOT NULL CHECK (min_stake >= 0),
  max_stake         NUMERIC(78,0) NOT NULL CHECK (max_stake >= 0),
  available_balance NUMERIC(78,0) NOT NULL CHECK (available_balance >= 0),
  read_at           TIMESTAMPTZ   NOT NULL DEFAULT now(),
  revision          BIGINT        NOT NULL DEFAULT nextval('chain_fact_revision'),
  PRIMARY KEY (chain_id, hermes_id)
);
