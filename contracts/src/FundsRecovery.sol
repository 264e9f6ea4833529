// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Address} from "@openzeppelin/contracts/utils/Address.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {Ownable} from "./Ownable.sol";

/// @title FundsRecovery
/// @notice Recovers native coins and foreign tokens that reached a contract by mistake or before it was
///         deployed at its deterministic address. The payment token itself ("native token") is never recoverable.
abstract contract FundsRecovery is Ownable, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    address payable private _fundsDestination;

    /// @notice The recovery destination changed.
    /// @param previousDestination the former destination
    /// @param newDestination the new destination
    event DestinationChanged(address indexed previousDestination, address indexed newDestination);

    /// @notice The destination must not be the zero address.
    error FundsRecovery__ZeroDestination();
    /// @notice No recovery destination has been set yet.
    error FundsRecovery__DestinationNotSet();
    /// @notice The payment token cannot be claimed through funds recovery.
    error FundsRecovery__NativeTokenNotRecoverable();

    /// @notice The payment (native) token of this contract.
    /// @return the token address
    function token() public view virtual returns (IERC20);

    /// @notice Sets where recovered funds go. Owner only.
    /// @param newDestination the new destination, not zero
    function setFundsDestination(address payable newDestination) external virtual onlyOwner {
        _setFundsDestination(newDestination);
    }

    /// @notice Where recovered funds go.
    /// @return the destination (zero if unset)
    function getFundsDestination() external view returns (address) {
        return _fundsDestination;
    }

    /// @notice Sends the contract's whole native-coin balance to the destination. Callable by anyone.
    function claimNativeCoin() external nonReentrant {
        address payable destination = _requireDestination();
        Address.sendValue(destination, address(this).balance);
    }

    /// @notice Sends the contract's whole balance of `tokenAddress` to the destination. Callable by anyone.
    /// @param tokenAddress any ERC20 except the payment token
    function claimTokens(address tokenAddress) external nonReentrant {
        if (tokenAddress == address(token())) revert FundsRecovery__NativeTokenNotRecoverable();
        address destination = _requireDestination();
        IERC20 foreign = IERC20(tokenAddress);
        foreign.safeTransfer(destination, foreign.balanceOf(address(this)));
    }

    function _setFundsDestination(address payable newDestination) internal {
        if (newDestination == address(0)) revert FundsRecovery__ZeroDestination();
        address previous = _fundsDestination;
        _fundsDestination = newDestination;
        emit DestinationChanged(previous, newDestination);
    }

    function _requireDestination() private view returns (address payable destination) {
        destination = _fundsDestination;
        if (destination == address(0)) revert FundsRecovery__DestinationNotSet();
    }
}
