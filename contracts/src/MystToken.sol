// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {IUpgradeAgent} from "./interfaces/IUpgradeAgent.sol";

/// @title MystToken
/// @notice MYST v2: ERC20 with EIP-2612 permit (domain "Mysterium", version "1"), burn on transfer to the
///         zero address, infinite approvals, migration from the 8-decimal v1 token (x 1e10) and to a future
///         token through an upgrade agent, a master-only mint for test networks, and funds recovery.
contract MystToken is ERC20Permit, IUpgradeAgent {
    using SafeERC20 for IERC20;

    /// @notice Upgrade lifecycle towards a future token.
    enum UpgradeState {
        Unknown,
        NotAllowed,
        WaitingForAgent,
        ReadyToUpgrade,
        Upgrading,
        Completed
    }

    /// @notice EIP-2612 permit type hash.
    bytes32 public constant PERMIT_TYPEHASH =
        keccak256("Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)");

    uint256 private constant _DECIMAL_OFFSET = 1e10; // v1 had 8 decimals, v2 has 18

    address private immutable _originalToken;
    uint256 private immutable _originalSupply;

    address private _upgradeMaster;
    IUpgradeAgent private _upgradeAgent;
    uint256 private _totalUpgraded;
    address private _fundsDestination;

    /// @notice Tokens were created for `to`.
    /// @param to receiver
    /// @param amount amount minted
    event Minted(address indexed to, uint256 amount);
    /// @notice Tokens of `from` were destroyed.
    /// @param from holder
    /// @param amount amount burned
    event Burned(address indexed from, uint256 amount);
    /// @notice `from` moved `value` tokens to the upgrade agent `agent`.
    /// @param from holder
    /// @param agent the new token
    /// @param value amount upgraded
    event Upgrade(address indexed from, address agent, uint256 value);
    /// @notice The upgrade agent was set.
    /// @param agent the new token
    event UpgradeAgentSet(address agent);
    /// @notice The upgrade master changed.
    /// @param master the new master
    event UpgradeMasterSet(address master);
    /// @notice The funds recovery destination changed.
    /// @param previousDestination former destination
    /// @param newDestination new destination
    event FundsRecoveryDestinationChanged(address indexed previousDestination, address indexed newDestination);

    /// @notice Only the upgrade master may call this.
    error MystToken__CallerNotUpgradeMaster(address caller);
    /// @notice Only the original (v1) token may call this.
    error MystToken__CallerNotOriginalToken(address caller);
    /// @notice Migration would exceed the v1 supply scaled to 18 decimals.
    error MystToken__SupplyExceedsOriginal();
    /// @notice A zero address was given where one is required.
    error MystToken__ZeroAddress();
    /// @notice The upgrade agent cannot be changed while upgrading.
    error MystToken__UpgradeInProgress();
    /// @notice The address does not report being an upgrade agent.
    error MystToken__NotAnUpgradeAgent(address agent);
    /// @notice The agent's original supply differs from this token's total supply.
    error MystToken__AgentSupplyMismatch(uint256 agentSupply, uint256 totalSupply);
    /// @notice Upgrading is not possible in the current state.
    error MystToken__UpgradeNotAllowed(UpgradeState state);
    /// @notice The upgrade amount must be positive.
    error MystToken__ZeroAmount();
    /// @notice decreaseAllowance below zero.
    error MystToken__AllowanceBelowZero(uint256 allowance, uint256 subtracted);
    /// @notice No funds recovery destination set.
    error MystToken__DestinationNotSet();

    modifier onlyUpgradeMaster() {
        if (msg.sender != _upgradeMaster) revert MystToken__CallerNotUpgradeMaster(msg.sender);
        _;
    }

    /// @param originalToken_ the MYST v1 token, or zero on networks without a v1 token (no migration then)
    constructor(address originalToken_) ERC20("Mysterium", "MYST") ERC20Permit("Mysterium") {
        _originalToken = originalToken_;
        _originalSupply = originalToken_ == address(0) ? 0 : IERC20(originalToken_).totalSupply();
        _upgradeMaster = msg.sender;
        emit UpgradeMasterSet(msg.sender);
    }

    // ------------------------------------------------------------------ ERC20 behaviour

    /// @notice Transfers `value` to `to`; a transfer to the zero address burns.
    /// @param to receiver, or zero to burn
    /// @param value amount
    /// @return always true
    function transfer(address to, uint256 value) public override returns (bool) {
        if (to == address(0)) {
            _burn(msg.sender, value);
            return true;
        }
        return super.transfer(to, value);
    }

    /// @notice Moves `value` from `from` to `to` using the caller's allowance (unlimited for max approvals or
    ///         when the caller is `from`); a transfer to the zero address burns.
    /// @param from holder
    /// @param to receiver, or zero to burn
    /// @param value amount
    /// @return always true
    function transferFrom(address from, address to, uint256 value) public override returns (bool) {
        if (to == address(0)) {
            _spendAllowance(from, msg.sender, value);
            _burn(from, value);
            return true;
        }
        return super.transferFrom(from, to, value);
    }

    /// @notice Burns `amount` of the caller's tokens.
    /// @param amount amount to burn
    function burn(uint256 amount) external {
        _burn(msg.sender, amount);
    }

    /// @notice Raises the caller's allowance for `spender` by `addedValue`.
    /// @param spender spender
    /// @param addedValue increase
    /// @return always true
    function increaseAllowance(address spender, uint256 addedValue) external returns (bool) {
        _approve(msg.sender, spender, allowance(msg.sender, spender) + addedValue);
        return true;
    }

    /// @notice Lowers the caller's allowance for `spender` by `subtractedValue`.
    /// @param spender spender
    /// @param subtractedValue decrease, at most the current allowance
    /// @return always true
    function decreaseAllowance(address spender, uint256 subtractedValue) external returns (bool) {
        uint256 current = allowance(msg.sender, spender);
        if (current < subtractedValue) revert MystToken__AllowanceBelowZero(current, subtractedValue);
        // cannot underflow: checked just above
        unchecked {
            _approve(msg.sender, spender, current - subtractedValue);
        }
        return true;
    }

    /// @notice Test networks only: the upgrade master creates tokens.
    /// @param account receiver
    /// @param amount amount
    function mint(address account, uint256 amount) external onlyUpgradeMaster {
        _mint(account, amount);
    }

    function _spendAllowance(address holder, address spender, uint256 value) internal override {
        if (holder == spender) return; // a holder moving its own tokens needs no allowance
        super._spendAllowance(holder, spender, value);
    }

    function _update(address from, address to, uint256 value) internal override {
        super._update(from, to, value);
        if (from == address(0)) emit Minted(to, value);
        else if (to == address(0)) emit Burned(from, value);
    }

    // ------------------------------------------------------------------ migration from v1

    /// @inheritdoc IUpgradeAgent
    function isUpgradeAgent() external pure returns (bool) {
        return true;
    }

    /// @notice Called by the v1 token: mints `value` x 1e10 (8 to 18 decimals) to `account`.
    /// @param account holder
    /// @param value amount in v1 units
    function upgradeFrom(address account, uint256 value) external {
        if (msg.sender != _originalToken || msg.sender == address(0)) revert MystToken__CallerNotOriginalToken(msg.sender);
        _mint(account, value * _DECIMAL_OFFSET);
        if (totalSupply() > _originalSupply * _DECIMAL_OFFSET) revert MystToken__SupplyExceedsOriginal();
    }

    /// @inheritdoc IUpgradeAgent
    function originalToken() external view returns (address) {
        return _originalToken;
    }

    /// @inheritdoc IUpgradeAgent
    function originalSupply() external view returns (uint256) {
        return _originalSupply;
    }

    // ------------------------------------------------------------------ migration to a future token

    /// @notice Where the migration to a future token stands.
    /// @return the current state
    function getUpgradeState() public view returns (UpgradeState) {
        if (address(_upgradeAgent) == address(0)) return UpgradeState.WaitingForAgent;
        if (_totalUpgraded == 0) return UpgradeState.ReadyToUpgrade;
        if (totalSupply() == 0) return UpgradeState.Completed;
        return UpgradeState.Upgrading;
    }

    /// @notice Sets the future token. Upgrade master only; not while upgrading.
    /// @param agent the new token, reporting isUpgradeAgent() and originalSupply() == totalSupply()
    function setUpgradeAgent(address agent) external onlyUpgradeMaster {
        if (agent == address(0)) revert MystToken__ZeroAddress();
        if (getUpgradeState() == UpgradeState.Upgrading) revert MystToken__UpgradeInProgress();
        IUpgradeAgent candidate = IUpgradeAgent(agent);
        if (!candidate.isUpgradeAgent()) revert MystToken__NotAnUpgradeAgent(agent);
        uint256 agentSupply = candidate.originalSupply();
        if (agentSupply != totalSupply()) revert MystToken__AgentSupplyMismatch(agentSupply, totalSupply());
        _upgradeAgent = candidate;
        emit UpgradeAgentSet(agent);
    }

    /// @notice Burns `amount` of the caller's tokens and credits them in the future token.
    /// @param amount amount to migrate, positive
    function upgrade(uint256 amount) external {
        UpgradeState state = getUpgradeState();
        if (state != UpgradeState.ReadyToUpgrade && state != UpgradeState.Upgrading) {
            revert MystToken__UpgradeNotAllowed(state);
        }
        if (amount == 0) revert MystToken__ZeroAmount();
        _burn(msg.sender, amount);
        _totalUpgraded += amount;
        _upgradeAgent.upgradeFrom(msg.sender, amount);
        emit Upgrade(msg.sender, address(_upgradeAgent), amount);
    }

    /// @notice Hands the upgrade master role to `master`. Upgrade master only.
    /// @param master new master, not zero
    function setUpgradeMaster(address master) external onlyUpgradeMaster {
        if (master == address(0)) revert MystToken__ZeroAddress();
        _upgradeMaster = master;
        emit UpgradeMasterSet(master);
    }

    /// @notice The upgrade master (admin of migration, mint and recovery).
    /// @return the master address
    function upgradeMaster() external view returns (address) {
        return _upgradeMaster;
    }

    /// @notice The future token, if set.
    /// @return the agent address
    function upgradeAgent() external view returns (address) {
        return address(_upgradeAgent);
    }

    /// @notice Total amount migrated to the future token.
    /// @return the amount
    function totalUpgraded() external view returns (uint256) {
        return _totalUpgraded;
    }

    // ------------------------------------------------------------------ funds recovery

    /// @notice Sets where tokens sent to this contract by mistake are recovered to. Upgrade master only.
    /// @param newDestination destination, not zero
    function setFundsDestination(address newDestination) external onlyUpgradeMaster {
        if (newDestination == address(0)) revert MystToken__ZeroAddress();
        address previous = _fundsDestination;
        _fundsDestination = newDestination;
        emit FundsRecoveryDestinationChanged(previous, newDestination);
    }

    /// @notice The funds recovery destination.
    /// @return the destination
    function getFundsDestination() external view returns (address) {
        return _fundsDestination;
    }

    /// @notice Sends this contract's whole balance of `tokenAddress` (MYST included) to the destination.
    /// @param tokenAddress the token to recover
    function claimTokens(address tokenAddress) external {
        address destination = _fundsDestination;
        if (destination == address(0)) revert MystToken__DestinationNotSet();
        IERC20 stray = IERC20(tokenAddress);
        stray.safeTransfer(destination, stray.balanceOf(address(this)));
    }
}
