package network.hermes.contracts.deploy;

import java.util.Objects;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.TokenAmount;

/**
 * What to deploy.
 *
 * @param hermesOperator the key that will sign the hub's promises (also the hub contract's owner)
 * @param existingToken a MYST token to use, or null to deploy a fresh one (the deployer is its
 *     upgrade master and may mint on test networks)
 * @param existingDexRouter a Uniswap-V2-compatible router, or null to deploy the test router (test
 *     networks only)
 * @param minimalHermesStake the Registry's minimal hub stake
 * @param hermesStake the stake the deployer puts into the hub contract
 * @param hermesFeeBps the hub fee in basis points (at most 5000)
 * @param minChannelStake minimal provider stake
 * @param maxChannelStake maximal provider stake
 * @param hermesUrl the hub's public API URL
 * @param exitDelaySeconds the consumer channels' unilateral exit delay
 */
public record DeploymentPlan(
    Address hermesOperator,
    Address existingToken,
    Address existingDexRouter,
    TokenAmount minimalHermesStake,
    TokenAmount hermesStake,
    int hermesFeeBps,
    TokenAmount minChannelStake,
    TokenAmount maxChannelStake,
    String hermesUrl,
    long exitDelaySeconds) {
  /** One MYST in wei. */
  public static final TokenAmount MYST = TokenAmount.of(1_000_000_000_000_000_000L);

  public DeploymentPlan {
    Objects.requireNonNull(hermesOperator, "hermesOperator");
    Objects.requireNonNull(minimalHermesStake, "minimalHermesStake");
    Objects.requireNonNull(hermesStake, "hermesStake");
    Objects.requireNonNull(minChannelStake, "minChannelStake");
    Objects.requireNonNull(maxChannelStake, "maxChannelStake");
    Objects.requireNonNull(hermesUrl, "hermesUrl");
    if (hermesFeeBps < 0 || hermesFeeBps > 5000) {
      throw new IllegalArgumentException(
          "hermesFeeBps must be within 0..5000, got " + hermesFeeBps);
    }
    if (maxChannelStake.compareTo(minChannelStake) <= 0) {
      throw new IllegalArgumentException("maxChannelStake must be above minChannelStake");
    }
    if (hermesStake.compareTo(minimalHermesStake) < 0) {
      throw new IllegalArgumentException("hermesStake is below minimalHermesStake");
    }
    if (exitDelaySeconds <= 0) {
      throw new IllegalArgumentException("exitDelaySeconds must be positive");
    }
  }

  /**
   * A local test network: fresh token and test router, 100 MYST hub stake, 20 % fee, provider stake
   * 0..100 MYST, 4-day exit delay.
   */
  public static DeploymentPlan devnet(Address hermesOperator, String hermesUrl) {
    return new DeploymentPlan(
        hermesOperator,
        null,
        null,
        myst(1),
        myst(100),
        2000,
        TokenAmount.ZERO,
        myst(100),
        hermesUrl,
        4 * 24 * 3600);
  }

  /** {@code n} whole MYST in wei. */
  public static TokenAmount myst(long n) {
    return TokenAmount.of(MYST.toBigInteger().multiply(java.math.BigInteger.valueOf(n)));
  }

  public DeploymentPlan withHermesStake(TokenAmount stake) {
    return new DeploymentPlan(
        hermesOperator,
        existingToken,
        existingDexRouter,
        minimalHermesStake,
        stake,
        hermesFeeBps,
        minChannelStake,
        maxChannelStake,
        hermesUrl,
        exitDelaySeconds);
  }
}
