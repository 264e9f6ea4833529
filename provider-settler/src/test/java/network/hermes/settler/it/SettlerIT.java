package network.hermes.settler.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import network.hermes.contracts.keys.Keystore;
import network.hermes.hubclient.HubClient;
import network.hermes.promise.crypto.PrivateKey;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.TokenAmount;
import network.hermes.settler.ChannelKind;
import network.hermes.settler.cli.SettleCommand;
import network.hermes.settler.store.EarnedPromise;
import network.hermes.settler.store.EarningsStore;
import network.hermes.testkit.Cli;
import network.hermes.testkit.TestNetwork;
import network.hermes.testkit.Waits;
import network.hermes.tools.Amounts;
import network.hermes.tools.ToolMain;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code settle} against a real hub process on a devnet, as a provider uses it: earnings from a
 * consumer's payments, status, settlement through the relay without native coin, with a new
 * beneficiary, into stake and directly, history, recovery after local state loss, and the main
 * failures with their exit codes.
 */
class SettlerIT {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String PASSWORD = "correct horse battery staple";

  static TestNetwork net;
  static HubClient hub;
  static Market market;
  static PrivateKey consumer;

  @TempDir Path dir;

  @BeforeAll
  static void start() throws Exception {
    net = TestNetwork.start();
    hub = HubClient.connect(net.hub().apiUrl());
    market = new Market(net, hub);
    consumer = market.consumer("settler-it consumer", Amounts.ofMyst(300));
  }

  @AfterAll
  static void stop() {
    if (hub != null) {
      hub.close();
    }
    if (net != null) {
      net.close();
    }
  }

  /** A provider with a keystore in {@code dir}, and the CLI configured for it. */
  Cli providerCli(PrivateKey provider) throws Exception {
    Path keystores = dir.resolve("keystore");
    Keystore.write(
        keystores.resolve(Market.addressOf(provider).toHex() + ".json"),
        provider,
        PASSWORD,
        Keystore.Strength.LIGHT);
    Path passwordFile = dir.resolve("password");
    Files.writeString(passwordFile, PASSWORD + "\n");
    return new Cli(
        (args, out, err) -> ToolMain.execute(new SettleCommand(Map.of()), "settle", args, out, err),
        List.of(
            "--rpc-url", net.rpcUrl(),
            "--deployment", net.deploymentFile().toString(),
            "--hub-url", net.hub().apiUrl(),
            "--data-dir", dir.resolve("data").toString(),
            "--keystore-dir", keystores.toString(),
            "--identity", Market.addressOf(provider).toHex(),
            "--password-file", passwordFile.toString()));
  }

  EarningsStore store() {
    return EarningsStore.open(dir.resolve("data").resolve("earnings"));
  }

  static JsonNode json(Cli.Result r) throws Exception {
    assertThat(r.code()).as(r.toString()).isZero();
    return JSON.readTree(r.out());
  }

  static TokenAmount wei(JsonNode n) {
    return TokenAmount.of(n.bigIntegerValue());
  }

  TokenAmount balance(Address a) {
    return net.chain().client().tokenBalance(a);
  }

  @Test
  void aProviderWithoutNativeCoinSettlesThroughTheRelayAndReceivesExactlyAmountMinusFees()
      throws Exception {
    Address payout = Address.fromHex("0x1000000000000000000000000000000000000001");
    PrivateKey provider = market.provider("settler-it relay provider", payout);
    Address providerAddress = Market.addressOf(provider);
    Cli cli = providerCli(provider);
    EarnedPromise earned = null;
    for (int i = 0; i < 3; i++) {
      earned = market.pay(consumer, provider, Amounts.ofMyst(2));
      store().put(earned);
    }
    assertThat(earned.promise().amount()).isEqualTo(Amounts.ofMyst(6));
    assertThat(net.chain().client().nativeBalance(providerAddress)).isEqualTo(TokenAmount.ZERO);

    JsonNode status = json(cli.run("status", "--json")).path("hubs").get(0);
    assertThat(status.path("promise").path("signedByOperator").asBoolean()).isTrue();
    assertThat(wei(status.path("promise").path("amount"))).isEqualTo(Amounts.ofMyst(6));
    assertThat(status.path("hubView").path("inSync").asBoolean()).isTrue();
    JsonNode plan = status.path("settlement");
    assertThat(wei(plan.path("unsettled"))).isEqualTo(Amounts.ofMyst(6));
    assertThat(wei(plan.path("hubFee")))
        .isEqualTo(net.chain().client().hermesFee(Amounts.ofMyst(6)));
    assertThat(wei(plan.path("transactorFee")).isZero()).isFalse();
    assertThat(plan.path("refusal").isMissingNode()).isTrue();
    assertThat(cli.run("status").out())
        .contains("latest hub promise 6 MYST", "signature valid", "you receive");

    TokenAmount before = balance(payout);
    Cli.Result now = cli.run("now", "--json");
    JsonNode record = json(now);
    assertThat(now.err()).contains("re-sign the promise with transactor fee", "relay job", "done");
    TokenAmount fee = wei(record.path("transactorFee"));
    TokenAmount hubFee = net.chain().client().hermesFee(Amounts.ofMyst(6));
    TokenAmount received = balance(payout).minus(before);
    assertThat(received).isEqualTo(Amounts.ofMyst(6).minus(hubFee).minus(fee));
    assertThat(wei(record.path("sentToBeneficiary"))).isEqualTo(received);
    assertThat(wei(record.path("fees"))).isEqualTo(hubFee.plus(fee));
    assertThat(record.path("outcome").asText()).isEqualTo("settled");
    assertThat(net.chain().client().nativeBalance(providerAddress)).isEqualTo(TokenAmount.ZERO);

    Cli.Result csv = cli.run("history", "--csv");
    assertThat(csv.code()).isZero();
    String[] rows = csv.out().split("\r\n");
    assertThat(rows).hasSize(2);
    assertThat(rows[1]).contains(record.path("txHash").asText(), ",settled,", received.toString());
    assertThat(cli.run("history").out()).contains("settled", "paid ", payout.toChecksumHex());

    // the same promise again: nothing left, refused before anything is sent
    Cli.Result again = cli.run("now");
    assertThat(again.code()).as(again.toString()).isEqualTo(1);
    assertThat(again.err()).contains("refused", "settled");
  }

  @Test
  void aNewBeneficiaryDirectlyThenIntoStakeThroughTheRelay() throws Exception {
    Address first = Address.fromHex("0x2000000000000000000000000000000000000002");
    Address second = Address.fromHex("0x2000000000000000000000000000000000000003");
    PrivateKey provider = market.provider("settler-it beneficiary provider", first);
    Cli cli = providerCli(provider);
    store().put(market.pay(consumer, provider, Amounts.ofMyst(3)));

    // direct: a funded wallet pays the gas, the promise's fee is zeroed, the payout goes to
    // `second`
    PrivateKey wallet = net.devKey(4);
    TokenAmount before = balance(second);
    Cli.Result direct =
        cli.run(
            "now",
            "--route",
            "direct",
            "--beneficiary",
            second.toHex(),
            "--wallet-dev-key",
            network.hermes.promise.value.Hex.encode(wallet.toBytes()),
            "--json");
    JsonNode r = json(direct);
    assertThat(r.path("transactorFee").asInt()).isZero();
    assertThat(balance(second).minus(before))
        .isEqualTo(Amounts.ofMyst(3).minus(net.chain().client().hermesFee(Amounts.ofMyst(3))));
    assertThat(net.chain().client().beneficiary(Market.addressOf(provider))).isEqualTo(second);

    store().put(market.pay(consumer, provider, Amounts.ofMyst(2)));
    Bytes32Holder channel = new Bytes32Holder(provider);
    TokenAmount stakeBefore = net.chain().client().providerChannel(channel.id).stake();
    JsonNode intoStake = json(cli.run("now", "--into-stake", "--json"));
    TokenAmount added = net.chain().client().providerChannel(channel.id).stake().minus(stakeBefore);
    assertThat(added).isEqualTo(wei(intoStake.path("sentToBeneficiary")));
    assertThat(added)
        .isEqualTo(
            Amounts.ofMyst(2)
                .minus(net.chain().client().hermesFee(Amounts.ofMyst(2)))
                .minus(wei(intoStake.path("transactorFee"))));
    assertThat(intoStake.path("kind").asText()).isEqualTo("into_stake");
  }

  /** The provider channel id of a provider at the network's hub. */
  static final class Bytes32Holder {
    final network.hermes.promise.value.Bytes32 id;

    Bytes32Holder(PrivateKey provider) {
      id = ChannelKind.EARNINGS.channelId(Market.addressOf(provider), net.deployment().hermesId());
    }
  }

  @Test
  void aProviderThatLostItsStateRecoversItsEarningsWithTheHubsHelp() throws Exception {
    Address payout = Address.fromHex("0x3000000000000000000000000000000000000003");
    PrivateKey provider = market.provider("settler-it amnesiac provider", payout);
    Cli cli = providerCli(provider);
    market.pay(consumer, provider, Amounts.ofMyst(4));
    market.pay(consumer, provider, Amounts.ofMyst(1));
    // the promises were never stored here: the provider lost its disk

    JsonNode status = json(cli.run("status", "--json")).path("hubs").get(0);
    assertThat(status.path("promise").isNull()).isTrue();
    assertThat(wei(status.path("hubView").path("amount"))).isEqualTo(Amounts.ofMyst(5));
    assertThat(status.path("hubView").path("inSync").asBoolean()).isFalse();
    Cli.Result refused = cli.run("now");
    assertThat(refused.code()).isEqualTo(1);
    assertThat(refused.err()).contains("no hub promise is stored", "resynchronise");

    JsonNode resync = json(cli.run("resync", "--json"));
    assertThat(resync.path("action").asText()).isEqualTo("recovered_from_hub");
    assertThat(wei(resync.path("stored"))).isEqualTo(Amounts.ofMyst(5));
    assertThat(json(cli.run("resync", "--json")).path("action").asText()).isEqualTo("in_sync");

    TokenAmount before = balance(payout);
    JsonNode settled = json(cli.run("now", "--json"));
    assertThat(balance(payout).minus(before))
        .isEqualTo(
            Amounts.ofMyst(5)
                .minus(net.chain().client().hermesFee(Amounts.ofMyst(5)))
                .minus(wei(settled.path("transactorFee"))));

    // the hub accepts new payments for the provider after the refresh (its R was revealed)
    EarnedPromise next = market.pay(consumer, provider, Amounts.ofMyst(1));
    assertThat(next.promise().amount()).isEqualTo(Amounts.ofMyst(6));
  }

  @Test
  void failuresEndWithTheirExitCodesAndChangeNothing() throws Exception {
    Address payout = Address.fromHex("0x4000000000000000000000000000000000000004");
    PrivateKey provider = market.provider("settler-it failing provider", payout);
    Cli cli = providerCli(provider);
    EarnedPromise earned = market.pay(consumer, provider, Amounts.ofMyst(2));
    store().put(earned);
    TokenAmount before = balance(payout);

    Cli.Result feeTooHigh = cli.run("now", "--set", "policy.max-fee-share=0");
    assertThat(feeTooHigh.code()).as(feeTooHigh.toString()).isEqualTo(1);
    assertThat(feeTooHigh.err()).contains("refused: the transactor fee", "is more than 0% of");
    assertThat(store().latest(earned.chainId(), earned.hermesId(), earned.channelId()))
        .contains(earned);

    Cli.Result hubDown = cli.run("now", "--hub-url", "http://127.0.0.1:1");
    assertThat(hubDown.code()).as(hubDown.toString()).isEqualTo(3);
    assertThat(hubDown.err()).contains("hub").contains("unreachable");

    Cli.Result chainDown = cli.run("status", "--rpc-url", "http://127.0.0.1:1");
    assertThat(chainDown.code()).as(chainDown.toString()).isEqualTo(4);
    assertThat(chainDown.err()).contains("chain is unreachable");

    Files.writeString(dir.resolve("wrong"), "not the password");
    Cli.Result wrongPassword = cli.run("now", "--password-file", dir.resolve("wrong").toString());
    assertThat(wrongPassword.code()).as(wrongPassword.toString()).isEqualTo(5);
    assertThat(wrongPassword.err()).contains("wrong password");

    Cli.Result unknown = cli.run("now", "--identity", "0x5000000000000000000000000000000000000005");
    assertThat(unknown.code()).as(unknown.toString()).isEqualTo(5);
    assertThat(unknown.err()).contains("unknown identity");

    Cli.Result devKeyOk = cli.run("status", "--dev-key", "zz");
    assertThat(devKeyOk.code()).isEqualTo(2);
    Cli.Result usage = cli.run("now", "--route", "carrier-pigeon");
    assertThat(usage.code()).isEqualTo(2);
    assertThat(usage.err()).contains("relay or direct");

    assertThat(balance(payout)).isEqualTo(before);
    assertThat(cli.run("history", "--json").out()).contains("\"settlements\" : [ ]");
    // and with everything in order it settles
    assertThat(cli.run("now").code()).isZero();
    Waits.untilTrue(
        "the hub to see the settlement",
        Duration.ofSeconds(60),
        () ->
            market
                .providerData(Market.addressOf(provider))
                .orElseThrow()
                .settled()
                .equals(Amounts.ofMyst(2)));
    assertThat(balance(payout).compareTo(before)).isPositive();
  }

  @Test
  void theDaemonSettlesByPolicyStopsOnSigtermAndBacksOffVisiblyAcrossRestarts() throws Exception {
    Address payout = Address.fromHex("0x6000000000000000000000000000000000000006");
    PrivateKey provider = market.provider("settler-it daemon provider", payout);
    Cli cli = providerCli(provider);
    store().put(market.pay(consumer, provider, Amounts.ofMyst(25)));
    TokenAmount before = balance(payout);

    List<String> command = new java.util.ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("--enable-native-access=ALL-UNNAMED");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(network.hermes.settler.cli.SettleCommand.class.getName());
    command.add("run");
    command.addAll(cli.common());
    command.addAll(List.of("--set", "run.interval-seconds=1"));
    Process daemon = new ProcessBuilder(command).redirectErrorStream(true).start();
    StringBuffer output = new StringBuffer();
    Thread reader =
        new Thread(
            () -> {
              try (var in =
                  new java.io.BufferedReader(
                      new java.io.InputStreamReader(
                          daemon.getInputStream(), java.nio.charset.StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                  output.append(line).append('\n');
                }
              } catch (java.io.IOException ignored) {
                // the process ended
              }
            });
    reader.start();
    try {
      Waits.untilTrue(
          "the daemon to settle the 25 MYST above the maximum",
          Duration.ofSeconds(90),
          () -> output.toString().contains("settle: settled: settled 25 MYST"));
      assertThat(balance(payout).minus(before).compareTo(Amounts.ofMyst(19))).isPositive();

      store().put(market.pay(consumer, provider, Amounts.ofMyst(3)));
      Waits.untilTrue(
          "the daemon to see 3 MYST below the minimum",
          Duration.ofSeconds(60),
          () ->
              output.toString().contains("waiting: unsettled 3 MYST is below the minimum 5 MYST"));

      daemon
          .toHandle()
          .destroy(); // SIGTERM (Process.destroy would also close our end of its output)
      assertThat(daemon.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
      reader.join(10_000);
      // a JVM ended by SIGTERM exits with 128 + 15 once its shutdown hooks are done
      assertThat(daemon.exitValue()).as(output.toString()).isEqualTo(143);
      assertThat(output.toString()).contains("settle: stopped");
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + "; the daemon printed:\n" + output, e);
    } finally {
      daemon.destroyForcibly();
    }

    // a sending account without gas money: the attempt fails, and the next looks back off,
    // also after a restart (the count lives in the history)
    store().put(market.pay(consumer, provider, Amounts.ofMyst(22)));
    String brokeWallet =
        network.hermes.promise.value.Hex.encode(Market.key("settler-it broke wallet").toBytes());
    Cli direct =
        cli.with(
            List.of("--route", "direct", "--wallet-dev-key", brokeWallet, "--once", "--no-resync"));
    Cli.Result failed = direct.run("run");
    assertThat(failed.code()).as(failed.toString()).isZero();
    assertThat(failed.err()).contains("settle: failed: not sent");
    Cli.Result backingOff = direct.run("run");
    assertThat(backingOff.err()).contains("backing_off: earlier settlements failed; next try at");
    assertThat(cli.run("history").out()).contains("failed", "not sent");
  }
}
