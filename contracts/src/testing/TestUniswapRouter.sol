// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Address} from "@openzeppelin/contracts/utils/Address.sol";
import {IUniswapV2Router} from "../interfaces/IUniswapV2Router.sol";

/// @title TestUniswapRouter
/// @notice TEST ONLY, never deployed to production: a fixed-rate stand-in for a Uniswap-V2 router holding its own
///         token and native-coin liquidity. `rate` is tokens (18 decimals) per one native coin.
contract TestUniswapRouter is IUniswapV2Router {
    using SafeERC20 for IERC20;

    address private immutable _weth;
    IERC20 private immutable _token;
    uint256 public rate;

    /// @notice The swap would give less than the caller's minimum.
    error TestUniswapRouter__InsufficientOutput(uint256 amountOut, uint256 amountOutMin);
    /// @notice Deadline passed.
    error TestUniswapRouter__Expired();
    /// @notice Unsupported swap path.
    error TestUniswapRouter__InvalidPath();

    constructor(address weth, IERC20 token_, uint256 rate_) {
        _weth = weth;
        _token = token_;
        rate = rate_;
    }

    /// @notice Accepts native-coin liquidity.
    receive() external payable {}

    /// @notice Changes the exchange rate (lets tests simulate a price move / sandwich).
    /// @param rate_ tokens per native coin
    function setRate(uint256 rate_) external {
        rate = rate_;
    }

    /// @inheritdoc IUniswapV2Router
    function WETH() external view returns (address) {
        return _weth;
    }

    /// @inheritdoc IUniswapV2Router
    function swapExactETHForTokens(
        uint256 amountOutMin,
        address[] calldata path,
        address to,
        uint256 deadline
    ) external payable returns (uint256[] memory amounts) {
        if (deadline < block.timestamp) revert TestUniswapRouter__Expired();
        if (path.length != 2 || path[0] != _weth || path[1] != address(_token)) revert TestUniswapRouter__InvalidPath();
        uint256 out = (msg.value * rate) / 1e18;
        if (out < amountOutMin) revert TestUniswapRouter__InsufficientOutput(out, amountOutMin);
        _token.safeTransfer(to, out);
        amounts = new uint256[](2);
        amounts[0] = msg.value;
        amounts[1] = out;
    }

    /// @inheritdoc IUniswapV2Router
    function swapExactTokensForETH(
        uint256 amountIn,
        uint256 amountOutMin,
        address[] calldata path,
        address to,
        uint256 deadline
    ) external returns (uint256[] memory amounts) {
        if (deadline < block.timestamp) revert TestUniswapRouter__Expired();
        if (path.length != 2 || path[0] != address(_token) || path[1] != _weth) revert TestUniswapRouter__InvalidPath();
        uint256 out = (amountIn * 1e18) / rate;
        if (out < amountOutMin) revert TestUniswapRouter__InsufficientOutput(out, amountOutMin);
        _token.safeTransferFrom(msg.sender, address(this), amountIn);
        Address.sendValue(payable(to), out);
        amounts = new uint256[](2);
        amounts[0] = amountIn;
        amounts[1] = out;
    }
}
