// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

/// @title IRegistry
/// @notice What the Hermes hub and child registries need from a Registry.
interface IRegistry {
    /// @notice Payout address of a registered identity (zero if unregistered).
    function getBeneficiary(address identity) external view returns (address);

    /// @notice Changes an identity's beneficiary with the identity's signature.
    function setBeneficiary(address identity, address newBeneficiary, bytes calldata signature) external;

    /// @notice The nonce the last accepted beneficiary change of `identity` carried.
    function getBeneficiaryNonce(address identity) external view returns (uint256);

    /// @notice Whether `identity` has a beneficiary.
    function isRegistered(address identity) external view returns (bool);

    /// @notice Whether `hermesId` is a hub registered here (or in a parent registry).
    function isHermes(address hermesId) external view returns (bool);

    /// @notice Deterministic address of the consumer channel of (identity, hermesId).
    function getChannelAddress(address identity, address hermesId) external view returns (address);
}
