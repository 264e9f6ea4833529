// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {Address} from "@openzeppelin/contracts/utils/Address.sol";

/// @title TestWETH
/// @notice TEST ONLY, never deployed to production: wrapped native coin for the local DEX router.
contract TestWETH is ERC20 {
    constructor() ERC20("Wrapped Ether", "WETH") {}

    /// @notice Wraps msg.value.
    function deposit() external payable {
        _mint(msg.sender, msg.value);
    }

    /// @notice Unwraps `amount`.
    /// @param amount amount to unwrap
    function withdraw(uint256 amount) external {
        _burn(msg.sender, amount);
        Address.sendValue(payable(msg.sender), amount);
    }
}
