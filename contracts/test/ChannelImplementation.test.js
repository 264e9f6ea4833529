"use strict";
const { expect } = require("chai");
const { ethers } = require("hardhat");
const { loadFixture, time } = require("@nomicfoundation/hardhat-network-helpers");
const h = require("./helpers/system");
const { MYST, ZERO, P } = h;

async function channelFixture() {
  const sys = await h.deploySystem();
  const hub = await h.registerHermes(sys);
  const identity = h.newWallet();
  const { channel, channelAddress } = await h.registerIdentity(sys, hub.hermesId, identity, { topUp: MYST(100) });
  return { ...sys, ...hub, identity, channel, channelAddress };
}

async function exitSigs(f, { amount, fee = 0n, beneficiary, validUntil, nonce = 0n, identity = f.identity, operator = f.operator, cid = f.cid }) {
  const pre = P.exit(cid, f.channelAddress, amount, fee, beneficiary, validUntil, nonce);
  return [h.signPreimage(identity, pre), h.signPreimage(operator, pre)];
}

async function requestSig(f, { beneficiary, validUntil, nonce = 0n, identity = f.identity, cid = f.cid, channel = f.channelAddress }) {
  return h.signPreimage(identity, P.unilateralExit(cid, channel, beneficiary, validUntil, nonce));
}

describe("ChannelImplementation", function () {
  describe("construction and initialize", function () {
    it("exposes token, dex, exit delay and refuses to initialize the implementation itself", async function () {
      const { channelImpl, token, dex } = await loadFixture(channelFixture);
      expect(await channelImpl.token()).to.equal(await token.getAddress());
      expect(await channelImpl.getDex()).to.equal(await dex.getAddress());
      expect(await channelImpl.getExitDelay()).to.equal(345600n);
      await expect(channelImpl.initialize(token, dex, h.newWallet().address, h.newWallet().address, 0))
        .to.be.revertedWithCustomError(channelImpl, "ChannelImplementation__NotAClone");
    });

    it("rejects a zero token, zero dex or zero exit delay at construction", async function () {
      const { token, dex } = await loadFixture(channelFixture);
      const F = await ethers.getContractFactory("ChannelImplementation");
      await expect(F.deploy(ZERO, dex, 1)).to.be.revertedWithCustomError(F, "ChannelImplementation__ZeroAddress");
      await expect(F.deploy(token, ZERO, 1)).to.be.revertedWithCustomError(F, "ChannelImplementation__ZeroAddress");
      await expect(F.deploy(token, dex, 0)).to.be.revertedWithCustomError(F, "ChannelImplementation__ZeroExitDelay");
    });

    it("rejects re-initialization of a deployed channel", async function () {
      const { channel, token, dex } = await loadFixture(channelFixture);
      await expect(channel.initialize(token, dex, h.newWallet().address, h.newWallet().address, 0))
        .to.be.revertedWithCustomError(channel, "ChannelImplementation__AlreadyInitialized");
      expect(await channel.isInitialized()).to.equal(true);
    });

    it("validates initialize arguments on a fresh clone", async function () {
      const { channelImpl, token, dex } = await loadFixture(channelFixture);
      const factory = await ethers.deployContract("TestCloneFactory");
      const clone = await ethers.getContractAt("ChannelImplementation", await factory.clone.staticCall(channelImpl));
      await factory.clone(channelImpl);
      const a = h.newWallet().address;
      await expect(clone.initialize(token, dex, ZERO, a, 0)).to.be.revertedWithCustomError(clone, "ChannelImplementation__ZeroAddress");
      await expect(clone.initialize(token, dex, a, ZERO, 0)).to.be.revertedWithCustomError(clone, "ChannelImplementation__ZeroAddress");
      await expect(clone.initialize(dex, dex, a, a, 0)).to.be.revertedWithCustomError(clone, "ChannelImplementation__ConfigMismatch");
      await expect(clone.initialize(token, token, a, a, 0)).to.be.revertedWithCustomError(clone, "ChannelImplementation__ConfigMismatch");
      expect(await clone.isInitialized()).to.equal(false);
    });

    it("reports the hub (operator read live, contract, settled)", async function () {
      const { channel, hermesId, operator } = await loadFixture(channelFixture);
      const hub = await channel.hermes();
      expect(hub.operator_).to.equal(operator.address);
      expect(hub.contractAddress).to.equal(hermesId);
      expect(hub.settled).to.equal(0n);
    });
  });

  describe("funding", function () {
    it("accepts plain MYST transfers before and after deployment", async function () {
      const { channel, token, channelAddress } = await loadFixture(channelFixture);
      await token.transfer(channelAddress, MYST(5));
      expect(await token.balanceOf(channel)).to.equal(MYST(105));
    });

    it("swaps native coin sent to receive() into MYST (no minimum)", async function () {
      const { channel, token, owner } = await loadFixture(channelFixture);
      await owner.sendTransaction({ to: await channel.getAddress(), value: ethers.parseEther("0.01") });
      expect(await token.balanceOf(channel)).to.equal(MYST(100) + MYST(10));
    });

    it("topUpWithNative swaps with a caller-chosen minimum output", async function () {
      const { channel, token } = await loadFixture(channelFixture);
      await channel.topUpWithNative(MYST(10), { value: ethers.parseEther("0.01") });
      expect(await token.balanceOf(channel)).to.equal(MYST(110));
    });

    it("topUpWithNative reverts when the price moved below the minimum", async function () {
      const { channel, dex } = await loadFixture(channelFixture);
      await dex.setRate(MYST(500));
      await expect(channel.topUpWithNative(MYST(10), { value: ethers.parseEther("0.01") }))
        .to.be.revertedWithCustomError(dex, "TestUniswapRouter__InsufficientOutput").withArgs(MYST(5), MYST(10));
    });

    it("topUpWithNative rejects zero value", async function () {
      const { channel } = await loadFixture(channelFixture);
      await expect(channel.topUpWithNative(0)).to.be.revertedWithCustomError(channel, "ChannelImplementation__ZeroAmount");
    });

    it("the implementation itself refuses native coin (not initialized)", async function () {
      const { channelImpl, owner } = await loadFixture(channelFixture);
      await expect(owner.sendTransaction({ to: await channelImpl.getAddress(), value: 1 }))
        .to.be.revertedWithCustomError(channelImpl, "ChannelImplementation__NotInitialized");
    });
  });

  describe("settlePromise", function () {
    it("settles a promise into the hub and reveals R in PromiseSettled", async function () {
      const f = await loadFixture(channelFixture);
      const p = h.consumerPromise(f, f.identity, f.channelAddress, MYST(10));
      const tx = f.channel.settlePromise(p.amount, p.fee, p.lock, p.signature);
      await expect(tx).to.emit(f.channel, "PromiseSettled").withArgs(f.hermesId, MYST(10), MYST(10), p.lock);
      await expect(tx).to.changeTokenBalances(f.token, [f.channel, f.hermes], [-MYST(10), MYST(10)]);
      expect((await f.channel.hermes()).settled).to.equal(MYST(10));
    });

    it("pays the transactor fee to msg.sender", async function () {
      const f = await loadFixture(channelFixture);
      const relayer = f.signers[4];
      const p = h.consumerPromise(f, f.identity, f.channelAddress, MYST(10), MYST(1));
      await expect(f.channel.connect(relayer).settlePromise(p.amount, p.fee, p.lock, p.signature))
        .to.changeTokenBalances(f.token, [f.channel, f.hermes, relayer], [-MYST(10), MYST(9), MYST(1)]);
    });

    it("settles only the difference of a newer cumulative promise", async function () {
      const f = await loadFixture(channelFixture);
      const p1 = h.consumerPromise(f, f.identity, f.channelAddress, MYST(10));
      await f.channel.settlePromise(p1.amount, p1.fee, p1.lock, p1.signature);
      const p2 = h.consumerPromise(f, f.identity, f.channelAddress, MYST(25));
      await expect(f.channel.settlePromise(p2.amount, p2.fee, p2.lock, p2.signature))
        .to.emit(f.channel, "PromiseSettled").withArgs(f.hermesId, MYST(15), MYST(25), p2.lock);
    });

    it("rejects the same promise twice (double spend)", async function () {
      const f = await loadFixture(channelFixture);
      const p = h.consumerPromise(f, f.identity, f.channelAddress, MYST(10));
      await f.channel.settlePromise(p.amount, p.fee, p.lock, p.signature);
      await expect(f.channel.settlePromise(p.amount, p.fee, p.lock, p.signature))
        .to.be.revertedWithCustomError(f.channel, "ChannelImplementation__NothingToSettle");
    });

    it("rejects an older (smaller) promise after a newer one", async function () {
      const f = await loadFixture(channelFixture);
      const p2 = h.consumerPromise(f, f.identity, f.channelAddress, MYST(20));
      await f.channel.settlePromise(p2.amount, p2.fee, p2.lock, p2.signature);
      const p1 = h.consumerPromise(f, f.identity, f.channelAddress, MYST(10));
      await expect(f.channel.settlePromise(p1.amount, p1.fee, p1.lock, p1.signature))
        .to.be.revertedWithCustomError(f.channel, "ChannelImplementation__NothingToSettle");
    });

    it("caps a promise above the balance, then completes it with the same promise after a top-up", async function () {
      const f = await loadFixture(channelFixture);
      const p = h.consumerPromise(f, f.identity, f.channelAddress, MYST(150));
      await expect(f.channel.settlePromise(p.amount, p.fee, p.lock, p.signature))
        .to.emit(f.channel, "PromiseSettled").withArgs(f.hermesId, MYST(100), MYST(100), p.lock);
      await f.token.transfer(f.channelAddress, MYST(80));
      await expect(f.channel.settlePromise(p.amount, p.fee, p.lock, p.signature))
        .to.emit(f.channel, "PromiseSettled").withArgs(f.hermesId, MYST(50), MYST(150), p.lock);
      expect(await f.token.balanceOf(f.channel)).to.equal(MYST(30));
    });

    it("rejects settlement of an empty channel", async function () {
      const f = await loadFixture(channelFixture);
      const all = h.consumerPromise(f, f.identity, f.channelAddress, MYST(100));
      await f.channel.settlePromise(all.amount, all.fee, all.lock, all.signature);
      const more = h.consumerPromise(f, f.identity, f.channelAddress, MYST(120));
      await expect(f.channel.settlePromise(more.amount, more.fee, more.lock, more.signature))
        .to.be.revertedWithCustomError(f.channel, "ChannelImplementation__NoBalance");
    });

    it("rejects a transactor fee above the capped amount with a custom error", async function () {
      const f = await loadFixture(channelFixture);
      const p = h.consumerPromise(f, f.identity, f.channelAddress, MYST(300), MYST(150));
      await expect(f.channel.settlePromise(p.amount, p.fee, p.lock, p.signature))
        .to.be.revertedWithCustomError(f.channel, "ChannelImplementation__FeeExceedsAmount").withArgs(MYST(100), MYST(150));
    });

    it("rejects a promise signed by the hub operator or anyone but the identity", async function () {
      const f = await loadFixture(channelFixture);
      const p = h.consumerPromise(f, f.operator, f.channelAddress, MYST(10));
      await expect(f.channel.settlePromise(p.amount, p.fee, p.lock, p.signature))
        .to.be.revertedWithCustomError(f.channel, "ChannelImplementation__InvalidSignature").withArgs(f.operator.address);
    });

    it("rejects a wrong lock (hashlock mismatch)", async function () {
      const f = await loadFixture(channelFixture);
      const p = h.consumerPromise(f, f.identity, f.channelAddress, MYST(10));
      await expect(f.channel.settlePromise(p.amount, p.fee, h.randomLock(), p.signature))
        .to.be.revertedWithCustomError(f.channel, "ChannelImplementation__InvalidSignature");
    });

    it("rejects replay on another chain id", async function () {
      const f = await loadFixture(channelFixture);
      const lock = h.randomLock();
      const sig = h.signPreimage(f.identity, P.promise(f.cid + 1n, f.channelAddress, MYST(10), 0, lock));
      await expect(f.channel.settlePromise(MYST(10), 0, lock, sig)).to.be.revertedWithCustomError(f.channel, "ChannelImplementation__InvalidSignature");
    });

    it("rejects replay on another channel of the same identity", async function () {
      const f = await loadFixture(channelFixture);
      const second = await h.registerHermes(f);
      const { channel: other } = await h.registerIdentity(f, second.hermesId, f.identity, { topUp: MYST(10) });
      const p = h.consumerPromise(f, f.identity, f.channelAddress, MYST(5));
      await expect(other.settlePromise(p.amount, p.fee, p.lock, p.signature)).to.be.revertedWithCustomError(other, "ChannelImplementation__InvalidSignature");
    });

    it("keeps working while a unilateral exit is pending", async function () {
      const f = await loadFixture(channelFixture);
      const validUntil = (await time.latest()) + 100;
      await f.channel.requestExit(f.signers[5].address, validUntil, await requestSig(f, { beneficiary: f.signers[5].address, validUntil }));
      const p = h.consumerPromise(f, f.identity, f.channelAddress, MYST(40));
      await expect(f.channel.settlePromise(p.amount, p.fee, p.lock, p.signature)).to.emit(f.channel, "PromiseSettled");
      await time.increase(h.EXIT_DELAY);
      await expect(f.channel.finalizeExit()).to.emit(f.channel, "Withdraw").withArgs(f.signers[5].address, MYST(60));
    });
  });

  describe("fastExit (cooperative)", function () {
    it("withdraws with both signatures and pays the transactor fee", async function () {
      const f = await loadFixture(channelFixture);
      const beneficiary = f.signers[6];
      const relayer = f.signers[7];
      const validUntil = (await time.latest()) + 3600;
      const [a, b] = await exitSigs(f, { amount: MYST(30), fee: MYST(1), beneficiary: beneficiary.address, validUntil });
      const tx = f.channel.connect(relayer).fastExit(MYST(30), MYST(1), beneficiary.address, validUntil, a, b);
      await expect(tx).to.emit(f.channel, "Withdraw").withArgs(beneficiary.address, MYST(29));
      await expect(tx).to.changeTokenBalances(f.token, [f.channel, beneficiary, relayer], [-MYST(30), MYST(29), MYST(1)]);
      expect(await f.channel.lastNonce()).to.equal(1n);
    });

    it("rejects replay of the same exit (nonce)", async function () {
      const f = await loadFixture(channelFixture);
      const validUntil = (await time.latest()) + 3600;
      const [a, b] = await exitSigs(f, { amount: MYST(10), beneficiary: f.signers[6].address, validUntil });
      await f.channel.fastExit(MYST(10), 0, f.signers[6].address, validUntil, a, b);
      await expect(f.channel.fastExit(MYST(10), 0, f.signers[6].address, validUntil, a, b)).to.be.revertedWithCustomError(f.channel, "ChannelImplementation__InvalidSignature");
    });

    it("rejects a wrong hub signature", async function () {
      const f = await loadFixture(channelFixture);
      const validUntil = (await time.latest()) + 3600;
      const mallory = h.newWallet();
      const [a, b] = await exitSigs(f, { amount: MYST(10), beneficiary: f.signers[6].address, validUntil, operator: mallory });
      await expect(f.channel.fastExit(MYST(10), 0, f.signers[6].address, validUntil, a, b))
        .to.be.revertedWithCustomError(f.channel, "ChannelImplementation__InvalidHermesSignature").withArgs(mallory.address);
    });

    it("rejects a wrong identity signature", async function () {
      const f = await loadFixture(channelFixture);
      const validUntil = (await time.latest()) + 3600;
      const [a, b] = await exitSigs(f, { amount: MYST(10), beneficiary: f.signers[6].address, validUntil, identity: f.operator });
      await expect(f.channel.fastExit(MYST(10), 0, f.signers[6].address, validUntil, a, b)).to.be.revertedWithCustomError(f.channel, "ChannelImplementation__InvalidSignature");
    });

    it("rejects an expired request", async function () {
      const f = await loadFixture(channelFixture);
      const validUntil = (await time.latest()) - 1;
      const [a, b] = await exitSigs(f, { amount: MYST(10), beneficiary: f.signers[6].address, validUntil });
      await expect(f.channel.fastExit(MYST(10), 0, f.signers[6].address, validUntil, a, b))
        .to.be.revertedWithCustomError(f.channel, "ChannelImplementation__Expired").withArgs(validUntil);
    });

    it("rejects a fee above the amount and a zero beneficiary", async function () {
      const f = await loadFixture(channelFixture);
      const validUntil = (await time.latest()) + 3600;
      await expect(f.channel.fastExit(1, 2, f.signers[6].address, validUntil, "0x", "0x"))
        .to.be.revertedWithCustomError(f.channel, "ChannelImplementation__FeeExceedsAmount").withArgs(1, 2);
      await expect(f.channel.fastExit(1, 0, ZERO, validUntil, "0x", "0x")).to.be.revertedWithCustomError(f.channel, "ChannelImplementation__ZeroAddress");
    });

    it("rejects an exit signed for another chain id", async function () {
      const f = await loadFixture(channelFixture);
      const validUntil = (await time.latest()) + 3600;
      const [a, b] = await exitSigs(f, { amount: MYST(10), beneficiary: f.signers[6].address, validUntil, cid: 1n });
      await expect(f.channel.fastExit(MYST(10), 0, f.signers[6].address, validUntil, a, b)).to.be.revertedWithCustomError(f.channel, "ChannelImplementation__InvalidSignature");
    });
  });

  describe("unilateral exit (requestExit / finalizeExit)", function () {
    it("requests an exit with the P11 signature, emitting ExitRequested(now + delay)", async function () {
      const f = await loadFixture(channelFixture);
      const beneficiary = f.signers[6].address;
      const validUntil = (await time.latest()) + 600;
      const sig = await requestSig(f, { beneficiary, validUntil });
      const tx = await f.channel.connect(f.signers[9]).requestExit(beneficiary, validUntil, sig);
      const now = BigInt(await time.latest());
      await expect(tx).to.emit(f.channel, "ExitRequested").withArgs(now + BigInt(h.EXIT_DELAY));
      const [b, tl] = await f.channel.getExitRequest();
      expect(b).to.equal(beneficiary);
      expect(tl).to.equal(now + BigInt(h.EXIT_DELAY));
      expect(await f.channel.lastNonce()).to.equal(1n);
    });

    it("finalizes after the timelock, sending the whole balance to the beneficiary", async function () {
      const f = await loadFixture(channelFixture);
      const beneficiary = f.signers[6];
      const validUntil = (await time.latest()) + 600;
      await f.channel.requestExit(beneficiary.address, validUntil, await requestSig(f, { beneficiary: beneficiary.address, validUntil }));
      await time.increase(h.EXIT_DELAY);
      const tx = f.channel.connect(f.signers[9]).finalizeExit();
      await expect(tx).to.emit(f.channel, "Withdraw").withArgs(beneficiary.address, MYST(100));
      await expect(tx).to.changeTokenBalances(f.token, [f.channel, beneficiary], [-MYST(100), MYST(100)]);
      const [b, tl] = await f.channel.getExitRequest();
      expect(b).to.equal(ZERO);
      expect(tl).to.equal(0n);
    });

    it("refuses to finalize before the timelock", async function () {
      const f = await loadFixture(channelFixture);
      const validUntil = (await time.latest()) + 600;
      await f.channel.requestExit(f.signers[6].address, validUntil, await requestSig(f, { beneficiary: f.signers[6].address, validUntil }));
      const [, tl] = await f.channel.getExitRequest();
      await time.increase(h.EXIT_DELAY - 10);
      await expect(f.channel.finalizeExit()).to.be.revertedWithCustomError(f.channel, "ChannelImplementation__ExitTimelockNotReached").withArgs(tl);
    });

    it("refuses to finalize without a request", async function () {
      const f = await loadFixture(channelFixture);
      await expect(f.channel.finalizeExit()).to.be.revertedWithCustomError(f.channel, "ChannelImplementation__NoExitRequested");
    });

    it("refuses a second request while one is pending", async function () {
      const f = await loadFixture(channelFixture);
      const validUntil = (await time.latest()) + 600;
      await f.channel.requestExit(f.signers[6].address, validUntil, await requestSig(f, { beneficiary: f.signers[6].address, validUntil }));
      const sig2 = await requestSig(f, { beneficiary: f.signers[7].address, validUntil, nonce: 1n });
      await expect(f.channel.requestExit(f.signers[7].address, validUntil, sig2)).to.be.revertedWithCustomError(f.channel, "ChannelImplementation__ExitAlreadyRequested");
    });

    it("rejects an expired, wrongly signed, zero-beneficiary or other-chain request", async function () {
      const f = await loadFixture(channelFixture);
      const now = await time.latest();
      const b = f.signers[6].address;
      await expect(f.channel.requestExit(b, now - 1, await requestSig(f, { beneficiary: b, validUntil: now - 1 })))
        .to.be.revertedWithCustomError(f.channel, "ChannelImplementation__Expired");
      await expect(f.channel.requestExit(b, now + 600, await requestSig(f, { beneficiary: b, validUntil: now + 600, identity: f.operator })))
        .to.be.revertedWithCustomError(f.channel, "ChannelImplementation__InvalidSignature").withArgs(f.operator.address);
      await expect(f.channel.requestExit(ZERO, now + 600, "0x")).to.be.revertedWithCustomError(f.channel, "ChannelImplementation__ZeroAddress");
      await expect(f.channel.requestExit(b, now + 600, await requestSig(f, { beneficiary: b, validUntil: now + 600, cid: 1n })))
        .to.be.revertedWithCustomError(f.channel, "ChannelImplementation__InvalidSignature");
    });

    it("shares the nonce with fastExit: a used exit nonce cannot be reused for a request", async function () {
      const f = await loadFixture(channelFixture);
      const validUntil = (await time.latest()) + 600;
      const [a, b] = await exitSigs(f, { amount: MYST(1), beneficiary: f.signers[6].address, validUntil });
      await f.channel.fastExit(MYST(1), 0, f.signers[6].address, validUntil, a, b);
      const stale = await requestSig(f, { beneficiary: f.signers[6].address, validUntil, nonce: 0n });
      await expect(f.channel.requestExit(f.signers[6].address, validUntil, stale)).to.be.revertedWithCustomError(f.channel, "ChannelImplementation__InvalidSignature");
      const fresh = await requestSig(f, { beneficiary: f.signers[6].address, validUntil, nonce: 1n });
      await expect(f.channel.requestExit(f.signers[6].address, validUntil, fresh)).to.emit(f.channel, "ExitRequested");
    });

    it("allows a new request after finalization, with the next nonce", async function () {
      const f = await loadFixture(channelFixture);
      let validUntil = (await time.latest()) + 600;
      await f.channel.requestExit(f.signers[6].address, validUntil, await requestSig(f, { beneficiary: f.signers[6].address, validUntil }));
      await time.increase(h.EXIT_DELAY);
      await f.channel.finalizeExit();
      validUntil = (await time.latest()) + 600;
      await expect(f.channel.requestExit(f.signers[6].address, validUntil, await requestSig(f, { beneficiary: f.signers[6].address, validUntil, nonce: 1n })))
        .to.emit(f.channel, "ExitRequested");
    });

    it("cannot be replayed on another channel of the same identity", async function () {
      const f = await loadFixture(channelFixture);
      const second = await h.registerHermes(f);
      const { channel: other } = await h.registerIdentity(f, second.hermesId, f.identity, { topUp: MYST(5) });
      const validUntil = (await time.latest()) + 600;
      const sig = await requestSig(f, { beneficiary: f.signers[6].address, validUntil });
      await expect(other.requestExit(f.signers[6].address, validUntil, sig)).to.be.revertedWithCustomError(other, "ChannelImplementation__InvalidSignature");
    });
  });

  describe("funds recovery by cheque", function () {
    it("sets the destination with the identity's P8 signature and recovers foreign tokens", async function () {
      const f = await loadFixture(channelFixture);
      const other = await ethers.deployContract("TestToken", ["Other", "OTH", 18]);
      await other.mint(f.channelAddress, 77);
      const dest = f.signers[8].address;
      const sig = h.signPreimage(f.identity, P.fundsDestination(f.channelAddress, dest, 0));
      await expect(f.channel.setFundsDestinationByCheque(dest, sig)).to.emit(f.channel, "DestinationChanged").withArgs(ZERO, dest);
      expect(await f.channel.getFundsDestination()).to.equal(dest);
      await f.channel.claimTokens(other);
      expect(await other.balanceOf(dest)).to.equal(77n);
    });

    it("rejects a cheque by another key, a replayed cheque and a zero destination", async function () {
      const f = await loadFixture(channelFixture);
      const dest = f.signers[8].address;
      await expect(f.channel.setFundsDestinationByCheque(dest, h.signPreimage(f.operator, P.fundsDestination(f.channelAddress, dest, 0))))
        .to.be.revertedWithCustomError(f.channel, "ChannelImplementation__InvalidSignature");
      const sig = h.signPreimage(f.identity, P.fundsDestination(f.channelAddress, dest, 0));
      await f.channel.setFundsDestinationByCheque(dest, sig);
      await expect(f.channel.setFundsDestinationByCheque(dest, sig)).to.be.revertedWithCustomError(f.channel, "ChannelImplementation__InvalidSignature");
      await expect(f.channel.setFundsDestinationByCheque(ZERO, sig)).to.be.revertedWithCustomError(f.channel, "ChannelImplementation__ZeroAddress");
    });

    it("lets the identity itself set the destination as owner, but nobody else", async function () {
      const f = await loadFixture(channelFixture);
      await f.owner.sendTransaction({ to: f.identity.address, value: ethers.parseEther("1") });
      await expect(f.channel.connect(f.identity).setFundsDestination(f.signers[8].address)).to.emit(f.channel, "DestinationChanged");
      await expect(f.channel.connect(f.signers[2]).setFundsDestination(f.signers[2].address))
        .to.be.revertedWithCustomError(f.channel, "Ownable__CallerNotOwner").withArgs(f.signers[2].address);
    });

    it("never lets MYST be claimed through recovery", async function () {
      const f = await loadFixture(channelFixture);
      await f.channel.setFundsDestinationByCheque(f.signers[8].address, h.signPreimage(f.identity, P.fundsDestination(f.channelAddress, f.signers[8].address, 0)));
      await expect(f.channel.claimTokens(f.token)).to.be.revertedWithCustomError(f.channel, "FundsRecovery__NativeTokenNotRecoverable");
    });

    it("recovers native coin sent before deployment", async function () {
      const sys = await h.deploySystem();
      const hub = await h.registerHermes(sys);
      const identity = h.newWallet();
      const future = await sys.registry.getChannelAddress(identity.address, hub.hermesId);
      await sys.owner.sendTransaction({ to: future, value: ethers.parseEther("1") });
      const { channel } = await h.registerIdentity(sys, hub.hermesId, identity);
      await expect(channel.claimNativeCoin()).to.be.revertedWithCustomError(channel, "FundsRecovery__DestinationNotSet");
      const dest = h.newWallet().address;
      await channel.setFundsDestinationByCheque(dest, h.signPreimage(identity, P.fundsDestination(future, dest, 0)));
      await channel.claimNativeCoin();
      expect(await ethers.provider.getBalance(dest)).to.equal(ethers.parseEther("1"));
    });
  });
});
