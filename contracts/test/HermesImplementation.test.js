"use strict";
const { expect } = require("chai");
const { ethers } = require("hardhat");
const { loadFixture, time } = require("@nomicfoundation/hardhat-network-helpers");
const h = require("./helpers/system");
const { hubFixture, settle, hubFee } = require("./helpers/hub");
const { MYST, ZERO, P } = h;

describe("HermesImplementation: settlement", function () {
  describe("initialize", function () {
    it("cannot initialize the implementation contract", async function () {
      const f = await loadFixture(hubFixture);
      await expect(f.hermesImpl.initialize(f.token, f.owner.address, 0, 0, 1, f.dex))
        .to.be.revertedWithCustomError(f.hermesImpl, "HermesImplementation__NotAClone");
    });

    it("only the registry initializes a clone, once, with matching token and dex", async function () {
      const f = await loadFixture(hubFixture);
      const factory = await ethers.deployContract("TestCloneFactory");
      const addr = await factory.clone.staticCall(f.hermesImpl);
      await factory.clone(f.hermesImpl);
      const clone = await ethers.getContractAt("HermesImplementation", addr);
      await expect(clone.initialize(f.token, f.owner.address, 0, 0, 1, f.dex))
        .to.be.revertedWithCustomError(clone, "HermesImplementation__CallerNotRegistry").withArgs(f.owner.address);
      await expect(f.hermes.initialize(f.token, f.owner.address, 0, 0, 1, f.dex))
        .to.be.revertedWithCustomError(f.hermes, "HermesImplementation__CallerNotRegistry");
      expect(await f.hermes.isInitialized()).to.equal(true);
      expect(await f.hermes.getRegistry()).to.equal(await f.registry.getAddress());
      expect(await f.hermes.getDex()).to.equal(await f.dex.getAddress());
    });

    it("rejects zero constructor arguments", async function () {
      const f = await loadFixture(hubFixture);
      const F = await ethers.getContractFactory("HermesImplementation");
      await expect(F.deploy(ZERO, f.dex, f.registry)).to.be.revertedWithCustomError(F, "HermesImplementation__ZeroAddress");
      await expect(F.deploy(f.token, f.dex, ZERO)).to.be.revertedWithCustomError(F, "HermesImplementation__ZeroAddress");
    });
  });

  describe("channel ids and views", function () {
    it("derives provider and withdrawal channel ids as keccak(identity ‖ hub [‖ type])", async function () {
      const f = await loadFixture(hubFixture);
      expect(await f.hermes["getChannelId(address)"](f.provider.address)).to.equal(f.channelId);
      expect(await f.hermes["getChannelId(address,string)"](f.provider.address, "withdrawal")).to.equal(
        h.withdrawalChannelId(f.provider.address, f.hermesId),
      );
      expect(await f.hermes.isChannelOpened(f.channelId)).to.equal(true);
      expect(await f.hermes.isChannelOpened(ethers.ZeroHash)).to.equal(false);
    });

    it("accounts balances: available = balance − max(hub stake, punishment) − total stake", async function () {
      const f = await loadFixture(hubFixture);
      expect(await f.hermes.minimalExpectedBalance()).to.equal(MYST(1010));
      expect(await f.hermes.availableBalance()).to.equal(MYST(500));
      expect(await f.hermes.getHermesStake()).to.equal(MYST(1000));
      expect(await f.hermes.getTotalStake()).to.equal(MYST(10));
    });

    it("computes the hub fee rounded up: 2.5 % of 1e8 and 3 on 100", async function () {
      const f = await loadFixture(hubFixture);
      expect(await f.hermes.calculateHermesFee(100000000n)).to.equal(2500000n);
      expect(await f.hermes.calculateHermesFee(100n)).to.equal(3n);
      expect(await f.hermes.calculateHermesFee(0n)).to.equal(0n);
    });

    it("validatePromise accepts the operator's promise and rejects others without reverting", async function () {
      const f = await loadFixture(hubFixture);
      const p = f.promise(MYST(1));
      expect(await f.hermes.validatePromise(f.channelId, p.amount, p.fee, p.lock, p.signature)).to.equal(true);
      expect(await f.hermes.validatePromise(f.channelId, p.amount + 1n, p.fee, p.lock, p.signature)).to.equal(false);
      expect(await f.hermes.validatePromise(f.channelId, p.amount, p.fee, p.lock, "0x01")).to.equal(false);
      expect(await f.hermes.validatePromise(f.channelId, p.amount, p.fee, p.lock, h.highS(p.signature))).to.equal(false);
    });
  });

  describe("settlePromise", function () {
    it("pays the beneficiary amount − hub fee and emits PromiseSettled with R", async function () {
      const f = await loadFixture(hubFixture);
      const p = f.promise(MYST(10));
      const fee = hubFee(MYST(10));
      await expect(settle(f, p))
        .to.emit(f.hermes, "PromiseSettled").withArgs(f.provider.address, f.channelId, f.beneficiary, MYST(10) - fee, fee, p.lock);
      expect(await f.token.balanceOf(f.beneficiary)).to.equal(MYST(10) - fee);
      expect((await f.hermes.channels(f.channelId)).settled).to.equal(MYST(10));
      expect(await f.hermes.availableBalance()).to.equal(MYST(490) + fee);
    });

    it("pays the transactor fee to msg.sender", async function () {
      const f = await loadFixture(hubFixture);
      const relayer = f.signers[5];
      const p = f.promise(MYST(10), MYST(1));
      await expect(settle(f, p, relayer)).to.changeTokenBalance(f.token, relayer, MYST(1));
      expect(await f.token.balanceOf(f.beneficiary)).to.equal(MYST(9) - hubFee(MYST(10)));
    });

    it("rejects the same promise twice (double spend)", async function () {
      const f = await loadFixture(hubFixture);
      const p = f.promise(MYST(10));
      await settle(f, p);
      await expect(settle(f, p)).to.be.revertedWithCustomError(f.hermes, "HermesImplementation__NothingToSettle");
    });

    it("settles only the increment of a newer cumulative promise", async function () {
      const f = await loadFixture(hubFixture);
      await settle(f, f.promise(MYST(10)));
      const p = f.promise(MYST(15));
      const fee = hubFee(MYST(5));
      await expect(settle(f, p)).to.emit(f.hermes, "PromiseSettled").withArgs(f.provider.address, f.channelId, f.beneficiary, MYST(5) - fee, fee, p.lock);
    });

    it("rejects a promise not signed by the operator", async function () {
      const f = await loadFixture(hubFixture);
      const mallory = h.newWallet();
      await expect(settle(f, f.promise(MYST(1), 0n, h.randomLock(), mallory)))
        .to.be.revertedWithCustomError(f.hermes, "HermesImplementation__InvalidPromiseSignature").withArgs(mallory.address);
    });

    it("rejects a promise for an unregistered identity", async function () {
      const f = await loadFixture(hubFixture);
      const stranger = h.newWallet().address;
      const p = f.promise(MYST(1), 0n, h.randomLock(), f.operator, h.providerChannelId(stranger, f.hermesId));
      await expect(settle(f, p, undefined, stranger))
        .to.be.revertedWithCustomError(f.hermes, "HermesImplementation__IdentityNotRegistered").withArgs(stranger);
    });

    it("rejects a transactor fee that is not below the unpaid amount", async function () {
      const f = await loadFixture(hubFixture);
      await expect(settle(f, f.promise(MYST(1), MYST(1))))
        .to.be.revertedWithCustomError(f.hermes, "HermesImplementation__FeeNotCovered").withArgs(MYST(1), MYST(1));
    });

    it("rejects replay on another chain id", async function () {
      const f = await loadFixture(hubFixture);
      const lock = h.randomLock();
      const sig = h.signPreimage(f.operator, P.promise(f.cid + 7n, f.channelId, MYST(1), 0, lock));
      await expect(f.hermes.settlePromise(f.provider.address, MYST(1), 0, lock, sig))
        .to.be.revertedWithCustomError(f.hermes, "HermesImplementation__InvalidPromiseSignature");
    });

    it("rejects replay on another hub of the same operator (the channel id binds the hub)", async function () {
      const f = await loadFixture(hubFixture);
      const channelV1 = await ethers.deployContract("ChannelImplementation", [f.token, f.dex, h.EXIT_DELAY]);
      const hermesV1 = await ethers.deployContract("HermesImplementation", [f.token, f.dex, f.registry]);
      await f.registry.setImplementations(channelV1, hermesV1);
      const other = await h.registerHermes(f, { operator: f.operator });
      await h.registerIdentity(f, other.hermesId, f.provider);
      await f.token.transfer(other.hermesId, MYST(100));
      const p = f.promise(MYST(5));
      await expect(other.hermes.settlePromise(f.provider.address, p.amount, 0, p.lock, p.signature))
        .to.be.revertedWithCustomError(other.hermes, "HermesImplementation__InvalidPromiseSignature");
      await expect(settle(f, p)).to.emit(f.hermes, "PromiseSettled");
    });

    it("caps at maxStake, then completes the rest with the same promise", async function () {
      const f = await loadFixture(hubFixture);
      await f.token.transfer(f.hermesId, MYST(1000));
      const p = f.promise(MYST(250));
      await expect(settle(f, p)).to.emit(f.hermes, "PromiseSettled").withArgs(f.provider.address, f.channelId, f.beneficiary, MYST(100) - hubFee(MYST(100)), hubFee(MYST(100)), p.lock);
      await settle(f, p);
      await expect(settle(f, p)).to.emit(f.hermes, "PromiseSettled").withArgs(f.provider.address, f.channelId, f.beneficiary, MYST(50) - hubFee(MYST(50)), hubFee(MYST(50)), p.lock);
      expect((await f.hermes.channels(f.channelId)).settled).to.equal(MYST(250));
      await expect(settle(f, p)).to.be.revertedWithCustomError(f.hermes, "HermesImplementation__NothingToSettle");
    });

    it("caps at the available balance, then completes after the hub is refilled", async function () {
      const f = await loadFixture(hubFixture);
      await f.hermes.connect(f.operator).withdraw(f.owner.address, MYST(460)); // 40 left available
      const p = f.promise(MYST(90));
      await settle(f, p);
      expect((await f.hermes.channels(f.channelId)).settled).to.equal(MYST(40));
      expect(await f.hermes.getStatus()).to.equal(0n);
      await f.token.transfer(f.hermesId, MYST(100));
      await settle(f, p);
      expect((await f.hermes.channels(f.channelId)).settled).to.equal(MYST(90));
    });

    it("allows settling up to the channel stake when it exceeds a lowered maxStake", async function () {
      const f = await loadFixture(hubFixture);
      await f.token.approve(f.hermesId, MYST(40));
      await f.hermes.increaseStake(f.channelId, MYST(40)); // stake 50
      await f.hermes.connect(f.operator).setMaxStake(MYST(20));
      await settle(f, f.promise(MYST(60)));
      expect((await f.hermes.channels(f.channelId)).settled).to.equal(MYST(50));
    });

    it("lets zero-stake providers settle when minStake is 0", async function () {
      const f = await loadFixture(hubFixture);
      const provider = h.newWallet();
      await h.registerIdentity(f, f.hermesId, provider, { beneficiary: f.signers[8].address });
      const id = h.providerChannelId(provider.address, f.hermesId);
      const p = f.promise(MYST(2), 0n, h.randomLock(), f.operator, id);
      await expect(settle(f, p, undefined, provider.address)).to.emit(f.hermes, "PromiseSettled");
      expect(await f.hermes.isChannelOpened(id)).to.equal(true);
    });

    it("requires minStake before the first settlement when minStake > 0", async function () {
      const f = await loadFixture(hubFixture);
      await f.hermes.connect(f.operator).setMinStake(MYST(5));
      const provider = h.newWallet();
      await h.registerIdentity(f, f.hermesId, provider);
      const id = h.providerChannelId(provider.address, f.hermesId);
      await expect(settle(f, f.promise(MYST(2), 0n, h.randomLock(), f.operator, id), undefined, provider.address))
        .to.be.revertedWithCustomError(f.hermes, "HermesImplementation__NotEnoughStake").withArgs(0, MYST(5));
    });

    it("rejects a withdrawal-channel promise in settlePromise", async function () {
      const f = await loadFixture(hubFixture);
      const p = f.promise(MYST(1), 0n, h.randomLock(), f.operator, h.withdrawalChannelId(f.provider.address, f.hermesId));
      await expect(settle(f, p)).to.be.revertedWithCustomError(f.hermes, "HermesImplementation__InvalidPromiseSignature");
    });

    it("rejects malformed signatures: wrong length, high s, bad v", async function () {
      const f = await loadFixture(hubFixture);
      const p = f.promise(MYST(1));
      await expect(f.hermes.settlePromise(f.provider.address, p.amount, 0, p.lock, ethers.dataSlice(p.signature, 0, 64)))
        .to.be.revertedWithCustomError(f.hermes, "Utils__InvalidSignatureLength").withArgs(64);
      await expect(f.hermes.settlePromise(f.provider.address, p.amount, 0, p.lock, h.highS(p.signature)))
        .to.be.revertedWithCustomError(f.hermes, "Utils__InvalidSignatureS");
      await expect(f.hermes.settlePromise(f.provider.address, p.amount, 0, p.lock, h.withV(p.signature, 1)))
        .to.be.revertedWithCustomError(f.hermes, "Utils__InvalidSignature");
      await expect(f.hermes.settlePromise(f.provider.address, p.amount, 0, p.lock, h.withV(p.signature, 29)))
        .to.be.revertedWithCustomError(f.hermes, "Utils__InvalidSignature");
    });

    it("keeps settling while channel opening is paused", async function () {
      const f = await loadFixture(hubFixture);
      await f.hermes.connect(f.operator).pauseChannelOpening();
      await expect(settle(f, f.promise(MYST(1)))).to.emit(f.hermes, "PromiseSettled");
    });

    it("reverts with SettlementBelowFees when the capped amount cannot cover the fees", async function () {
      const f = await loadFixture(hubFixture);
      const provider = h.newWallet();
      await h.registerIdentity(f, f.hermesId, provider, { beneficiary: f.signers[8].address });
      const id = h.providerChannelId(provider.address, f.hermesId);
      await f.hermes.connect(f.operator).withdraw(f.owner.address, MYST(500) - 5n); // 5 wei available
      const p = f.promise(MYST(1), 10n, h.randomLock(), f.operator, id);
      await expect(settle(f, p, undefined, provider.address))
        .to.be.revertedWithCustomError(f.hermes, "HermesImplementation__SettlementBelowFees").withArgs(5, 11);
    });

    it("reverts with NoAvailableBalance when nothing is available and the channel has no stake", async function () {
      const f = await loadFixture(hubFixture);
      const provider = h.newWallet();
      await h.registerIdentity(f, f.hermesId, provider, { beneficiary: f.signers[8].address });
      const id = h.providerChannelId(provider.address, f.hermesId);
      await f.hermes.connect(f.operator).withdraw(f.owner.address, MYST(500));
      await expect(settle(f, f.promise(MYST(1), 0n, h.randomLock(), f.operator, id), undefined, provider.address))
        .to.be.revertedWithCustomError(f.hermes, "HermesImplementation__NoAvailableBalance");
    });
  });

  describe("punishment trigger", function () {
    it("enters Punishment when the available balance is below the channel stake, paying what it can", async function () {
      const f = await loadFixture(hubFixture);
      await f.hermes.connect(f.operator).withdraw(f.owner.address, MYST(495)); // 5 available < stake 10
      const p = f.promise(MYST(8));
      const tx = await settle(f, p);
      await expect(tx).to.emit(f.hermes, "HermesPunishmentActivated").withArgs(await time.latest());
      await expect(tx).to.emit(f.hermes, "PromiseSettled");
      expect(await f.hermes.getStatus()).to.equal(2n);
      expect(await f.hermes.isHermesActive()).to.equal(false);
      expect((await f.hermes.channels(f.channelId)).settled).to.equal(MYST(5));
      expect((await f.hermes.punishment()).activationBlockTime).to.equal(BigInt(await time.latest()));
    });

    it("keeps the punishment flag even when nothing could be paid", async function () {
      const f = await loadFixture(hubFixture);
      await f.hermes.connect(f.operator).withdraw(f.owner.address, MYST(500)); // 0 available
      const tx = await settle(f, f.promise(MYST(8), 1n));
      await expect(tx).to.emit(f.hermes, "HermesPunishmentActivated");
      await expect(tx).to.not.emit(f.hermes, "PromiseSettled");
      expect(await f.hermes.getStatus()).to.equal(2n);
      expect((await f.hermes.channels(f.channelId)).settled).to.equal(0n);
    });

    it("refuses every settlement while punished", async function () {
      const f = await loadFixture(hubFixture);
      await f.hermes.connect(f.operator).withdraw(f.owner.address, MYST(500));
      await settle(f, f.promise(MYST(8)));
      await expect(settle(f, f.promise(MYST(9)))).to.be.revertedWithCustomError(f.hermes, "HermesImplementation__WrongStatus").withArgs(2);
    });
  });

  describe("settleWithBeneficiary", function () {
    const benSig = async (f, identity, beneficiary, nonce) =>
      h.signPreimage(identity, P.beneficiary(f.cid, await f.registry.getAddress(), identity.address, beneficiary, nonce));

    it("changes the beneficiary in the registry and pays the new one", async function () {
      const f = await loadFixture(hubFixture);
      const target = h.newWallet().address;
      const p = f.promise(MYST(10));
      const tx = await f.hermes.settleWithBeneficiary(f.provider.address, p.amount, p.fee, p.lock, p.signature, target, await benSig(f, f.provider, target, 1));
      await expect(tx).to.emit(f.registry, "BeneficiaryChanged").withArgs(f.provider.address, target);
      await expect(tx).to.emit(f.hermes, "PromiseSettled");
      expect(await f.token.balanceOf(target)).to.equal(MYST(10) - hubFee(MYST(10)));
      expect(await f.registry.getBeneficiary(f.provider.address)).to.equal(target);
    });

    it("rejects a reused beneficiary signature", async function () {
      const f = await loadFixture(hubFixture);
      const target = h.newWallet().address;
      const sig = await benSig(f, f.provider, target, 1);
      const p1 = f.promise(MYST(1));
      await f.hermes.settleWithBeneficiary(f.provider.address, p1.amount, 0, p1.lock, p1.signature, target, sig);
      const p2 = f.promise(MYST(2));
      await expect(f.hermes.settleWithBeneficiary(f.provider.address, p2.amount, 0, p2.lock, p2.signature, target, sig))
        .to.be.revertedWithCustomError(f.registry, "Registry__InvalidSignature");
    });

    it("lets an unregistered zero-stake provider open its channel and get paid", async function () {
      const f = await loadFixture(hubFixture);
      const provider = h.newWallet();
      const target = h.newWallet().address;
      const id = h.providerChannelId(provider.address, f.hermesId);
      const p = f.promise(MYST(3), 0n, h.randomLock(), f.operator, id);
      await f.hermes.settleWithBeneficiary(provider.address, p.amount, 0, p.lock, p.signature, target, await benSig(f, provider, target, 1));
      expect(await f.registry.isRegistered(provider.address)).to.equal(true);
      expect(await f.hermes.isChannelOpened(id)).to.equal(true);
      expect(await f.token.balanceOf(target)).to.equal(MYST(3) - hubFee(MYST(3)));
    });
  });

  describe("settleWithDEX", function () {
    it("swaps the payout into native coin for the beneficiary (legacy overload, no minimum)", async function () {
      const f = await loadFixture(hubFixture);
      const p = f.promise(MYST(10));
      const payout = MYST(10) - hubFee(MYST(10));
      await expect(f.hermes["settleWithDEX(address,uint256,uint256,bytes32,bytes)"](f.provider.address, p.amount, 0, p.lock, p.signature))
        .to.changeEtherBalance(f.beneficiary, (payout * 10n ** 18n) / h.DEX_RATE);
    });

    it("honours the caller's minimum output", async function () {
      const f = await loadFixture(hubFixture);
      const p = f.promise(MYST(10));
      const payout = MYST(10) - hubFee(MYST(10));
      const out = (payout * 10n ** 18n) / h.DEX_RATE;
      const fn = "settleWithDEX(address,uint256,uint256,bytes32,bytes,uint256)";
      await expect(f.hermes[fn](f.provider.address, p.amount, 0, p.lock, p.signature, out + 1n))
        .to.be.revertedWithCustomError(f.dex, "TestUniswapRouter__InsufficientOutput").withArgs(out, out + 1n);
      await expect(f.hermes[fn](f.provider.address, p.amount, 0, p.lock, p.signature, out)).to.emit(f.hermes, "PromiseSettled");
    });

    it("rejects an unregistered identity", async function () {
      const f = await loadFixture(hubFixture);
      const p = f.promise(MYST(10));
      await expect(f.hermes["settleWithDEX(address,uint256,uint256,bytes32,bytes)"](f.owner.address, p.amount, 0, p.lock, p.signature))
        .to.be.revertedWithCustomError(f.hermes, "HermesImplementation__IdentityNotRegistered");
    });
  });

  describe("settleIntoStake", function () {
    it("adds the payout to the provider's stake", async function () {
      const f = await loadFixture(hubFixture);
      const p = f.promise(MYST(20));
      const payout = MYST(20) - hubFee(MYST(20));
      await expect(f.hermes.settleIntoStake(f.provider.address, p.amount, 0, p.lock, p.signature))
        .to.emit(f.hermes, "PromiseSettled").withArgs(f.provider.address, f.channelId, f.hermesId, payout, hubFee(MYST(20)), p.lock);
      expect((await f.hermes.channels(f.channelId)).stake).to.equal(MYST(10) + payout);
      expect(await f.hermes.getTotalStake()).to.equal(MYST(10) + payout);
    });

    it("opens a channel for a provider without stake even when minStake > 0", async function () {
      const f = await loadFixture(hubFixture);
      await f.hermes.connect(f.operator).setMinStake(MYST(5));
      const provider = h.newWallet();
      const id = h.providerChannelId(provider.address, f.hermesId);
      const p = f.promise(MYST(10), MYST(1), h.randomLock(), f.operator, id);
      await expect(f.hermes.connect(f.signers[4]).settleIntoStake(provider.address, p.amount, p.fee, p.lock, p.signature)).to.changeTokenBalance(f.token, f.signers[4], MYST(1));
      expect((await f.hermes.channels(id)).stake).to.equal(MYST(9) - hubFee(MYST(10)));
    });

    it("rejects a resulting stake above maxStake", async function () {
      const f = await loadFixture(hubFixture);
      await f.token.transfer(f.hermesId, MYST(1000));
      const p = f.promise(MYST(100));
      await expect(f.hermes.settleIntoStake(f.provider.address, p.amount, 0, p.lock, p.signature))
        .to.be.revertedWithCustomError(f.hermes, "HermesImplementation__StakeOutOfRange");
    });
  });

  describe("payAndSettle (consumer withdrawal through the hub)", function () {
    function withdrawal(f, amount, beneficiary, { fee = 0n, signer = f.provider } = {}) {
      const id = h.withdrawalChannelId(f.provider.address, f.hermesId);
      const p = f.promise(amount, fee, h.randomLock(), f.operator, id);
      p.beneficiarySig = h.signPreimage(signer, P.payAndSettle(f.cid, id, amount, p.lock, beneficiary));
      p.id = id;
      return p;
    }

    it("pays the beneficiary without a hub fee", async function () {
      const f = await loadFixture(hubFixture);
      const target = h.newWallet().address;
      const p = withdrawal(f, MYST(7), target);
      await expect(f.hermes.payAndSettle(f.provider.address, p.amount, 0, p.lock, p.signature, target, p.beneficiarySig))
        .to.emit(f.hermes, "PromiseSettled").withArgs(f.provider.address, p.id, target, MYST(7), 0, p.lock);
      expect(await f.token.balanceOf(target)).to.equal(MYST(7));
    });

    it("rejects a second use of the same promise", async function () {
      const f = await loadFixture(hubFixture);
      const target = h.newWallet().address;
      const p = withdrawal(f, MYST(7), target);
      await f.hermes.payAndSettle(f.provider.address, p.amount, 0, p.lock, p.signature, target, p.beneficiarySig);
      await expect(f.hermes.payAndSettle(f.provider.address, p.amount, 0, p.lock, p.signature, target, p.beneficiarySig))
        .to.be.revertedWithCustomError(f.hermes, "HermesImplementation__NothingToSettle");
    });

    it("rejects a beneficiary not authorised by the identity", async function () {
      const f = await loadFixture(hubFixture);
      const target = h.newWallet().address;
      const p = withdrawal(f, MYST(7), target);
      const thief = f.signers[9].address;
      await expect(f.hermes.payAndSettle(f.provider.address, p.amount, 0, p.lock, p.signature, thief, p.beneficiarySig))
        .to.be.revertedWithCustomError(f.hermes, "HermesImplementation__InvalidIdentitySignature");
      const q = withdrawal(f, MYST(7), target, { signer: f.operator });
      await expect(f.hermes.payAndSettle(f.provider.address, q.amount, 0, q.lock, q.signature, target, q.beneficiarySig))
        .to.be.revertedWithCustomError(f.hermes, "HermesImplementation__InvalidIdentitySignature").withArgs(f.operator.address);
    });

    it("rejects a zero beneficiary", async function () {
      const f = await loadFixture(hubFixture);
      const p = withdrawal(f, MYST(7), ZERO);
      await expect(f.hermes.payAndSettle(f.provider.address, p.amount, 0, p.lock, p.signature, ZERO, p.beneficiarySig))
        .to.be.revertedWithCustomError(f.hermes, "HermesImplementation__ZeroAddress");
    });

    it("pays the transactor fee to msg.sender", async function () {
      const f = await loadFixture(hubFixture);
      const target = h.newWallet().address;
      const p = withdrawal(f, MYST(7), target, { fee: MYST(1) });
      await expect(f.hermes.connect(f.signers[3]).payAndSettle(f.provider.address, p.amount, p.fee, p.lock, p.signature, target, p.beneficiarySig))
        .to.changeTokenBalance(f.token, f.signers[3], MYST(1));
      expect(await f.token.balanceOf(target)).to.equal(MYST(6));
    });
  });
});
