// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {FundsRecovery} from "./FundsRecovery.sol";
import {IChannel} from "./interfaces/IChannel.sol";
import {IHermes} from "./interfaces/IHermes.sol";
import {IRegistry} from "./interfaces/IRegistry.sol";
import {IUniswapV2Router} from "./interfaces/IUniswapV2Router.sol";
import {Utils} from "./Utils.sol";

/// @title HermesImplementation
/// @notice The Hermes payment hub. One EIP-1167 clone per hub operator (CREATE2 salt = operator). It holds the
///         hub's own stake and the provider stakes, pays providers against promises signed by the hub operator
///         (P6), collects consumer promises in batches, and falls into Punishment when it cannot cover a provider
///         channel's stake.
/// @dev Provider channels are ledger entries keyed by keccak256(identity ‖ hermes). A provider's stake is also the
///      capacity of its channel; payouts come from availableBalance() = balance − (max(hermesStake, punishment) +
///      totalStake). Token, DEX router and Registry are immutables of the implementation; amounts are stored as
///      uint128 (SafeCast on every write).
contract HermesImplementation is FundsRecovery {
    using SafeERC20 for IERC20;
    using SafeCast for uint256;

    /// @notice Delay before a fee change takes effect (3 days); x100 is the closing timelock (300 days).
    uint256 public constant DELAY_SECONDS = 259200;
    /// @notice Punishment time unit (1 hour).
    uint256 public constant UNIT_SECONDS = 3600;
    /// @notice Punishment per started unit after the first, in basis points of totalStake (4 = 0.04 %).
    uint256 public constant PUNISHMENT_RATE_BPS = 4;
    /// @notice Highest hub fee in basis points (50 %).
    uint16 public constant MAX_FEE = 5000;

    IERC20 private immutable _token;
    IUniswapV2Router private immutable _dex;
    IRegistry private immutable _registry;
    address private immutable _self;

    // slot: everything a settlement checks first
    address private _operator;
    IHermes.Status private _status;
    uint16 private _lastFeeValue;
    uint64 private _lastFeeValidFrom;
    // slot: locked balances
    uint128 private _totalStake;
    uint128 private _hermesStake;
    // slot: provider stake bounds
    uint128 private _minStake;
    uint128 private _maxStake;
    // slot: punishment and closing
    uint128 private _punishmentAmount;
    uint64 private _punishmentActivation;
    uint64 private _closingTimelock;
    // slot: fee in force while lastFee is pending
    uint16 private _previousFeeValue;
    uint64 private _previousFeeValidFrom;

    struct ChannelState {
        uint128 settled;
        uint128 stake;
    }

    mapping(bytes32 channelId => ChannelState) private _channels;
    mapping(bytes32 channelId => uint256) private _lastUsedNonces;

    /// @notice A provider promise was settled.
    /// @param identity provider identity
    /// @param channelId provider (or withdrawal) channel id
    /// @param beneficiary receiver of the payout (this contract for settleIntoStake)
    /// @param amountSentToBeneficiary payout after fees
    /// @param fees transactor fee plus hub fee
    /// @param lock the hashlock preimage R, revealed here
    event PromiseSettled(
        address indexed identity,
        bytes32 indexed channelId,
        address indexed beneficiary,
        uint256 amountSentToBeneficiary,
        uint256 fees,
        bytes32 lock
    );
    /// @notice A provider channel's stake changed.
    /// @param channelId provider channel id
    /// @param stakeAmount the new stake
    event NewStake(bytes32 indexed channelId, uint256 stakeAmount);
    /// @notice The minimal provider stake changed.
    /// @param newMinStake new value
    event MinStakeValueUpdated(uint256 newMinStake);
    /// @notice The maximal provider stake changed.
    /// @param newMaxStake new value
    event MaxStakeValueUpdated(uint256 newMaxStake);
    /// @notice A new hub fee was scheduled.
    /// @param newFee fee in basis points
    /// @param validFrom unix time from which it applies
    event HermesFeeUpdated(uint16 newFee, uint64 validFrom);
    /// @notice The hub was closed.
    /// @param blockTimestamp time of closing
    event HermesClosed(uint256 blockTimestamp);
    /// @notice New provider channels are refused.
    event ChannelOpeningPaused();
    /// @notice New provider channels are accepted again.
    event ChannelOpeningActivated();
    /// @notice The owner withdrew available funds.
    /// @param amount amount
    /// @param beneficiary receiver
    event FundsWithdrawned(uint256 amount, address beneficiary);
    /// @notice The hub's own stake grew.
    /// @param newStake new hub stake
    event HermesStakeIncreased(uint256 newStake);
    /// @notice The hub could not cover a channel's stake and entered Punishment.
    /// @param activationBlockTime time of activation
    event HermesPunishmentActivated(uint256 activationBlockTime);
    /// @notice Punishment was resolved.
    event HermesPunishmentDeactivated();
    /// @notice After closing, the hub's own funds were returned.
    /// @param beneficiary receiver
    event HermesStakeReturned(address beneficiary);
    /// @notice One entry of a batch settlement failed and was skipped.
    /// @param channel the consumer channel
    /// @param reason raw revert data
    event ChannelSettlementFailed(address indexed channel, bytes reason);

    /// @notice The implementation contract itself cannot be initialized.
    error HermesImplementation__NotAClone();
    /// @notice initialize was already called.
    error HermesImplementation__AlreadyInitialized();
    /// @notice Only the Registry may call this.
    error HermesImplementation__CallerNotRegistry(address caller);
    /// @notice A required address is zero.
    error HermesImplementation__ZeroAddress();
    /// @notice initialize got a token or DEX other than the implementation's.
    error HermesImplementation__ConfigMismatch();
    /// @notice The fee exceeds MAX_FEE.
    error HermesImplementation__FeeTooHigh(uint256 fee);
    /// @notice maxStake must be above minStake.
    error HermesImplementation__InvalidStakeBounds(uint256 minStake, uint256 maxStake);
    /// @notice The operation is not allowed in the hub's current status.
    error HermesImplementation__WrongStatus(IHermes.Status status);
    /// @notice The promise was signed by `signer`, not by the hub operator.
    error HermesImplementation__InvalidPromiseSignature(address signer);
    /// @notice The identity's signature was made by `signer`.
    error HermesImplementation__InvalidIdentitySignature(address signer);
    /// @notice The provider channel has less than minStake staked and never settled.
    error HermesImplementation__NotEnoughStake(uint256 stake, uint256 minStake);
    /// @notice The promise's amount is not above what was already settled.
    error HermesImplementation__NothingToSettle();
    /// @notice The transactor fee is not below the unpaid amount.
    error HermesImplementation__FeeNotCovered(uint256 unpaid, uint256 transactorFee);
    /// @notice After capping by available balance and max stake, the amount cannot cover the fees.
    error HermesImplementation__SettlementBelowFees(uint256 amount, uint256 fees);
    /// @notice The hub has no available balance to pay from.
    error HermesImplementation__NoAvailableBalance();
    /// @notice The identity has no beneficiary in the Registry.
    error HermesImplementation__IdentityNotRegistered(address identity);
    /// @notice The resulting stake is outside [minStake, maxStake].
    error HermesImplementation__StakeOutOfRange(uint256 stake, uint256 minStake, uint256 maxStake);
    /// @notice The provider channel is not open.
    error HermesImplementation__ChannelNotOpened(bytes32 channelId);
    /// @notice The amount exceeds the channel's stake.
    error HermesImplementation__AmountExceedsStake(uint256 amount, uint256 stake);
    /// @notice The transactor fee exceeds the amount.
    error HermesImplementation__FeeExceedsAmount(uint256 amount, uint256 fee);
    /// @notice A fee change is still pending.
    error HermesImplementation__FeeChangePending(uint64 validFrom);
    /// @notice Not enough available balance.
    error HermesImplementation__InsufficientAvailableBalance(uint256 available, uint256 requested);
    /// @notice The closing timelock has not passed yet.
    error HermesImplementation__ClosingTimelockNotReached(uint256 timelock);
    /// @notice Batch arrays differ in length.
    error HermesImplementation__LengthMismatch();
    /// @notice A batched channel does not pay this hub (reported in ChannelSettlementFailed).
    error HermesImplementation__ChannelOfAnotherHermes(address channel);

    /// @param token_ the payment token (MYST)
    /// @param dex_ a Uniswap-V2-compatible router for settleWithDEX
    /// @param registry_ the Registry that deploys and initializes the clones
    constructor(IERC20 token_, address dex_, address registry_) {
        if (address(token_) == address(0) || dex_ == address(0) || registry_ == address(0)) {
            revert HermesImplementation__ZeroAddress();
        }
        _token = token_;
        _dex = IUniswapV2Router(dex_);
        _registry = IRegistry(registry_);
        _self = address(this);
    }

    /// @notice One-time setup by the Registry right after it deployed the clone and sent it the hub stake.
    /// @param token_ must equal the implementation's token
    /// @param operator_ promise-signing key; also the initial owner
    /// @param fee hub fee in basis points, at most MAX_FEE
    /// @param minStake_ minimal provider stake
    /// @param maxStake_ maximal provider stake, above minStake_
    /// @param dex_ must equal the implementation's DEX router
    function initialize(
        address token_,
        address operator_,
        uint16 fee,
        uint256 minStake_,
        uint256 maxStake_,
        address payable dex_
    ) external {
        if (address(this) == _self) revert HermesImplementation__NotAClone();
        if (msg.sender != address(_registry)) revert HermesImplementation__CallerNotRegistry(msg.sender);
        if (_operator != address(0)) revert HermesImplementation__AlreadyInitialized();
        if (operator_ == address(0)) revert HermesImplementation__ZeroAddress();
        if (token_ != address(_token) || dex_ != address(_dex)) revert HermesImplementation__ConfigMismatch();
        if (fee > MAX_FEE) revert HermesImplementation__FeeTooHigh(fee);
        if (maxStake_ <= minStake_) revert HermesImplementation__InvalidStakeBounds(minStake_, maxStake_);

        _operator = operator_;
        _lastFeeValue = fee;
        _lastFeeValidFrom = uint64(block.timestamp);
        _minStake = minStake_.toUint128();
        _maxStake = maxStake_.toUint128();
        _hermesStake = _token.balanceOf(address(this)).toUint128();
        _token.forceApprove(address(_dex), type(uint256).max);
        _transferOwnership(operator_);
    }

    // ------------------------------------------------------------------ provider settlement

    /// @notice Settles a provider promise (P6) and pays the identity's Registry beneficiary; the transactor fee
    ///         goes to msg.sender and the hub fee stays here.
    /// @param identity provider identity
    /// @param amount cumulative promised amount
    /// @param transactorFee fee for msg.sender
    /// @param preimage hashlock preimage R
    /// @param signature the hub operator's signature over P6
    function settlePromise(
        address identity,
        uint256 amount,
        uint256 transactorFee,
        bytes32 preimage,
        bytes calldata signature
    ) external nonReentrant {
        address beneficiary = _registry.getBeneficiary(identity);
        if (beneficiary == address(0)) revert HermesImplementation__IdentityNotRegistered(identity);
        _settleAndPay(identity, getChannelId(identity), amount, transactorFee, preimage, signature, beneficiary, true, false);
    }

    /// @notice Changes the identity's beneficiary in the Registry (P3 signature) and settles to it.
    /// @param identity provider identity
    /// @param amount cumulative promised amount
    /// @param transactorFee fee for msg.sender
    /// @param preimage hashlock preimage R
    /// @param promiseSignature the hub operator's signature over P6
    /// @param newBeneficiary the new payout address
    /// @param beneficiarySignature the identity's signature over P3 (nonce = Registry.getBeneficiaryNonce + 1)
    function settleWithBeneficiary(
        address identity,
        uint256 amount,
        uint256 transactorFee,
        bytes32 preimage,
        bytes calldata promiseSignature,
        address newBeneficiary,
        bytes calldata beneficiarySignature
    ) external nonReentrant {
        _registry.setBeneficiary(identity, newBeneficiary, beneficiarySignature);
        _settleAndPay(
            identity,
            getChannelId(identity),
            amount,
            transactorFee,
            preimage,
            promiseSignature,
            newBeneficiary,
            true,
            false
        );
    }

    /// @notice Settles a provider promise and swaps the payout into native coin for the beneficiary with NO
    ///         minimum output (kept for compatibility; prefer the overload with minAmountOut).
    /// @param identity provider identity
    /// @param amount cumulative promised amount
    /// @param transactorFee fee for msg.sender
    /// @param preimage hashlock preimage R
    /// @param signature the hub operator's signature over P6
    function settleWithDEX(
        address identity,
        uint256 amount,
        uint256 transactorFee,
        bytes32 preimage,
        bytes calldata signature
    ) external nonReentrant {
        _settleWithDex(identity, amount, transactorFee, preimage, signature, 0);
    }

    /// @notice Settles a provider promise and swaps the payout into native coin for the beneficiary, requiring at
    ///         least `minAmountOut`.
    /// @param identity provider identity
    /// @param amount cumulative promised amount
    /// @param transactorFee fee for msg.sender
    /// @param preimage hashlock preimage R
    /// @param signature the hub operator's signature over P6
    /// @param minAmountOut minimum native coin the beneficiary must receive
    function settleWithDEX(
        address identity,
        uint256 amount,
        uint256 transactorFee,
        bytes32 preimage,
        bytes calldata signature,
        uint256 minAmountOut
    ) external nonReentrant {
        _settleWithDex(identity, amount, transactorFee, preimage, signature, minAmountOut);
    }

    /// @notice Settles a provider promise into the provider's own stake (opening the channel if needed).
    /// @param identity provider identity
    /// @param amount cumulative promised amount
    /// @param transactorFee fee for msg.sender
    /// @param preimage hashlock preimage R
    /// @param signature the hub operator's signature over P6
    function settleIntoStake(
        address identity,
        uint256 amount,
        uint256 transactorFee,
        bytes32 preimage,
        bytes calldata signature
    ) external nonReentrant {
        bytes32 channelId = getChannelId(identity);
        (uint256 payout, uint256 fees) = _settlePromise(channelId, amount, transactorFee, preimage, signature, true, true);
        if (payout == 0 && fees == 0) return; // punishment was activated, nothing settled
        _increaseStake(channelId, payout, true);
        emit PromiseSettled(identity, channelId, address(this), payout, fees, preimage);
    }

    /// @notice Consumer withdrawal through the hub: settles a promise to the identity's withdrawal channel
    ///         (no hub fee, no stake rule) and pays `beneficiary`, which the identity authorised with P9.
    /// @param identity the identity withdrawing
    /// @param amount cumulative promised amount on the withdrawal channel
    /// @param transactorFee fee for msg.sender
    /// @param preimage hashlock preimage R
    /// @param signature the hub operator's signature over P6 for the withdrawal channel id
    /// @param beneficiary receiver
    /// @param beneficiarySignature the identity's signature over P9
    function payAndSettle(
        address identity,
        uint256 amount,
        uint256 transactorFee,
        bytes32 preimage,
        bytes calldata signature,
        address beneficiary,
        bytes calldata beneficiarySignature
    ) external nonReentrant {
        if (beneficiary == address(0)) revert HermesImplementation__ZeroAddress();
        bytes32 channelId = getChannelId(identity, "withdrawal");
        _checkWithdrawalAuthorisation(identity, channelId, amount, preimage, beneficiary, beneficiarySignature);
        _settleAndPay(identity, channelId, amount, transactorFee, preimage, signature, beneficiary, false, true);
    }

    /// @notice Settles many consumer promises (P5) into this hub in one transaction. Each entry calls the
    ///         channel's settlePromise; a failing entry is skipped and reported by ChannelSettlementFailed with the
    ///         raw revert data. Channels that do not pay this hub are skipped. Transactor fees inside batched
    ///         consumer promises accrue to this hub. Callable by anyone.
    /// @param channelAddresses consumer channel addresses
    /// @param amounts cumulative promised amounts
    /// @param transactorFees transactor fees of the promises
    /// @param locks hashlock preimages
    /// @param signatures the identities' P5 signatures
    /// @return settled number of entries settled successfully
    function settleChannelPromises(
        address[] calldata channelAddresses,
        uint256[] calldata amounts,
        uint256[] calldata transactorFees,
        bytes32[] calldata locks,
        bytes[] calldata signatures
    ) external nonReentrant returns (uint256 settled) {
        uint256 count = channelAddresses.length;
        if (
            amounts.length != count ||
            transactorFees.length != count ||
            locks.length != count ||
            signatures.length != count
        ) revert HermesImplementation__LengthMismatch();

        for (uint256 i; i < count; ) {
            address channel = channelAddresses[i];
            (bool ok, bytes memory ret) = channel.staticcall(abi.encodeCall(IChannel.getHermesContract, ()));
            if (!ok || ret.length != 32 || abi.decode(ret, (uint256)) != uint256(uint160(address(this)))) {
                emit ChannelSettlementFailed(
                    channel,
                    ok ? abi.encodeWithSelector(HermesImplementation__ChannelOfAnotherHermes.selector, channel) : ret
                );
            } else {
                try IChannel(channel).settlePromise(amounts[i], transactorFees[i], locks[i], signatures[i]) {
                    // cannot overflow: bounded by the array length
                    unchecked {
                        ++settled;
                    }
                } catch (bytes memory reason) {
                    emit ChannelSettlementFailed(channel, reason);
                }
            }
            // cannot overflow: i < count <= calldata size
            unchecked {
                ++i;
            }
        }
    }

    // ------------------------------------------------------------------ provider stakes

    /// @notice Opens a provider channel with an initial stake pulled from the Registry. Registry only, Active only.
    /// @param identity provider identity
    /// @param amountToStake initial stake, at least minStake
    function openChannel(address identity, uint256 amountToStake) external nonReentrant {
        if (msg.sender != address(_registry)) revert HermesImplementation__CallerNotRegistry(msg.sender);
        IHermes.Status status = _status;
        if (status != IHermes.Status.Active) revert HermesImplementation__WrongStatus(status);
        _increaseStake(getChannelId(identity), amountToStake, false);
    }

    /// @notice Adds `amount` to a provider channel's stake, pulled from msg.sender. Anyone; not when Closed.
    /// @param channelId provider channel id
    /// @param amount tokens to add (approval needed)
    function increaseStake(bytes32 channelId, uint256 amount) external nonReentrant {
        IHermes.Status status = _status;
        if (status == IHermes.Status.Closed) revert HermesImplementation__WrongStatus(status);
        _increaseStake(channelId, amount, false);
    }

    /// @notice Returns part or all of a provider's stake to its Registry beneficiary, signed by the identity over
    ///         P10 with nonce = lastUsedNonce + 1. Works in every status, including Punishment and Closed.
    /// @param identity provider identity
    /// @param amount stake to return, transactor fee included
    /// @param transactorFee fee for msg.sender
    /// @param signature the identity's signature over P10
    function decreaseStake(
        address identity,
        uint256 amount,
        uint256 transactorFee,
        bytes calldata signature
    ) external nonReentrant {
        bytes32 channelId = getChannelId(identity);
        ChannelState storage channel = _channels[channelId];
        uint256 stake = channel.stake;
        if (channel.settled == 0 && stake == 0) revert HermesImplementation__ChannelNotOpened(channelId);
        if (amount < transactorFee) revert HermesImplementation__FeeExceedsAmount(amount, transactorFee);
        if (amount > stake) revert HermesImplementation__AmountExceedsStake(amount, stake);

        uint256 nonce = _lastUsedNonces[channelId] + 1;
        bytes32 digest = keccak256(
            abi.encodePacked("Stake return request", block.chainid, channelId, amount, transactorFee, nonce)
        );
        address signer = Utils.recoverSigner(digest, signature);
        if (signer != identity) revert HermesImplementation__InvalidIdentitySignature(signer);

        uint256 newStake;
        // cannot underflow: amount <= stake was checked above
        unchecked {
            newStake = stake - amount;
        }
        uint256 minStake_ = _minStake;
        if (newStake != 0 && newStake < minStake_) {
            revert HermesImplementation__StakeOutOfRange(newStake, minStake_, _maxStake);
        }
        address beneficiary = _registry.getBeneficiary(identity);
        if (beneficiary == address(0)) revert HermesImplementation__IdentityNotRegistered(identity);

        _lastUsedNonces[channelId] = nonce;
        channel.stake = uint128(newStake); // fits: newStake <= stake, a uint128
        // cannot underflow: totalStake is the sum of all stakes, which includes this one
        unchecked {
            _totalStake -= uint128(amount);
        }
        emit NewStake(channelId, newStake);

        if (transactorFee > 0) _token.safeTransfer(msg.sender, transactorFee);
        // cannot underflow: amount >= transactorFee was checked above
        unchecked {
            _token.safeTransfer(beneficiary, amount - transactorFee);
        }
    }

    // ------------------------------------------------------------------ punishment and hub funds

    /// @notice Leaves Punishment. Adds PUNISHMENT_RATE_BPS of totalStake for every started hour after the first
    ///         to the permanent punishment amount, then pulls from msg.sender whatever is missing for
    ///         minimalExpectedBalance() + maxStake (approval needed). Callable by anyone.
    function resolveEmergency() external nonReentrant {
        IHermes.Status status = _status;
        if (status != IHermes.Status.Punishment) revert HermesImplementation__WrongStatus(status);

        uint256 elapsed = block.timestamp - _punishmentActivation;
        uint256 units = (elapsed + UNIT_SECONDS - 1) / UNIT_SECONDS; // started hours, 0 in the activation second
        if (units > 0) {
            // cannot underflow: units > 0; the first started hour is free
            unchecked {
                units -= 1;
            }
        }
        uint256 perUnit = (uint256(_totalStake) * PUNISHMENT_RATE_BPS + 9999) / 10000;
        _punishmentAmount = (uint256(_punishmentAmount) + units * perUnit).toUint128();

        uint256 required = minimalExpectedBalance() + _maxStake;
        uint256 balance = _token.balanceOf(address(this));
        _status = IHermes.Status.Active;
        emit HermesPunishmentDeactivated();
        if (balance < required) _token.safeTransferFrom(msg.sender, address(this), required - balance);
    }

    /// @notice Raises the hub's own stake, pulling from the owner what the available balance cannot cover.
    /// @param additionalStake amount to add
    function increaseHermesStake(uint256 additionalStake) external onlyOwner nonReentrant {
        uint256 available = availableBalance();
        uint256 newStake = uint256(_hermesStake) + additionalStake;
        _hermesStake = newStake.toUint128();
        emit HermesStakeIncreased(newStake);
        if (available < additionalStake) {
            _token.safeTransferFrom(msg.sender, address(this), additionalStake - available);
        }
    }

    /// @notice Withdraws available funds (never stakes). Owner only; not in Punishment or Closed.
    /// @param beneficiary receiver
    /// @param amount amount, at most availableBalance()
    function withdraw(address beneficiary, uint256 amount) external onlyOwner nonReentrant {
        _requireActive();
        uint256 available = availableBalance();
        if (amount > available) revert HermesImplementation__InsufficientAvailableBalance(available, amount);
        _token.safeTransfer(beneficiary, amount);
        emit FundsWithdrawned(amount, beneficiary);
    }

    // ------------------------------------------------------------------ owner configuration

    /// @notice Schedules a new hub fee, effective DELAY_SECONDS from now. Owner only; not when Closed; the previous
    ///         change must already be in force.
    /// @param newFee fee in basis points, at most MAX_FEE
    function setHermesFee(uint16 newFee) external onlyOwner {
        IHermes.Status status = _status;
        if (status == IHermes.Status.Closed) revert HermesImplementation__WrongStatus(status);
        if (newFee > MAX_FEE) revert HermesImplementation__FeeTooHigh(newFee);
        uint64 lastValidFrom = _lastFeeValidFrom;
        if (block.timestamp < lastValidFrom) revert HermesImplementation__FeeChangePending(lastValidFrom);
        _previousFeeValue = _lastFeeValue;
        _previousFeeValidFrom = lastValidFrom;
        uint64 validFrom = uint64(block.timestamp + DELAY_SECONDS);
        _lastFeeValue = newFee;
        _lastFeeValidFrom = validFrom;
        emit HermesFeeUpdated(newFee, validFrom);
    }

    /// @notice Sets the minimal provider stake. Owner only; not in Punishment or Closed.
    /// @param newMinStake below maxStake
    function setMinStake(uint256 newMinStake) external onlyOwner {
        _requireActive();
        if (newMinStake >= _maxStake) revert HermesImplementation__InvalidStakeBounds(newMinStake, _maxStake);
        _minStake = uint128(newMinStake); // fits: below _maxStake, a uint128
        emit MinStakeValueUpdated(newMinStake);
    }

    /// @notice Sets the maximal provider stake. Owner only; not in Punishment or Closed.
    /// @param newMaxStake above minStake
    function setMaxStake(uint256 newMaxStake) external onlyOwner {
        _requireActive();
        if (newMaxStake <= _minStake) revert HermesImplementation__InvalidStakeBounds(_minStake, newMaxStake);
        _maxStake = newMaxStake.toUint128();
        emit MaxStakeValueUpdated(newMaxStake);
    }

    /// @notice Refuses new provider channels and identity registrations (status Paused). Owner only.
    function pauseChannelOpening() external onlyOwner {
        IHermes.Status status = _status;
        if (status != IHermes.Status.Active) revert HermesImplementation__WrongStatus(status);
        _status = IHermes.Status.Paused;
        emit ChannelOpeningPaused();
    }

    /// @notice Accepts new provider channels again (status Active). Owner only.
    function activateChannelOpening() external onlyOwner {
        IHermes.Status status = _status;
        if (status != IHermes.Status.Paused) revert HermesImplementation__WrongStatus(status);
        _status = IHermes.Status.Active;
        emit ChannelOpeningActivated();
    }

    /// @notice Closes the hub for good. Providers can still decreaseStake; the hub's own funds come back with
    ///         getStakeBack after 300 days. Owner only; not in Punishment.
    function closeHermes() external onlyOwner {
        _requireActive();
        _status = IHermes.Status.Closed;
        _closingTimelock = uint64(block.timestamp + DELAY_SECONDS * 100);
        emit HermesClosed(block.timestamp);
    }

    /// @notice After the closing timelock, sends the hub's own funds (balance − provider stakes − punishment) to
    ///         `beneficiary`. Provider stakes stay claimable with decreaseStake. Owner only.
    /// @param beneficiary receiver
    function getStakeBack(address beneficiary) external onlyOwner nonReentrant {
        IHermes.Status status = _status;
        if (status != IHermes.Status.Closed) revert HermesImplementation__WrongStatus(status);
        uint256 timelock = _closingTimelock;
        if (block.timestamp <= timelock) revert HermesImplementation__ClosingTimelockNotReached(timelock);
        uint256 locked = uint256(_totalStake) + _punishmentAmount;
        uint256 balance = _token.balanceOf(address(this));
        uint256 amount = balance > locked ? balance - locked : 0;
        _hermesStake = 0;
        emit HermesStakeReturned(beneficiary);
        _token.safeTransfer(beneficiary, amount);
    }

    // ------------------------------------------------------------------ views

    /// @notice Provider channel id: keccak256(identity ‖ this).
    /// @param identity provider identity
    /// @return the channel id
    function getChannelId(address identity) public view returns (bytes32) {
        return keccak256(abi.encodePacked(identity, address(this)));
    }

    /// @notice Typed channel id: keccak256(identity ‖ this ‖ type), e.g. type "withdrawal" for payAndSettle.
    /// @param identity provider identity
    /// @param type_ ASCII channel type
    /// @return the channel id
    function getChannelId(address identity, string memory type_) public view returns (bytes32) {
        return keccak256(abi.encodePacked(identity, address(this), type_));
    }

    /// @notice Provider channel state (timelock is always 0; kept for ABI compatibility).
    /// @param channelId provider channel id
    /// @return settled cumulative settled amount
    /// @return stake current stake
    /// @return lastUsedNonce nonce of the last accepted decreaseStake
    /// @return timelock always 0
    function channels(bytes32 channelId)
        external
        view
        returns (uint256 settled, uint256 stake, uint256 lastUsedNonce, uint256 timelock)
    {
        ChannelState storage channel = _channels[channelId];
        return (channel.settled, channel.stake, _lastUsedNonces[channelId], 0);
    }

    /// @notice Whether a provider channel has stake or settlements.
    /// @param channelId provider channel id
    /// @return true if open
    function isChannelOpened(bytes32 channelId) public view returns (bool) {
        ChannelState storage channel = _channels[channelId];
        return channel.settled != 0 || channel.stake != 0;
    }

    /// @notice Whether `signature` is the hub operator's signature over the P6 promise.
    /// @param channelId provider or withdrawal channel id
    /// @param amount cumulative amount
    /// @param transactorFee transactor fee
    /// @param preimage hashlock preimage R
    /// @param signature signature to check
    /// @return true if valid
    function validatePromise(
        bytes32 channelId,
        uint256 amount,
        uint256 transactorFee,
        bytes32 preimage,
        bytes calldata signature
    ) external view returns (bool) {
        address signer = Utils.tryRecoverSigner(_promiseDigest(channelId, amount, transactorFee, preimage), signature);
        return signer != address(0) && signer == _operator;
    }

    /// @notice Tokens the hub can pay out: balance − minimalExpectedBalance(), floored at zero.
    /// @return the available balance
    function availableBalance() public view returns (uint256) {
        uint256 balance = _token.balanceOf(address(this));
        uint256 locked = minimalExpectedBalance();
        return balance > locked ? balance - locked : 0;
    }

    /// @notice Locked floor: max(hermesStake, punishment amount) + totalStake.
    /// @return the floor
    function minimalExpectedBalance() public view returns (uint256) {
        uint256 hermesStake = _hermesStake;
        uint256 punishmentAmount = _punishmentAmount;
        return (hermesStake > punishmentAmount ? hermesStake : punishmentAmount) + _totalStake;
    }

    /// @notice Hub fee for settling `amount`: ceil(floor(amount·fee/100)/100), fee in basis points.
    /// @param amount settled amount
    /// @return the fee
    function calculateHermesFee(uint256 amount) public view returns (uint256) {
        return _hermesFee(amount, getActiveFee());
    }

    /// @notice The fee in force now (basis points).
    /// @return the fee
    function getActiveFee() public view returns (uint256) {
        return block.timestamp >= _lastFeeValidFrom ? _lastFeeValue : _previousFeeValue;
    }

    /// @notice The latest scheduled fee.
    /// @return value fee in basis points
    /// @return validFrom unix time from which it applies
    function lastFee() external view returns (uint16 value, uint64 validFrom) {
        return (_lastFeeValue, _lastFeeValidFrom);
    }

    /// @notice The fee that applies until lastFee becomes valid.
    /// @return value fee in basis points
    /// @return validFrom unix time from which it applied
    function previousFee() external view returns (uint16 value, uint64 validFrom) {
        return (_previousFeeValue, _previousFeeValidFrom);
    }

    /// @notice Punishment bookkeeping.
    /// @return activationBlockTime time the last punishment started
    /// @return amount total permanently locked punishment
    function punishment() external view returns (uint256 activationBlockTime, uint256 amount) {
        return (_punishmentActivation, _punishmentAmount);
    }

    /// @notice Provider stake bounds.
    /// @return minStake minimal stake
    /// @return maxStake maximal stake
    function getStakeThresholds() external view returns (uint256, uint256) {
        return (_minStake, _maxStake);
    }

    /// @notice The hub's own stake.
    /// @return the stake
    function getHermesStake() external view returns (uint256) {
        return _hermesStake;
    }

    /// @notice Sum of all provider stakes.
    /// @return the total
    function getTotalStake() external view returns (uint256) {
        return _totalStake;
    }

    /// @notice The promise-signing key.
    /// @return the operator
    function getOperator() external view returns (address) {
        return _operator;
    }

    /// @notice The Registry this hub belongs to.
    /// @return the registry
    function getRegistry() external view returns (address) {
        return address(_registry);
    }

    /// @notice The DEX router used by settleWithDEX.
    /// @return the router
    function getDex() external view returns (address) {
        return address(_dex);
    }

    /// @notice Lifecycle status.
    /// @return Active, Paused, Punishment or Closed
    function getStatus() external view returns (IHermes.Status) {
        return _status;
    }

    /// @notice True unless in Punishment or Closed (Paused counts as active).
    /// @return whether settlements are possible
    function isHermesActive() public view returns (bool) {
        IHermes.Status status = _status;
        return status != IHermes.Status.Punishment && status != IHermes.Status.Closed;
    }

    /// @notice Unix time after which getStakeBack works (0 until closed).
    /// @return the timelock
    function getClosingTimelock() external view returns (uint256) {
        return _closingTimelock;
    }

    /// @notice Whether initialize has run.
    /// @return true once initialized
    function isInitialized() external view returns (bool) {
        return _operator != address(0);
    }

    /// @inheritdoc FundsRecovery
    function token() public view override returns (IERC20) {
        return _token;
    }

    // ------------------------------------------------------------------ internals

    function _settleAndPay(
        address identity,
        bytes32 channelId,
        uint256 amount,
        uint256 transactorFee,
        bytes32 preimage,
        bytes calldata signature,
        address beneficiary,
        bool takeFee,
        bool ignoreStake
    ) private {
        (uint256 payout, uint256 fees) = _settlePromise(
            channelId,
            amount,
            transactorFee,
            preimage,
            signature,
            takeFee,
            ignoreStake
        );
        if (payout == 0 && fees == 0) return; // punishment was activated, nothing settled
        if (payout > 0) _token.safeTransfer(beneficiary, payout);
        emit PromiseSettled(identity, channelId, beneficiary, payout, fees, preimage);
    }

    function _checkWithdrawalAuthorisation(
        address identity,
        bytes32 channelId,
        uint256 amount,
        bytes32 preimage,
        address beneficiary,
        bytes calldata beneficiarySignature
    ) private view {
        bytes32 digest = keccak256(abi.encodePacked(block.chainid, channelId, amount, preimage, beneficiary));
        address signer = Utils.recoverSigner(digest, beneficiarySignature);
        if (signer != identity) revert HermesImplementation__InvalidIdentitySignature(signer);
    }

    function _settleWithDex(
        address identity,
        uint256 amount,
        uint256 transactorFee,
        bytes32 preimage,
        bytes calldata signature,
        uint256 minAmountOut
    ) private {
        address beneficiary = _registry.getBeneficiary(identity);
        if (beneficiary == address(0)) revert HermesImplementation__IdentityNotRegistered(identity);
        bytes32 channelId = getChannelId(identity);
        (uint256 payout, uint256 fees) = _settlePromise(channelId, amount, transactorFee, preimage, signature, true, false);
        if (payout == 0 && fees == 0) return; // punishment was activated, nothing settled
        address[] memory path = new address[](2);
        path[0] = address(_token);
        path[1] = _dex.WETH();
        _dex.swapExactTokensForETH(payout, minAmountOut, path, beneficiary, block.timestamp);
        emit PromiseSettled(identity, channelId, beneficiary, payout, fees, preimage);
    }

    /// @dev Shared settlement rule. Returns (0, 0) without settling when this call activated Punishment and the
    ///      capped amount could not cover the fees, so that the punishment flag persists.
    function _settlePromise(
        bytes32 channelId,
        uint256 amount,
        uint256 transactorFee,
        bytes32 preimage,
        bytes calldata signature,
        bool takeFee,
        bool ignoreStake
    ) private returns (uint256 payout, uint256 fees) {
        _verifyPromise(channelId, amount, transactorFee, preimage, signature);
        ChannelState storage channel = _channels[channelId];
        uint256 settled = channel.settled;
        (uint256 unpaid, bool punished) = _settleableAmount(channel, settled, amount, transactorFee, ignoreStake);

        fees = transactorFee;
        if (takeFee) fees += _hermesFee(unpaid, getActiveFee());
        if (unpaid == 0 || unpaid < fees) {
            if (punished) return (0, 0);
            if (unpaid == 0) revert HermesImplementation__NoAvailableBalance();
            revert HermesImplementation__SettlementBelowFees(unpaid, fees);
        }

        channel.settled = (settled + unpaid).toUint128();
        // cannot underflow: unpaid >= fees was checked above
        unchecked {
            payout = unpaid - fees;
        }
        if (transactorFee > 0) _token.safeTransfer(msg.sender, transactorFee);
    }

    /// @dev Status and operator-signature checks of a P6 promise.
    function _verifyPromise(
        bytes32 channelId,
        uint256 amount,
        uint256 transactorFee,
        bytes32 preimage,
        bytes calldata signature
    ) private view {
        IHermes.Status status = _status;
        if (status == IHermes.Status.Punishment || status == IHermes.Status.Closed) {
            revert HermesImplementation__WrongStatus(status);
        }
        address signer = Utils.recoverSigner(_promiseDigest(channelId, amount, transactorFee, preimage), signature);
        if (signer != _operator) revert HermesImplementation__InvalidPromiseSignature(signer);
    }

    /// @dev Unpaid amount after the stake rule, the punishment trigger and the caps (available balance and
    ///      max(maxStake, stake)); activates Punishment when the available balance is below the channel's stake.
    function _settleableAmount(
        ChannelState storage channel,
        uint256 settled,
        uint256 amount,
        uint256 transactorFee,
        bool ignoreStake
    ) private returns (uint256 unpaid, bool punished) {
        uint256 stake = channel.stake;
        if (settled == 0 && !ignoreStake) {
            uint256 minStake_ = _minStake;
            if (stake < minStake_) revert HermesImplementation__NotEnoughStake(stake, minStake_);
        }
        if (amount <= settled) revert HermesImplementation__NothingToSettle();
        // cannot underflow: amount > settled was checked above
        unchecked {
            unpaid = amount - settled;
        }
        if (unpaid <= transactorFee) revert HermesImplementation__FeeNotCovered(unpaid, transactorFee);

        uint256 available = availableBalance();
        if (available < stake) {
            punished = true;
            _status = IHermes.Status.Punishment;
            _punishmentActivation = uint64(block.timestamp);
            emit HermesPunishmentActivated(block.timestamp);
        }
        if (unpaid > available || unpaid > stake) {
            uint256 maxStake_ = _maxStake;
            uint256 maxSettle = maxStake_ > stake ? maxStake_ : stake;
            if (unpaid > maxSettle) unpaid = maxSettle;
            if (unpaid > available) unpaid = available;
        }
    }

    function _increaseStake(bytes32 channelId, uint256 amount, bool duringSettlement) private {
        ChannelState storage channel = _channels[channelId];
        uint256 newStake = uint256(channel.stake) + amount;
        uint256 minStake_ = _minStake;
        uint256 maxStake_ = _maxStake;
        if (newStake < minStake_ || newStake > maxStake_) {
            revert HermesImplementation__StakeOutOfRange(newStake, minStake_, maxStake_);
        }
        channel.stake = uint128(newStake); // fits: newStake <= maxStake, a uint128
        _totalStake = (uint256(_totalStake) + amount).toUint128();
        emit NewStake(channelId, newStake);
        if (!duringSettlement) _token.safeTransferFrom(msg.sender, address(this), amount);
    }

    function _requireActive() private view {
        if (!isHermesActive()) revert HermesImplementation__WrongStatus(_status);
    }

    function _promiseDigest(
        bytes32 channelId,
        uint256 amount,
        uint256 transactorFee,
        bytes32 preimage
    ) private view returns (bytes32) {
        return keccak256(
            abi.encodePacked(block.chainid, channelId, amount, transactorFee, keccak256(abi.encodePacked(preimage)))
        );
    }

    function _hermesFee(uint256 amount, uint256 feeBps) private pure returns (uint256) {
        return ((amount * feeBps) / 100 + 99) / 100;
    }
}
