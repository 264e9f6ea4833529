// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @title IChannel
/// @notice What the Registry and the Hermes hub need from a consumer channel.
interface IChannel {
    /// @notice One-time setup, called by the Registry right after deploying the clone.
    function initialize(address token, address dex, address identity, address hermesId, uint256 fee) external;

    /// @notice Settles a consumer promise into the channel's Hermes contract.
    function settlePromise(uint256 amount, uint256 transactorFee, bytes32 lock, bytes calldata signature) external;

    /// @notice The Hermes contract this channel pays.
    function getHermesContract() external view returns (address);

    /// @notice The payment token.
    function token() external view returns (IERC20);
}
