// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Clones} from "@openzeppelin/contracts/proxy/Clones.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {FundsRecovery} from "./FundsRecovery.sol";
import {IChannel} from "./interfaces/IChannel.sol";
import {IHermes} from "./interfaces/IHermes.sol";
import {IRegistry} from "./interfaces/IRegistry.sol";
import {Utils} from "./Utils.sol";

/// @title Registry
/// @notice Deploys consumer channels and Hermes hubs as EIP-1167 clones at CREATE2 addresses, registers identities
///         and their beneficiaries, keeps hub metadata (operator, implementation version, URL) and the list of
///         implementation versions. A child registry (parentRegistry set) falls back to its parent for identities and
///         hubs it does not know.
/// @dev Channel address = CREATE2(this, keccak256(identity ‖ hermesId), EIP-1167 init code of the channel
///      implementation of the hub's version); hub address = CREATE2(this, bytes32(uint256(uint160(operator))),
///      init code of the hub implementation).
contract Registry is FundsRecovery {
    using SafeERC20 for IERC20;
    using SafeCast for uint256;

    /// @notice Channel and hub implementations of one version.
    struct Implementation {
        address channelImplAddress;
        address hermesImplAddress;
    }

    /// @notice What getHermes returns: the hub's operator, implementation version, current own stake and URL.
    struct HermesInfo {
        address operator;
        uint256 implVer;
        uint256 stake;
        bytes url;
    }

    struct HermesRecord {
        address operator;
        uint48 implVer;
        uint48 urlNonce;
    }

    struct IdentityRecord {
        address beneficiary;
        uint96 nonce; // nonce of the last accepted beneficiary change
    }

    // slot: token and minimal hub stake
    IERC20 private _token;
    uint96 private _minimalHermesStake;
    // slot: DEX router, implementation count and parent flag
    address payable private _dex;
    uint64 private _implCount;
    bool private _hasParent;
    address private _parentRegistry;
    mapping(uint256 version => Implementation) private _implementations;
    mapping(address hermesId => HermesRecord) private _hermeses;
    mapping(address hermesId => bytes) private _hermesUrls;
    mapping(address identity => IdentityRecord) private _identities;

    /// @notice An identity got its first beneficiary through a channel opening.
    /// @param identity the identity
    /// @param beneficiary its payout address
    event RegisteredIdentity(address indexed identity, address beneficiary);
    /// @notice A consumer channel was deployed.
    /// @param identity channel owner
    /// @param hermesId the hub it pays
    /// @param channelAddress the clone
    event ConsumerChannelCreated(address indexed identity, address indexed hermesId, address channelAddress);
    /// @notice An identity's beneficiary changed.
    /// @param identity the identity
    /// @param newBeneficiary its new payout address
    event BeneficiaryChanged(address indexed identity, address newBeneficiary);
    /// @notice A hub was registered.
    /// @param hermesId hub contract
    /// @param hermesOperator its operator
    /// @param ur its URL
    event RegisteredHermes(address indexed hermesId, address hermesOperator, bytes ur);
    /// @notice A hub's URL changed.
    /// @param hermesId hub contract
    /// @param newURL the new URL
    event HermesURLUpdated(address indexed hermesId, bytes newURL);
    /// @notice The minimal hub stake changed.
    /// @param newMinimalStake new value
    event MinimalHermesStakeChanged(uint256 newMinimalStake);
    /// @notice A new implementation version was added.
    /// @param version its index
    /// @param channelImplAddress channel implementation
    /// @param hermesImplAddress hub implementation
    event ImplementationsSet(uint256 indexed version, address channelImplAddress, address hermesImplAddress);

    /// @notice The registry is not initialized yet.
    error Registry__NotInitialized();
    /// @notice The registry is already initialized.
    error Registry__AlreadyInitialized();
    /// @notice A required address is zero.
    error Registry__ZeroAddress();
    /// @notice The address has no code.
    error Registry__NotAContract(address account);
    /// @notice The implementation was built for another token or registry.
    error Registry__ImplementationMismatch(address implementation);
    /// @notice No implementation with this version.
    error Registry__UnknownImplementationVersion(uint256 version);
    /// @notice The hub is unknown or not Active.
    error Registry__HermesNotActive(address hermesId);
    /// @notice The hub is not registered in this registry.
    error Registry__HermesNotRegistered(address hermesId);
    /// @notice The operator already has a hub with the latest implementation.
    error Registry__HermesAlreadyRegistered(address hermesId);
    /// @notice The hub stake is below the minimum.
    error Registry__HermesStakeTooLow(uint256 stake, uint256 minimalStake);
    /// @notice The channel holds less than stake plus fee.
    error Registry__NotEnoughBalance(uint256 balance, uint256 required);
    /// @notice The consumer channel already exists.
    error Registry__ChannelAlreadyOpened(address channel);
    /// @notice The signature was made by `signer`, not by the expected key.
    error Registry__InvalidSignature(address signer);
    /// @notice Nothing to transfer.
    error Registry__NothingToTransfer();
    /// @notice The registry does not accept native coin.
    error Registry__NativeCoinRejected();

    modifier whenInitialized() {
        if (address(_token) == address(0)) revert Registry__NotInitialized();
        _;
    }

    /// @notice The deployer becomes the owner; only it can initialize.
    constructor() {
        _transferOwnership(msg.sender);
    }

    /// @notice Native coin is refused.
    receive() external payable {
        revert Registry__NativeCoinRejected();
    }

    /// @notice One-time setup. Owner only.
    /// @param token_ the payment token
    /// @param dex_ a Uniswap-V2-compatible router
    /// @param minimalHermesStake_ minimal hub stake
    /// @param channelImplementation first channel implementation (version 0)
    /// @param hermesImplementation first hub implementation (version 0)
    /// @param parentRegistry_ parent registry, or zero for a root registry
    function initialize(
        address token_,
        address payable dex_,
        uint256 minimalHermesStake_,
        address channelImplementation,
        address hermesImplementation,
        address parentRegistry_
    ) external onlyOwner {
        if (address(_token) != address(0)) revert Registry__AlreadyInitialized();
        if (token_ == address(0) || dex_ == address(0)) revert Registry__ZeroAddress();
        _token = IERC20(token_);
        _minimalHermesStake = minimalHermesStake_.toUint96();
        _dex = dex_;
        _parentRegistry = parentRegistry_;
        _hasParent = parentRegistry_ != address(0);
        _setImplementations(channelImplementation, hermesImplementation);
    }

    // ------------------------------------------------------------------ identities and consumer channels

    /// @notice Registers an identity by deploying its channel with `hermesId`, signed by the identity over P1.
    ///         Stake and transactor fee come out of the (pre-funded) channel: the stake opens a provider channel
    ///         at the hub, the fee goes to msg.sender.
    /// @param hermesId an Active hub
    /// @param stakeAmount provider stake to open at the hub (0 for none)
    /// @param transactorFee fee for msg.sender
    /// @param beneficiary payout address (zero: the channel address); ignored if the identity is already registered
    /// @param signature the identity's signature over P1
    function registerIdentity(
        address hermesId,
        uint256 stakeAmount,
        uint256 transactorFee,
        address beneficiary,
        bytes calldata signature
    ) external {
        if (!isActiveHermes(hermesId)) revert Registry__HermesNotActive(hermesId);
        address identity = Utils.recoverSigner(
            keccak256(
                abi.encodePacked(block.chainid, address(this), hermesId, stakeAmount, transactorFee, beneficiary)
            ),
            signature
        );
        uint256 total = stakeAmount + transactorFee;
        _openChannel(identity, hermesId, beneficiary, total);
        if (stakeAmount > 0) IHermes(hermesId).openChannel(identity, stakeAmount);
        if (transactorFee > 0) _token.safeTransfer(msg.sender, transactorFee);
    }

    /// @notice Opens a consumer channel for the signing identity (P2) with `hermesId`; the transactor fee comes
    ///         out of the channel and goes to msg.sender.
    /// @param hermesId an Active hub
    /// @param transactorFee fee for msg.sender
    /// @param signature the identity's signature over P2
    function openConsumerChannel(address hermesId, uint256 transactorFee, bytes calldata signature) external {
        if (!isActiveHermes(hermesId)) revert Registry__HermesNotActive(hermesId);
        address identity = Utils.recoverSigner(
            keccak256(abi.encodePacked(block.chainid, address(this), hermesId, transactorFee)),
            signature
        );
        _openChannel(identity, hermesId, address(0), transactorFee);
        if (transactorFee > 0) _token.safeTransfer(msg.sender, transactorFee);
    }

    /// @notice Opens a consumer channel for `identity` with `hermesId` without a signature or fee. Anyone.
    /// @param identity channel owner
    /// @param hermesId an Active hub
    function openConsumerChannel(address identity, address hermesId) external {
        if (!isActiveHermes(hermesId)) revert Registry__HermesNotActive(hermesId);
        if (identity == address(0)) revert Registry__ZeroAddress();
        _openChannel(identity, hermesId, address(0), 0);
    }

    /// @notice Changes an identity's beneficiary, signed by the identity over P3 with nonce =
    ///         getBeneficiaryNonce(identity) + 1. Callable by anyone. Identities that live in the parent registry are
    ///         handled there (and sign the parent's address).
    /// @param identity the identity
    /// @param newBeneficiary new payout address, not zero
    /// @param signature the identity's signature over P3
    function setBeneficiary(address identity, address newBeneficiary, bytes calldata signature) external {
        if (newBeneficiary == address(0)) revert Registry__ZeroAddress();
        IdentityRecord storage record = _identities[identity];
        if (record.beneficiary == address(0) && _hasParent) {
            IRegistry(_parentRegistry).setBeneficiary(identity, newBeneficiary, signature);
            return;
        }
        uint256 nonce = uint256(record.nonce) + 1;
        address signer = Utils.recoverSigner(
            keccak256(abi.encodePacked(block.chainid, address(this), identity, newBeneficiary, nonce)),
            signature
        );
        if (signer != identity) revert Registry__InvalidSignature(signer);
        record.beneficiary = newBeneficiary;
        record.nonce = nonce.toUint96();
        emit BeneficiaryChanged(identity, newBeneficiary);
    }

    // ------------------------------------------------------------------ hubs

    /// @notice Deploys and registers a hub for `operator`; msg.sender funds its stake (approval to this registry
    ///         needed). The hub is owned by `operator` and gets an unlimited allowance from this registry for
    ///         provider stakes opened at registration.
    /// @param operator promise-signing key of the hub
    /// @param hermesStake hub stake, at least minimalHermesStake
    /// @param hermesFee fee in basis points (max 5000)
    /// @param minChannelStake minimal provider stake
    /// @param maxChannelStake maximal provider stake, above the minimum
    /// @param url hub URL
    function registerHermes(
        address operator,
        uint256 hermesStake,
        uint16 hermesFee,
        uint256 minChannelStake,
        uint256 maxChannelStake,
        bytes calldata url
    ) external whenInitialized {
        if (operator == address(0)) revert Registry__ZeroAddress();
        uint256 minimal = _minimalHermesStake;
        if (hermesStake < minimal) revert Registry__HermesStakeTooLow(hermesStake, minimal);
        uint256 implVer = _implCount - 1;
        address implementation = _implementations[implVer].hermesImplAddress;
        bytes32 salt = bytes32(uint256(uint160(operator)));
        address hermesId = Clones.predictDeterministicAddress(implementation, salt);
        if (hermesId.code.length != 0) revert Registry__HermesAlreadyRegistered(hermesId);

        Clones.cloneDeterministic(implementation, salt);
        _hermeses[hermesId] = HermesRecord({operator: operator, implVer: uint48(implVer), urlNonce: 0});
        _hermesUrls[hermesId] = url;
        _token.safeTransferFrom(msg.sender, hermesId, hermesStake);
        IHermes(hermesId).initialize(address(_token), operator, hermesFee, minChannelStake, maxChannelStake, _dex);
        _token.forceApprove(hermesId, type(uint256).max);
        emit RegisteredHermes(hermesId, operator, url);
    }

    /// @notice Updates a hub's URL, signed by its operator over P4 (registry ‖ hermesId ‖ url ‖ nonce; no chain id,
    ///         kept byte-exact) with nonce = getHermesUrlNonce(hermesId). The hub must be Active.
    /// @param hermesId hub contract registered here
    /// @param url new URL
    /// @param signature the operator's signature over P4
    function updateHermesURL(address hermesId, bytes calldata url, bytes calldata signature) external {
        if (!isActiveHermes(hermesId)) revert Registry__HermesNotActive(hermesId);
        HermesRecord storage record = _hermeses[hermesId];
        address operator = record.operator;
        if (operator == address(0)) revert Registry__HermesNotRegistered(hermesId);
        uint48 nonce = record.urlNonce;
        address signer = Utils.recoverSigner(
            keccak256(abi.encodePacked(address(this), hermesId, url, uint256(nonce))),
            signature
        );
        if (signer != operator) revert Registry__InvalidSignature(signer);
        record.urlNonce = nonce + 1;
        _hermesUrls[hermesId] = url;
        emit HermesURLUpdated(hermesId, url);
    }

    // ------------------------------------------------------------------ owner functions

    /// @notice Adds a new implementation version; later hubs use it, and their channels use its channel
    ///         implementation. Owner only.
    /// @param channelImplementation channel implementation built for this registry's token
    /// @param hermesImplementation hub implementation built for this registry and token
    function setImplementations(
        address channelImplementation,
        address hermesImplementation
    ) external onlyOwner whenInitialized {
        _setImplementations(channelImplementation, hermesImplementation);
    }

    /// @notice Sets the minimal hub stake. Owner only.
    /// @param newMinimalStake new value
    function setMinimalHermesStake(uint256 newMinimalStake) external onlyOwner whenInitialized {
        _minimalHermesStake = newMinimalStake.toUint96();
        emit MinimalHermesStakeChanged(newMinimalStake);
    }

    /// @notice Sends the registry's whole MYST balance to `beneficiary`. Owner only.
    /// @param beneficiary receiver
    function transferCollectedFeeTo(address beneficiary) external onlyOwner whenInitialized {
        uint256 balance = _token.balanceOf(address(this));
        if (balance == 0) revert Registry__NothingToTransfer();
        _token.safeTransfer(beneficiary, balance);
    }

    // ------------------------------------------------------------------ views

    /// @notice Whether initialize has run.
    /// @return true once initialized
    function isInitialized() public view returns (bool) {
        return address(_token) != address(0);
    }

    /// @notice Address of the consumer channel of (identity, hermesId), deployed or not.
    /// @param identity channel owner
    /// @param hermesId the hub
    /// @return the CREATE2 address
    function getChannelAddress(address identity, address hermesId) public view returns (address) {
        return Clones.predictDeterministicAddress(_channelImplementationFor(hermesId), _channelSalt(identity, hermesId));
    }

    /// @notice Address of `operator`'s hub with the latest implementation.
    /// @param operator hub operator
    /// @return the CREATE2 address
    function getHermesAddress(address operator) external view returns (address) {
        return getHermesAddress(operator, getLastImplVer());
    }

    /// @notice Address of `operator`'s hub with implementation version `implVer`.
    /// @param operator hub operator
    /// @param implVer implementation version
    /// @return the CREATE2 address
    function getHermesAddress(address operator, uint256 implVer) public view returns (address) {
        return
            Clones.predictDeterministicAddress(
                getHermesImplementation(implVer),
                bytes32(uint256(uint160(operator)))
            );
    }

    /// @notice The 55-byte EIP-1167 init code of a clone of `implementation`.
    /// @param implementation the implementation
    /// @return the init code
    function getProxyCode(address implementation) external pure returns (bytes memory) {
        return
            abi.encodePacked(
                hex"3d602d80600a3d3981f3363d3d373d3d3d363d73",
                implementation,
                hex"5af43d82803e903d91602b57fd5bf3"
            );
    }

    /// @notice Hub metadata; falls back to the parent registry for unknown hubs (zeros if unknown everywhere).
    /// @param hermesId hub contract
    /// @return the operator, implementation version, current hub stake and URL
    function getHermes(address hermesId) public view returns (HermesInfo memory) {
        HermesRecord memory record = _hermeses[hermesId];
        if (record.operator == address(0)) {
            if (_hasParent) return Registry(payable(_parentRegistry)).getHermes(hermesId);
            return HermesInfo(address(0), 0, 0, "");
        }
        return
            HermesInfo({
                operator: record.operator,
                implVer: record.implVer,
                stake: IHermes(hermesId).getHermesStake(),
                url: _hermesUrls[hermesId]
            });
    }

    /// @notice A hub's URL (parent's record for hubs registered there).
    /// @param hermesId hub contract
    /// @return the URL
    function getHermesURL(address hermesId) external view returns (bytes memory) {
        return getHermes(hermesId).url;
    }

    /// @notice The nonce the next updateHermesURL signature must carry (incremented after each update).
    /// @param hermesId hub contract registered here
    /// @return the nonce
    function getHermesUrlNonce(address hermesId) external view returns (uint256) {
        return _hermeses[hermesId].urlNonce;
    }

    /// @notice Whether `hermesId` is a hub registered here or in the parent registry.
    /// @param hermesId candidate
    /// @return true if registered
    function isHermes(address hermesId) public view returns (bool) {
        if (_hermeses[hermesId].operator != address(0)) return true;
        return _hasParent && IRegistry(_parentRegistry).isHermes(hermesId);
    }

    /// @notice Whether `hermesId` is a registered hub in status Active (false for unknown addresses).
    /// @param hermesId candidate
    /// @return true if registrations with it are allowed
    function isActiveHermes(address hermesId) public view returns (bool) {
        return isHermes(hermesId) && IHermes(hermesId).getStatus() == IHermes.Status.Active;
    }

    /// @notice Whether the consumer channel of (identity, hermesId) is deployed here or in the parent registry.
    /// @param identity channel owner
    /// @param hermesId the hub
    /// @return true if deployed
    function isChannelOpened(address identity, address hermesId) public view returns (bool) {
        if (getChannelAddress(identity, hermesId).code.length != 0) return true;
        return _hasParent && IRegistry(_parentRegistry).getChannelAddress(identity, hermesId).code.length != 0;
    }

    /// @notice An identity's payout address (local record first, then the parent's; zero if unregistered).
    /// @param identity the identity
    /// @return the beneficiary
    function getBeneficiary(address identity) public view returns (address) {
        address beneficiary = _identities[identity].beneficiary;
        if (beneficiary == address(0) && _hasParent) return IRegistry(_parentRegistry).getBeneficiary(identity);
        return beneficiary;
    }

    /// @notice Nonce of the identity's last accepted beneficiary change; the next P3 signature carries this + 1.
    /// @param identity the identity
    /// @return the nonce
    function getBeneficiaryNonce(address identity) external view returns (uint256) {
        IdentityRecord memory record = _identities[identity];
        if (record.beneficiary == address(0) && _hasParent) {
            return IRegistry(_parentRegistry).getBeneficiaryNonce(identity);
        }
        return record.nonce;
    }

    /// @notice Whether the identity has a beneficiary (here or in the parent registry).
    /// @param identity the identity
    /// @return true if registered
    function isRegistered(address identity) public view returns (bool) {
        return getBeneficiary(identity) != address(0);
    }

    /// @notice Channel implementation of the latest version.
    /// @return the implementation
    function getChannelImplementation() external view returns (address) {
        return getChannelImplementation(getLastImplVer());
    }

    /// @notice Channel implementation of version `version`.
    /// @param version implementation version
    /// @return the implementation
    function getChannelImplementation(uint256 version) public view returns (address) {
        if (version >= _implCount) revert Registry__UnknownImplementationVersion(version);
        return _implementations[version].channelImplAddress;
    }

    /// @notice Hub implementation of the latest version.
    /// @return the implementation
    function getHermesImplementation() external view returns (address) {
        return getHermesImplementation(getLastImplVer());
    }

    /// @notice Hub implementation of version `version`.
    /// @param version implementation version
    /// @return the implementation
    function getHermesImplementation(uint256 version) public view returns (address) {
        if (version >= _implCount) revert Registry__UnknownImplementationVersion(version);
        return _implementations[version].hermesImplAddress;
    }

    /// @notice The latest implementation version.
    /// @return the version
    function getLastImplVer() public view returns (uint256) {
        uint256 count = _implCount;
        if (count == 0) revert Registry__NotInitialized();
        // cannot underflow: count > 0
        unchecked {
            return count - 1;
        }
    }

    /// @notice Whether this is a child registry.
    /// @return true if a parent registry is set
    function hasParentRegistry() public view returns (bool) {
        return _hasParent;
    }

    /// @notice The parent registry (zero for a root registry).
    /// @return the parent
    function parentRegistry() external view returns (address) {
        return _parentRegistry;
    }

    /// @notice The Uniswap-V2-compatible router given to new clones.
    /// @return the router
    function dex() external view returns (address) {
        return _dex;
    }

    /// @notice Minimal stake for new hubs.
    /// @return the minimum
    function minimalHermesStake() external view returns (uint256) {
        return _minimalHermesStake;
    }

    /// @inheritdoc FundsRecovery
    function token() public view override returns (IERC20) {
        return _token;
    }

    // ------------------------------------------------------------------ internals

    function _openChannel(address identity, address hermesId, address beneficiary, uint256 fee) private {
        address implementation = _channelImplementationFor(hermesId);
        bytes32 salt = _channelSalt(identity, hermesId);
        address channel = Clones.predictDeterministicAddress(implementation, salt);
        if (channel.code.length != 0) revert Registry__ChannelAlreadyOpened(channel);
        IERC20 token_ = _token;
        if (fee > 0) {
            uint256 balance = token_.balanceOf(channel);
            if (balance < fee) revert Registry__NotEnoughBalance(balance, fee);
        }
        Clones.cloneDeterministic(implementation, salt);
        IChannel(channel).initialize(address(token_), _dex, identity, hermesId, fee);
        emit ConsumerChannelCreated(identity, hermesId, channel);

        if (!isRegistered(identity)) {
            address payout = beneficiary == address(0) ? channel : beneficiary;
            _identities[identity].beneficiary = payout;
            emit RegisteredIdentity(identity, payout);
        }
    }

    function _setImplementations(address channelImplementation, address hermesImplementation) private {
        if (channelImplementation.code.length == 0) revert Registry__NotAContract(channelImplementation);
        if (hermesImplementation.code.length == 0) revert Registry__NotAContract(hermesImplementation);
        if (IChannel(channelImplementation).token() != _token) {
            revert Registry__ImplementationMismatch(channelImplementation);
        }
        if (
            IHermes(hermesImplementation).token() != _token ||
            IHermes(hermesImplementation).getRegistry() != address(this)
        ) revert Registry__ImplementationMismatch(hermesImplementation);
        uint256 version = _implCount;
        _implementations[version] = Implementation(channelImplementation, hermesImplementation);
        _implCount = uint64(version + 1);
        emit ImplementationsSet(version, channelImplementation, hermesImplementation);
    }

    function _channelImplementationFor(address hermesId) private view returns (address) {
        return _implementations[_hermeses[hermesId].implVer].channelImplAddress;
    }

    function _channelSalt(address identity, address hermesId) private pure returns (bytes32) {
        return keccak256(abi.encodePacked(identity, hermesId));
    }
}
