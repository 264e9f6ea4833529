package network.hermes.promise.ids;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import network.hermes.promise.crypto.Keccak;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.Bytes32;
import network.hermes.promise.value.Hex;

/**
 * Deterministic addresses and ids: consumer channel and hub addresses (CREATE2 of an EIP-1167
 * minimal proxy deployed by the registry), provider and withdrawal channel ids.
 */
public final class ChannelIds {
  private static final byte[] PROXY_PREFIX = Hex.decode("3d602d80600a3d3981f3363d3d373d3d3d363d73");
  private static final byte[] PROXY_SUFFIX = Hex.decode("5af43d82803e903d91602b57fd5bf3");
  private static final byte[] WITHDRAWAL = "withdrawal".getBytes(StandardCharsets.US_ASCII);

  /** Length of {@link #proxyInitCode(Address)}. */
  public static final int PROXY_INIT_CODE_LENGTH = 55;

  /** Length of {@link #create2Preimage(Address, Bytes32, Bytes32)}. */
  public static final int CREATE2_PREIMAGE_LENGTH = 85;

  private ChannelIds() {}

  /**
   * The 55-byte EIP-1167 init code of a minimal proxy to {@code implementation}.
   *
   * @param implementation the contract the proxy delegates to
   * @return {@code 3d602d80600a3d3981f3363d3d373d3d3d363d73 ‖ implementation ‖
   *     5af43d82803e903d91602b57fd5bf3}
   */
  public static byte[] proxyInitCode(Address implementation) {
    Objects.requireNonNull(implementation, "implementation");
    byte[] out = new byte[PROXY_INIT_CODE_LENGTH];
    System.arraycopy(PROXY_PREFIX, 0, out, 0, 20);
    System.arraycopy(implementation.toBytes(), 0, out, 20, 20);
    System.arraycopy(PROXY_SUFFIX, 0, out, 40, 15);
    return out;
  }

  /**
   * The bytes CREATE2 hashes: {@code 0xff ‖ deployer(20) ‖ salt(32) ‖ initCodeHash(32)}.
   *
   * @param deployer the deploying contract
   * @param salt the salt
   * @param initCodeHash keccak256 of the init code
   * @return 85 bytes
   */
  public static byte[] create2Preimage(Address deployer, Bytes32 salt, Bytes32 initCodeHash) {
    byte[] out = new byte[CREATE2_PREIMAGE_LENGTH];
    out[0] = (byte) 0xff;
    System.arraycopy(deployer.toBytes(), 0, out, 1, 20);
    System.arraycopy(salt.toBytes(), 0, out, 21, 32);
    System.arraycopy(initCodeHash.toBytes(), 0, out, 53, 32);
    return out;
  }

  /**
   * The address CREATE2 gives a contract.
   *
   * @param deployer the deploying contract
   * @param salt the salt
   * @param initCode the init code
   * @return the last 20 bytes of {@code keccak256(create2Preimage(...))}
   */
  public static Address create2Address(Address deployer, Bytes32 salt, byte[] initCode) {
    Bytes32 hash = Keccak.hash(create2Preimage(deployer, salt, Keccak.hash(initCode)));
    return Address.of(Arrays.copyOfRange(hash.toBytes(), 12, 32));
  }

  /**
   * The CREATE2 salt of a consumer channel.
   *
   * @param identity the consumer identity
   * @param hermesId the hub contract
   * @return {@code keccak256(identity(20) ‖ hermesId(20))}
   */
  public static Bytes32 consumerChannelSalt(Address identity, Address hermesId) {
    return Keccak.hash(concat(identity.toBytes(), hermesId.toBytes()));
  }

  /**
   * The consumer channel (top-up) address of an identity with a hub: known before deployment, so
   * anyone can fund it.
   *
   * @param registry the registry that deploys channels
   * @param identity the consumer identity
   * @param hermesId the hub contract
   * @param channelImplementation the channel implementation for the hub's version
   * @return the channel address
   */
  public static Address consumerChannelAddress(
      Address registry, Address identity, Address hermesId, Address channelImplementation) {
    return create2Address(
        registry, consumerChannelSalt(identity, hermesId), proxyInitCode(channelImplementation));
  }

  /**
   * The hub contract address of an operator.
   *
   * @param registry the registry that deploys hubs
   * @param operator the operator account that signs hub promises
   * @param hermesImplementation the hub implementation
   * @return the hub address (the hermes id)
   */
  public static Address hermesAddress(
      Address registry, Address operator, Address hermesImplementation) {
    return create2Address(registry, operator.toBytes32(), proxyInitCode(hermesImplementation));
  }

  /**
   * The channel id of a provider in a hub contract.
   *
   * @param identity the provider identity
   * @param hermesId the hub contract
   * @return {@code keccak256(identity(20) ‖ hermesId(20))}
   */
  public static Bytes32 providerChannelId(Address identity, Address hermesId) {
    return Keccak.hash(concat(identity.toBytes(), hermesId.toBytes()));
  }

  /**
   * The withdrawal (pay-and-settle) channel id of an identity in a hub contract.
   *
   * @param identity the identity
   * @param hermesId the hub contract
   * @return {@code keccak256(identity(20) ‖ hermesId(20) ‖ "withdrawal")}
   */
  public static Bytes32 withdrawalChannelId(Address identity, Address hermesId) {
    return Keccak.hash(concat(identity.toBytes(), hermesId.toBytes(), WITHDRAWAL));
  }

  private static byte[] concat(byte[]... parts) {
    int length = 0;
    for (byte[] part : parts) {
      length += part.length;
    }
    byte[] out = new byte[length];
    int position = 0;
    for (byte[] part : parts) {
      System.arraycopy(part, 0, out, position, part.length);
      position += part.length;
    }
    return out;
  }
}
