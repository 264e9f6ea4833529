"use strict";
const { expect } = require("chai");
const { ethers } = require("hardhat");
const { loadFixture, time } = require("@nomicfoundation/hardhat-network-helpers");
const h = require("./helpers/system");
const { hubFixture, settle } = require("./helpers/hub");
const { MYST, ZERO, P } = h;

const DAY = 24 * 3600;

function stakeReturnSig(f, amount, fee, nonce, signer = f.provider, cid = f.cid) {
  return h.signPreimage(signer, P.stakeReturn(cid, f.channelId, amount, fee, nonce));
}

async function punished() {
  const f = await loadFixture(hubFixture);
  await f.hermes.connect(f.operator).withdraw(f.owner.address, MYST(500));
  await settle(f, f.promise(MYST(8)));
  return f;
}

describe("HermesImplementation: stakes, fees, lifecycle", function () {
  describe("provider stakes", function () {
    it("openChannel is for the registry only", async function () {
      const f = await loadFixture(hubFixture);
      await expect(f.hermes.openChannel(f.owner.address, 1))
        .to.be.revertedWithCustomError(f.hermes, "HermesImplementation__CallerNotRegistry").withArgs(f.owner.address);
    });

    it("increaseStake pulls tokens from anyone and emits NewStake", async function () {
      const f = await loadFixture(hubFixture);
      await f.token.connect(f.signers[2]).approve(f.hermesId, MYST(5));
      await expect(f.hermes.connect(f.signers[2]).increaseStake(f.channelId, MYST(5)))
        .to.emit(f.hermes, "NewStake").withArgs(f.channelId, MYST(15));
      expect(await f.hermes.getTotalStake()).to.equal(MYST(15));
      expect(await f.hermes.availableBalance()).to.equal(MYST(500));
    });

    it("increaseStake rejects a stake outside [minStake, maxStake]", async function () {
      const f = await loadFixture(hubFixture);
      await f.token.approve(f.hermesId, MYST(1000));
      await expect(f.hermes.increaseStake(f.channelId, MYST(91)))
        .to.be.revertedWithCustomError(f.hermes, "HermesImplementation__StakeOutOfRange").withArgs(MYST(101), 0, MYST(100));
      await f.hermes.connect(f.operator).setMinStake(MYST(5));
      await expect(f.hermes.increaseStake(ethers.ZeroHash, MYST(1)))
        .to.be.revertedWithCustomError(f.hermes, "HermesImplementation__StakeOutOfRange").withArgs(MYST(1), MYST(5), MYST(100));
    });

    it("increaseStake is refused once the hub is closed", async function () {
      const f = await loadFixture(hubFixture);
      await f.hermes.connect(f.operator).closeHermes();
      await expect(f.hermes.increaseStake(f.channelId, 1)).to.be.revertedWithCustomError(f.hermes, "HermesImplementation__WrongStatus").withArgs(3);
    });

    it("registration refuses a stake below minStake", async function () {
      const f = await loadFixture(hubFixture);
      await f.hermes.connect(f.operator).setMinStake(MYST(5));
      const provider = h.newWallet();
      const channel = await f.registry.getChannelAddress(provider.address, f.hermesId);
      await f.token.transfer(channel, MYST(10));
      const sig = h.signPreimage(provider, P.registration(f.cid, await f.registry.getAddress(), f.hermesId, MYST(1), 0, ZERO));
      await expect(f.registry.registerIdentity(f.hermesId, MYST(1), 0, ZERO, sig))
        .to.be.revertedWithCustomError(f.hermes, "HermesImplementation__StakeOutOfRange");
    });

    it("decreaseStake returns stake to the beneficiary with the identity's P10 signature", async function () {
      const f = await loadFixture(hubFixture);
      const relayer = f.signers[4];
      const sig = stakeReturnSig(f, MYST(4), MYST(1), 1);
      await expect(f.hermes.connect(relayer).decreaseStake(f.provider.address, MYST(4), MYST(1), sig))
        .to.emit(f.hermes, "NewStake").withArgs(f.channelId, MYST(6));
      expect(await f.token.balanceOf(f.beneficiary)).to.equal(MYST(3));
      expect(await f.token.balanceOf(relayer.address)).to.equal(MYST(100_000) + MYST(1));
      const state = await f.hermes.channels(f.channelId);
      expect(state.stake).to.equal(MYST(6));
      expect(state.lastUsedNonce).to.equal(1n);
      expect(await f.hermes.getTotalStake()).to.equal(MYST(6));
    });

    it("decreaseStake rejects a replayed signature (nonce)", async function () {
      const f = await loadFixture(hubFixture);
      const sig = stakeReturnSig(f, MYST(1), 0, 1);
      await f.hermes.decreaseStake(f.provider.address, MYST(1), 0, sig);
      await expect(f.hermes.decreaseStake(f.provider.address, MYST(1), 0, sig))
        .to.be.revertedWithCustomError(f.hermes, "HermesImplementation__InvalidIdentitySignature");
    });

    it("decreaseStake allows zero but not a remainder below minStake", async function () {
      const f = await loadFixture(hubFixture);
      await f.hermes.connect(f.operator).setMinStake(MYST(5));
      await expect(f.hermes.decreaseStake(f.provider.address, MYST(6), 0, stakeReturnSig(f, MYST(6), 0, 1)))
        .to.be.revertedWithCustomError(f.hermes, "HermesImplementation__StakeOutOfRange").withArgs(MYST(4), MYST(5), MYST(100));
      await expect(f.hermes.decreaseStake(f.provider.address, MYST(10), 0, stakeReturnSig(f, MYST(10), 0, 1)))
        .to.emit(f.hermes, "NewStake").withArgs(f.channelId, 0);
    });

    it("decreaseStake rejects amounts above the stake, fees above the amount, unknown channels and wrong signers", async function () {
      const f = await loadFixture(hubFixture);
      await expect(f.hermes.decreaseStake(f.provider.address, MYST(11), 0, stakeReturnSig(f, MYST(11), 0, 1)))
        .to.be.revertedWithCustomError(f.hermes, "HermesImplementation__AmountExceedsStake").withArgs(MYST(11), MYST(10));
      await expect(f.hermes.decreaseStake(f.provider.address, 1, 2, stakeReturnSig(f, 1, 2, 1)))
        .to.be.revertedWithCustomError(f.hermes, "HermesImplementation__FeeExceedsAmount").withArgs(1, 2);
      const stranger = h.newWallet().address;
      await expect(f.hermes.decreaseStake(stranger, 1, 0, "0x"))
        .to.be.revertedWithCustomError(f.hermes, "HermesImplementation__ChannelNotOpened").withArgs(h.providerChannelId(stranger, f.hermesId));
      await expect(f.hermes.decreaseStake(f.provider.address, 1, 0, stakeReturnSig(f, 1, 0, 1, f.operator)))
        .to.be.revertedWithCustomError(f.hermes, "HermesImplementation__InvalidIdentitySignature").withArgs(f.operator.address);
      await expect(f.hermes.decreaseStake(f.provider.address, 1, 0, stakeReturnSig(f, 1, 0, 1, f.provider, 99n)))
        .to.be.revertedWithCustomError(f.hermes, "HermesImplementation__InvalidIdentitySignature");
    });

    it("decreaseStake refuses to burn the stake of an identity without beneficiary", async function () {
      const f = await loadFixture(hubFixture);
      const stranger = h.newWallet();
      const id = h.providerChannelId(stranger.address, f.hermesId);
      await f.token.approve(f.hermesId, MYST(2));
      await f.hermes.increaseStake(id, MYST(2));
      const sig = h.signPreimage(stranger, P.stakeReturn(f.cid, id, MYST(2), 0, 1));
      await expect(f.hermes.decreaseStake(stranger.address, MYST(2), 0, sig))
        .to.be.revertedWithCustomError(f.hermes, "HermesImplementation__IdentityNotRegistered").withArgs(stranger.address);
    });

    it("decreaseStake and increaseStake still work in Punishment", async function () {
      const f = await punished();
      await expect(f.hermes.decreaseStake(f.provider.address, MYST(2), 0, stakeReturnSig(f, MYST(2), 0, 1))).to.emit(f.hermes, "NewStake");
      await f.token.approve(f.hermesId, MYST(1));
      await expect(f.hermes.increaseStake(f.channelId, MYST(1))).to.emit(f.hermes, "NewStake");
    });
  });

  describe("stake bounds", function () {
    it("owner sets min and max stake with events", async function () {
      const f = await loadFixture(hubFixture);
      await expect(f.hermes.connect(f.operator).setMinStake(MYST(2))).to.emit(f.hermes, "MinStakeValueUpdated").withArgs(MYST(2));
      await expect(f.hermes.connect(f.operator).setMaxStake(MYST(50))).to.emit(f.hermes, "MaxStakeValueUpdated").withArgs(MYST(50));
      const [min, max] = await f.hermes.getStakeThresholds();
      expect(min).to.equal(MYST(2));
      expect(max).to.equal(MYST(50));
    });

    it("rejects min >= max, non-owners and a punished hub", async function () {
      const f = await loadFixture(hubFixture);
      await expect(f.hermes.connect(f.operator).setMinStake(MYST(100))).to.be.revertedWithCustomError(f.hermes, "HermesImplementation__InvalidStakeBounds");
      await expect(f.hermes.connect(f.operator).setMaxStake(0)).to.be.revertedWithCustomError(f.hermes, "HermesImplementation__InvalidStakeBounds");
      await expect(f.hermes.setMinStake(1)).to.be.revertedWithCustomError(f.hermes, "Ownable__CallerNotOwner");
      const p = await punished();
      await expect(p.hermes.connect(p.operator).setMaxStake(MYST(7))).to.be.revertedWithCustomError(p.hermes, "HermesImplementation__WrongStatus").withArgs(2);
    });
  });

  describe("hub fee", function () {
    it("starts with the registered fee", async function () {
      const f = await loadFixture(hubFixture);
      expect(await f.hermes.getActiveFee()).to.equal(250n);
      const [value] = await f.hermes.lastFee();
      expect(value).to.equal(250n);
    });

    it("applies a new fee only after the 3-day delay; the previous fee applies until then", async function () {
      const f = await loadFixture(hubFixture);
      const tx = await f.hermes.connect(f.operator).setHermesFee(1000);
      const validFrom = BigInt(await time.latest()) + 259200n;
      await expect(tx).to.emit(f.hermes, "HermesFeeUpdated").withArgs(1000, validFrom);
      expect(await f.hermes.getActiveFee()).to.equal(250n);
      const [prev] = await f.hermes.previousFee();
      expect(prev).to.equal(250n);
      await time.increase(3 * DAY - 10);
      expect(await f.hermes.getActiveFee()).to.equal(250n);
      await time.increase(10);
      expect(await f.hermes.getActiveFee()).to.equal(1000n);
      expect(await f.hermes.calculateHermesFee(MYST(10))).to.equal(MYST(1));
    });

    it("cannot stack a second change while one is pending", async function () {
      const f = await loadFixture(hubFixture);
      await f.hermes.connect(f.operator).setHermesFee(1000);
      const [, validFrom] = await f.hermes.lastFee();
      await expect(f.hermes.connect(f.operator).setHermesFee(900))
        .to.be.revertedWithCustomError(f.hermes, "HermesImplementation__FeeChangePending").withArgs(validFrom);
      await time.increaseTo(validFrom);
      await expect(f.hermes.connect(f.operator).setHermesFee(900)).to.emit(f.hermes, "HermesFeeUpdated");
    });

    it("rejects fees above 50 %, non-owners and a closed hub", async function () {
      const f = await loadFixture(hubFixture);
      await expect(f.hermes.connect(f.operator).setHermesFee(5001)).to.be.revertedWithCustomError(f.hermes, "HermesImplementation__FeeTooHigh").withArgs(5001);
      await expect(f.hermes.setHermesFee(1)).to.be.revertedWithCustomError(f.hermes, "Ownable__CallerNotOwner");
      await f.hermes.connect(f.operator).closeHermes();
      await expect(f.hermes.connect(f.operator).setHermesFee(1)).to.be.revertedWithCustomError(f.hermes, "HermesImplementation__WrongStatus").withArgs(3);
    });

    it("keeps the hub fee in the contract as available balance", async function () {
      const f = await loadFixture(hubFixture);
      const before = await f.hermes.availableBalance();
      await settle(f, f.promise(MYST(40)));
      expect(await f.hermes.availableBalance()).to.equal(before - MYST(40) + MYST(1));
    });
  });

  describe("hub funds", function () {
    it("owner withdraws available funds only", async function () {
      const f = await loadFixture(hubFixture);
      await expect(f.hermes.connect(f.operator).withdraw(f.signers[3].address, MYST(501)))
        .to.be.revertedWithCustomError(f.hermes, "HermesImplementation__InsufficientAvailableBalance").withArgs(MYST(500), MYST(501));
      await expect(f.hermes.connect(f.operator).withdraw(f.signers[3].address, MYST(500)))
        .to.emit(f.hermes, "FundsWithdrawned").withArgs(MYST(500), f.signers[3].address);
      await expect(f.hermes.withdraw(f.owner.address, 1)).to.be.revertedWithCustomError(f.hermes, "Ownable__CallerNotOwner");
    });

    it("ownership can be moved to a separate owner; the operator then only signs", async function () {
      const f = await loadFixture(hubFixture);
      await expect(f.hermes.connect(f.operator).transferOwnership(f.signers[7].address))
        .to.emit(f.hermes, "OwnershipTransferred").withArgs(f.operator.address, f.signers[7].address);
      await expect(f.hermes.connect(f.operator).withdraw(f.operator.address, 1)).to.be.revertedWithCustomError(f.hermes, "Ownable__CallerNotOwner");
      await expect(f.hermes.connect(f.signers[7]).withdraw(f.signers[7].address, 1)).to.emit(f.hermes, "FundsWithdrawned");
      await expect(settle(f, f.promise(MYST(1)))).to.emit(f.hermes, "PromiseSettled");
    });

    it("withdraw is refused in Punishment", async function () {
      const f = await punished();
      await expect(f.hermes.connect(f.operator).withdraw(f.owner.address, 0)).to.be.revertedWithCustomError(f.hermes, "HermesImplementation__WrongStatus").withArgs(2);
    });

    it("increaseHermesStake uses available funds first, then pulls the rest from the owner", async function () {
      const f = await loadFixture(hubFixture);
      await f.hermes.connect(f.operator).increaseHermesStake(MYST(300));
      expect(await f.hermes.getHermesStake()).to.equal(MYST(1300));
      expect(await f.hermes.availableBalance()).to.equal(MYST(200));
      await f.token.transfer(f.operator.address, MYST(100));
      await f.token.connect(f.operator).approve(f.hermesId, MYST(100));
      await expect(f.hermes.connect(f.operator).increaseHermesStake(MYST(300)))
        .to.emit(f.hermes, "HermesStakeIncreased").withArgs(MYST(1600));
      expect(await f.token.balanceOf(f.operator.address)).to.equal(0n);
      expect(await f.hermes.availableBalance()).to.equal(0n);
    });
  });

  describe("status changes", function () {
    it("pauses and re-activates channel opening", async function () {
      const f = await loadFixture(hubFixture);
      await expect(f.hermes.connect(f.operator).pauseChannelOpening()).to.emit(f.hermes, "ChannelOpeningPaused");
      expect(await f.hermes.getStatus()).to.equal(1n);
      expect(await f.hermes.isHermesActive()).to.equal(true);
      expect(await f.registry.isActiveHermes(f.hermesId)).to.equal(false);
      await expect(f.hermes.connect(f.operator).pauseChannelOpening()).to.be.revertedWithCustomError(f.hermes, "HermesImplementation__WrongStatus").withArgs(1);
      await expect(f.hermes.connect(f.operator).activateChannelOpening()).to.emit(f.hermes, "ChannelOpeningActivated");
      await expect(f.hermes.connect(f.operator).activateChannelOpening()).to.be.revertedWithCustomError(f.hermes, "HermesImplementation__WrongStatus").withArgs(0);
    });

    it("a paused hub refuses provider channel opening through the registry", async function () {
      const f = await loadFixture(hubFixture);
      await f.hermes.connect(f.operator).pauseChannelOpening();
      const provider = h.newWallet();
      const channel = await f.registry.getChannelAddress(provider.address, f.hermesId);
      await f.token.transfer(channel, MYST(1));
      const sig = h.signPreimage(provider, P.registration(f.cid, await f.registry.getAddress(), f.hermesId, MYST(1), 0, ZERO));
      await expect(f.registry.registerIdentity(f.hermesId, MYST(1), 0, ZERO, sig)).to.be.revertedWithCustomError(f.registry, "Registry__HermesNotActive");
    });

    it("closes with a 300-day timelock and refuses settlements afterwards", async function () {
      const f = await loadFixture(hubFixture);
      const tx = await f.hermes.connect(f.operator).closeHermes();
      const now = BigInt(await time.latest());
      await expect(tx).to.emit(f.hermes, "HermesClosed").withArgs(now);
      expect(await f.hermes.getStatus()).to.equal(3n);
      expect(await f.hermes.getClosingTimelock()).to.equal(now + 300n * BigInt(DAY));
      await expect(settle(f, f.promise(MYST(1)))).to.be.revertedWithCustomError(f.hermes, "HermesImplementation__WrongStatus").withArgs(3);
    });

    it("cannot close while punished, nor twice", async function () {
      const p = await punished();
      await expect(p.hermes.connect(p.operator).closeHermes()).to.be.revertedWithCustomError(p.hermes, "HermesImplementation__WrongStatus").withArgs(2);
      const f = await loadFixture(hubFixture);
      await f.hermes.connect(f.operator).closeHermes();
      await expect(f.hermes.connect(f.operator).closeHermes()).to.be.revertedWithCustomError(f.hermes, "HermesImplementation__WrongStatus").withArgs(3);
    });

    it("getStakeBack is blocked until the timelock, then returns only the hub's own funds", async function () {
      const f = await loadFixture(hubFixture);
      await f.hermes.connect(f.operator).closeHermes();
      const timelock = await f.hermes.getClosingTimelock();
      await expect(f.hermes.connect(f.operator).getStakeBack(f.signers[3].address))
        .to.be.revertedWithCustomError(f.hermes, "HermesImplementation__ClosingTimelockNotReached").withArgs(timelock);
      await time.increaseTo(timelock + 1n);
      const tx = await f.hermes.connect(f.operator).getStakeBack(f.signers[3].address);
      await expect(tx).to.emit(f.hermes, "HermesStakeReturned").withArgs(f.signers[3].address);
      await expect(tx).to.changeTokenBalance(f.token, f.signers[3], MYST(1500));
      expect(await f.token.balanceOf(f.hermesId)).to.equal(MYST(10));
      // the provider's stake stays claimable
      await expect(f.hermes.decreaseStake(f.provider.address, MYST(10), 0, stakeReturnSig(f, MYST(10), 0, 1)))
        .to.emit(f.hermes, "NewStake").withArgs(f.channelId, 0);
      expect(await f.token.balanceOf(f.beneficiary)).to.equal(MYST(10));
    });

    it("getStakeBack needs the owner and a closed hub", async function () {
      const f = await loadFixture(hubFixture);
      await expect(f.hermes.connect(f.operator).getStakeBack(f.owner.address)).to.be.revertedWithCustomError(f.hermes, "HermesImplementation__WrongStatus").withArgs(0);
      await expect(f.hermes.getStakeBack(f.owner.address)).to.be.revertedWithCustomError(f.hermes, "Ownable__CallerNotOwner");
    });
  });

  describe("punishment resolution", function () {
    it("refuses resolveEmergency when not punished", async function () {
      const f = await loadFixture(hubFixture);
      await expect(f.hermes.resolveEmergency()).to.be.revertedWithCustomError(f.hermes, "HermesImplementation__WrongStatus").withArgs(0);
    });

    it("blocks registrations with a punished hub", async function () {
      const f = await punished();
      expect(await f.registry.isActiveHermes(f.hermesId)).to.equal(false);
      const identity = h.newWallet();
      const sig = h.signPreimage(identity, P.registration(f.cid, await f.registry.getAddress(), f.hermesId, 0, 0, ZERO));
      await expect(f.registry.registerIdentity(f.hermesId, 0, 0, ZERO, sig)).to.be.revertedWithCustomError(f.registry, "Registry__HermesNotActive");
    });

    it("resolves in the activation second without underflow and without penalty", async function () {
      const f = await loadFixture(hubFixture);
      await f.hermes.connect(f.operator).withdraw(f.owner.address, MYST(500));
      await f.token.approve(f.hermesId, MYST(1000));
      await ethers.provider.send("evm_setAutomine", [false]);
      const a = await settle(f, f.promise(MYST(8)));
      const b = await f.hermes.resolveEmergency({ gasLimit: 500000 });
      await ethers.provider.send("evm_mine", []);
      await ethers.provider.send("evm_setAutomine", [true]);
      await expect(a).to.emit(f.hermes, "HermesPunishmentActivated");
      await expect(b).to.emit(f.hermes, "HermesPunishmentDeactivated");
      expect((await f.hermes.punishment()).amount).to.equal(0n);
      expect(await f.hermes.getStatus()).to.equal(0n);
    });

    it("quick resolution within the first hour adds no penalty but requires minimalExpectedBalance + maxStake", async function () {
      const f = await punished();
      await f.token.approve(f.hermesId, MYST(1000));
      await time.increase(1800);
      const balance = await f.token.balanceOf(f.hermesId);
      const required = (await f.hermes.minimalExpectedBalance()) + MYST(100);
      await expect(f.hermes.resolveEmergency()).to.changeTokenBalance(f.token, f.owner, balance - required);
      expect((await f.hermes.punishment()).amount).to.equal(0n);
      expect(await f.hermes.availableBalance()).to.equal(MYST(100));
      await expect(settle(f, f.promise(MYST(9)))).to.emit(f.hermes, "PromiseSettled");
    });

    it("charges 0.04 % of totalStake per started hour after the first", async function () {
      const f = await punished();
      await f.token.approve(f.hermesId, MYST(2000));
      const [activation] = await f.hermes.punishment();
      await time.setNextBlockTimestamp(activation + 3n * 3600n - 5n); // 3 started hours → 2 units
      await f.hermes.resolveEmergency();
      const totalStake = await f.hermes.getTotalStake();
      expect((await f.hermes.punishment()).amount).to.equal(2n * ((totalStake * 4n + 9999n) / 10000n));
    });

    it("accumulates a permanent punishment amount that counts against the floor only above the hub stake", async function () {
      const f = await punished();
      await f.token.approve(f.hermesId, MYST(5000));
      const [activation] = await f.hermes.punishment();
      await time.setNextBlockTimestamp(activation + 8760n * 3600n); // 8760 started hours → 8759 units
      await f.hermes.resolveEmergency();
      const [, amount] = await f.hermes.punishment();
      expect(amount).to.equal(8759n * ((MYST(10) * 4n + 9999n) / 10000n));
      expect(await f.hermes.minimalExpectedBalance()).to.equal(MYST(1000) + MYST(10));
    });

    it("resolution fails without the caller's approval", async function () {
      const f = await punished();
      await expect(f.hermes.connect(f.signers[2]).resolveEmergency()).to.be.revertedWithCustomError(f.token, "ERC20InsufficientAllowance");
    });
  });
});
