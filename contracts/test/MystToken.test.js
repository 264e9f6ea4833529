"use strict";
const { expect } = require("chai");
const { ethers } = require("hardhat");
const { loadFixture, time } = require("@nomicfoundation/hardhat-network-helpers");

const ZERO = ethers.ZeroAddress;
const MAX = ethers.MaxUint256;

async function tokenFixture() {
  const [master, alice, bob, carol] = await ethers.getSigners();
  const v1 = await ethers.deployContract("TestToken", ["Mysterium v1", "MYST", 8]);
  await v1.mint(alice.address, 1000n * 10n ** 8n);
  const token = await ethers.deployContract("MystToken", [v1]);
  await token.mint(alice.address, ethers.parseEther("100"));
  return { master, alice, bob, carol, v1, token };
}

async function permitSig(token, owner, spender, value, deadline, nonce) {
  const domain = { name: "Mysterium", version: "1", chainId: (await ethers.provider.getNetwork()).chainId, verifyingContract: await token.getAddress() };
  const types = { Permit: [
    { name: "owner", type: "address" }, { name: "spender", type: "address" }, { name: "value", type: "uint256" },
    { name: "nonce", type: "uint256" }, { name: "deadline", type: "uint256" },
  ] };
  return ethers.Signature.from(await owner.signTypedData(domain, types, { owner: owner.address, spender, value, nonce, deadline }));
}

describe("MystToken", function () {
  it("has the MYST metadata and records the v1 token and supply", async function () {
    const { token, v1, master } = await loadFixture(tokenFixture);
    expect(await token.name()).to.equal("Mysterium");
    expect(await token.symbol()).to.equal("MYST");
    expect(await token.decimals()).to.equal(18n);
    expect(await token.originalToken()).to.equal(await v1.getAddress());
    expect(await token.originalSupply()).to.equal(1000n * 10n ** 8n);
    expect(await token.isUpgradeAgent()).to.equal(true);
    expect(await token.upgradeMaster()).to.equal(master.address);
  });

  it("burns on transfer to the zero address, emitting Transfer and Burned", async function () {
    const { token, alice } = await loadFixture(tokenFixture);
    const tx = token.connect(alice).transfer(ZERO, 10n);
    await expect(tx).to.emit(token, "Transfer").withArgs(alice.address, ZERO, 10n);
    await expect(tx).to.emit(token, "Burned").withArgs(alice.address, 10n);
    expect(await token.totalSupply()).to.equal(ethers.parseEther("100") - 10n);
  });

  it("burns on transferFrom to the zero address using the allowance", async function () {
    const { token, alice, bob } = await loadFixture(tokenFixture);
    await token.connect(alice).approve(bob.address, 10n);
    await expect(token.connect(bob).transferFrom(alice.address, ZERO, 10n)).to.emit(token, "Burned").withArgs(alice.address, 10n);
    expect(await token.allowance(alice.address, bob.address)).to.equal(0n);
    await expect(token.connect(bob).transferFrom(alice.address, ZERO, 1n)).to.be.revertedWithCustomError(token, "ERC20InsufficientAllowance");
  });

  it("burn() destroys the caller's tokens", async function () {
    const { token, alice } = await loadFixture(tokenFixture);
    await expect(token.connect(alice).burn(5n)).to.emit(token, "Burned").withArgs(alice.address, 5n);
    await expect(token.connect(alice).burn(ethers.parseEther("101"))).to.be.revertedWithCustomError(token, "ERC20InsufficientBalance");
  });

  it("does not decrease an infinite allowance", async function () {
    const { token, alice, bob } = await loadFixture(tokenFixture);
    await token.connect(alice).approve(bob.address, MAX);
    await token.connect(bob).transferFrom(alice.address, bob.address, 10n);
    expect(await token.allowance(alice.address, bob.address)).to.equal(MAX);
  });

  it("lets a holder transferFrom its own tokens without allowance", async function () {
    const { token, alice, bob } = await loadFixture(tokenFixture);
    await expect(token.connect(alice).transferFrom(alice.address, bob.address, 3n)).to.changeTokenBalance(token, bob, 3n);
  });

  it("increases and decreases allowances", async function () {
    const { token, alice, bob } = await loadFixture(tokenFixture);
    await token.connect(alice).increaseAllowance(bob.address, 5n);
    await token.connect(alice).increaseAllowance(bob.address, 5n);
    await token.connect(alice).decreaseAllowance(bob.address, 3n);
    expect(await token.allowance(alice.address, bob.address)).to.equal(7n);
    await expect(token.connect(alice).decreaseAllowance(bob.address, 8n))
      .to.be.revertedWithCustomError(token, "MystToken__AllowanceBelowZero").withArgs(7n, 8n);
  });

  it("accepts an EIP-2612 permit and rejects its replay", async function () {
    const { token, alice, bob } = await loadFixture(tokenFixture);
    const deadline = (await time.latest()) + 3600;
    const sig = await permitSig(token, alice, bob.address, 50n, deadline, 0n);
    await token.permit(alice.address, bob.address, 50n, deadline, sig.v, sig.r, sig.s);
    expect(await token.allowance(alice.address, bob.address)).to.equal(50n);
    expect(await token.nonces(alice.address)).to.equal(1n);
    await expect(token.permit(alice.address, bob.address, 50n, deadline, sig.v, sig.r, sig.s)).to.be.revertedWithCustomError(token, "ERC2612InvalidSigner");
  });

  it("rejects an expired permit", async function () {
    const { token, alice, bob } = await loadFixture(tokenFixture);
    const deadline = (await time.latest()) - 1;
    const sig = await permitSig(token, alice, bob.address, 50n, deadline, 0n);
    await expect(token.permit(alice.address, bob.address, 50n, deadline, sig.v, sig.r, sig.s)).to.be.revertedWithCustomError(token, "ERC2612ExpiredSignature");
  });

  it("uses the Mysterium EIP-712 domain", async function () {
    const { token } = await loadFixture(tokenFixture);
    const expected = ethers.TypedDataEncoder.hashDomain({
      name: "Mysterium", version: "1", chainId: (await ethers.provider.getNetwork()).chainId, verifyingContract: await token.getAddress(),
    });
    expect(await token.DOMAIN_SEPARATOR()).to.equal(expected);
  });

  it("mint is for the upgrade master only and emits Minted", async function () {
    const { token, alice, bob } = await loadFixture(tokenFixture);
    await expect(token.mint(bob.address, 7n)).to.emit(token, "Minted").withArgs(bob.address, 7n);
    await expect(token.connect(alice).mint(alice.address, 1n)).to.be.revertedWithCustomError(token, "MystToken__CallerNotUpgradeMaster").withArgs(alice.address);
  });

  describe("migration from v1", function () {
    it("mints value × 1e10 when the v1 token calls upgradeFrom", async function () {
      const { token, v1, alice } = await loadFixture(tokenFixture);
      await v1.connect(alice).upgradeTo(token, 5n * 10n ** 8n);
      expect(await token.balanceOf(alice.address)).to.equal(ethers.parseEther("105"));
    });

    it("rejects upgradeFrom from anyone but the v1 token", async function () {
      const { token, alice } = await loadFixture(tokenFixture);
      await expect(token.connect(alice).upgradeFrom(alice.address, 1n)).to.be.revertedWithCustomError(token, "MystToken__CallerNotOriginalToken").withArgs(alice.address);
    });

    it("rejects migration beyond the v1 supply", async function () {
      const { token, v1, alice } = await loadFixture(tokenFixture);
      // alice already holds 100 minted MYST, so migrating all 1000 v1 tokens would exceed the cap
      await expect(v1.connect(alice).upgradeTo(token, 1000n * 10n ** 8n)).to.be.revertedWithCustomError(token, "MystToken__SupplyExceedsOriginal");
    });

    it("a token without v1 has no migration", async function () {
      const token = await ethers.deployContract("MystToken", [ZERO]);
      expect(await token.originalSupply()).to.equal(0n);
      const [, alice] = await ethers.getSigners();
      await expect(token.connect(alice).upgradeFrom(alice.address, 1n)).to.be.revertedWithCustomError(token, "MystToken__CallerNotOriginalToken");
    });
  });

  describe("migration to a future token", function () {
    it("walks WaitingForAgent → ReadyToUpgrade → Upgrading → Completed", async function () {
      const { token, alice, master } = await loadFixture(tokenFixture);
      expect(await token.getUpgradeState()).to.equal(2n);
      const agent = await ethers.deployContract("TestUpgradeAgent", [token, 0, true]);
      await expect(token.setUpgradeAgent(agent)).to.emit(token, "UpgradeAgentSet").withArgs(await agent.getAddress());
      expect(await token.getUpgradeState()).to.equal(3n);
      await expect(token.connect(alice).upgrade(10n)).to.emit(token, "Upgrade").withArgs(alice.address, await agent.getAddress(), 10n);
      expect(await agent.balanceOf(alice.address)).to.equal(10n);
      expect(await token.totalUpgraded()).to.equal(10n);
      expect(await token.getUpgradeState()).to.equal(4n);
      await token.connect(alice).upgrade(await token.balanceOf(alice.address));
      expect(await token.getUpgradeState()).to.equal(5n);
      expect(master.address).to.not.equal(ZERO);
    });

    it("rejects bad agents and agent changes while upgrading", async function () {
      const { token, alice } = await loadFixture(tokenFixture);
      await expect(token.setUpgradeAgent(ZERO)).to.be.revertedWithCustomError(token, "MystToken__ZeroAddress");
      const notAgent = await ethers.deployContract("TestUpgradeAgent", [token, 0, false]);
      await expect(token.setUpgradeAgent(notAgent)).to.be.revertedWithCustomError(token, "MystToken__NotAnUpgradeAgent");
      const wrongSupply = await ethers.deployContract("TestUpgradeAgent", [token, 1, true]);
      await expect(token.setUpgradeAgent(wrongSupply)).to.be.revertedWithCustomError(token, "MystToken__AgentSupplyMismatch");
      const agent = await ethers.deployContract("TestUpgradeAgent", [token, 0, true]);
      await token.setUpgradeAgent(agent);
      await token.connect(alice).upgrade(1n);
      await expect(token.setUpgradeAgent(agent)).to.be.revertedWithCustomError(token, "MystToken__UpgradeInProgress");
      await expect(token.connect(alice).setUpgradeAgent(agent)).to.be.revertedWithCustomError(token, "MystToken__CallerNotUpgradeMaster");
    });

    it("rejects upgrading without an agent or of zero tokens", async function () {
      const { token, alice } = await loadFixture(tokenFixture);
      await expect(token.connect(alice).upgrade(1n)).to.be.revertedWithCustomError(token, "MystToken__UpgradeNotAllowed").withArgs(2);
      await token.setUpgradeAgent(await ethers.deployContract("TestUpgradeAgent", [token, 0, true]));
      await expect(token.connect(alice).upgrade(0n)).to.be.revertedWithCustomError(token, "MystToken__ZeroAmount");
    });

    it("hands over the upgrade master role", async function () {
      const { token, alice, bob } = await loadFixture(tokenFixture);
      await expect(token.setUpgradeMaster(alice.address)).to.emit(token, "UpgradeMasterSet").withArgs(alice.address);
      await expect(token.mint(bob.address, 1n)).to.be.revertedWithCustomError(token, "MystToken__CallerNotUpgradeMaster");
      await expect(token.connect(alice).setUpgradeMaster(ZERO)).to.be.revertedWithCustomError(token, "MystToken__ZeroAddress");
    });
  });

  describe("funds recovery", function () {
    it("recovers tokens sent to the token contract, MYST included", async function () {
      const { token, alice, carol } = await loadFixture(tokenFixture);
      await expect(token.claimTokens(token)).to.be.revertedWithCustomError(token, "MystToken__DestinationNotSet");
      await expect(token.setFundsDestination(carol.address))
        .to.emit(token, "FundsRecoveryDestinationChanged").withArgs(ZERO, carol.address);
      expect(await token.getFundsDestination()).to.equal(carol.address);
      await token.connect(alice).transfer(await token.getAddress(), 9n);
      await token.claimTokens(token);
      expect(await token.balanceOf(carol.address)).to.equal(9n);
    });

    it("logs the previous destination correctly and restricts the setter", async function () {
      const { token, alice, bob, carol } = await loadFixture(tokenFixture);
      await token.setFundsDestination(carol.address);
      await expect(token.setFundsDestination(bob.address)).to.emit(token, "FundsRecoveryDestinationChanged").withArgs(carol.address, bob.address);
      await expect(token.connect(alice).setFundsDestination(alice.address)).to.be.revertedWithCustomError(token, "MystToken__CallerNotUpgradeMaster");
      await expect(token.setFundsDestination(ZERO)).to.be.revertedWithCustomError(token, "MystToken__ZeroAddress");
    });
  });
});
