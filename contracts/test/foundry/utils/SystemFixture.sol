// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

import {TestBase} from "./TestBase.sol";
import {MystToken} from "../../../src/MystToken.sol";
import {Registry} from "../../../src/Registry.sol";
import {ChannelImplementation} from "../../../src/ChannelImplementation.sol";
import {HermesImplementation} from "../../../src/HermesImplementation.sol";
import {TestWETH} from "../../../src/testing/TestWETH.sol";
import {TestUniswapRouter} from "../../../src/testing/TestUniswapRouter.sol";

/// @notice Deploys the payment system with one hub (fee 2.5 %, provider stakes 0..1000 MYST, exit delay 1 day).
abstract contract SystemFixture is TestBase {
    uint256 internal constant OPERATOR_KEY = 0xA11CE;
    uint256 internal constant EXIT_DELAY = 1 days;

    MystToken internal token;
    TestUniswapRouter internal dex;
    Registry internal registry;
    ChannelImplementation internal channelImpl;
    HermesImplementation internal hermesImpl;
    HermesImplementation internal hermes;
    address internal operator;

    function _deploySystem() internal {
        vm.warp(1_700_000_000);
        token = new MystToken(address(0));
        TestWETH weth = new TestWETH();
        dex = new TestUniswapRouter(address(weth), token, 1000e18);
        registry = new Registry();
        channelImpl = new ChannelImplementation(token, address(dex), EXIT_DELAY);
        hermesImpl = new HermesImplementation(token, address(dex), address(registry));
        registry.initialize(address(token), payable(address(dex)), 100e18, address(channelImpl), address(hermesImpl), address(0));
        operator = vm.addr(OPERATOR_KEY);
        token.mint(address(this), 10_000_000e18);
        token.approve(address(registry), 1000e18);
        registry.registerHermes(operator, 1000e18, 250, 0, 1000e18, "https://hub");
        hermes = HermesImplementation(registry.getHermesAddress(operator));
    }

    function _registerIdentity(uint256 key, uint256 stake, address beneficiary) internal returns (address channel) {
        address identity = vm.addr(key);
        channel = registry.getChannelAddress(identity, address(hermes));
        if (stake > 0) token.transfer(channel, stake);
        bytes memory sig = _sign(
            key,
            abi.encodePacked(block.chainid, address(registry), address(hermes), stake, uint256(0), beneficiary)
        );
        registry.registerIdentity(address(hermes), stake, 0, beneficiary, sig);
    }

    function _consumerPromise(
        uint256 key,
        address channel,
        uint256 amount,
        uint256 fee,
        bytes32 lock,
        uint256 chainId
    ) internal pure returns (bytes memory) {
        return _sign(key, abi.encodePacked(chainId, uint256(uint160(channel)), amount, fee, keccak256(abi.encodePacked(lock))));
    }

    function _hubPromise(
        uint256 key,
        bytes32 channelId,
        uint256 amount,
        uint256 fee,
        bytes32 lock,
        uint256 chainId
    ) internal pure returns (bytes memory) {
        return _sign(key, abi.encodePacked(chainId, channelId, amount, fee, keccak256(abi.encodePacked(lock))));
    }
}
