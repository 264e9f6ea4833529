// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @title IHermes
/// @notice What the Registry and the consumer channels need from a Hermes hub contract.
interface IHermes {
    /// @notice Hub lifecycle status.
    enum Status {
        Active,
        Paused,
        Punishment,
        Closed
    }

    /// @notice One-time setup, called by the Registry right after deploying the clone.
    function initialize(
        address token,
        address operator,
        uint16 hermesFee,
        uint256 minStake,
        uint256 maxStake,
        address payable dex
    ) external;

    /// @notice Opens (stakes into) a provider channel; Registry only.
    function openChannel(address identity, uint256 amountToStake) external;

    /// @notice The key that signs this hub's promises and co-signs fast exits.
    function getOperator() external view returns (address);

    /// @notice Current lifecycle status.
    function getStatus() external view returns (Status);

    /// @notice The hub's own security deposit.
    function getHermesStake() external view returns (uint256);

    /// @notice The payment token.
    function token() external view returns (IERC20);

    /// @notice The Registry this hub implementation serves.
    function getRegistry() external view returns (address);
}
