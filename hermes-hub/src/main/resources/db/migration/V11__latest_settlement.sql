-- When a channel was last settled on chain (the block time of its latest settlement event) and in
-- which block: the data endpoints' LatestSettlement. A reorganisation past that block clears it.
ALTER TABLE chain_consumer ADD COLUMN latest_settlement TIMESTAMPTZ;
ALTER TABLE chain_consumer ADD COLUMN latest_settlement_block BIGINT;
ALTER TABLE chain_provider_channel ADD COLUMN latest_settlement TIMESTAMPTZ;
ALTER TABLE chain_provider_channel ADD COLUMN latest_settlement_block BIGINT;
