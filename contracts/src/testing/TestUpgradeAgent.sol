// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IUpgradeAgent} from "../interfaces/IUpgradeAgent.sol";

/// @title TestUpgradeAgent
/// @notice TEST ONLY, never deployed to production: the "next" token MYST holders would migrate to.
contract TestUpgradeAgent is IUpgradeAgent {
    address private immutable _originalToken;
    uint256 private immutable _originalSupply;
    bool private immutable _isAgent;
    mapping(address => uint256) public balanceOf;

    error TestUpgradeAgent__CallerNotOriginalToken();

    constructor(address originalToken_, uint256 supplyOverride, bool isAgent_) {
        _originalToken = originalToken_;
        _originalSupply = supplyOverride != 0 ? supplyOverride : IERC20(originalToken_).totalSupply();
        _isAgent = isAgent_;
    }

    /// @inheritdoc IUpgradeAgent
    function isUpgradeAgent() external view returns (bool) {
        return _isAgent;
    }

    /// @inheritdoc IUpgradeAgent
    function upgradeFrom(address from, uint256 value) external {
        if (msg.sender != _originalToken) revert TestUpgradeAgent__CallerNotOriginalToken();
        balanceOf[from] += value;
    }

    /// @inheritdoc IUpgradeAgent
    function originalSupply() external view returns (uint256) {
        return _originalSupply;
    }

    /// @inheritdoc IUpgradeAgent
    function originalToken() external view returns (address) {
        return _originalToken;
    }
}
