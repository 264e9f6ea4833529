-- Every hub promise settled at the Hermes contract, one row per PromiseSettled event the watcher
-- applied: the provider's settlement and withdrawal history with transaction hashes, whoever sent
-- the transaction (this hub's relay, the provider itself, anyone). A reorganisation past a row's
-- block deletes it; the watcher reads those blocks again.
CREATE TABLE chain_settlement (
  chain_id    BIGINT        NOT NULL,
  tx_hash     TEXT          NOT NULL,
  log_index   BIGINT        NOT NULL CHECK (log_index >= 0),
  block       BIGINT        NOT NULL CHECK (block >= 0),
  settled_at  TIMESTAMPTZ   NOT NULL,
  channel_id  TEXT          NOT NULL,
  identity    TEXT          NOT NULL,
  beneficiary TEXT          NOT NULL,
  amount      NUMERIC(78,0) NOT NULL CHECK (amount >= 0),
  fees        NUMERIC(78,0) NOT NULL CHECK (fees >= 0),
  PRIMARY KEY (chain_id, tx_hash, log_index)
);
CREATE INDEX chain_settlement_by_channel ON chain_settlement (chain_id, channel_id, block DESC);
CREATE INDEX chain_settlement_by_block ON chain_settlement (chain_id, block);
