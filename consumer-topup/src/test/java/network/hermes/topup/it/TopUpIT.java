package network.hermes.topup.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import network.hermes.hubclient.HubClient;
import network.hermes.promise.crypto.KeySigner;
import network.hermes.promise.crypto.PrivateKey;
import network.hermes.promise.crypto.Secp256k1s;
import network.hermes.promise.message.ExchangeMessage;
import network.hermes.promise.message.HashlockSecret;
import network.hermes.promise.message.UnsignedPromise;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.Hex;
import network.hermes.promise.value.TokenAmount;
import network.hermes.promise.wire.RequestPromiseRequest;
import network.hermes.promise.wire.RevealRequest;
import network.hermes.testkit.Cli;
import network.hermes.testkit.HubProcess;
import network.hermes.testkit.TestNetwork;
import network.hermes.testkit.Waits;
import network.hermes.tools.Amounts;
import network.hermes.tools.ToolMain;
import network.hermes.topup.cli.TopUpCommand;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code topup} against a real hub process on a devnet, as a consumer uses it: identities, the
 * offline top-up address, funding from another wallet, registration through the relay without
 * native coin, the balance, a withdrawal through the hub, the unilateral exit while the hub is
 * down, and the main failures with their exit codes.
 */
class TopUpIT {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String PASSWORD = "a consumer's passphrase";
  static final SecureRandom RANDOM = new SecureRandom();

  static TestNetwork net;

  @TempDir Path dir;

  @BeforeAll
  static void start() throws Exception {
    net = TestNetwork.start();
  }

  static network.hermes.promise.wire.ChannelData consumerData(Address identity) throws Exception {
    try (HubClient hub = hub()) {
      return hub.consumerData(identity).get(net.deployment().chainId());
    }
  }

  /** A client of the network's hub as it runs now (a test restarts it on another port). */
  static HubClient hub() {
    return HubClient.connect(net.hub().apiUrl());
  }

  @AfterAll
  static void stop() {
    if (net != null) {
      net.close();
    }
  }

  Path passwordFile() throws Exception {
    Path p = dir.resolve("password");
    if (!Files.exists(p)) {
      Files.writeString(p, PASSWORD + "\n");
    }
    return p;
  }

  /** The CLI with the network and this test's folders, no identity yet. */
  Cli cli() throws Exception {
    return new Cli(
        (args, out, err) -> ToolMain.execute(new TopUpCommand(Map.of()), "topup", args, out, err),
        List.of(
            "--rpc-url", net.rpcUrl(),
            "--deployment", net.deploymentFile().toString(),
            "--hub-url", net.hub().apiUrl(),
            "--data-dir", dir.resolve("data").toString(),
            "--keystore-dir", dir.resolve("keystore").toString(),
            "--password-file", passwordFile().toString()));
  }

  /** A new identity made with {@code identity new}, and the CLI configured for it. */
  Cli newIdentity() throws Exception {
    Cli.Result created = cli().run(2, "identity", "new", "--light", "--json");
    Address identity = Address.fromHex(json(created).path("address").asText());
    return cli().with(List.of("--identity", identity.toHex()));
  }

  static JsonNode json(Cli.Result r) throws Exception {
    assertThat(r.code()).as(r.toString()).isZero();
    return JSON.readTree(r.out());
  }

  static TokenAmount wei(JsonNode n) {
    return TokenAmount.of(n.bigIntegerValue());
  }

  static String hex(PrivateKey key) {
    return Hex.encode(key.toBytes());
  }

  TokenAmount balance(Address a) {
    return net.chain().client().tokenBalance(a);
  }

  @Test
  void identitiesAreCreatedListedExportedAndImported() throws Exception {
    Cli cli = cli();
    Address a =
        Address.fromHex(
            json(cli.run(2, "identity", "new", "--light", "--json")).path("address").asText());
    JsonNode list = json(cli.run(2, "identity", "list", "--json")).path("identities");
    assertThat(list).hasSize(1);
    assertThat(list.get(0).path("address").asText()).isEqualTo(a.toChecksumHex());

    Path exported = dir.resolve("exported.json");
    assertThat(
            cli.run(2, "identity", "export", "--identity", a.toHex(), "--out", exported.toString())
                .code())
        .isZero();
    assertThat(network.hermes.contracts.keys.Keystore.address(exported)).isEqualTo(a);
    Cli.Result twice = cli.run(2, "identity", "import", exported.toString());
    assertThat(twice.code()).as(twice.toString()).isEqualTo(1);
    assertThat(twice.err()).contains("already");

    Path keyFile = dir.resolve("key.hex");
    PrivateKey raw = PrivateKey.random(RANDOM);
    Files.writeString(keyFile, hex(raw) + "\n");
    JsonNode imported =
        json(
            cli.run(
                2,
                "identity",
                "import",
                "--private-key-file",
                keyFile.toString(),
                "--light",
                "--json"));
    assertThat(imported.path("address").asText())
        .isEqualTo(TestNetwork.addressOf(raw).toChecksumHex());
    assertThat(json(cli.run(2, "identity", "list", "--json")).path("identities")).hasSize(2);

    Files.writeString(dir.resolve("wrong"), "nope\n");
    Cli.Result wrong =
        cli.run(
            2,
            "identity",
            "import",
            exported.toString(),
            "--password-file",
            dir.resolve("wrong").toString());
    assertThat(wrong.code()).as(wrong.toString()).isEqualTo(5);
  }

  @Test
  void
      aConsumerFundsFromAnotherWalletRegistersThroughTheRelayPaysAndLeavesByTheExitWhileTheHubIsDown()
          throws Exception {
    Cli consumer = newIdentity();
    JsonNode addr = json(consumer.run("address", "--amount", "10", "--json"));
    Address identity = Address.fromHex(addr.path("identity").asText());
    Address channel = Address.fromHex(addr.path("channel").asText());
    // computed offline, it is the Registry's own answer
    assertThat(channel).isEqualTo(net.chain().client().consumerChannelAddress(identity));
    assertThat(addr.path("uri").asText())
        .isEqualTo(
            "ethereum:"
                + net.deployment().token().toChecksumHex()
                + "@31337/transfer?address="
                + channel.toChecksumHex()
                + "&uint256=10000000000000000000");

    // a wallet that is not the identity funds the channel
    PrivateKey wallet = net.devKey(3);
    net.mint(TestNetwork.addressOf(wallet), Amounts.ofMyst(50));
    Cli.Result refused = consumer.run("register");
    assertThat(refused.code()).as(refused.toString()).isEqualTo(1);
    assertThat(refused.err()).contains("insufficient balance", "top it up first");
    JsonNode sent =
        json(consumer.run("send", "--amount", "10", "--wallet-dev-key", hex(wallet), "--json"));
    assertThat(wei(sent.path("channelBalance"))).isEqualTo(Amounts.ofMyst(10));
    assertThat(sent.path("hubBalance").isNull()).isTrue();
    assertThat(balance(channel)).isEqualTo(Amounts.ofMyst(10));

    // registration through the relay: the identity holds no native coin at all
    assertThat(net.chain().client().nativeBalance(identity)).isEqualTo(TokenAmount.ZERO);
    Cli.Result registering = consumer.run("register", "--json");
    JsonNode reg = json(registering);
    assertThat(registering.err()).contains("relay job", "done");
    TokenAmount fee = wei(reg.path("fee"));
    assertThat(fee.isZero()).isFalse();
    assertThat(net.chain().client().isRegistered(identity)).isTrue();
    assertThat(balance(channel)).isEqualTo(Amounts.ofMyst(10).minus(fee));
    assertThat(net.chain().client().nativeBalance(identity)).isEqualTo(TokenAmount.ZERO);
    Cli.Result again = consumer.run("register");
    assertThat(again.code()).isEqualTo(1);
    assertThat(again.err()).contains("registered already");

    // the hub follows it now: a second top-up shows in the hub's view
    JsonNode more =
        json(consumer.run("send", "--amount", "2", "--wallet-dev-key", hex(wallet), "--json"));
    assertThat(wei(more.path("hubBalance"))).isEqualTo(Amounts.ofMyst(12).minus(fee));

    // the consumer pays a provider 3 MYST through the hub
    PrivateKey consumerKey =
        network.hermes.contracts.keys.Keystore.decrypt(
            dir.resolve("keystore").resolve(identity.toHex() + ".json"), PASSWORD);
    pay(consumerKey, TestNetwork.addressOf(net.devKey(5)), Amounts.ofMyst(3));
    JsonNode b = json(consumer.run("balance", "--json"));
    assertThat(b.path("registered").asBoolean()).isTrue();
    assertThat(wei(b.path("balance"))).isEqualTo(Amounts.ofMyst(12).minus(fee));
    assertThat(wei(b.path("hub").path("latestPromise"))).isEqualTo(Amounts.ofMyst(3));
    TokenAmount settled = wei(b.path("settled"));
    assertThat(wei(b.path("spendable")))
        .isEqualTo(Amounts.ofMyst(12).minus(fee).minus(Amounts.ofMyst(3).minus(settled)));
    assertThat(consumer.run("balance").out()).contains("spendable: ", "exit: no exit pending");

    // the hub goes down; the consumer leaves through the channel's unilateral exit
    HubProcess stopped = net.hub();
    stopped.terminate();
    try {
      leaveByTheExit(consumer, wallet, channel);
    } finally {
      net.restartHub(stopped);
    }
  }

  void leaveByTheExit(Cli consumer, PrivateKey wallet, Address channel) throws Exception {
    Address payout = Address.fromHex("0x7000000000000000000000000000000000000007");
    Cli walletCli = consumer.with(List.of("--wallet-dev-key", hex(wallet)));
    Cli.Result requested = walletCli.run("withdraw", "--exit", "--to", payout.toHex(), "--json");
    JsonNode exit = json(requested);
    assertThat(exit.path("pending").asBoolean()).isTrue();
    assertThat(exit.path("remainingSeconds").asLong()).isBetween(4 * 86_400L - 60, 4 * 86_400L);
    assertThat(walletCli.run("withdraw", "--exit", "--to", payout.toHex()).err())
        .contains("an exit is pending already");
    Cli.Result early = walletCli.run("withdraw", "--finalize");
    assertThat(early.code()).as(early.toString()).isEqualTo(1);
    assertThat(early.err())
        .contains("cannot be finalised yet")
        .containsPattern("[34]d \\d+h \\d+m \\d+s left");
    Cli.Result pendingBalance = consumer.run("balance", "--json");
    assertThat(pendingBalance.code()).isZero();
    JsonNode pb = JSON.readTree(pendingBalance.out());
    assertThat(pb.path("exit").path("pending").asBoolean()).isTrue();
    assertThat(pb.path("hub").path("error").asText()).contains("unreachable");
    assertThat(pb.path("spendable").isNull()).isTrue();

    net.chain().devnet().rpc("evm_increaseTime", 4 * 86_400 + 1);
    net.chain().devnet().rpc("evm_mine");
    TokenAmount inChannel = balance(channel);
    JsonNode finalized = json(walletCli.run("withdraw", "--finalize", "--json"));
    assertThat(wei(finalized.path("paid"))).isEqualTo(inChannel);
    assertThat(balance(payout)).isEqualTo(inChannel);
    assertThat(balance(channel)).isEqualTo(TokenAmount.ZERO);
    assertThat(json(consumer.run("balance", "--json")).path("exit").path("pending").asBoolean())
        .isFalse();
  }

  @Test
  void aProviderWithdrawsItsChannelBalanceThroughTheHubAndAPlainConsumerIsRefused()
      throws Exception {
    Cli provider = newIdentity();
    PrivateKey wallet = net.devKey(4);
    net.mint(TestNetwork.addressOf(wallet), Amounts.ofMyst(50));
    Cli withWallet = provider.with(List.of("--wallet-dev-key", hex(wallet)));
    assertThat(withWallet.run("send", "--amount", "8").code()).isZero();
    // directly, paying gas from the wallet, with a stake: a provider channel is opened too
    JsonNode reg = json(withWallet.run("register", "--route", "direct", "--stake", "1", "--json"));
    assertThat(wei(reg.path("fee"))).isEqualTo(TokenAmount.ZERO);
    Address identity = Address.fromHex(reg.path("identity").asText());
    Waits.untilTrue(
        "the hub to see the registration",
        Duration.ofSeconds(60),
        () -> {
          var d = consumerData(identity);
          return d != null && d.balance().equals(Amounts.ofMyst(7));
        });

    Cli.Result tooMuch =
        provider.run(
            "withdraw", "--amount", "7.5", "--to", "0x8000000000000000000000000000000000000008");
    assertThat(tooMuch.code()).as(tooMuch.toString()).isEqualTo(1);
    assertThat(tooMuch.err()).contains("insufficient balance", "7 MYST available");
    Cli.Result feeTooHigh =
        provider.run(
            "withdraw",
            "--amount",
            "2",
            "--to",
            "0x8000000000000000000000000000000000000008",
            "--set",
            "policy.max-fee-share=0");
    assertThat(feeTooHigh.code()).as(feeTooHigh.toString()).isEqualTo(1);
    assertThat(feeTooHigh.err()).contains("transactor fee");

    Address to = Address.fromHex("0x8000000000000000000000000000000000000009");
    JsonNode w = json(provider.run("withdraw", "--amount", "2", "--to", to.toHex(), "--json"));
    TokenAmount fee = wei(w.path("transactorFee"));
    assertThat(balance(to)).isEqualTo(Amounts.ofMyst(2).minus(fee));
    assertThat(wei(w.path("received"))).isEqualTo(Amounts.ofMyst(2).minus(fee));
    assertThat(net.chain().client().nativeBalance(identity)).isEqualTo(TokenAmount.ZERO);

    // a plain consumer (no provider channel, no earnings) cannot withdraw through the hub
    Cli consumer = newIdentity();
    Cli consumerWallet = consumer.with(List.of("--wallet-dev-key", hex(wallet)));
    assertThat(consumerWallet.run("send", "--amount", "3").code()).isZero();
    assertThat(consumerWallet.run("register", "--route", "direct").code()).isZero();
    Address plain =
        Address.fromHex(json(consumer.run("address", "--json")).path("identity").asText());
    Waits.untilTrue(
        "the hub to see the consumer", Duration.ofSeconds(60), () -> consumerData(plain) != null);
    Cli.Result notAProvider = consumer.run("withdraw", "--to", to.toHex());
    assertThat(notAProvider.code()).as(notAProvider.toString()).isEqualTo(1);
    assertThat(notAProvider.err()).contains("expected provider channel, got consumer");
  }

  @Test
  void failuresEndWithTheirExitCodes() throws Exception {
    Cli consumer = newIdentity();
    Cli.Result unknown =
        cli().run("register", "--identity", "0x9000000000000000000000000000000000000009");
    assertThat(unknown.code()).as(unknown.toString()).isEqualTo(5);
    assertThat(unknown.err()).contains("unknown identity");

    Files.writeString(dir.resolve("wrong"), "nope\n");
    Cli.Result wrong = consumer.run("register", "--password-file", dir.resolve("wrong").toString());
    assertThat(wrong.code()).as(wrong.toString()).isEqualTo(5);
    assertThat(wrong.err()).contains("wrong password");

    Cli.Result hubDown = consumer.run("register", "--hub-url", "http://127.0.0.1:1");
    assertThat(hubDown.code()).as(hubDown.toString()).isEqualTo(3);

    Cli.Result chainDown = consumer.run("balance", "--rpc-url", "http://127.0.0.1:1");
    assertThat(chainDown.code()).as(chainDown.toString()).isEqualTo(4);
    assertThat(chainDown.err()).contains("chain is unreachable");

    Cli.Result poorWallet =
        consumer.run("send", "--amount", "1", "--wallet-dev-key", hex(PrivateKey.random(RANDOM)));
    assertThat(poorWallet.code()).as(poorWallet.toString()).isEqualTo(1);
    assertThat(poorWallet.err()).contains("insufficient balance");

    Cli.Result badAmount =
        consumer.run(
            "send", "--amount", "1.0000000000000000001", "--wallet-dev-key", hex(net.devKey(3)));
    assertThat(badAmount.code()).isEqualTo(2);
    assertThat(consumer.run("withdraw").code()).isEqualTo(2);

    // a development key is refused off a devnet
    JsonNode deployment = JSON.readTree(Files.readString(net.deploymentFile()));
    ((com.fasterxml.jackson.databind.node.ObjectNode) deployment).put("chainId", 137);
    Path polygon = dir.resolve("polygon.json");
    Files.writeString(polygon, deployment.toString());
    Cli.Result devKeyOnPolygon =
        cli().run("address", "--deployment", polygon.toString(), "--dev-key", hex(net.devKey(3)));
    assertThat(devKeyOnPolygon.code()).as(devKeyOnPolygon.toString()).isEqualTo(2);
    assertThat(devKeyOnPolygon.err()).contains("devnets only");

    // on the devnet the deployer's key mints into a channel; elsewhere --mint is refused
    JsonNode minted =
        json(
            consumer.run(
                "send",
                "--amount",
                "1.5",
                "--mint",
                "--wallet-dev-key",
                hex(net.chain().deployerKey()),
                "--json"));
    assertThat(wei(minted.path("channelBalance"))).isEqualTo(Amounts.parse("1.5"));
    Cli.Result mintOnPolygon =
        consumer.run(
            "send",
            "--amount",
            "1",
            "--mint",
            "--deployment",
            polygon.toString(),
            "--wallet-dev-key",
            hex(net.devKey(3)));
    assertThat(mintOnPolygon.code()).as(mintOnPolygon.toString()).isEqualTo(2);
  }

  /** The consumer pays a provider through the hub, as a consumer node does. */
  void pay(PrivateKey consumerKey, Address provider, TokenAmount amount) throws Exception {
    KeySigner consumer = new KeySigner(consumerKey, Secp256k1s.getDefault());
    var d = net.deployment();
    Address channel = net.chain().client().consumerChannelAddress(consumer.address());
    HashlockSecret r = HashlockSecret.random(RANDOM);
    BigInteger agreement = BigInteger.valueOf(RANDOM.nextInt(1_000_000));
    var promise =
        UnsignedPromise.forConsumerChannel(
                d.chainId(), channel, amount, TokenAmount.ZERO, r.hashlock())
            .sign(consumer);
    ExchangeMessage em =
        ExchangeMessage.builder()
            .promise(promise)
            .agreementId(agreement)
            .agreementTotal(amount)
            .provider(provider)
            .hermesId(d.hermesId())
            .chainId(d.chainId())
            .sign(consumer);
    try (HubClient hub = hub()) {
      hub.requestPromise(new RequestPromiseRequest(em, TokenAmount.ZERO, ""));
      hub.revealR(new RevealRequest(r.r(), provider, agreement));
    }
  }
}
