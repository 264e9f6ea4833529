// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

import {Clones} from "@openzeppelin/contracts/proxy/Clones.sol";

/// @title TestCloneFactory
/// @notice TEST ONLY, never deployed to production: makes plain (non-Registry) clones to test initializers.
contract TestCloneFactory {
    /// @notice Deploys a clone of `implementation` and returns its address.
    function clone(address implementation) external returns (address) {
        return Clones.clone(implementation);
    }
}
