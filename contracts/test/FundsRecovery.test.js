"use strict";
const { expect } = require("chai");
const { ethers } = require("hardhat");
const { loadFixture } = require("@nomicfoundation/hardhat-network-helpers");
const h = require("./helpers/system");
const { MYST, ZERO } = h;

async function fixture() {
  const sys = await h.deploySystem();
  const other = await ethers.deployContract("TestToken", ["Other", "OTH", 18]);
  // coins and tokens sent to a hub address before the hub exists
  const operator = h.newWallet();
  const future = await sys.registry["getHermesAddress(address)"](operator.address);
  await sys.owner.sendTransaction({ to: future, value: ethers.parseEther("2") });
  await other.mint(future, 500n);
  const hub = await h.registerHermes(sys, { operator });
  return { ...sys, ...hub, other };
}

describe("FundsRecovery", function () {
  it("recovers native coin and foreign tokens that reached a hub before deployment", async function () {
    const f = await loadFixture(fixture);
    const dest = h.newWallet().address;
    await expect(f.hermes.connect(f.operator).setFundsDestination(dest)).to.emit(f.hermes, "DestinationChanged").withArgs(ZERO, dest);
    await f.hermes.claimNativeCoin();
    await f.hermes.claimTokens(f.other);
    expect(await ethers.provider.getBalance(dest)).to.equal(ethers.parseEther("2"));
    expect(await f.other.balanceOf(dest)).to.equal(500n);
  });

  it("never releases the payment token", async function () {
    const f = await loadFixture(fixture);
    await f.hermes.connect(f.operator).setFundsDestination(f.signers[3].address);
    await expect(f.hermes.claimTokens(f.token)).to.be.revertedWithCustomError(f.hermes, "FundsRecovery__NativeTokenNotRecoverable");
    await f.registry.setFundsDestination(f.signers[3].address);
    await expect(f.registry.claimTokens(f.token)).to.be.revertedWithCustomError(f.registry, "FundsRecovery__NativeTokenNotRecoverable");
  });

  it("needs a destination before claiming", async function () {
    const f = await loadFixture(fixture);
    await expect(f.hermes.claimNativeCoin()).to.be.revertedWithCustomError(f.hermes, "FundsRecovery__DestinationNotSet");
    await expect(f.hermes.claimTokens(f.other)).to.be.revertedWithCustomError(f.hermes, "FundsRecovery__DestinationNotSet");
  });

  it("lets only the owner set a non-zero destination", async function () {
    const f = await loadFixture(fixture);
    await expect(f.hermes.setFundsDestination(f.owner.address)).to.be.revertedWithCustomError(f.hermes, "Ownable__CallerNotOwner");
    await expect(f.hermes.connect(f.operator).setFundsDestination(ZERO)).to.be.revertedWithCustomError(f.hermes, "FundsRecovery__ZeroDestination");
    await expect(f.registry.connect(f.signers[1]).setFundsDestination(f.signers[1].address)).to.be.revertedWithCustomError(f.registry, "Ownable__CallerNotOwner");
  });

  it("recovers foreign tokens from the registry and the implementations", async function () {
    const f = await loadFixture(fixture);
    await f.other.mint(f.registry, 3n);
    await f.registry.setFundsDestination(f.signers[4].address);
    await f.registry.claimTokens(f.other);
    expect(await f.other.balanceOf(f.signers[4].address)).to.equal(3n);
    expect(await f.registry.getFundsDestination()).to.equal(f.signers[4].address);
  });

  it("lets anyone trigger a claim once the destination is set", async function () {
    const f = await loadFixture(fixture);
    await f.hermes.connect(f.operator).setFundsDestination(f.signers[4].address);
    await expect(f.hermes.connect(f.signers[9]).claimTokens(f.other)).to.changeTokenBalance(f.other, f.signers[4], 500n);
  });
});

describe("Ownable", function () {
  it("transfers ownership with OwnershipTransferred and rejects the zero address", async function () {
    const f = await loadFixture(fixture);
    await expect(f.registry.transferOwnership(ZERO)).to.be.revertedWithCustomError(f.registry, "Ownable__ZeroAddressOwner");
    await expect(f.registry.transferOwnership(f.signers[2].address)).to.emit(f.registry, "OwnershipTransferred").withArgs(f.owner.address, f.signers[2].address);
    expect(await f.registry.owner()).to.equal(f.signers[2].address);
    await expect(f.registry.transferOwnership(f.owner.address)).to.be.revertedWithCustomError(f.registry, "Ownable__CallerNotOwner").withArgs(f.owner.address);
  });

  it("gives nobody power over the implementation contracts (no zero-owner bypass)", async function () {
    const f = await loadFixture(fixture);
    expect(await f.hermesImpl.owner()).to.equal(ZERO);
    expect(await f.channelImpl.owner()).to.equal(ZERO);
    await expect(f.hermesImpl.transferOwnership(f.owner.address)).to.be.revertedWithCustomError(f.hermesImpl, "Ownable__CallerNotOwner");
    await expect(f.channelImpl.setFundsDestination(f.owner.address)).to.be.revertedWithCustomError(f.channelImpl, "Ownable__CallerNotOwner");
  });

  it("lets a channel identity hand channel ownership to another address", async function () {
    const f = await loadFixture(fixture);
    const identity = h.newWallet();
    const { channel } = await h.registerIdentity(f, f.hermesId, identity);
    await f.owner.sendTransaction({ to: identity.address, value: ethers.parseEther("1") });
    await expect(channel.connect(identity).transferOwnership(f.signers[5].address))
      .to.emit(channel, "OwnershipTransferred").withArgs(identity.address, f.signers[5].address);
    expect(await channel.owner()).to.equal(f.signers[5].address);
    expect(await channel.operator()).to.equal(identity.address);
  });
});

describe("Utils signature checks (through the contracts)", function () {
  async function withChannel() {
    const f = await loadFixture(fixture);
    const identity = h.newWallet();
    const { channel, channelAddress } = await h.registerIdentity(f, f.hermesId, identity, { topUp: MYST(10) });
    const p = h.consumerPromise(f, identity, channelAddress, MYST(1));
    return { ...f, identity, channel, p };
  }

  it("rejects 64-byte (compact) and 66-byte signatures by length", async function () {
    const { channel, p } = await withChannel();
    await expect(channel.settlePromise(p.amount, 0, p.lock, ethers.dataSlice(p.signature, 0, 64)))
      .to.be.revertedWithCustomError(channel, "Utils__InvalidSignatureLength").withArgs(64);
    await expect(channel.settlePromise(p.amount, 0, p.lock, ethers.concat([p.signature, "0x00"])))
      .to.be.revertedWithCustomError(channel, "Utils__InvalidSignatureLength").withArgs(66);
  });

  it("rejects v = 0 and v = 1 (only 27/28 are accepted)", async function () {
    const { channel, p } = await withChannel();
    const v = ethers.Signature.from(p.signature).v - 27;
    await expect(channel.settlePromise(p.amount, 0, p.lock, h.withV(p.signature, v))).to.be.revertedWithCustomError(channel, "Utils__InvalidSignature");
  });

  it("rejects the malleable high-s twin of a valid signature", async function () {
    const { channel, p } = await withChannel();
    const twin = h.highS(p.signature);
    await expect(channel.settlePromise(p.amount, 0, p.lock, twin)).to.be.revertedWithCustomError(channel, "Utils__InvalidSignatureS");
  });

  it("rejects an all-zero signature", async function () {
    const { channel, p } = await withChannel();
    await expect(channel.settlePromise(p.amount, 0, p.lock, ethers.concat([ethers.ZeroHash, ethers.ZeroHash, "0x1b"])))
      .to.be.revertedWithCustomError(channel, "Utils__InvalidSignature");
  });
});
