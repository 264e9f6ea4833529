// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

/// @title IUpgradeAgent
/// @notice A token that accepts holders migrating from an older token.
interface IUpgradeAgent {
    /// @notice Always true for an upgrade agent.
    function isUpgradeAgent() external view returns (bool);

    /// @notice Called by the old token after it burned `value` of `from`'s tokens.
    function upgradeFrom(address from, uint256 value) external;

    /// @notice The old token's total supply when this agent was created.
    function originalSupply() external view returns (uint256);

    /// @notice The old token.
    function originalToken() external view returns (address);
}
