// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

/// @title IUniswapV2Router
/// @notice The three Uniswap-V2 router functions the payment contracts use.
interface IUniswapV2Router {
    /// @notice The wrapped native coin (WETH, or WMATIC on Polygon).
    function WETH() external view returns (address);

    /// @notice Swaps exactly msg.value of native coin along `path`.
    function swapExactETHForTokens(
        uint256 amountOutMin,
        address[] calldata path,
        address to,
        uint256 deadline
    ) external payable returns (uint256[] memory amounts);

    /// @notice Swaps exactly `amountIn` tokens along `path` into native coin sent to `to`.
    function swapExactTokensForETH(
        uint256 amountIn,
        uint256 amountOutMin,
        address[] calldata path,
        address to,
        uint256 deadline
    ) external returns (uint256[] memory amounts);
}
