"use strict";
const { expect } = require("chai");
const { ethers } = require("hardhat");
const { loadFixture } = require("@nomicfoundation/hardhat-network-helpers");
const h = require("./helpers/system");
const { MYST, ZERO, P } = h;

async function baseFixture() {
  const sys = await h.deploySystem();
  const hub = await h.registerHermes(sys);
  return { ...sys, ...hub };
}

describe("Registry", function () {
  describe("construction and initialize", function () {
    it("makes the deployer the owner", async function () {
      const registry = await ethers.deployContract("Registry");
      const [owner] = await ethers.getSigners();
      expect(await registry.owner()).to.equal(owner.address);
      expect(await registry.isInitialized()).to.equal(false);
    });

    it("initializes once with token, dex, stake, implementations and parent", async function () {
      const { registry, token, dex, channelImpl, hermesImpl } = await loadFixture(baseFixture);
      expect(await registry.isInitialized()).to.equal(true);
      expect(await registry.token()).to.equal(await token.getAddress());
      expect(await registry.dex()).to.equal(await dex.getAddress());
      expect(await registry.minimalHermesStake()).to.equal(MYST(100));
      expect(await registry.getLastImplVer()).to.equal(0n);
      expect(await registry["getChannelImplementation()"]()).to.equal(await channelImpl.getAddress());
      expect(await registry["getHermesImplementation()"]()).to.equal(await hermesImpl.getAddress());
      expect(await registry.parentRegistry()).to.equal(ZERO);
      expect(await registry.hasParentRegistry()).to.equal(false);
    });

    it("rejects a second initialize", async function () {
      const { registry, token, dex, channelImpl, hermesImpl } = await loadFixture(baseFixture);
      await expect(
        registry.initialize(token, dex, 1, channelImpl, hermesImpl, ZERO),
      ).to.be.revertedWithCustomError(registry, "Registry__AlreadyInitialized");
    });

    it("lets only the owner initialize (no front-running)", async function () {
      const [, stranger] = await ethers.getSigners();
      const registry = await ethers.deployContract("Registry");
      await expect(
        registry.connect(stranger).initialize(stranger.address, stranger.address, 1, ZERO, ZERO, ZERO),
      ).to.be.revertedWithCustomError(registry, "Ownable__CallerNotOwner").withArgs(stranger.address);
    });

    it("rejects a zero token or dex", async function () {
      const [owner] = await ethers.getSigners();
      const registry = await ethers.deployContract("Registry");
      await expect(registry.initialize(ZERO, owner.address, 1, ZERO, ZERO, ZERO)).to.be.revertedWithCustomError(registry, "Registry__ZeroAddress");
      await expect(registry.initialize(owner.address, ZERO, 1, ZERO, ZERO, ZERO)).to.be.revertedWithCustomError(registry, "Registry__ZeroAddress");
    });

    it("rejects implementations without code", async function () {
      const { token, dex, hermesImpl, owner } = await loadFixture(baseFixture);
      const registry = await ethers.deployContract("Registry");
      await expect(registry.initialize(token, dex, 1, owner.address, hermesImpl, ZERO))
        .to.be.revertedWithCustomError(registry, "Registry__NotAContract").withArgs(owner.address);
    });

    it("rejects a hub implementation built for another registry", async function () {
      const { token, dex, channelImpl, hermesImpl } = await loadFixture(baseFixture);
      const registry = await ethers.deployContract("Registry");
      await expect(registry.initialize(token, dex, 1, channelImpl, hermesImpl, ZERO))
        .to.be.revertedWithCustomError(registry, "Registry__ImplementationMismatch").withArgs(await hermesImpl.getAddress());
    });

    it("rejects a channel implementation built for another token", async function () {
      const { token, dex } = await loadFixture(baseFixture);
      const registry = await ethers.deployContract("Registry");
      const otherToken = await ethers.deployContract("MystToken", [ZERO]);
      const channelImpl = await ethers.deployContract("ChannelImplementation", [otherToken, dex, h.EXIT_DELAY]);
      const hermesImpl = await ethers.deployContract("HermesImplementation", [token, dex, registry]);
      await expect(registry.initialize(token, dex, 1, channelImpl, hermesImpl, ZERO))
        .to.be.revertedWithCustomError(registry, "Registry__ImplementationMismatch").withArgs(await channelImpl.getAddress());
    });

    it("refuses native coin", async function () {
      const { registry, owner } = await loadFixture(baseFixture);
      await expect(owner.sendTransaction({ to: await registry.getAddress(), value: 1 }))
        .to.be.revertedWithCustomError(registry, "Registry__NativeCoinRejected");
    });

    it("reverts views of an uninitialized registry with NotInitialized", async function () {
      const registry = await ethers.deployContract("Registry");
      await expect(registry.getLastImplVer()).to.be.revertedWithCustomError(registry, "Registry__NotInitialized");
      await expect(registry.registerHermes(ZERO, 0, 0, 0, 1, "0x")).to.be.revertedWithCustomError(registry, "Registry__NotInitialized");
    });
  });

  describe("hub registration", function () {
    it("deploys the hub at the CREATE2 address computed off-chain and emits RegisteredHermes", async function () {
      const sys = await loadFixture(baseFixture);
      const operator = h.newWallet();
      const expected = h.hermesAddress(await sys.registry.getAddress(), await sys.hermesImpl.getAddress(), operator.address);
      await sys.token.approve(sys.registry, MYST(500));
      await expect(sys.registry.registerHermes(operator.address, MYST(500), 2000, 0, MYST(100), "0x1234"))
        .to.emit(sys.registry, "RegisteredHermes").withArgs(expected, operator.address, "0x1234");
      expect(await sys.registry["getHermesAddress(address)"](operator.address)).to.equal(expected);
      expect(await sys.registry.isHermes(expected)).to.equal(true);
      const hermes = await ethers.getContractAt("HermesImplementation", expected);
      expect(await hermes.getOperator()).to.equal(operator.address);
      expect(await hermes.owner()).to.equal(operator.address);
      expect(await hermes.getHermesStake()).to.equal(MYST(500));
      expect(await hermes.getActiveFee()).to.equal(2000n);
    });

    it("deploys an exact EIP-1167 clone of the hub implementation", async function () {
      const { hermesId, hermesImpl } = await loadFixture(baseFixture);
      const code = await ethers.provider.getCode(hermesId);
      expect(code).to.equal(
        ethers.concat(["0x363d3d373d3d3d363d73", await hermesImpl.getAddress(), "0x5af43d82803e903d91602b57fd5bf3"]).toLowerCase(),
      );
    });

    it("returns sane hub metadata from getHermes (operator, version, live stake, url)", async function () {
      const { registry, hermesId, operator } = await loadFixture(baseFixture);
      const info = await registry.getHermes(hermesId);
      expect(info.operator).to.equal(operator.address);
      expect(info.implVer).to.equal(0n);
      expect(info.stake).to.equal(MYST(1000));
      expect(info.url).to.equal("0x68747470733a2f2f68");
      expect(await registry.getHermesURL(hermesId)).to.equal("0x68747470733a2f2f68");
    });

    it("returns an empty record for an unknown hub", async function () {
      const { registry, owner } = await loadFixture(baseFixture);
      const info = await registry.getHermes(owner.address);
      expect(info.operator).to.equal(ZERO);
      expect(await registry.isHermes(owner.address)).to.equal(false);
      expect(await registry.isActiveHermes(owner.address)).to.equal(false);
    });

    it("rejects a second hub for the same operator and version", async function () {
      const sys = await loadFixture(baseFixture);
      await sys.token.approve(sys.registry, MYST(500));
      await expect(sys.registry.registerHermes(sys.operator.address, MYST(500), 0, 0, 1, "0x"))
        .to.be.revertedWithCustomError(sys.registry, "Registry__HermesAlreadyRegistered").withArgs(sys.hermesId);
    });

    it("rejects a hub stake below the minimum", async function () {
      const sys = await loadFixture(baseFixture);
      await expect(sys.registry.registerHermes(h.newWallet().address, MYST(99), 0, 0, 1, "0x"))
        .to.be.revertedWithCustomError(sys.registry, "Registry__HermesStakeTooLow").withArgs(MYST(99), MYST(100));
    });

    it("rejects a zero operator", async function () {
      const sys = await loadFixture(baseFixture);
      await expect(sys.registry.registerHermes(ZERO, MYST(100), 0, 0, 1, "0x")).to.be.revertedWithCustomError(sys.registry, "Registry__ZeroAddress");
    });

    it("needs the funder's approval for the hub stake", async function () {
      const sys = await loadFixture(baseFixture);
      await expect(sys.registry.connect(sys.signers[3]).registerHermes(h.newWallet().address, MYST(100), 0, 0, 1, "0x"))
        .to.be.revertedWithCustomError(sys.token, "ERC20InsufficientAllowance");
    });

    it("rejects a fee above 50 % and max stake not above min stake (checked by the hub)", async function () {
      const sys = await loadFixture(baseFixture);
      await sys.token.approve(sys.registry, MYST(1000));
      await expect(sys.registry.registerHermes(h.newWallet().address, MYST(100), 5001, 0, 1, "0x"))
        .to.be.revertedWithCustomError(sys.hermesImpl, "HermesImplementation__FeeTooHigh").withArgs(5001);
      await expect(sys.registry.registerHermes(h.newWallet().address, MYST(100), 100, 5, 5, "0x"))
        .to.be.revertedWithCustomError(sys.hermesImpl, "HermesImplementation__InvalidStakeBounds").withArgs(5, 5);
    });

    it("lets the owner change the minimal hub stake, emitting MinimalHermesStakeChanged", async function () {
      const { registry, signers } = await loadFixture(baseFixture);
      await expect(registry.setMinimalHermesStake(MYST(5))).to.emit(registry, "MinimalHermesStakeChanged").withArgs(MYST(5));
      expect(await registry.minimalHermesStake()).to.equal(MYST(5));
      await expect(registry.connect(signers[1]).setMinimalHermesStake(1)).to.be.revertedWithCustomError(registry, "Ownable__CallerNotOwner");
    });
  });

  describe("hub URL updates (per-hub nonce)", function () {
    async function signUrl(sys, url, nonce, signer = sys.operator) {
      return h.signPreimage(signer, P.url(await sys.registry.getAddress(), sys.hermesId, url, nonce));
    }

    it("updates the URL with the operator's P4 signature and bumps the nonce", async function () {
      const sys = await loadFixture(baseFixture);
      expect(await sys.registry.getHermesUrlNonce(sys.hermesId)).to.equal(0n);
      const sig = await signUrl(sys, "0xabcd", 0);
      await expect(sys.registry.updateHermesURL(sys.hermesId, "0xabcd", sig))
        .to.emit(sys.registry, "HermesURLUpdated").withArgs(sys.hermesId, "0xabcd");
      expect(await sys.registry.getHermesURL(sys.hermesId)).to.equal("0xabcd");
      expect(await sys.registry.getHermesUrlNonce(sys.hermesId)).to.equal(1n);
    });

    it("rejects a replayed URL update", async function () {
      const sys = await loadFixture(baseFixture);
      const sig = await signUrl(sys, "0xabcd", 0);
      await sys.registry.updateHermesURL(sys.hermesId, "0xabcd", sig);
      await expect(sys.registry.updateHermesURL(sys.hermesId, "0xabcd", sig)).to.be.revertedWithCustomError(sys.registry, "Registry__InvalidSignature");
    });

    it("rejects a URL update signed by someone else", async function () {
      const sys = await loadFixture(baseFixture);
      const mallory = h.newWallet();
      const sig = await signUrl(sys, "0xabcd", 0, mallory);
      await expect(sys.registry.updateHermesURL(sys.hermesId, "0xabcd", sig))
        .to.be.revertedWithCustomError(sys.registry, "Registry__InvalidSignature").withArgs(mallory.address);
    });

    it("rejects URL updates of an unknown or paused hub", async function () {
      const sys = await loadFixture(baseFixture);
      const sig = await signUrl(sys, "0xabcd", 0);
      await expect(sys.registry.updateHermesURL(sys.owner.address, "0xabcd", sig)).to.be.revertedWithCustomError(sys.registry, "Registry__HermesNotActive");
      await sys.hermes.connect(sys.operator).pauseChannelOpening();
      await expect(sys.registry.updateHermesURL(sys.hermesId, "0xabcd", sig)).to.be.revertedWithCustomError(sys.registry, "Registry__HermesNotActive");
    });

    it("is not affected by beneficiary changes (nonces are independent)", async function () {
      const sys = await loadFixture(baseFixture);
      const identity = h.newWallet();
      await h.registerIdentity(sys, sys.hermesId, identity);
      const bsig = h.signPreimage(identity, P.beneficiary(sys.cid, await sys.registry.getAddress(), identity.address, sys.signers[5].address, 1));
      await sys.registry.setBeneficiary(identity.address, sys.signers[5].address, bsig);
      await expect(sys.registry.updateHermesURL(sys.hermesId, "0x01", await signUrl(sys, "0x01", 0))).to.emit(sys.registry, "HermesURLUpdated");
    });
  });

  describe("identity registration", function () {
    it("computes channel addresses off-chain exactly as getChannelAddress does", async function () {
      const sys = await loadFixture(baseFixture);
      for (let i = 0; i < 3; i++) {
        const identity = h.newWallet().address;
        const expected = h.channelAddress(await sys.registry.getAddress(), await sys.channelImpl.getAddress(), identity, sys.hermesId);
        expect(await sys.registry.getChannelAddress(identity, sys.hermesId)).to.equal(expected);
      }
    });

    it("returns the 55-byte EIP-1167 init code from getProxyCode", async function () {
      const { registry, channelImpl } = await loadFixture(baseFixture);
      const code = await registry.getProxyCode(channelImpl);
      expect(ethers.dataLength(code)).to.equal(55);
      expect(code).to.equal(h.proxyInitCode(await channelImpl.getAddress()).toLowerCase());
    });

    it("registers with zero balance: deploys the channel, beneficiary defaults to the channel", async function () {
      const sys = await loadFixture(baseFixture);
      const identity = h.newWallet();
      const expected = await sys.registry.getChannelAddress(identity.address, sys.hermesId);
      const sig = h.signPreimage(identity, P.registration(sys.cid, await sys.registry.getAddress(), sys.hermesId, 0, 0, ZERO));
      await expect(sys.registry.registerIdentity(sys.hermesId, 0, 0, ZERO, sig))
        .to.emit(sys.registry, "ConsumerChannelCreated").withArgs(identity.address, sys.hermesId, expected)
        .and.to.emit(sys.registry, "RegisteredIdentity").withArgs(identity.address, expected);
      expect(await sys.registry.isRegistered(identity.address)).to.equal(true);
      expect(await sys.registry.getBeneficiary(identity.address)).to.equal(expected);
      expect(await sys.registry.isChannelOpened(identity.address, sys.hermesId)).to.equal(true);
      const channel = await ethers.getContractAt("ChannelImplementation", expected);
      expect(await channel.operator()).to.equal(identity.address);
      expect(await channel.owner()).to.equal(identity.address);
      expect(await channel.getHermesContract()).to.equal(sys.hermesId);
    });

    it("stores the given beneficiary", async function () {
      const sys = await loadFixture(baseFixture);
      const identity = h.newWallet();
      await h.registerIdentity(sys, sys.hermesId, identity, { beneficiary: sys.signers[7].address });
      expect(await sys.registry.getBeneficiary(identity.address)).to.equal(sys.signers[7].address);
    });

    it("pays the transactor fee to msg.sender out of the pre-funded channel", async function () {
      const sys = await loadFixture(baseFixture);
      const identity = h.newWallet();
      const relayer = sys.signers[4];
      const before = await sys.token.balanceOf(relayer.address);
      const { channelAddress } = await h.registerIdentity(sys, sys.hermesId, identity, { topUp: MYST(10), fee: MYST(1), sender: relayer });
      expect(await sys.token.balanceOf(relayer.address)).to.equal(before + MYST(1));
      expect(await sys.token.balanceOf(channelAddress)).to.equal(MYST(9));
      expect(await sys.token.balanceOf(sys.registry)).to.equal(0n);
    });

    it("opens a provider channel at the hub with the stake taken from the channel", async function () {
      const sys = await loadFixture(baseFixture);
      const identity = h.newWallet();
      const availableBefore = await sys.hermes.availableBalance();
      const { channelAddress } = await h.registerIdentity(sys, sys.hermesId, identity, { topUp: MYST(10), stake: MYST(3) });
      const channelId = h.providerChannelId(identity.address, sys.hermesId);
      const state = await sys.hermes.channels(channelId);
      expect(state.stake).to.equal(MYST(3));
      expect(await sys.hermes.getTotalStake()).to.equal(MYST(3));
      expect(await sys.hermes.availableBalance()).to.equal(availableBefore);
      expect(await sys.token.balanceOf(channelAddress)).to.equal(MYST(7));
    });

    it("rejects a registration when the channel holds less than stake + fee", async function () {
      const sys = await loadFixture(baseFixture);
      const identity = h.newWallet();
      const channel = await sys.registry.getChannelAddress(identity.address, sys.hermesId);
      await sys.token.transfer(channel, MYST(1));
      const sig = h.signPreimage(identity, P.registration(sys.cid, await sys.registry.getAddress(), sys.hermesId, MYST(1), 1, ZERO));
      await expect(sys.registry.registerIdentity(sys.hermesId, MYST(1), 1, ZERO, sig))
        .to.be.revertedWithCustomError(sys.registry, "Registry__NotEnoughBalance").withArgs(MYST(1), MYST(1) + 1n);
    });

    it("rejects a second channel for the same identity and hub", async function () {
      const sys = await loadFixture(baseFixture);
      const identity = h.newWallet();
      const { channelAddress } = await h.registerIdentity(sys, sys.hermesId, identity);
      const sig = h.signPreimage(identity, P.registration(sys.cid, await sys.registry.getAddress(), sys.hermesId, 0, 0, ZERO));
      await expect(sys.registry.registerIdentity(sys.hermesId, 0, 0, ZERO, sig))
        .to.be.revertedWithCustomError(sys.registry, "Registry__ChannelAlreadyOpened").withArgs(channelAddress);
    });

    it("rejects registration with an unknown hub", async function () {
      const sys = await loadFixture(baseFixture);
      const identity = h.newWallet();
      const sig = h.signPreimage(identity, P.registration(sys.cid, await sys.registry.getAddress(), sys.owner.address, 0, 0, ZERO));
      await expect(sys.registry.registerIdentity(sys.owner.address, 0, 0, ZERO, sig))
        .to.be.revertedWithCustomError(sys.registry, "Registry__HermesNotActive").withArgs(sys.owner.address);
    });

    it("rejects registration with a paused hub", async function () {
      const sys = await loadFixture(baseFixture);
      await sys.hermes.connect(sys.operator).pauseChannelOpening();
      const identity = h.newWallet();
      const sig = h.signPreimage(identity, P.registration(sys.cid, await sys.registry.getAddress(), sys.hermesId, 0, 0, ZERO));
      await expect(sys.registry.registerIdentity(sys.hermesId, 0, 0, ZERO, sig)).to.be.revertedWithCustomError(sys.registry, "Registry__HermesNotActive");
    });

    it("binds the signature to the parameters: a changed fee registers a different identity", async function () {
      const sys = await loadFixture(baseFixture);
      const identity = h.newWallet();
      const sig = h.signPreimage(identity, P.registration(sys.cid, await sys.registry.getAddress(), sys.hermesId, 0, 0, ZERO));
      const tx = await sys.registry.registerIdentity(sys.hermesId, 0, 0, sys.signers[3].address, sig);
      const receipt = await tx.wait();
      const created = receipt.logs.map((l) => sys.registry.interface.parseLog(l)).find((e) => e && e.name === "ConsumerChannelCreated");
      expect(created.args.identity).to.not.equal(identity.address);
      expect(await sys.registry.isRegistered(identity.address)).to.equal(false);
    });

    it("rejects a registration signature from another chain id", async function () {
      const sys = await loadFixture(baseFixture);
      const identity = h.newWallet();
      const channel = await sys.registry.getChannelAddress(identity.address, sys.hermesId);
      await sys.token.transfer(channel, MYST(1));
      const sig = h.signPreimage(identity, P.registration(sys.cid + 1n, await sys.registry.getAddress(), sys.hermesId, 0, MYST(1), ZERO));
      // the recovered address is some other identity whose channel holds nothing
      await expect(sys.registry.registerIdentity(sys.hermesId, 0, MYST(1), ZERO, sig)).to.be.revertedWithCustomError(sys.registry, "Registry__NotEnoughBalance");
    });

    it("rejects malformed registration signatures", async function () {
      const sys = await loadFixture(baseFixture);
      await expect(sys.registry.registerIdentity(sys.hermesId, 0, 0, ZERO, "0x1234"))
        .to.be.revertedWithCustomError(sys.registry, "Utils__InvalidSignatureLength").withArgs(2);
    });

    it("keeps the first beneficiary when the identity opens a channel with another hub", async function () {
      const sys = await loadFixture(baseFixture);
      const second = await h.registerHermes(sys);
      const identity = h.newWallet();
      await h.registerIdentity(sys, sys.hermesId, identity, { beneficiary: sys.signers[6].address });
      const { tx } = await h.registerIdentity(sys, second.hermesId, identity, { beneficiary: sys.signers[7].address });
      await expect(tx).to.not.emit(sys.registry, "RegisteredIdentity");
      expect(await sys.registry.getBeneficiary(identity.address)).to.equal(sys.signers[6].address);
      expect(await sys.registry.isChannelOpened(identity.address, second.hermesId)).to.equal(true);
    });
  });

  describe("openConsumerChannel", function () {
    it("signed (P2): opens the channel and forwards the transactor fee to msg.sender", async function () {
      const sys = await loadFixture(baseFixture);
      const identity = h.newWallet();
      const relayer = sys.signers[5];
      const channel = await sys.registry.getChannelAddress(identity.address, sys.hermesId);
      await sys.token.transfer(channel, MYST(2));
      const sig = h.signPreimage(identity, P.openChannel(sys.cid, await sys.registry.getAddress(), sys.hermesId, MYST(1)));
      const before = await sys.token.balanceOf(relayer.address);
      await expect(sys.registry.connect(relayer)["openConsumerChannel(address,uint256,bytes)"](sys.hermesId, MYST(1), sig))
        .to.emit(sys.registry, "ConsumerChannelCreated").withArgs(identity.address, sys.hermesId, channel);
      expect(await sys.token.balanceOf(relayer.address)).to.equal(before + MYST(1));
      expect(await sys.token.balanceOf(sys.registry)).to.equal(0n);
      expect(await sys.registry.getBeneficiary(identity.address)).to.equal(channel);
    });

    it("signed: rejects a fee above the channel balance", async function () {
      const sys = await loadFixture(baseFixture);
      const identity = h.newWallet();
      const sig = h.signPreimage(identity, P.openChannel(sys.cid, await sys.registry.getAddress(), sys.hermesId, MYST(1)));
      await expect(sys.registry["openConsumerChannel(address,uint256,bytes)"](sys.hermesId, MYST(1), sig))
        .to.be.revertedWithCustomError(sys.registry, "Registry__NotEnoughBalance").withArgs(0, MYST(1));
    });

    it("signed: rejects an inactive hub", async function () {
      const sys = await loadFixture(baseFixture);
      const identity = h.newWallet();
      const sig = h.signPreimage(identity, P.openChannel(sys.cid, await sys.registry.getAddress(), sys.owner.address, 0));
      await expect(sys.registry["openConsumerChannel(address,uint256,bytes)"](sys.owner.address, 0, sig))
        .to.be.revertedWithCustomError(sys.registry, "Registry__HermesNotActive");
    });

    it("unsigned: works on a root registry (parent calls are guarded)", async function () {
      const sys = await loadFixture(baseFixture);
      const identity = h.newWallet().address;
      await expect(sys.registry["openConsumerChannel(address,address)"](identity, sys.hermesId)).to.emit(sys.registry, "ConsumerChannelCreated");
      expect(await sys.registry.isChannelOpened(identity, sys.hermesId)).to.equal(true);
    });

    it("unsigned: rejects an already opened channel, a zero identity and an inactive hub", async function () {
      const sys = await loadFixture(baseFixture);
      const identity = h.newWallet().address;
      await sys.registry["openConsumerChannel(address,address)"](identity, sys.hermesId);
      await expect(sys.registry["openConsumerChannel(address,address)"](identity, sys.hermesId)).to.be.revertedWithCustomError(sys.registry, "Registry__ChannelAlreadyOpened");
      await expect(sys.registry["openConsumerChannel(address,address)"](ZERO, sys.hermesId)).to.be.revertedWithCustomError(sys.registry, "Registry__ZeroAddress");
      await expect(sys.registry["openConsumerChannel(address,address)"](identity, identity)).to.be.revertedWithCustomError(sys.registry, "Registry__HermesNotActive");
    });
  });

  describe("beneficiary (per-identity nonce)", function () {
    async function registered() {
      const sys = await loadFixture(baseFixture);
      const identity = h.newWallet();
      await h.registerIdentity(sys, sys.hermesId, identity);
      return { sys, identity };
    }
    const signBen = async (sys, identity, beneficiary, nonce, signer = identity, cid = sys.cid) =>
      h.signPreimage(signer, P.beneficiary(cid, await sys.registry.getAddress(), identity.address, beneficiary, nonce));

    it("changes the beneficiary with nonce getBeneficiaryNonce + 1", async function () {
      const { sys, identity } = await registered();
      expect(await sys.registry.getBeneficiaryNonce(identity.address)).to.equal(0n);
      const target = sys.signers[8].address;
      await expect(sys.registry.setBeneficiary(identity.address, target, await signBen(sys, identity, target, 1)))
        .to.emit(sys.registry, "BeneficiaryChanged").withArgs(identity.address, target);
      expect(await sys.registry.getBeneficiary(identity.address)).to.equal(target);
      expect(await sys.registry.getBeneficiaryNonce(identity.address)).to.equal(1n);
    });

    it("rejects replaying an old beneficiary signature", async function () {
      const { sys, identity } = await registered();
      const a = sys.signers[8].address;
      const b = sys.signers[9].address;
      const sigA = await signBen(sys, identity, a, 1);
      await sys.registry.setBeneficiary(identity.address, a, sigA);
      await sys.registry.setBeneficiary(identity.address, b, await signBen(sys, identity, b, 2));
      await expect(sys.registry.setBeneficiary(identity.address, a, sigA)).to.be.revertedWithCustomError(sys.registry, "Registry__InvalidSignature");
      expect(await sys.registry.getBeneficiary(identity.address)).to.equal(b);
    });

    it("is not invalidated by other identities' changes", async function () {
      const { sys, identity } = await registered();
      const other = h.newWallet();
      await h.registerIdentity(sys, sys.hermesId, other);
      const target = sys.signers[8].address;
      const pending = await signBen(sys, identity, target, 1);
      await sys.registry.setBeneficiary(other.address, target, await signBen(sys, other, target, 1));
      await expect(sys.registry.setBeneficiary(identity.address, target, pending)).to.emit(sys.registry, "BeneficiaryChanged");
    });

    it("rejects a signature by another key, a wrong chain id and a zero beneficiary", async function () {
      const { sys, identity } = await registered();
      const target = sys.signers[8].address;
      const mallory = h.newWallet();
      await expect(sys.registry.setBeneficiary(identity.address, target, await signBen(sys, identity, target, 1, mallory)))
        .to.be.revertedWithCustomError(sys.registry, "Registry__InvalidSignature").withArgs(mallory.address);
      await expect(sys.registry.setBeneficiary(identity.address, target, await signBen(sys, identity, target, 1, identity, 5n)))
        .to.be.revertedWithCustomError(sys.registry, "Registry__InvalidSignature");
      await expect(sys.registry.setBeneficiary(identity.address, ZERO, await signBen(sys, identity, ZERO, 1)))
        .to.be.revertedWithCustomError(sys.registry, "Registry__ZeroAddress");
    });

    it("rejects a signature made for another registry", async function () {
      const { sys, identity } = await registered();
      const target = sys.signers[8].address;
      const sig = h.signPreimage(identity, P.beneficiary(sys.cid, sys.signers[1].address, identity.address, target, 1));
      await expect(sys.registry.setBeneficiary(identity.address, target, sig)).to.be.revertedWithCustomError(sys.registry, "Registry__InvalidSignature");
    });
  });

  describe("implementation versions", function () {
    async function withV1() {
      const sys = await loadFixture(baseFixture);
      const channelV1 = await ethers.deployContract("ChannelImplementation", [sys.token, sys.dex, h.EXIT_DELAY]);
      const hermesV1 = await ethers.deployContract("HermesImplementation", [sys.token, sys.dex, sys.registry]);
      await sys.registry.setImplementations(channelV1, hermesV1);
      return { ...sys, channelV1, hermesV1 };
    }

    it("appends a version and emits ImplementationsSet", async function () {
      const sys = await loadFixture(baseFixture);
      const channelV1 = await ethers.deployContract("ChannelImplementation", [sys.token, sys.dex, h.EXIT_DELAY]);
      const hermesV1 = await ethers.deployContract("HermesImplementation", [sys.token, sys.dex, sys.registry]);
      await expect(sys.registry.setImplementations(channelV1, hermesV1))
        .to.emit(sys.registry, "ImplementationsSet").withArgs(1, await channelV1.getAddress(), await hermesV1.getAddress());
      expect(await sys.registry.getLastImplVer()).to.equal(1n);
      expect(await sys.registry["getChannelImplementation(uint256)"](0)).to.equal(await sys.channelImpl.getAddress());
      expect(await sys.registry["getChannelImplementation()"]()).to.equal(await channelV1.getAddress());
    });

    it("keeps existing hubs' channels on their own version and lets the operator get a hub per version", async function () {
      const sys = await withV1();
      const identity = h.newWallet().address;
      expect(await sys.registry.getChannelAddress(identity, sys.hermesId)).to.equal(
        h.channelAddress(await sys.registry.getAddress(), await sys.channelImpl.getAddress(), identity, sys.hermesId),
      );
      const v1Hub = await h.registerHermes(sys, { operator: sys.operator });
      expect(v1Hub.hermesId).to.not.equal(sys.hermesId);
      expect(await sys.registry["getHermesAddress(address,uint256)"](sys.operator.address, 1)).to.equal(v1Hub.hermesId);
      expect((await sys.registry.getHermes(v1Hub.hermesId)).implVer).to.equal(1n);
      expect(await sys.registry.getChannelAddress(identity, v1Hub.hermesId)).to.equal(
        h.channelAddress(await sys.registry.getAddress(), await sys.channelV1.getAddress(), identity, v1Hub.hermesId),
      );
    });

    it("lets only the owner add versions and rejects non-contracts and unknown versions", async function () {
      const sys = await loadFixture(baseFixture);
      await expect(sys.registry.connect(sys.signers[2]).setImplementations(sys.channelImpl, sys.hermesImpl)).to.be.revertedWithCustomError(sys.registry, "Ownable__CallerNotOwner");
      await expect(sys.registry.setImplementations(sys.owner.address, sys.hermesImpl)).to.be.revertedWithCustomError(sys.registry, "Registry__NotAContract");
      await expect(sys.registry["getHermesImplementation(uint256)"](7)).to.be.revertedWithCustomError(sys.registry, "Registry__UnknownImplementationVersion").withArgs(7);
    });
  });

  describe("parent registry", function () {
    async function childFixture() {
      const sys = await loadFixture(baseFixture);
      const child = await ethers.deployContract("Registry");
      const channelImpl = await ethers.deployContract("ChannelImplementation", [sys.token, sys.dex, h.EXIT_DELAY]);
      const hermesImpl = await ethers.deployContract("HermesImplementation", [sys.token, sys.dex, child]);
      await child.initialize(sys.token, sys.dex, MYST(100), channelImpl, hermesImpl, sys.registry);
      return { sys, child };
    }

    it("reports the parent and falls back to it for hubs and identities", async function () {
      const { sys, child } = await childFixture();
      const identity = h.newWallet();
      await h.registerIdentity(sys, sys.hermesId, identity, { beneficiary: sys.signers[6].address });
      expect(await child.hasParentRegistry()).to.equal(true);
      expect(await child.parentRegistry()).to.equal(await sys.registry.getAddress());
      expect(await child.isHermes(sys.hermesId)).to.equal(true);
      expect((await child.getHermes(sys.hermesId)).operator).to.equal(sys.operator.address);
      expect(await child.isRegistered(identity.address)).to.equal(true);
      expect(await child.getBeneficiary(identity.address)).to.equal(sys.signers[6].address);
      expect(await child.isChannelOpened(identity.address, sys.hermesId)).to.equal(true);
    });

    it("forwards beneficiary changes of root identities to the root (root registry address signed)", async function () {
      const { sys, child } = await childFixture();
      const identity = h.newWallet();
      await h.registerIdentity(sys, sys.hermesId, identity);
      const target = sys.signers[9].address;
      const sig = h.signPreimage(identity, P.beneficiary(sys.cid, await sys.registry.getAddress(), identity.address, target, 1));
      await expect(child.setBeneficiary(identity.address, target, sig)).to.emit(sys.registry, "BeneficiaryChanged");
      expect(await child.getBeneficiary(identity.address)).to.equal(target);
      expect(await child.getBeneficiaryNonce(identity.address)).to.equal(1n);
    });

    it("returns false rather than reverting for unknown hubs and channels", async function () {
      const { child } = await childFixture();
      const stranger = h.newWallet().address;
      expect(await child.isHermes(stranger)).to.equal(false);
      expect(await child.isRegistered(stranger)).to.equal(false);
    });
  });

  describe("fees collected by the registry", function () {
    it("lets the owner sweep MYST held by the registry, and only when there is some", async function () {
      const sys = await loadFixture(baseFixture);
      await expect(sys.registry.transferCollectedFeeTo(sys.signers[3].address)).to.be.revertedWithCustomError(sys.registry, "Registry__NothingToTransfer");
      await sys.token.transfer(sys.registry, MYST(2));
      await expect(sys.registry.connect(sys.signers[3]).transferCollectedFeeTo(sys.signers[3].address)).to.be.revertedWithCustomError(sys.registry, "Ownable__CallerNotOwner");
      await expect(sys.registry.transferCollectedFeeTo(sys.signers[3].address)).to.changeTokenBalance(sys.token, sys.signers[3], MYST(2));
    });
  });
});
