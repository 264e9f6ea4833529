// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {FundsRecovery} from "./FundsRecovery.sol";
import {IHermes} from "./interfaces/IHermes.sol";
import {IUniswapV2Router} from "./interfaces/IUniswapV2Router.sol";
import {Utils} from "./Utils.sol";

/// @title ChannelImplementation
/// @notice Consumer payment channel. Every (identity, hermes) pair gets one EIP-1167 clone of this contract at a
///         CREATE2 address the Registry can compute before deployment, so it can be funded by a plain MYST transfer.
///         The hub collects cumulative promises signed by the identity (settlePromise); the consumer leaves either
///         cooperatively (fastExit, co-signed by the hub operator) or unilaterally after a delay (requestExit, then
///         finalizeExit).
/// @dev Token, DEX router and exit delay are immutables of the implementation, shared by all its clones; per-clone
///      storage is three slots. Clones never change implementation, so the layout is free to differ from older
///      channel versions.
contract ChannelImplementation is FundsRecovery {
    using SafeERC20 for IERC20;

    IERC20 private immutable _token;
    IUniswapV2Router private immutable _dex;
    uint256 private immutable _exitDelay;
    address private immutable _self;

    // slot: owner identity and cumulative amount settled to the hub (uint96 holds any real MYST amount)
    address private _identity;
    uint96 private _settled;
    // slot: the hub contract and the nonce shared by fastExit, requestExit and setFundsDestinationByCheque
    address private _hermes;
    uint64 private _lastNonce;
    // slot: pending unilateral exit
    address private _exitBeneficiary;
    uint64 private _exitTimelock;

    /// @notice A promise was settled: `amount` (transactor fee included) moved to the hub `beneficiary`.
    /// @param beneficiary the Hermes contract
    /// @param amount amount taken from the channel in this call
    /// @param totalSettled cumulative amount settled so far
    /// @param lock the hashlock preimage R, revealed here
    event PromiseSettled(address beneficiary, uint256 amount, uint256 totalSettled, bytes32 lock);
    /// @notice A unilateral exit was requested; it can be finalized from `timelock` on.
    /// @param timelock unix time from which finalizeExit succeeds
    event ExitRequested(uint256 timelock);
    /// @notice Funds left the channel through an exit.
    /// @param beneficiary receiver
    /// @param amount amount sent
    event Withdraw(address beneficiary, uint256 amount);

    /// @notice The implementation contract itself cannot be initialized or used as a channel.
    error ChannelImplementation__NotAClone();
    /// @notice initialize was already called.
    error ChannelImplementation__AlreadyInitialized();
    /// @notice A required address is zero.
    error ChannelImplementation__ZeroAddress();
    /// @notice The exit delay must be positive.
    error ChannelImplementation__ZeroExitDelay();
    /// @notice initialize got a token or DEX other than the implementation's.
    error ChannelImplementation__ConfigMismatch();
    /// @notice The channel has not been initialized.
    error ChannelImplementation__NotInitialized();
    /// @notice The signature was made by `signer`, not by the channel's identity.
    error ChannelImplementation__InvalidSignature(address signer);
    /// @notice The signature for the hub's side was made by `signer`, not by the hub operator.
    error ChannelImplementation__InvalidHermesSignature(address signer);
    /// @notice The promise's amount is not above what was already settled.
    error ChannelImplementation__NothingToSettle();
    /// @notice The channel holds no tokens to settle with.
    error ChannelImplementation__NoBalance();
    /// @notice The transactor fee exceeds the amount being moved.
    error ChannelImplementation__FeeExceedsAmount(uint256 amount, uint256 fee);
    /// @notice The signed request expired at `validUntil`.
    error ChannelImplementation__Expired(uint256 validUntil);
    /// @notice A unilateral exit is already pending.
    error ChannelImplementation__ExitAlreadyRequested();
    /// @notice No unilateral exit is pending.
    error ChannelImplementation__NoExitRequested();
    /// @notice The exit cannot be finalized before `timelock`.
    error ChannelImplementation__ExitTimelockNotReached(uint256 timelock);
    /// @notice No native coin was sent.
    error ChannelImplementation__ZeroAmount();

    /// @param token_ the payment token (MYST)
    /// @param dex_ a Uniswap-V2-compatible router used to swap native coin into MYST
    /// @param exitDelay_ seconds between requestExit and finalizeExit (production: 4 days = 345600)
    constructor(IERC20 token_, address dex_, uint256 exitDelay_) {
        if (address(token_) == address(0) || dex_ == address(0)) revert ChannelImplementation__ZeroAddress();
        if (exitDelay_ == 0) revert ChannelImplementation__ZeroExitDelay();
        _token = token_;
        _dex = IUniswapV2Router(dex_);
        _exitDelay = exitDelay_;
        _self = address(this);
    }

    /// @notice Swaps native coin sent here into MYST with NO minimum output (kept for compatibility: the swap can
    ///         be sandwiched; prefer topUpWithNative).
    receive() external payable {
        _swapNativeForToken(0);
    }

    /// @notice One-time setup, done by the Registry in the deployment transaction. Sends `fee` to the caller.
    /// @param token_ must equal the implementation's token
    /// @param dex_ must equal the implementation's DEX router
    /// @param identity the channel owner (the consumer identity)
    /// @param hermesId the Hermes contract this channel pays
    /// @param fee tokens to send to msg.sender (registration stake plus transactor fee)
    function initialize(address token_, address dex_, address identity, address hermesId, uint256 fee) external {
        if (address(this) == _self) revert ChannelImplementation__NotAClone();
        if (_identity != address(0)) revert ChannelImplementation__AlreadyInitialized();
        if (identity == address(0) || hermesId == address(0)) revert ChannelImplementation__ZeroAddress();
        if (token_ != address(_token) || dex_ != address(_dex)) revert ChannelImplementation__ConfigMismatch();
        _identity = identity;
        _hermes = hermesId;
        if (fee > 0) _token.safeTransfer(msg.sender, fee);
    }

    /// @notice Settles the identity's cumulative promise (preimage P5) into the Hermes contract. Callable by anyone,
    ///         also while a unilateral exit is pending. Pays `amount` minus what was settled before, capped by the
    ///         channel balance; the rest can be claimed later with the same promise. The transactor fee goes to
    ///         msg.sender (when msg.sender is the Hermes contract everything is sent in one transfer).
    /// @param amount cumulative promised amount, transactor fees included
    /// @param transactorFee fee for msg.sender, paid on each (partial) settlement
    /// @param lock hashlock preimage R; the promise binds keccak256(R)
    /// @param signature the identity's signature over P5
    function settlePromise(uint256 amount, uint256 transactorFee, bytes32 lock, bytes calldata signature) external {
        address identity = _identity;
        uint256 settled = _settled;
        bytes32 digest = keccak256(
            abi.encodePacked(
                block.chainid,
                uint256(uint160(address(this))),
                amount,
                transactorFee,
                keccak256(abi.encodePacked(lock))
            )
        );
        address signer = Utils.recoverSigner(digest, signature);
        if (signer != identity) revert ChannelImplementation__InvalidSignature(signer);
        if (amount <= settled) revert ChannelImplementation__NothingToSettle();

        uint256 unpaid;
        // cannot underflow: amount > settled was checked above
        unchecked {
            unpaid = amount - settled;
        }
        uint256 balance = _token.balanceOf(address(this));
        if (unpaid > balance) unpaid = balance;
        if (unpaid == 0) revert ChannelImplementation__NoBalance();
        if (unpaid < transactorFee) revert ChannelImplementation__FeeExceedsAmount(unpaid, transactorFee);

        uint256 totalSettled = settled + unpaid;
        _settled = SafeCast.toUint96(totalSettled);

        address hub = _hermes;
        if (transactorFee == 0 || msg.sender == hub) {
            _token.safeTransfer(hub, unpaid);
        } else {
            // cannot underflow: unpaid >= transactorFee was checked above
            unchecked {
                _token.safeTransfer(hub, unpaid - transactorFee);
            }
            _token.safeTransfer(msg.sender, transactorFee);
        }
        emit PromiseSettled(hub, unpaid, totalSettled, lock);
    }

    /// @notice Cooperative exit: sends `amount` minus the transactor fee to `beneficiary` at once. Needs the same
    ///         P7 digest signed by the identity and by the hub operator; the nonce is the channel's lastNonce().
    /// @param amount amount leaving the channel, transactor fee included
    /// @param transactorFee fee for msg.sender
    /// @param beneficiary receiver
    /// @param validUntil unix time after which the signatures are void
    /// @param operatorSignature the identity's signature over P7
    /// @param hermesSignature the hub operator's signature over P7
    function fastExit(
        uint256 amount,
        uint256 transactorFee,
        address beneficiary,
        uint256 validUntil,
        bytes calldata operatorSignature,
        bytes calldata hermesSignature
    ) external nonReentrant {
        if (validUntil < block.timestamp) revert ChannelImplementation__Expired(validUntil);
        if (beneficiary == address(0)) revert ChannelImplementation__ZeroAddress();
        if (amount < transactorFee) revert ChannelImplementation__FeeExceedsAmount(amount, transactorFee);
        address hub = _hermes;
        if (hub == address(0)) revert ChannelImplementation__NotInitialized();
        uint64 nonce = _lastNonce;
        bytes32 digest = keccak256(
            abi.encodePacked(
                "Exit request:",
                block.chainid,
                uint256(uint160(address(this))),
                amount,
                transactorFee,
                uint256(uint160(beneficiary)),
                validUntil,
                uint256(nonce)
            )
        );
        address signer = Utils.recoverSigner(digest, operatorSignature);
        if (signer != _identity) revert ChannelImplementation__InvalidSignature(signer);
        address hermesSigner = Utils.recoverSigner(digest, hermesSignature);
        if (hermesSigner != IHermes(hub).getOperator()) {
            revert ChannelImplementation__InvalidHermesSignature(hermesSigner);
        }
        _lastNonce = nonce + 1;

        if (transactorFee > 0) _token.safeTransfer(msg.sender, transactorFee);
        uint256 payout;
        // cannot underflow: amount >= transactorFee was checked above
        unchecked {
            payout = amount - transactorFee;
        }
        _token.safeTransfer(beneficiary, payout);
        emit Withdraw(beneficiary, payout);
    }

    /// @notice Starts a unilateral exit, signed by the identity over P11 ("Unilateral exit request:" ‖ chainId ‖
    ///         channel ‖ beneficiary ‖ validUntil ‖ nonce). Callable by anyone. After exitDelay seconds anyone can
    ///         call finalizeExit, which sends the whole balance to `beneficiary`; meanwhile the hub can still settle
    ///         the promises it holds.
    /// @param beneficiary receiver of the channel balance
    /// @param validUntil unix time after which the signature is void
    /// @param signature the identity's signature over P11 with nonce = lastNonce()
    function requestExit(address beneficiary, uint256 validUntil, bytes calldata signature) external {
        if (beneficiary == address(0)) revert ChannelImplementation__ZeroAddress();
        if (validUntil < block.timestamp) revert ChannelImplementation__Expired(validUntil);
        if (_exitTimelock != 0) revert ChannelImplementation__ExitAlreadyRequested();
        uint64 nonce = _lastNonce;
        bytes32 digest = keccak256(
            abi.encodePacked(
                "Unilateral exit request:",
                block.chainid,
                address(this),
                beneficiary,
                validUntil,
                uint256(nonce)
            )
        );
        address signer = Utils.recoverSigner(digest, signature);
        if (signer != _identity) revert ChannelImplementation__InvalidSignature(signer);
        _lastNonce = nonce + 1;

        uint256 timelock = block.timestamp + _exitDelay;
        _exitBeneficiary = beneficiary;
        _exitTimelock = SafeCast.toUint64(timelock);
        emit ExitRequested(timelock);
    }

    /// @notice Completes a pending unilateral exit once its timelock has passed: the whole channel balance goes to
    ///         the stored beneficiary and the request is cleared. Callable by anyone.
    function finalizeExit() external nonReentrant {
        uint256 timelock = _exitTimelock;
        if (timelock == 0) revert ChannelImplementation__NoExitRequested();
        if (block.timestamp < timelock) revert ChannelImplementation__ExitTimelockNotReached(timelock);
        address beneficiary = _exitBeneficiary;
        delete _exitBeneficiary;
        delete _exitTimelock;

        uint256 amount = _token.balanceOf(address(this));
        _token.safeTransfer(beneficiary, amount);
        emit Withdraw(beneficiary, amount);
    }

    /// @notice Swaps msg.value of native coin into MYST for this channel, requiring at least `minAmountOut`.
    /// @param minAmountOut minimum MYST to receive, chosen by the caller
    function topUpWithNative(uint256 minAmountOut) external payable {
        if (msg.value == 0) revert ChannelImplementation__ZeroAmount();
        _swapNativeForToken(minAmountOut);
    }

    /// @notice Sets the funds recovery destination with the identity's signature over P8 ("Set funds destination:"
    ///         ‖ channel ‖ destination ‖ nonce; no chain id, kept byte-exact), nonce = lastNonce().
    /// @param newDestination recovery destination, not zero
    /// @param signature the identity's signature over P8
    function setFundsDestinationByCheque(address payable newDestination, bytes calldata signature) external {
        if (newDestination == address(0)) revert ChannelImplementation__ZeroAddress();
        uint64 nonce = _lastNonce;
        bytes32 digest = keccak256(
            abi.encodePacked("Set funds destination:", address(this), newDestination, uint256(nonce))
        );
        address signer = Utils.recoverSigner(digest, signature);
        if (signer != _identity) revert ChannelImplementation__InvalidSignature(signer);
        _lastNonce = nonce + 1;
        _setFundsDestination(newDestination);
    }

    // ------------------------------------------------------------------ views

    /// @notice The channel owner (the consumer identity), the same as operator().
    /// @return the owner, unless ownership was explicitly transferred
    function owner() public view override returns (address) {
        address explicitOwner = super.owner();
        return explicitOwner != address(0) ? explicitOwner : _identity;
    }

    /// @notice The consumer identity that signs this channel's promises.
    /// @return the identity
    function operator() external view returns (address) {
        return _identity;
    }

    /// @notice The hub this channel pays: its operator (read from the Hermes contract), its contract and the
    ///         cumulative amount settled.
    /// @return operator_ hub operator key
    /// @return contractAddress Hermes contract
    /// @return settled cumulative settled amount
    function hermes() external view returns (address operator_, address contractAddress, uint256 settled) {
        contractAddress = _hermes;
        settled = _settled;
        if (contractAddress != address(0)) operator_ = IHermes(contractAddress).getOperator();
    }

    /// @notice The Hermes contract this channel pays.
    /// @return the Hermes contract
    function getHermesContract() external view returns (address) {
        return _hermes;
    }

    /// @notice The nonce the next fastExit, requestExit or setFundsDestinationByCheque signature must carry.
    /// @return the nonce
    function lastNonce() external view returns (uint256) {
        return _lastNonce;
    }

    /// @notice The pending unilateral exit, if any.
    /// @return beneficiary receiver (zero if none)
    /// @return timelock unix time from which it can be finalized (zero if none)
    function getExitRequest() external view returns (address beneficiary, uint256 timelock) {
        return (_exitBeneficiary, _exitTimelock);
    }

    /// @notice Seconds between requestExit and the earliest finalizeExit.
    /// @return the delay
    function getExitDelay() external view returns (uint256) {
        return _exitDelay;
    }

    /// @notice The DEX router used for native-coin top-ups.
    /// @return the router
    function getDex() external view returns (address) {
        return address(_dex);
    }

    /// @notice Whether initialize has run.
    /// @return true once initialized
    function isInitialized() external view returns (bool) {
        return _identity != address(0);
    }

    /// @inheritdoc FundsRecovery
    function token() public view override returns (IERC20) {
        return _token;
    }

    function _swapNativeForToken(uint256 minAmountOut) private {
        if (_identity == address(0)) revert ChannelImplementation__NotInitialized();
        address[] memory path = new address[](2);
        path[0] = _dex.WETH();
        path[1] = address(_token);
        _dex.swapExactETHForTokens{value: msg.value}(minAmountOut, path, address(this), block.timestamp);
    }
}
