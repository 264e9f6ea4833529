// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

import {SystemFixture} from "./utils/SystemFixture.sol";
import {PaymentHandler} from "./PaymentHandler.sol";

/// @notice Invariant campaign over the whole payment system driven by PaymentHandler.
contract PaymentInvariantsTest is SystemFixture {
    PaymentHandler internal handler;

    function setUp() public {
        _deploySystem();
        handler = new PaymentHandler(token, registry, hermes, OPERATOR_KEY);
        token.transfer(address(handler), 5_000_000e18);
        token.transfer(address(hermes), 500e18);

        bytes4[] memory selectors = new bytes4[](14);
        selectors[0] = PaymentHandler.topUp.selector;
        selectors[1] = PaymentHandler.registerConsumer.selector;
        selectors[2] = PaymentHandler.registerProvider.selector;
        selectors[3] = PaymentHandler.settleConsumer.selector;
        selectors[4] = PaymentHandler.settleBatch.selector;
        selectors[5] = PaymentHandler.settleProvider.selector;
        selectors[6] = PaymentHandler.increaseStake.selector;
        selectors[7] = PaymentHandler.decreaseStake.selector;
        selectors[8] = PaymentHandler.requestExit.selector;
        selectors[9] = PaymentHandler.finalizeExit.selector;
        selectors[10] = PaymentHandler.fastExit.selector;
        selectors[11] = PaymentHandler.refillHub.selector;
        selectors[12] = PaymentHandler.warp.selector;
        selectors[13] = PaymentHandler.settleConsumer.selector; // settlements twice as likely
        _targetContract(address(handler));
        _targetSelectors_(address(handler), selectors);
    }

    /// One campaign checks every property after each call (one campaign instead of several keeps the run short).
    function invariant_paymentSystem() public view {
        _checkTokensConserved();
        _checkAccountingAndLimits();
    }

    /// Every token ever minted sits with a known actor or contract: nothing is created, lost or sent astray.
    function _checkTokensConserved() internal view {
        uint256 sum = token.balanceOf(address(this)) + token.balanceOf(address(handler)) + token.balanceOf(address(hermes)) +
            token.balanceOf(address(registry)) + token.balanceOf(address(dex)) + token.balanceOf(operator);
        for (uint256 i; i < 4; i++) {
            sum += token.balanceOf(handler.channels(i)) + token.balanceOf(handler.exitBeneficiaries(i));
        }
        for (uint256 j; j < 3; j++) {
            sum += token.balanceOf(handler.providerBeneficiaries(j));
            sum += token.balanceOf(registry.getChannelAddress(handler.providerIdentity(j), address(hermes)));
        }
        assertEq(sum, token.totalSupply(), "tokens not conserved");
    }

    /// Settled counters never decrease; nobody was paid more than was signed for them; the hub's accounting holds.
    function _checkAccountingAndLimits() internal view {
        assertTrue(!handler.settledDecreased(), "a settled counter decreased");

        uint256 stakes;
        for (uint256 j; j < 3; j++) {
            (uint256 settled, uint256 stake, , ) = hermes.channels(hermes.getChannelId(handler.providerIdentity(j)));
            stakes += stake;
            assertLe(settled, handler.providerSigned(j), "provider settled more than signed");
            assertLe(
                token.balanceOf(handler.providerBeneficiaries(j)),
                handler.providerSigned(j) + handler.stakeReturned(j),
                "beneficiary got more than signed"
            );
        }
        for (uint256 i; i < 4; i++) {
            address channel = handler.channels(i);
            if (channel.code.length == 0) continue;
            assertLe(handler.lastChannelSettled(i), handler.consumerSigned(i), "channel settled more than signed");
        }

        assertEq(hermes.getTotalStake(), stakes, "totalStake != sum of provider stakes");
        uint256 balance = token.balanceOf(address(hermes));
        assertGe(balance, stakes, "provider stakes not backed");
        (, uint256 punishmentAmount) = hermes.punishment();
        uint256 hubStake = hermes.getHermesStake();
        uint256 locked = (hubStake > punishmentAmount ? hubStake : punishmentAmount) + stakes;
        assertEq(hermes.minimalExpectedBalance(), locked, "minimalExpectedBalance mismatch");
        assertEq(hermes.availableBalance(), balance > locked ? balance - locked : 0, "availableBalance mismatch");
    }

    /// The handler really moves money: a short deterministic sequence settles on every path it drives.
    function test_handlerExercisesEveryPath() public {
        handler.registerConsumer(0);
        handler.registerProvider(0, 50e18);
        handler.topUp(0, 100e18);
        handler.settleConsumer(0, 10e18, 0);
        handler.settleBatch(1, 5e18);
        handler.settleProvider(0, 20e18, 1e18, 0);
        handler.settleProvider(0, 10e18, 0, 1);
        handler.decreaseStake(0, 5e18, 0);
        handler.requestExit(0);
        handler.warp(2 days);
        handler.finalizeExit(0);
        assertEq(handler.lastChannelSettled(0), 15e18, "consumer settlements");
        assertEq(handler.lastProviderSettled(0), 30e18, "provider settlements");
        assertEq(token.balanceOf(handler.exitBeneficiaries(0)), 85e18, "exit payout");
        assertTrue(token.balanceOf(handler.providerBeneficiaries(0)) > 0, "provider paid");
        invariant_paymentSystem();
    }
}
