package network.hermes.hub;

import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import java.math.BigInteger;
import java.util.List;
import java.util.concurrent.Callable;
import network.hermes.hub.chain.ChainFactsWriter;
import network.hermes.hub.config.HubDeployment;
import network.hermes.hub.core.ChainFacts;
import network.hermes.hub.store.Migrations;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.Bytes32;
import network.hermes.promise.value.ChainId;
import network.hermes.promise.value.TokenAmount;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./hermes hub seed-facts}: writes chain facts into the hub database by hand (offline
 * development chain, tests, or an operator correcting a fact until the chain watcher exists).
 */
@Command(
    name = "seed-facts",
    mixinStandardHelpOptions = true,
    description =
        "Write chain facts (consumer channel, provider channel, hermes) into the hub database.")
final class SeedFactsCommand implements Callable<Integer> {
  @Option(names = "--db-url", required = true, description = "postgresql://user@host:port/db")
  String dbUrl;

  @Option(names = "--chain-id", description = "chain id (default: the offline dev chain)")
  long chainId = HubDeployment.OFFLINE_DEV.chainId();

  @Option(names = "--consumer", description = "consumer identity whose channel facts to write")
  String consumer;

  @Option(names = "--balance", description = "consumer channel balance in wei")
  BigInteger balance = BigInteger.ZERO;

  @Option(names = "--settled", description = "settled amount in wei (consumer or provider channel)")
  BigInteger settled = BigInteger.ZERO;

  @Option(names = "--unregistered", description = "mark the consumer as not registered")
  boolean unregistered;

  @Option(
      names = "--consumers-file",
      description = "file with one consumer per line: ADDRESS BALANCE_WEI (registered, settled 0)")
  java.nio.file.Path consumersFile;

  @Option(
      names = "--providers-file",
      description = "file with one provider channel per line: CHANNEL_ID STAKE_WEI [SETTLED_WEI]")
  java.nio.file.Path providersFile;

  @Option(names = "--provider-channel", description = "provider channel id (0x + 64 hex)")
  String providerChannel;

  @Option(names = "--stake", description = "provider channel stake in wei")
  BigInteger stake = BigInteger.ZERO;

  @Option(names = "--hermes-id", description = "hermes whose facts to write")
  String hermesId;

  @Option(names = "--max-stake", description = "hermes maxStake in wei")
  BigInteger maxStake = BigInteger.TEN.pow(20);

  @Option(names = "--available", description = "hermes available balance in wei")
  BigInteger available = BigInteger.TEN.pow(21);

  private static <T> T await(io.vertx.core.Future<T> f) throws Exception {
    return f.await(60, java.util.concurrent.TimeUnit.SECONDS);
  }

  /**
   * The non-blank lines of a facts file split on white space, each checked to have {@code min} to
   * {@code max} fields, before anything is written.
   *
   * @throws IllegalArgumentException naming the file, the line and the expected layout
   */
  static List<String[]> fields(java.nio.file.Path file, int min, int max, String layout)
      throws java.io.IOException {
    List<String[]> out = new java.util.ArrayList<>();
    List<String> lines = java.nio.file.Files.readAllLines(file);
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty()) {
        continue;
      }
      String[] f = line.split("\\s+");
      if (f.length < min || f.length > max) {
        throw new IllegalArgumentException(
            file.getFileName() + " line " + (i + 1) + ": expected " + layout + ", got: " + line);
      }
      out.add(f);
    }
    return out;
  }

  @Override
  public Integer call() throws Exception {
    Migrations.DbUrl url = Migrations.DbUrl.parse(dbUrl, null);
    Vertx vertx = Vertx.vertx();
    PgConnectOptions o =
        new PgConnectOptions()
            .setHost(url.host())
            .setPort(url.port())
            .setDatabase(url.database())
            .setUser(url.user());
    if (url.password() != null) {
      o.setPassword(url.password());
    }
    Pool pool = PgBuilder.pool().connectingTo(o).using(vertx).build();
    try {
      ChainFactsWriter w = new ChainFactsWriter(pool);
      ChainId chain = ChainId.of(chainId);
      if (consumer != null) {
        await(
            w.consumer(
                chain,
                Address.fromHex(consumer),
                new ChainFacts.Consumer(
                    !unregistered, TokenAmount.of(balance), TokenAmount.of(settled))));
        System.out.println("consumer " + consumer + " balance " + balance + " settled " + settled);
      }
      if (consumersFile != null) {
        List<String[]> lines = fields(consumersFile, 2, 2, "ADDRESS BALANCE_WEI");
        for (String[] f : lines) {
          await(
              w.consumer(
                  chain,
                  Address.fromHex(f[0]),
                  new ChainFacts.Consumer(
                      true, TokenAmount.of(new BigInteger(f[1])), TokenAmount.ZERO)));
        }
        System.out.println(lines.size() + " consumers written");
      }
      if (providersFile != null) {
        List<String[]> lines = fields(providersFile, 2, 3, "CHANNEL_ID STAKE_WEI [SETTLED_WEI]");
        for (String[] f : lines) {
          TokenAmount channelSettled =
              f.length > 2 ? TokenAmount.of(new BigInteger(f[2])) : TokenAmount.ZERO;
          await(
              w.channel(
                  chain,
                  Bytes32.fromHex(f[0]),
                  new ChainFacts.ProviderChannel(
                      channelSettled, TokenAmount.of(new BigInteger(f[1])))));
        }
        System.out.println(lines.size() + " provider channels written");
      }
      if (providerChannel != null) {
        await(
            w.channel(
                chain,
                Bytes32.fromHex(providerChannel),
                new ChainFacts.ProviderChannel(TokenAmount.of(settled), TokenAmount.of(stake))));
        System.out.println("provider channel " + providerChannel + " stake " + stake);
      }
      if (hermesId != null) {
        await(
            w.hermes(
                chain,
                Address.fromHex(hermesId),
                new ChainFacts.Hermes(
                    0,
                    2000,
                    TokenAmount.ZERO,
                    TokenAmount.of(maxStake),
                    TokenAmount.of(available))));
        System.out.println("hermes " + hermesId + " maxStake " + maxStake);
      }
    } finally {
      pool.close();
      vertx.close();
    }
    return 0;
  }
}
