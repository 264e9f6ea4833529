// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

/// @title Ownable
/// @notice Single-owner access control with standard semantics: only the current owner passes `onlyOwner`,
///         and a contract without an owner has no administrator at all (there is no "zero owner = anyone" rule).
/// @dev Clones get their owner from their guarded initializer through `_transferOwnership`. There is no
///      renounce function, as in the contracts this design replaces.
abstract contract Ownable {
    address private _owner;

    /// @notice Ownership moved from `previousOwner` to `newOwner`.
    /// @param previousOwner the former owner (zero when the owner is first set)
    /// @param newOwner the new owner
    event OwnershipTransferred(address indexed previousOwner, address indexed newOwner);

    /// @notice The caller is not the owner.
    /// @param caller the rejected caller
    error Ownable__CallerNotOwner(address caller);
    /// @notice Ownership cannot be transferred to the zero address.
    error Ownable__ZeroAddressOwner();

    modifier onlyOwner() {
        _checkOwner();
        _;
    }

    /// @notice The current owner (zero if none was set).
    /// @return the owner address
    function owner() public view virtual returns (address) {
        return _owner;
    }

    /// @notice Hands ownership to `newOwner`. Owner only; `newOwner` must not be zero.
    /// @param newOwner the address that becomes the owner
    function transferOwnership(address newOwner) external virtual onlyOwner {
        if (newOwner == address(0)) revert Ownable__ZeroAddressOwner();
        _transferOwnership(newOwner);
    }

    function _checkOwner() internal view virtual {
        if (msg.sender != owner()) revert Ownable__CallerNotOwner(msg.sender);
    }

    function _transferOwnership(address newOwner) internal virtual {
        address previousOwner = owner();
        _owner = newOwner;
        emit OwnershipTransferred(previousOwner, newOwner);
    }
}
