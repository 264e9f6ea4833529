// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

import {TestBase} from "./utils/TestBase.sol";
import {MystToken} from "../../src/MystToken.sol";
import {Registry} from "../../src/Registry.sol";
import {ChannelImplementation} from "../../src/ChannelImplementation.sol";
import {HermesImplementation} from "../../src/HermesImplementation.sol";
import {IHermes} from "../../src/interfaces/IHermes.sol";

/// @notice Drives random top-ups, registrations, consumer and provider promises, single and batch settlements,
///         stake changes, exits, hub refills and time travel over several consumers and providers. Ghost
///         variables record what was signed so that the invariant test can check nobody got more.
contract PaymentHandler is TestBase {
    uint256 internal constant CONSUMERS = 4;
    uint256 internal constant PROVIDERS = 3;
    uint256 internal constant CONSUMER_KEY_BASE = 0xC0000;
    uint256 internal constant PROVIDER_KEY_BASE = 0xB0000;

    MystToken public immutable token;
    Registry public immutable registry;
    HermesImplementation public immutable hermes;
    uint256 internal immutable _operatorKey;

    address[CONSUMERS] public channels;
    bool[CONSUMERS] public registeredConsumer;
    uint256[CONSUMERS] public consumerSigned; // latest cumulative amount the consumer signed
    uint256[CONSUMERS] public consumerFee; // fee inside that latest promise
    bytes32[CONSUMERS] internal _consumerLock;
    uint256[CONSUMERS] public lastChannelSettled;
    address[CONSUMERS] public exitBeneficiaries;

    bool[PROVIDERS] public registeredProvider;
    uint256[PROVIDERS] public providerSigned;
    uint256[PROVIDERS] public lastProviderSettled;
    uint256[PROVIDERS] public stakeReturned; // stake sent to the provider's beneficiary
    uint256[PROVIDERS] internal _stakeNonce;
    address[PROVIDERS] public providerBeneficiaries;

    bool public settledDecreased;
    uint256 public calls;

    constructor(MystToken token_, Registry registry_, HermesImplementation hermes_, uint256 operatorKey) {
        token = token_;
        registry = registry_;
        hermes = hermes_;
        _operatorKey = operatorKey;
        for (uint256 i; i < CONSUMERS; i++) {
            channels[i] = registry_.getChannelAddress(vm.addr(CONSUMER_KEY_BASE + i), address(hermes_));
            exitBeneficiaries[i] = address(uint160(0xE0000 + i));
        }
        for (uint256 j; j < PROVIDERS; j++) {
            providerBeneficiaries[j] = address(uint160(0xBE000 + j));
        }
    }

    // ------------------------------------------------------------------ actions

    function topUp(uint256 who, uint256 amount) external {
        uint256 i = who % CONSUMERS;
        amount = bound(amount, 1, 200e18);
        if (token.balanceOf(address(this)) < amount) return;
        token.transfer(channels[i], amount);
        _after();
    }

    function registerConsumer(uint256 who) external {
        uint256 i = who % CONSUMERS;
        if (registeredConsumer[i]) return;
        uint256 key = CONSUMER_KEY_BASE + i;
        bytes memory sig = _sign(key, abi.encodePacked(block.chainid, address(registry), address(hermes), uint256(0), uint256(0), address(0)));
        try registry.registerIdentity(address(hermes), 0, 0, address(0), sig) {
            registeredConsumer[i] = true;
        } catch {}
        _after();
    }

    function registerProvider(uint256 who, uint256 stake) external {
        uint256 j = who % PROVIDERS;
        if (registeredProvider[j]) return;
        uint256 key = PROVIDER_KEY_BASE + j;
        stake = bound(stake, 0, 100e18);
        address channel = registry.getChannelAddress(vm.addr(key), address(hermes));
        if (token.balanceOf(channel) < stake) token.transfer(channel, stake - token.balanceOf(channel));
        bytes memory sig = _sign(
            key,
            abi.encodePacked(block.chainid, address(registry), address(hermes), stake, uint256(0), providerBeneficiaries[j])
        );
        try registry.registerIdentity(address(hermes), stake, 0, providerBeneficiaries[j], sig) {
            registeredProvider[j] = true;
        } catch {}
        _after();
    }

    /// Consumer signs a bigger cumulative promise and it is settled on its channel by this handler.
    function settleConsumer(uint256 who, uint256 delta, uint256 fee) external {
        uint256 i = who % CONSUMERS;
        if (!registeredConsumer[i]) return;
        _newConsumerPromise(i, delta, fee);
        ChannelImplementation channel = ChannelImplementation(payable(channels[i]));
        try channel.settlePromise(consumerSigned[i], consumerFee[i], _consumerLock[i], _consumerSig(i)) {} catch {}
        _after();
    }

    /// Several consumers' latest promises settled in one batch through the hub.
    function settleBatch(uint256 mask, uint256 delta) external {
        address[] memory list = new address[](CONSUMERS);
        uint256[] memory amounts = new uint256[](CONSUMERS);
        uint256[] memory fees = new uint256[](CONSUMERS);
        bytes32[] memory locks = new bytes32[](CONSUMERS);
        bytes[] memory sigs = new bytes[](CONSUMERS);
        for (uint256 i; i < CONSUMERS; i++) {
            if ((mask >> i) & 1 == 1 && registeredConsumer[i]) _newConsumerPromise(i, delta >> (i * 8), 0);
            list[i] = channels[i];
            amounts[i] = consumerSigned[i];
            fees[i] = consumerFee[i];
            locks[i] = _consumerLock[i];
            sigs[i] = _consumerSig(i);
        }
        hermes.settleChannelPromises(list, amounts, fees, locks, sigs);
        _after();
    }

    /// The hub operator signs a bigger cumulative promise for a provider, which is settled.
    function settleProvider(uint256 who, uint256 delta, uint256 fee, uint256 mode) external {
        uint256 j = who % PROVIDERS;
        if (!registeredProvider[j]) return;
        delta = bound(delta, 1, 150e18);
        fee = bound(fee, 0, delta / 10);
        providerSigned[j] += delta;
        address identity = vm.addr(PROVIDER_KEY_BASE + j);
        bytes32 channelId = hermes.getChannelId(identity);
        bytes32 lock = keccak256(abi.encode(j, providerSigned[j]));
        bytes memory sig = _sign(
            _operatorKey,
            abi.encodePacked(block.chainid, channelId, providerSigned[j], fee, keccak256(abi.encodePacked(lock)))
        );
        if (mode % 2 == 0) {
            try hermes.settlePromise(identity, providerSigned[j], fee, lock, sig) {} catch {}
        } else {
            try hermes.settleIntoStake(identity, providerSigned[j], fee, lock, sig) {} catch {}
        }
        _after();
    }

    function increaseStake(uint256 who, uint256 amount) external {
        uint256 j = who % PROVIDERS;
        amount = bound(amount, 1, 100e18);
        bytes32 channelId = hermes.getChannelId(vm.addr(PROVIDER_KEY_BASE + j));
        token.approve(address(hermes), amount);
        try hermes.increaseStake(channelId, amount) {} catch {}
        _after();
    }

    function decreaseStake(uint256 who, uint256 amount, uint256 fee) external {
        uint256 j = who % PROVIDERS;
        if (!registeredProvider[j]) return;
        address identity = vm.addr(PROVIDER_KEY_BASE + j);
        bytes32 channelId = hermes.getChannelId(identity);
        (, uint256 stake, , ) = hermes.channels(channelId);
        if (stake == 0) return;
        amount = bound(amount, 1, stake);
        fee = bound(fee, 0, amount);
        uint256 nonce = _stakeNonce[j] + 1;
        bytes memory sig = _sign(
            PROVIDER_KEY_BASE + j,
            abi.encodePacked("Stake return request", block.chainid, channelId, amount, fee, nonce)
        );
        try hermes.decreaseStake(identity, amount, fee, sig) {
            _stakeNonce[j] = nonce;
            stakeReturned[j] += amount - fee;
        } catch {}
        _after();
    }

    function requestExit(uint256 who) external {
        uint256 i = who % CONSUMERS;
        if (!registeredConsumer[i]) return;
        ChannelImplementation channel = ChannelImplementation(payable(channels[i]));
        bytes memory sig = _sign(
            CONSUMER_KEY_BASE + i,
            abi.encodePacked(
                "Unilateral exit request:",
                block.chainid,
                address(channel),
                exitBeneficiaries[i],
                block.timestamp + 1 hours,
                channel.lastNonce()
            )
        );
        try channel.requestExit(exitBeneficiaries[i], block.timestamp + 1 hours, sig) {} catch {}
        _after();
    }

    function finalizeExit(uint256 who) external {
        uint256 i = who % CONSUMERS;
        if (!registeredConsumer[i]) return;
        try ChannelImplementation(payable(channels[i])).finalizeExit() {} catch {}
        _after();
    }

    function fastExit(uint256 who, uint256 amount) external {
        uint256 i = who % CONSUMERS;
        if (!registeredConsumer[i]) return;
        ChannelImplementation channel = ChannelImplementation(payable(channels[i]));
        amount = bound(amount, 1, 50e18);
        uint256 validUntil = block.timestamp + 1 hours;
        bytes memory preimage = abi.encodePacked(
            "Exit request:",
            block.chainid,
            uint256(uint160(address(channel))),
            amount,
            uint256(0),
            uint256(uint160(exitBeneficiaries[i])),
            validUntil,
            channel.lastNonce()
        );
        try channel.fastExit(amount, 0, exitBeneficiaries[i], validUntil, _sign(CONSUMER_KEY_BASE + i, preimage), _sign(_operatorKey, preimage)) {} catch {}
        _after();
    }

    function refillHub(uint256 amount) external {
        amount = bound(amount, 1, 300e18);
        if (token.balanceOf(address(this)) < amount) return;
        token.transfer(address(hermes), amount);
        if (hermes.getStatus() == IHermes.Status.Punishment) {
            token.approve(address(hermes), type(uint256).max);
            try hermes.resolveEmergency() {} catch {}
        }
        _after();
    }

    function warp(uint256 secondsAhead) external {
        vm.warp(block.timestamp + bound(secondsAhead, 1, 2 days));
        _after();
    }

    // ------------------------------------------------------------------ helpers

    function providerIdentity(uint256 j) external pure returns (address) {
        return vm.addr(PROVIDER_KEY_BASE + j);
    }

    function _newConsumerPromise(uint256 i, uint256 delta, uint256 fee) private {
        delta = bound(delta, 1, 60e18);
        consumerSigned[i] += delta;
        consumerFee[i] = bound(fee, 0, delta / 20);
        _consumerLock[i] = keccak256(abi.encode(i, consumerSigned[i]));
    }

    function _consumerSig(uint256 i) private view returns (bytes memory) {
        return _sign(
            CONSUMER_KEY_BASE + i,
            abi.encodePacked(
                block.chainid,
                uint256(uint160(channels[i])),
                consumerSigned[i],
                consumerFee[i],
                keccak256(abi.encodePacked(_consumerLock[i]))
            )
        );
    }

    /// Records settled counters after every action and flags any decrease.
    function _after() private {
        calls++;
        for (uint256 i; i < CONSUMERS; i++) {
            if (channels[i].code.length == 0) continue;
            (, , uint256 settled) = ChannelImplementation(payable(channels[i])).hermes();
            if (settled < lastChannelSettled[i]) settledDecreased = true;
            lastChannelSettled[i] = settled;
        }
        for (uint256 j; j < PROVIDERS; j++) {
            (uint256 settled, , , ) = hermes.channels(hermes.getChannelId(vm.addr(PROVIDER_KEY_BASE + j)));
            if (settled < lastProviderSettled[j]) settledDecreased = true;
            lastProviderSettled[j] = settled;
        }
    }
}
