// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @title TestToken
/// @notice TEST ONLY, never deployed to production: an ERC20 anyone can mint, used as a "foreign" token in funds
///         recovery tests and as the v1 token in migration tests (decimals configurable).
contract TestToken is ERC20 {
    uint8 private immutable _decimals;

    constructor(string memory name_, string memory symbol_, uint8 decimals_) ERC20(name_, symbol_) {
        _decimals = decimals_;
    }

    /// @notice Mints `amount` to `to`.
    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    /// @inheritdoc ERC20
    function decimals() public view override returns (uint8) {
        return _decimals;
    }

    /// @notice Burns the caller's `amount` and calls `agent.upgradeFrom(msg.sender, amount)` (v1 migration path).
    /// @param agent the new token
    /// @param amount amount in this token's units
    function upgradeTo(address agent, uint256 amount) external {
        _burn(msg.sender, amount);
        ITestUpgradeAgent(agent).upgradeFrom(msg.sender, amount);
    }
}

interface ITestUpgradeAgent {
    function upgradeFrom(address from, uint256 value) external;
}
