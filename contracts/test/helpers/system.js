// Shared fixtures and signers for the Hardhat suite: deploys the whole payment system on the in-process
// Hardhat network and builds every signed payload (P1-P11) in JS, independently of the contracts.
"use strict";
const { ethers } = require("hardhat");

const MYST = (n) => ethers.parseEther(String(n));
const ZERO = ethers.ZeroAddress;
const EXIT_DELAY = 4 * 24 * 3600; // production default, 345600 s
const DEX_RATE = MYST(1000); // 1000 MYST per native coin in the test router

/** Signs keccak256(preimage) without any prefix; returns a 65-byte r‖s‖v signature with v = 27/28. */
function signPreimage(wallet, preimage) {
  return wallet.signingKey.sign(ethers.keccak256(preimage)).serialized;
}

/** A fresh random wallet connected to the Hardhat provider (not funded). */
function newWallet() {
  return ethers.Wallet.createRandom().connect(ethers.provider);
}

async function chainId() {
  return (await ethers.provider.getNetwork()).chainId;
}

const packed = ethers.solidityPacked;
const hashlock = (r) => ethers.keccak256(r);
const randomLock = () => ethers.hexlify(ethers.randomBytes(32));

// ---- preimages, byte-exact ----------------------------------------------------------------------
const P = {
  // P1 registerIdentity
  registration: (cid, registry, hermes, stake, fee, beneficiary) =>
    packed(["uint256", "address", "address", "uint256", "uint256", "address"], [cid, registry, hermes, stake, fee, beneficiary]),
  // P2 signed openConsumerChannel
  openChannel: (cid, registry, hermes, fee) =>
    packed(["uint256", "address", "address", "uint256"], [cid, registry, hermes, fee]),
  // P3 setBeneficiary
  beneficiary: (cid, registry, identity, beneficiary, nonce) =>
    packed(["uint256", "address", "address", "address", "uint256"], [cid, registry, identity, beneficiary, nonce]),
  // P4 updateHermesURL (no chain id)
  url: (registry, hermes, url, nonce) => packed(["address", "address", "bytes", "uint256"], [registry, hermes, url, nonce]),
  // P5 consumer promise (channel address left-padded to 32 bytes) and P6 hub promise (bytes32 channel id)
  promise: (cid, channelId, amount, fee, lock) =>
    packed(["uint256", "bytes32", "uint256", "uint256", "bytes32"], [cid, ethers.zeroPadValue(channelId, 32), amount, fee, hashlock(lock)]),
  // P7 fastExit
  exit: (cid, channel, amount, fee, beneficiary, validUntil, nonce) =>
    packed(
      ["string", "uint256", "uint256", "uint256", "uint256", "uint256", "uint256", "uint256"],
      ["Exit request:", cid, BigInt(channel), amount, fee, BigInt(beneficiary), validUntil, nonce],
    ),
  // P8 setFundsDestinationByCheque (no chain id)
  fundsDestination: (channel, destination, nonce) =>
    packed(["string", "address", "address", "uint256"], ["Set funds destination:", channel, destination, nonce]),
  // P9 payAndSettle beneficiary authorisation (R itself, not the hashlock)
  payAndSettle: (cid, channelId, amount, lock, beneficiary) =>
    packed(["uint256", "bytes32", "uint256", "bytes32", "address"], [cid, channelId, amount, lock, beneficiary]),
  // P10 decreaseStake
  stakeReturn: (cid, channelId, amount, fee, nonce) =>
    packed(["string", "uint256", "bytes32", "uint256", "uint256", "uint256"], ["Stake return request", cid, channelId, amount, fee, nonce]),
  // P11 unilateral exit (new)
  unilateralExit: (cid, channel, beneficiary, validUntil, nonce) =>
    packed(["string", "uint256", "address", "address", "uint256", "uint256"], ["Unilateral exit request:", cid, channel, beneficiary, validUntil, nonce]),
};

// ---- CREATE2 derivation, independent of the contracts ----------------------------------------------
function proxyInitCode(implementation) {
  return ethers.concat(["0x3d602d80600a3d3981f3363d3d373d3d3d363d73", implementation, "0x5af43d82803e903d91602b57fd5bf3"]);
}
function channelAddress(registry, channelImpl, identity, hermesId) {
  const salt = ethers.keccak256(packed(["address", "address"], [identity, hermesId]));
  return ethers.getCreate2Address(registry, salt, ethers.keccak256(proxyInitCode(channelImpl)));
}
function hermesAddress(registry, hermesImpl, operator) {
  const salt = ethers.zeroPadValue(operator, 32);
  return ethers.getCreate2Address(registry, salt, ethers.keccak256(proxyInitCode(hermesImpl)));
}
function providerChannelId(identity, hermesId) {
  return ethers.keccak256(packed(["address", "address"], [identity, hermesId]));
}
function withdrawalChannelId(identity, hermesId) {
  return ethers.keccak256(packed(["address", "address", "string"], [identity, hermesId, "withdrawal"]));
}

// ---- deployment --------------------------------------------------------------------------------------
async function deploySystem(opts = {}) {
  const signers = await ethers.getSigners();
  const [owner] = signers;
  const token = await ethers.deployContract("MystToken", [ZERO]);
  const weth = await ethers.deployContract("TestWETH");
  const dex = await ethers.deployContract("TestUniswapRouter", [await weth.getAddress(), await token.getAddress(), DEX_RATE]);
  const registry = await ethers.deployContract("Registry");
  const channelImpl = await ethers.deployContract("ChannelImplementation", [
    await token.getAddress(),
    await dex.getAddress(),
    opts.exitDelay ?? EXIT_DELAY,
  ]);
  const hermesImpl = await ethers.deployContract("HermesImplementation", [
    await token.getAddress(),
    await dex.getAddress(),
    await registry.getAddress(),
  ]);
  await registry.initialize(
    await token.getAddress(),
    await dex.getAddress(),
    opts.minimalHermesStake ?? MYST(100),
    await channelImpl.getAddress(),
    await hermesImpl.getAddress(),
    opts.parentRegistry ?? ZERO,
  );
  // liquidity for the test router: tokens and native coin
  await token.mint(await dex.getAddress(), MYST(1_000_000));
  await owner.sendTransaction({ to: await dex.getAddress(), value: ethers.parseEther("100") });
  for (const s of signers.slice(0, 10)) await token.mint(s.address, MYST(100_000));
  const cid = await chainId();
  return { signers, owner, token, weth, dex, registry, channelImpl, hermesImpl, cid };
}

/** Registers a hub; returns { hermes (contract), operator (wallet), hermesId, owner (signer) }. */
async function registerHermes(sys, opts = {}) {
  const operator = opts.operator ?? newWallet();
  const funder = opts.funder ?? sys.owner;
  const stake = opts.stake ?? MYST(1000);
  await sys.token.connect(funder).approve(await sys.registry.getAddress(), stake);
  await sys.registry
    .connect(funder)
    .registerHermes(operator.address, stake, opts.fee ?? 250, opts.minStake ?? 0, opts.maxStake ?? MYST(100), opts.url ?? "0x68747470733a2f2f68");
  const hermesId = await sys.registry["getHermesAddress(address)"](operator.address);
  const hermes = await ethers.getContractAt("HermesImplementation", hermesId);
  // the operator owns the hub; fund the operator wallet so it can send owner transactions
  await sys.owner.sendTransaction({ to: operator.address, value: ethers.parseEther("10") });
  return { hermes, operator, hermesId };
}

/** Registers `identity` (a wallet) with the hub, funding its channel with `topUp` first. */
async function registerIdentity(sys, hermesId, identity, opts = {}) {
  const stake = opts.stake ?? 0n;
  const fee = opts.fee ?? 0n;
  const beneficiary = opts.beneficiary ?? ZERO;
  const channel = await sys.registry.getChannelAddress(identity.address, hermesId);
  const topUp = opts.topUp ?? 0n;
  if (topUp > 0n) await sys.token.transfer(channel, topUp);
  const sig = signPreimage(
    identity,
    P.registration(sys.cid, await sys.registry.getAddress(), hermesId, stake, fee, beneficiary),
  );
  const tx = await sys.registry.connect(opts.sender ?? sys.owner).registerIdentity(hermesId, stake, fee, beneficiary, sig);
  return { channel: await ethers.getContractAt("ChannelImplementation", channel), channelAddress: channel, tx };
}

/** A signed hub promise for a provider channel (or any channel id). */
function hubPromise(sys, operator, channelId, amount, fee = 0n, lock = randomLock()) {
  return { amount, fee, lock, signature: signPreimage(operator, P.promise(sys.cid, channelId, amount, fee, lock)) };
}

/** A signed consumer promise for a consumer channel address. */
function consumerPromise(sys, identity, channel, amount, fee = 0n, lock = randomLock()) {
  return { amount, fee, lock, signature: signPreimage(identity, P.promise(sys.cid, channel, amount, fee, lock)) };
}

/** The same signature with s replaced by n - s and v flipped: valid for ecrecover, rejected as malleable. */
function highS(signature) {
  const sig = ethers.Signature.from(signature);
  const n = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;
  const s = n - BigInt(sig.s);
  const v = sig.v === 27 ? 28 : 27;
  return ethers.concat([sig.r, ethers.toBeHex(s, 32), ethers.toBeHex(v, 1)]);
}

/** Replaces v (the last byte) of a 65-byte signature. */
function withV(signature, v) {
  return ethers.concat([ethers.dataSlice(signature, 0, 64), ethers.toBeHex(v, 1)]);
}

module.exports = {
  MYST,
  ZERO,
  EXIT_DELAY,
  DEX_RATE,
  P,
  signPreimage,
  newWallet,
  chainId,
  randomLock,
  hashlock,
  proxyInitCode,
  channelAddress,
  hermesAddress,
  providerChannelId,
  withdrawalChannelId,
  deploySystem,
  registerHermes,
  registerIdentity,
  hubPromise,
  consumerPromise,
  highS,
  withV,
};
