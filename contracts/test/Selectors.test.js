// ABI compatibility with the Mysterium payment contracts: function selectors and event topics that nodes,
// the Go library and indexers depend on must not change.
"use strict";
const { expect } = require("chai");
const { ethers } = require("hardhat");

async function iface(name) {
  return (await ethers.getContractFactory(name)).interface;
}

const SELECTORS = [
  ["Registry", "registerIdentity(address,uint256,uint256,address,bytes)", "0xcf10c969"],
  ["Registry", "openConsumerChannel(address,uint256,bytes)", "0x04614e0b"],
  ["Registry", "registerHermes(address,uint256,uint16,uint256,uint256,bytes)", "0xd5929fe3"],
  ["Registry", "getChannelAddress(address,address)", "0xe617aaac"],
  ["Registry", "setBeneficiary(address,address,bytes)", "0xd0171d79"],
  ["ChannelImplementation", "settlePromise(uint256,uint256,bytes32,bytes)", "0x6f174630"],
  ["ChannelImplementation", "fastExit(uint256,uint256,address,uint256,bytes,bytes)", "0xe9e8ad8b"],
  ["HermesImplementation", "settlePromise(address,uint256,uint256,bytes32,bytes)", "0x48d9f01e"],
  ["HermesImplementation", "settleWithBeneficiary(address,uint256,uint256,bytes32,bytes,address,bytes)", "0x53d2a0ff"],
  ["HermesImplementation", "settleIntoStake(address,uint256,uint256,bytes32,bytes)", "0x71d2ff1b"],
  ["HermesImplementation", "payAndSettle(address,uint256,uint256,bytes32,bytes,address,bytes)", "0x52a8e78d"],
  ["HermesImplementation", "decreaseStake(address,uint256,uint256,bytes)", "0x7295973a"],
  ["HermesImplementation", "increaseStake(bytes32,uint256)", "0x39f97626"],
  ["HermesImplementation", "resolveEmergency()", "0x15c73afd"],
];

const TOPICS = [
  ["Registry", "RegisteredIdentity", "0xefaf768237c22e140a862d5d375ad5c153479fac3f8bcf8b580a1651fd62c3ef"],
  ["Registry", "ConsumerChannelCreated", "0x2ed7bcf2ff03098102c7003d7ce2a633e4b49b8198b07de5383cdf4c0ab9228b"],
  ["Registry", "BeneficiaryChanged", "0x768099735d1c322a05a5b9d7b76d99682a1833d3f7055e5ede25e0f2eeaa8c6d"],
  ["Registry", "RegisteredHermes", "0xf06d60cc2f463635fd237ad87f1d007af54840b82e7e4561707b1be63d91c260"],
  ["ChannelImplementation", "PromiseSettled", "0x7f7697dfbfc8e203dd21764a16312ebed4de12b161eca0b41922de085b2eccd1"],
  ["ChannelImplementation", "ExitRequested", "0xe60f0366d8d61555184ea027447889648bae94ebfb1202a39544b6b6803969db"],
  ["HermesImplementation", "PromiseSettled", "0xbe62ac0eb86179a8bcebe2f194ee1a147982a61a2ee67ff7e70b3fad25ec16d7"],
  ["HermesImplementation", "NewStake", "0xc5f0715c45dab2e8f14871936119e3c64fd5841d397130c2d1db743d142522cb"],
  ["HermesImplementation", "HermesPunishmentActivated", "0x23dc47ee5d995fb521fbe4351f353f3177d7b9d9e15bdd01ed358764c25d9629"],
];

// Topics given only by their first 4 and last 2 bytes.
const TOPIC_PREFIXES = [
  ["Registry", "HermesURLUpdated", "0xd8c638c8", "43c7"],
  ["Registry", "MinimalHermesStakeChanged", "0x645a9c74", "ec30"],
  ["ChannelImplementation", "Withdraw", "0x884edad9", "4364"],
  ["HermesImplementation", "HermesPunishmentDeactivated", "0x5dc43dfa", "d47c"],
  ["HermesImplementation", "HermesFeeUpdated", "0xea76eb91", "403b"],
  ["HermesImplementation", "MinStakeValueUpdated", "0xb9e5e6e8", "1251"],
  ["HermesImplementation", "MaxStakeValueUpdated", "0x53f4fb18", "0e3d"],
  ["HermesImplementation", "ChannelOpeningPaused", "0x1f4cd5d6", "f67e"],
  ["HermesImplementation", "ChannelOpeningActivated", "0x2d8b6ec2", "7df8"],
  ["HermesImplementation", "HermesClosed", "0xfa9b0c27", "8e45"],
  ["HermesImplementation", "FundsWithdrawned", "0xa2e147ce", "c8bf"],
  ["HermesImplementation", "HermesStakeIncreased", "0xeb10b8b6", "ed91"],
  ["HermesImplementation", "HermesStakeReturned", "0xa212c691", "0146"],
  ["Registry", "DestinationChanged", "0xe1a66d77", "6aad"],
  ["Registry", "OwnershipTransferred", "0x8be0079c", "57e0"],
];

describe("ABI compatibility (selectors and topics)", function () {
  for (const [contract, signature, selector] of SELECTORS) {
    it(`${contract}.${signature} has selector ${selector}`, async function () {
      expect((await iface(contract)).getFunction(signature).selector).to.equal(selector);
    });
  }

  for (const [contract, event, topic] of TOPICS) {
    it(`${contract} event ${event} has topic ${topic.slice(0, 10)}…`, async function () {
      expect((await iface(contract)).getEvent(event).topicHash).to.equal(topic);
    });
  }

  it("every event whose topic is known by prefix keeps its topic", async function () {
    for (const [contract, event, head, tail] of TOPIC_PREFIXES) {
      const topic = (await iface(contract)).getEvent(event).topicHash;
      expect(topic.slice(0, 10), event).to.equal(head);
      expect(topic.slice(-4), event).to.equal(tail);
    }
  });

  it("MystToken keeps the EIP-2612 PERMIT_TYPEHASH", async function () {
    const token = await ethers.deployContract("MystToken", [ethers.ZeroAddress]);
    expect(await token.PERMIT_TYPEHASH()).to.equal("0x6e71edae12b1b97f4d1f60370fef10105fa2faae0126114a169c64845d6126c9");
  });

  it("the upstream view names are all present", async function () {
    const registry = await iface("Registry");
    for (const f of [
      "getChannelAddress(address,address)", "getHermesAddress(address)", "getHermesAddress(address,uint256)",
      "isRegistered(address)", "getBeneficiary(address)", "getHermes(address)", "getHermesURL(address)",
      "getProxyCode(address)", "getChannelImplementation()", "getChannelImplementation(uint256)",
      "getHermesImplementation()", "getHermesImplementation(uint256)", "getLastImplVer()", "hasParentRegistry()",
      "isHermes(address)", "isChannelOpened(address,address)", "isInitialized()", "dex()", "minimalHermesStake()",
      "parentRegistry()", "token()", "owner()", "getFundsDestination()",
    ]) expect(registry.getFunction(f), f).to.not.equal(null);
    const hermes = await iface("HermesImplementation");
    for (const f of [
      "getChannelId(address)", "getChannelId(address,string)", "availableBalance()", "minimalExpectedBalance()",
      "calculateHermesFee(uint256)", "validatePromise(bytes32,uint256,uint256,bytes32,bytes)", "channels(bytes32)",
      "getStakeThresholds()", "getActiveFee()", "lastFee()", "previousFee()", "punishment()", "getStatus()",
      "isHermesActive()", "getOperator()", "getRegistry()", "getHermesStake()", "isChannelOpened(bytes32)",
    ]) expect(hermes.getFunction(f), f).to.not.equal(null);
    const channel = await iface("ChannelImplementation");
    for (const f of ["hermes()", "operator()", "token()", "owner()", "getFundsDestination()"]) {
      expect(channel.getFunction(f), f).to.not.equal(null);
    }
  });
});
