// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

import {SystemFixture} from "./utils/SystemFixture.sol";
import {ChannelImplementation} from "../../src/ChannelImplementation.sol";
import {HermesImplementation} from "../../src/HermesImplementation.sol";
import {Registry} from "../../src/Registry.sol";
import {Utils} from "../../src/Utils.sol";

/// @notice Fuzzes every signature check: wrong signer, malleable high s, bad v and wrong chain id are all refused,
///         while the genuine signature is accepted.
contract SignatureFuzzTest is SystemFixture {
    uint256 internal constant CONSUMER_KEY = 0xC1;
    uint256 internal constant PROVIDER_KEY = 0xB1;
    address internal channel;
    address internal provider;
    bytes32 internal providerChannelId;

    function setUp() public {
        _deploySystem();
        channel = _registerIdentity(CONSUMER_KEY, 0, address(0));
        token.transfer(channel, 100e18);
        provider = vm.addr(PROVIDER_KEY);
        token.transfer(registry.getChannelAddress(provider, address(hermes)), 10e18);
        _registerIdentity(PROVIDER_KEY, 10e18, address(0xBEEF));
        token.transfer(address(hermes), 500e18);
        providerChannelId = hermes.getChannelId(provider);
    }

    function _key(uint256 seed) internal pure returns (uint256) {
        return bound(seed, 1, SECP256K1_N - 1);
    }

    function _highS(bytes memory sig) internal pure returns (bytes memory) {
        (bytes32 r, bytes32 s, uint8 v) = _split(sig);
        return abi.encodePacked(r, bytes32(SECP256K1_N - uint256(s)), v == 27 ? uint8(28) : uint8(27));
    }

    function _withV(bytes memory sig, uint8 v) internal pure returns (bytes memory) {
        (bytes32 r, bytes32 s, ) = _split(sig);
        return abi.encodePacked(r, s, v);
    }

    function _split(bytes memory sig) internal pure returns (bytes32 r, bytes32 s, uint8 v) {
        assembly {
            r := mload(add(sig, 32))
            s := mload(add(sig, 64))
            v := byte(0, mload(add(sig, 96)))
        }
    }

    // ---------------------------------------------------------------- consumer promise (P5)

    function testFuzz_consumerPromiseWrongSignerRejected(uint256 keySeed, uint96 amount, bytes32 lock) public {
        uint256 key = _key(keySeed);
        vm.assume(key != CONSUMER_KEY);
        amount = uint96(bound(amount, 1, 100e18));
        bytes memory sig = _consumerPromise(key, channel, amount, 0, lock, block.chainid);
        vm.expectRevert(abi.encodeWithSelector(ChannelImplementation.ChannelImplementation__InvalidSignature.selector, vm.addr(key)));
        ChannelImplementation(payable(channel)).settlePromise(amount, 0, lock, sig);
    }

    function testFuzz_consumerPromiseHighSRejected(uint96 amount, bytes32 lock) public {
        amount = uint96(bound(amount, 1, 100e18));
        bytes memory sig = _highS(_consumerPromise(CONSUMER_KEY, channel, amount, 0, lock, block.chainid));
        vm.expectPartialRevert(Utils.Utils__InvalidSignatureS.selector);
        ChannelImplementation(payable(channel)).settlePromise(amount, 0, lock, sig);
    }

    function testFuzz_consumerPromiseBadVRejected(uint96 amount, bytes32 lock, uint8 v) public {
        vm.assume(v != 27 && v != 28);
        amount = uint96(bound(amount, 1, 100e18));
        bytes memory sig = _withV(_consumerPromise(CONSUMER_KEY, channel, amount, 0, lock, block.chainid), v);
        vm.expectRevert(Utils.Utils__InvalidSignature.selector);
        ChannelImplementation(payable(channel)).settlePromise(amount, 0, lock, sig);
    }

    function testFuzz_consumerPromiseWrongChainRejected(uint96 amount, bytes32 lock, uint64 otherChain) public {
        vm.assume(otherChain != block.chainid);
        amount = uint96(bound(amount, 1, 100e18));
        bytes memory sig = _consumerPromise(CONSUMER_KEY, channel, amount, 0, lock, otherChain);
        vm.expectPartialRevert(ChannelImplementation.ChannelImplementation__InvalidSignature.selector);
        ChannelImplementation(payable(channel)).settlePromise(amount, 0, lock, sig);
    }

    function testFuzz_consumerPromiseGenuineAcceptedOnce(uint96 amount, bytes32 lock) public {
        amount = uint96(bound(amount, 1, 100e18));
        bytes memory sig = _consumerPromise(CONSUMER_KEY, channel, amount, 0, lock, block.chainid);
        ChannelImplementation(payable(channel)).settlePromise(amount, 0, lock, sig);
        (, , uint256 settled) = ChannelImplementation(payable(channel)).hermes();
        assertEq(settled, amount, "settled");
        vm.expectRevert(ChannelImplementation.ChannelImplementation__NothingToSettle.selector);
        ChannelImplementation(payable(channel)).settlePromise(amount, 0, lock, sig);
    }

    // ---------------------------------------------------------------- hub promise (P6)

    function testFuzz_hubPromiseWrongSignerRejected(uint256 keySeed, uint96 amount, bytes32 lock) public {
        uint256 key = _key(keySeed);
        vm.assume(key != OPERATOR_KEY);
        amount = uint96(bound(amount, 1, 10e18));
        bytes memory sig = _hubPromise(key, providerChannelId, amount, 0, lock, block.chainid);
        vm.expectRevert(abi.encodeWithSelector(HermesImplementation.HermesImplementation__InvalidPromiseSignature.selector, vm.addr(key)));
        hermes.settlePromise(provider, amount, 0, lock, sig);
    }

    function testFuzz_hubPromiseHighSAndBadVRejected(uint96 amount, bytes32 lock, uint8 v) public {
        vm.assume(v != 27 && v != 28);
        amount = uint96(bound(amount, 1, 10e18));
        bytes memory sig = _hubPromise(OPERATOR_KEY, providerChannelId, amount, 0, lock, block.chainid);
        vm.expectPartialRevert(Utils.Utils__InvalidSignatureS.selector);
        hermes.settlePromise(provider, amount, 0, lock, _highS(sig));
        vm.expectRevert(Utils.Utils__InvalidSignature.selector);
        hermes.settlePromise(provider, amount, 0, lock, _withV(sig, v));
        assertTrue(!hermes.validatePromise(providerChannelId, amount, 0, lock, _highS(sig)), "validatePromise high s");
        assertTrue(hermes.validatePromise(providerChannelId, amount, 0, lock, sig), "validatePromise genuine");
    }

    function testFuzz_hubPromiseWrongChainRejected(uint96 amount, bytes32 lock, uint64 otherChain) public {
        vm.assume(otherChain != block.chainid);
        amount = uint96(bound(amount, 1, 10e18));
        bytes memory sig = _hubPromise(OPERATOR_KEY, providerChannelId, amount, 0, lock, otherChain);
        vm.expectPartialRevert(HermesImplementation.HermesImplementation__InvalidPromiseSignature.selector);
        hermes.settlePromise(provider, amount, 0, lock, sig);
    }

    // ---------------------------------------------------------------- beneficiary (P3) and stake return (P10)

    function testFuzz_beneficiaryChangeChecks(uint256 keySeed, address newBeneficiary, uint64 otherChain) public {
        vm.assume(newBeneficiary != address(0) && otherChain != block.chainid);
        uint256 key = _key(keySeed);
        vm.assume(key != PROVIDER_KEY);
        bytes memory wrongSigner = _sign(key, abi.encodePacked(block.chainid, address(registry), provider, newBeneficiary, uint256(1)));
        vm.expectRevert(abi.encodeWithSelector(Registry.Registry__InvalidSignature.selector, vm.addr(key)));
        registry.setBeneficiary(provider, newBeneficiary, wrongSigner);
        bytes memory wrongChain = _sign(PROVIDER_KEY, abi.encodePacked(uint256(otherChain), address(registry), provider, newBeneficiary, uint256(1)));
        vm.expectPartialRevert(Registry.Registry__InvalidSignature.selector);
        registry.setBeneficiary(provider, newBeneficiary, wrongChain);
        bytes memory genuine = _sign(PROVIDER_KEY, abi.encodePacked(block.chainid, address(registry), provider, newBeneficiary, uint256(1)));
        registry.setBeneficiary(provider, newBeneficiary, genuine);
        assertEq(registry.getBeneficiary(provider), newBeneficiary, "beneficiary");
        vm.expectPartialRevert(Registry.Registry__InvalidSignature.selector);
        registry.setBeneficiary(provider, newBeneficiary, genuine);
    }

    function testFuzz_stakeReturnChecks(uint256 keySeed, uint96 amount) public {
        uint256 key = _key(keySeed);
        vm.assume(key != PROVIDER_KEY);
        amount = uint96(bound(amount, 1, 10e18));
        bytes memory wrong = _sign(key, abi.encodePacked("Stake return request", block.chainid, providerChannelId, uint256(amount), uint256(0), uint256(1)));
        vm.expectRevert(abi.encodeWithSelector(HermesImplementation.HermesImplementation__InvalidIdentitySignature.selector, vm.addr(key)));
        hermes.decreaseStake(provider, amount, 0, wrong);
        bytes memory genuine = _sign(PROVIDER_KEY, abi.encodePacked("Stake return request", block.chainid, providerChannelId, uint256(amount), uint256(0), uint256(1)));
        vm.expectPartialRevert(Utils.Utils__InvalidSignatureS.selector);
        hermes.decreaseStake(provider, amount, 0, _highS(genuine));
        hermes.decreaseStake(provider, amount, 0, genuine);
        assertEq(token.balanceOf(address(0xBEEF)), amount, "stake returned");
    }

    // ---------------------------------------------------------------- exits (P7, P11)

    function testFuzz_unilateralExitChecks(uint256 keySeed, address beneficiary, uint32 validFor) public {
        vm.assume(beneficiary != address(0));
        uint256 key = _key(keySeed);
        vm.assume(key != CONSUMER_KEY);
        uint256 validUntil = block.timestamp + validFor;
        ChannelImplementation c = ChannelImplementation(payable(channel));
        bytes memory wrong = _sign(key, abi.encodePacked("Unilateral exit request:", block.chainid, channel, beneficiary, validUntil, uint256(0)));
        vm.expectRevert(abi.encodeWithSelector(ChannelImplementation.ChannelImplementation__InvalidSignature.selector, vm.addr(key)));
        c.requestExit(beneficiary, validUntil, wrong);
        bytes memory genuine = _sign(CONSUMER_KEY, abi.encodePacked("Unilateral exit request:", block.chainid, channel, beneficiary, validUntil, uint256(0)));
        vm.expectPartialRevert(Utils.Utils__InvalidSignatureS.selector);
        c.requestExit(beneficiary, validUntil, _highS(genuine));
        c.requestExit(beneficiary, validUntil, genuine);
        (address b, uint256 timelock) = c.getExitRequest();
        assertEq(b, beneficiary, "exit beneficiary");
        assertEq(timelock, block.timestamp + EXIT_DELAY, "timelock");
    }

    function testFuzz_fastExitNeedsBothKeys(uint256 keySeed, uint96 amount) public {
        uint256 key = _key(keySeed);
        vm.assume(key != OPERATOR_KEY && key != CONSUMER_KEY);
        amount = uint96(bound(amount, 1, 100e18));
        uint256 validUntil = block.timestamp + 1 hours;
        bytes memory preimage = abi.encodePacked(
            "Exit request:", block.chainid, uint256(uint160(channel)), uint256(amount), uint256(0),
            uint256(uint160(address(0xE1))), validUntil, uint256(0)
        );
        ChannelImplementation c = ChannelImplementation(payable(channel));
        vm.expectRevert(abi.encodeWithSelector(ChannelImplementation.ChannelImplementation__InvalidHermesSignature.selector, vm.addr(key)));
        c.fastExit(amount, 0, address(0xE1), validUntil, _sign(CONSUMER_KEY, preimage), _sign(key, preimage));
        vm.expectRevert(abi.encodeWithSelector(ChannelImplementation.ChannelImplementation__InvalidSignature.selector, vm.addr(key)));
        c.fastExit(amount, 0, address(0xE1), validUntil, _sign(key, preimage), _sign(OPERATOR_KEY, preimage));
        c.fastExit(amount, 0, address(0xE1), validUntil, _sign(CONSUMER_KEY, preimage), _sign(OPERATOR_KEY, preimage));
        assertEq(token.balanceOf(address(0xE1)), amount, "fast exit payout");
    }
}
