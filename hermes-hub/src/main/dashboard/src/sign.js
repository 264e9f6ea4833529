// Signing the login body as the hub's signed endpoints expect: a 65-byte secp256k1 signature
// (r ‖ s ‖ v, v 0/1) over keccak256 of the raw body bytes, sent base64 in
// "Authorization: Signature <base64>".
import * as secp from '@noble/secp256k1';
import { keccak_256 } from '@noble/hashes/sha3.js';
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';

secp.hashes.hmacSha256 = (key, msg) => hmac(sha256, key, msg);
secp.hashes.sha256 = sha256;

function hexBytes(hex) {
  const h = hex.trim().replace(/^0x/i, '');
  if (!/^[0-9a-fA-F]{64}$/.test(h)) throw new Error('the private key must be 32 bytes of hex');
  return Uint8Array.from(h.match(/../g), (b) => parseInt(b, 16));
}

/** The Ethereum address of a private key, 0x-prefixed lower-case hex. */
export function addressOf(privateKeyHex) {
  const pub = secp.getPublicKey(hexBytes(privateKeyHex), false).slice(1);
  const hash = keccak_256(pub).slice(12);
  return '0x' + Array.from(hash, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** base64 of the signature of keccak256(bodyBytes). */
export function signBody(privateKeyHex, bodyBytes) {
  // noble's recovered format is recovery ‖ r ‖ s; the wire wants r ‖ s ‖ v
  const rec = secp.sign(keccak_256(bodyBytes), hexBytes(privateKeyHex), { prehash: false, format: 'recovered' });
  const sig = new Uint8Array(65);
  sig.set(rec.slice(1), 0);
  sig[64] = rec[0];
  let bin = '';
  sig.forEach((b) => (bin += String.fromCharCode(b)));
  return btoa(bin);
}
