"use strict";
const { expect } = require("chai");
const { ethers } = require("hardhat");
const { loadFixture } = require("@nomicfoundation/hardhat-network-helpers");
const h = require("./helpers/system");
const { MYST } = h;

async function batchFixture() {
  const sys = await h.deploySystem();
  const hub = await h.registerHermes(sys);
  const consumers = [];
  for (let i = 0; i < 4; i++) {
    const identity = h.newWallet();
    const { channel, channelAddress } = await h.registerIdentity(sys, hub.hermesId, identity, { topUp: MYST(50) });
    consumers.push({ identity, channel, channelAddress });
  }
  const other = await h.registerHermes(sys);
  const stranger = h.newWallet();
  const { channelAddress: foreignChannel } = await h.registerIdentity(sys, other.hermesId, stranger, { topUp: MYST(50) });
  return { ...sys, ...hub, consumers, other, stranger, foreignChannel };
}

function toArgs(entries) {
  return [
    entries.map((e) => e.channel),
    entries.map((e) => e.amount),
    entries.map((e) => e.fee),
    entries.map((e) => e.lock),
    entries.map((e) => e.signature),
  ];
}

function entry(f, consumer, amount, fee = 0n, signer = consumer.identity) {
  return { channel: consumer.channelAddress, ...h.consumerPromise(f, signer, consumer.channelAddress, amount, fee) };
}

describe("HermesImplementation: batch settlement of consumer promises", function () {
  it("settles every channel into the hub and emits each channel's PromiseSettled", async function () {
    const f = await loadFixture(batchFixture);
    const entries = f.consumers.map((c, i) => entry(f, c, MYST(i + 1)));
    const args = toArgs(entries);
    expect(await f.hermes.settleChannelPromises.staticCall(...args)).to.equal(4n);
    const tx = await f.hermes.connect(f.signers[5]).settleChannelPromises(...args);
    for (let i = 0; i < 4; i++) {
      await expect(tx).to.emit(f.consumers[i].channel, "PromiseSettled").withArgs(f.hermesId, MYST(i + 1), MYST(i + 1), entries[i].lock);
    }
    await expect(tx).to.changeTokenBalance(f.token, f.hermes, MYST(10));
    await expect(tx).to.not.emit(f.hermes, "ChannelSettlementFailed");
  });

  it("skips failing entries and reports their raw revert data, settling the rest", async function () {
    const f = await loadFixture(batchFixture);
    const [a, b, c, d] = f.consumers;
    const good1 = entry(f, a, MYST(5));
    const badSigner = entry(f, b, MYST(5), 0n, f.operator);
    const good2 = entry(f, c, MYST(7));
    const tooBigFee = entry(f, d, MYST(80), MYST(60));
    const args = toArgs([good1, badSigner, good2, tooBigFee]);
    expect(await f.hermes.settleChannelPromises.staticCall(...args)).to.equal(2n);
    const tx = await f.hermes.settleChannelPromises(...args);
    const channelIface = f.channelImpl.interface;
    await expect(tx)
      .to.emit(f.hermes, "ChannelSettlementFailed")
      .withArgs(b.channelAddress, channelIface.encodeErrorResult("ChannelImplementation__InvalidSignature", [f.operator.address]));
    await expect(tx)
      .to.emit(f.hermes, "ChannelSettlementFailed")
      .withArgs(d.channelAddress, channelIface.encodeErrorResult("ChannelImplementation__FeeExceedsAmount", [MYST(50), MYST(60)]));
    await expect(tx).to.changeTokenBalance(f.token, f.hermes, MYST(12));
    expect((await b.channel.hermes()).settled).to.equal(0n);
  });

  it("skips channels of another hub", async function () {
    const f = await loadFixture(batchFixture);
    const p = h.consumerPromise(f, f.stranger, f.foreignChannel, MYST(3));
    const args = toArgs([{ channel: f.foreignChannel, ...p }, entry(f, f.consumers[0], MYST(1))]);
    const tx = await f.hermes.settleChannelPromises(...args);
    await expect(tx)
      .to.emit(f.hermes, "ChannelSettlementFailed")
      .withArgs(f.foreignChannel, f.hermes.interface.encodeErrorResult("HermesImplementation__ChannelOfAnotherHermes", [f.foreignChannel]));
    expect(await f.token.balanceOf(f.foreignChannel)).to.equal(MYST(50));
  });

  it("skips addresses that are not channels (EOA, other contracts)", async function () {
    const f = await loadFixture(batchFixture);
    const eoa = f.signers[7].address;
    const p = entry(f, f.consumers[0], MYST(1));
    const args = toArgs([
      { ...p, channel: eoa },
      { ...p, channel: await f.token.getAddress() },
      p,
    ]);
    const tx = await f.hermes.settleChannelPromises(...args);
    await expect(tx).to.emit(f.hermes, "ChannelSettlementFailed").withArgs(eoa, f.hermes.interface.encodeErrorResult("HermesImplementation__ChannelOfAnotherHermes", [eoa]));
    await expect(tx).to.emit(f.consumers[0].channel, "PromiseSettled");
  });

  it("rejects the same promise twice within one batch (second entry fails)", async function () {
    const f = await loadFixture(batchFixture);
    const p = entry(f, f.consumers[0], MYST(4));
    const tx = await f.hermes.settleChannelPromises(...toArgs([p, p]));
    await expect(tx)
      .to.emit(f.hermes, "ChannelSettlementFailed")
      .withArgs(p.channel, f.channelImpl.interface.encodeErrorResult("ChannelImplementation__NothingToSettle", []));
    await expect(tx).to.changeTokenBalance(f.token, f.hermes, MYST(4));
  });

  it("keeps transactor fees of batched promises in the hub (single transfer)", async function () {
    const f = await loadFixture(batchFixture);
    const p = entry(f, f.consumers[0], MYST(4), MYST(1));
    const tx = await f.hermes.connect(f.signers[6]).settleChannelPromises(...toArgs([p]));
    await expect(tx).to.changeTokenBalances(f.token, [f.hermes, f.signers[6]], [MYST(4), 0]);
  });

  it("reverts on array length mismatch", async function () {
    const f = await loadFixture(batchFixture);
    const p = entry(f, f.consumers[0], MYST(1));
    const [ch, am, fe, lo, si] = toArgs([p]);
    await expect(f.hermes.settleChannelPromises(ch, [], fe, lo, si)).to.be.revertedWithCustomError(f.hermes, "HermesImplementation__LengthMismatch");
    await expect(f.hermes.settleChannelPromises(ch, am, fe, lo, [])).to.be.revertedWithCustomError(f.hermes, "HermesImplementation__LengthMismatch");
    await expect(f.hermes.settleChannelPromises(ch, am, [1, 2], lo, si)).to.be.revertedWithCustomError(f.hermes, "HermesImplementation__LengthMismatch");
    await expect(f.hermes.settleChannelPromises(ch, am, fe, [], si)).to.be.revertedWithCustomError(f.hermes, "HermesImplementation__LengthMismatch");
  });

  it("accepts an empty batch", async function () {
    const f = await loadFixture(batchFixture);
    expect(await f.hermes.settleChannelPromises.staticCall([], [], [], [], [])).to.equal(0n);
  });

  it("works while the hub is punished or closed (money only flows in)", async function () {
    const f = await loadFixture(batchFixture);
    await f.hermes.connect(f.operator).closeHermes();
    const tx = await f.hermes.settleChannelPromises(...toArgs([entry(f, f.consumers[0], MYST(2))]));
    await expect(tx).to.emit(f.consumers[0].channel, "PromiseSettled");
  });

  it("caps partial settlements by each channel's balance and completes later with the same promise", async function () {
    const f = await loadFixture(batchFixture);
    const p = entry(f, f.consumers[1], MYST(70));
    await f.hermes.settleChannelPromises(...toArgs([p]));
    expect((await f.consumers[1].channel.hermes()).settled).to.equal(MYST(50));
    await f.token.transfer(p.channel, MYST(30));
    await f.hermes.settleChannelPromises(...toArgs([p]));
    expect((await f.consumers[1].channel.hermes()).settled).to.equal(MYST(70));
    expect(await f.token.balanceOf(p.channel)).to.equal(MYST(10));
  });

  it("lets the hub pay providers from consumer money collected in a batch (end to end)", async function () {
    const f = await loadFixture(batchFixture);
    const provider = h.newWallet();
    const payee = h.newWallet().address;
    await h.registerIdentity(f, f.hermesId, provider, { beneficiary: payee });
    const lock = h.randomLock();
    const consumer = f.consumers[0];
    // consumer promise and hub promise share the hashlock
    const cp = { channel: consumer.channelAddress, ...h.consumerPromise(f, consumer.identity, consumer.channelAddress, MYST(20), 0n, lock) };
    const hp = h.hubPromise(f, f.operator, h.providerChannelId(provider.address, f.hermesId), MYST(20), 0n, lock);
    await f.hermes.settleChannelPromises(...toArgs([cp]));
    await f.hermes.settlePromise(provider.address, hp.amount, 0, hp.lock, hp.signature);
    expect(await f.token.balanceOf(payee)).to.equal(MYST(20) - MYST(20) / 40n);
  });
});
