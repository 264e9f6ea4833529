// Fixture for the Hermes hub tests: one hub (fee 2.5 %, stakes 0..100 MYST) with 500 MYST available, and one
// registered provider with a 10 MYST stake whose beneficiary is a fresh address.
"use strict";
const h = require("./system");
const { MYST } = h;

async function hubFixture() {
  const sys = await h.deploySystem();
  const hub = await h.registerHermes(sys, { fee: 250, minStake: 0, maxStake: MYST(100), stake: MYST(1000) });
  const provider = h.newWallet();
  const beneficiary = h.newWallet().address;
  await h.registerIdentity(sys, hub.hermesId, provider, { topUp: MYST(10), stake: MYST(10), beneficiary });
  await sys.token.transfer(hub.hermesId, MYST(500));
  const channelId = h.providerChannelId(provider.address, hub.hermesId);
  const promise = (amount, fee = 0n, lock = h.randomLock(), signer = hub.operator, id = channelId) =>
    h.hubPromise(sys, signer, id, amount, fee, lock);
  return { ...sys, ...hub, provider, beneficiary, channelId, promise };
}

/** Calls hermes.settlePromise for the provider with a promise object. */
function settle(f, p, sender, identity = f.provider.address) {
  return f.hermes.connect(sender ?? f.owner).settlePromise(identity, p.amount, p.fee, p.lock, p.signature);
}

/** ceil(floor(x * fee / 100) / 100), the hub fee formula. */
function hubFee(x, feeBps = 250n) {
  return ((x * feeBps) / 100n + 99n) / 100n;
}

module.exports = { hubFixture, settle, hubFee };
