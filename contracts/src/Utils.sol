// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";

/// @title Utils
/// @notice Shared helpers: signature recovery over raw keccak256 digests (no EIP-191 prefix) and rounding.
/// @dev Signatures are 65 bytes r ‖ s ‖ v with v in {27, 28} and s in the lower half of the curve order,
///      enforced by OpenZeppelin's ECDSA.tryRecover. Malformed signatures revert with the errors below; a
///      well-formed signature by the wrong key is reported by the calling contract with its own error.
library Utils {
    /// @notice The signature is not exactly 65 bytes long.
    /// @param length the length received
    error Utils__InvalidSignatureLength(uint256 length);
    /// @notice The signature's s value lies in the upper half of the curve order (malleable form).
    /// @param s the rejected s value
    error Utils__InvalidSignatureS(bytes32 s);
    /// @notice The signature does not recover to any address (bad v, r or s).
    error Utils__InvalidSignature();

    /// @dev Recovers the signer of `digest`, reverting with a Utils error when the signature is malformed.
    function recoverSigner(bytes32 digest, bytes calldata signature) internal pure returns (address signer) {
        if (signature.length != 65) revert Utils__InvalidSignatureLength(signature.length);
        (bytes32 r, bytes32 s, uint8 v) = _split(signature);
        ECDSA.RecoverError err;
        bytes32 errArg;
        (signer, err, errArg) = ECDSA.tryRecover(digest, v, r, s);
        if (err == ECDSA.RecoverError.InvalidSignatureS) revert Utils__InvalidSignatureS(errArg);
        if (err != ECDSA.RecoverError.NoError) revert Utils__InvalidSignature();
    }

    /// @dev Like recoverSigner but returns address(0) instead of reverting (for boolean views).
    function tryRecoverSigner(bytes32 digest, bytes calldata signature) internal pure returns (address signer) {
        if (signature.length != 65) return address(0);
        (bytes32 r, bytes32 s, uint8 v) = _split(signature);
        (signer, , ) = ECDSA.tryRecover(digest, v, r, s);
    }

    /// @dev r, s and v of a signature in calldata whose 65-byte length the caller has checked.
    function _split(bytes calldata signature) private pure returns (bytes32 r, bytes32 s, uint8 v) {
        assembly ("memory-safe") {
            r := calldataload(signature.offset)
            s := calldataload(add(signature.offset, 0x20))
            v := byte(0, calldataload(add(signature.offset, 0x40)))
        }
    }

    /// @dev Rounds `a` up to the next multiple of `m` (m > 0); reverts on overflow near 2^256.
    function roundUp(uint256 a, uint256 m) internal pure returns (uint256) {
        return ((a + m - 1) / m) * m;
    }

    /// @dev The larger of two values.
    function max(uint256 a, uint256 b) internal pure returns (uint256) {
        return a >= b ? a : b;
    }

    /// @dev The smaller of two values.
    function min(uint256 a, uint256 b) internal pure returns (uint256) {
        return a <= b ? a : b;
    }
}
