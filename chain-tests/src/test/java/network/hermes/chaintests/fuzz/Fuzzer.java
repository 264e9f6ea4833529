package network.hermes.chaintests.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import network.hermes.chaintests.fuzz.FuzzCase.Category;
import network.hermes.chaintests.fuzz.FuzzCase.Mode;
import network.hermes.chaintests.support.ConsumerNode;
import network.hermes.chaintests.support.ProviderNode;
import network.hermes.chaintests.support.World;
import network.hermes.promise.message.Promise;
import network.hermes.promise.wire.WireJson;

/**
 * Sends generated requests to a hub from several workers at once (valid, mutated, byte-level,
 * random and malformed HTTP), judges every answer ({@link Oracle}), watches the hub process, and at
 * the end holds the hub's database against what it accepted: every row created during the run must
 * come from an accepted request, and every accepted promise must be there.
 */
final class Fuzzer {
  /**
   * A run's limits.
   *
   * @param requests stop after this many requests
   * @param duration ... or after this long
   * @param workers concurrent connections
   * @param seed the generators' seed
   * @param strict whether issue 15's known answers count as violations
   */
  record Settings(long requests, Duration duration, int workers, long seed, boolean strict) {}

  /** Honest requests per generated ones: one in nine is a node's. */
  static final int GENERATED_PER_VALID = 8;

  private final World world;
  private final Settings settings;
  private final FuzzReport report = new FuzzReport();
  private final Oracle oracle;
  private final String host;
  private final int port;
  private final Set<String> acceptedPromises = ConcurrentHashMap.newKeySet();
  private final Set<String> acceptedJobs = ConcurrentHashMap.newKeySet();
  private final AtomicLong acceptedReveals = new AtomicLong();
  private final AtomicLong budget = new AtomicLong();
  private volatile Instant deadline;

  Fuzzer(World world, Settings settings) {
    this.world = world;
    this.settings = settings;
    this.oracle = new Oracle(settings.strict());
    URI api = URI.create(world.hubProcess().apiUrl());
    this.host = api.getHost();
    this.port = api.getPort();
  }

  /** Runs and returns the report. */
  FuzzReport run() throws Exception {
    List<Lane> lanes = new ArrayList<>();
    List<ConsumerNode> consumers =
        world.consumers(
            "fuzz " + settings.seed(),
            settings.workers(),
            network.hermes.contracts.deploy.DeploymentPlan.myst(10));
    for (int i = 0; i < settings.workers(); i++) {
      ProviderNode provider =
          new ProviderNode(
              world.key("fuzz " + settings.seed() + " provider " + i),
              world.address("fuzz " + settings.seed() + " beneficiary " + i),
              world.deployment());
      world.remember(provider.identity());
      lanes.add(
          new Lane(
              consumers.get(i),
              provider,
              world.deployment(),
              new SplittableRandom(settings.seed() + i)));
    }
    Tables before = Tables.read(world);
    budget.set(settings.requests());
    Instant started = Instant.now();
    deadline = started.plus(settings.duration());
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < lanes.size(); i++) {
      Lane lane = lanes.get(i);
      long seed = settings.seed() * 1_000_003 + i;
      threads.add(Thread.ofPlatform().name("fuzz-" + i).start(() -> work(lane, seed)));
    }
    Thread watchdog = Thread.ofPlatform().daemon().name("fuzz-watchdog").start(this::watch);
    for (Thread t : threads) {
      t.join();
    }
    watchdog.interrupt();
    report.elapsed = Duration.between(started, Instant.now());
    checkAlive("after the run");
    account(before, Tables.read(world));
    return report;
  }

  private boolean more() {
    return budget.getAndDecrement() > 0 && Instant.now().isBefore(deadline);
  }

  private void work(Lane lane, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    Mutations mutations = new Mutations(random);
    HttpGarbage garbage = new HttpGarbage(random, mutations);
    try (RawHttp kept = new RawHttp(host, port, 15_000)) {
      while (more()) {
        honest(lane, kept);
        for (int i = 0; i < GENERATED_PER_VALID && more(); i++) {
          send(generate(lane, random, mutations, garbage), kept, lane);
        }
      }
    } catch (RuntimeException | Error e) {
      report.crashes.add("worker failed: " + e);
    }
  }

  private void honest(Lane lane, RawHttp kept) {
    FuzzCase c = lane.needsReveal() ? lane.revealRequest() : lane.promiseRequest();
    RawHttp.Outcome o = send(c, kept, lane);
    if (o instanceof RawHttp.Response r && c.endpoint().equals(Lane.REVEAL)) {
      if (r.status() == 200 || r.status() == 404) {
        lane.revealedLatest(); // 404: a mutant revealed it already
      }
    }
  }

  private FuzzCase generate(
      Lane lane, SplittableRandom random, Mutations mutations, HttpGarbage garbage) {
    int pick = random.nextInt(100);
    if (pick < 45) {
      Lane.Base base = lane.base();
      Mutations.Mutant m = mutations.json(base.body());
      return signedIfNeeded(lane, Category.MUTATED, base, m);
    }
    if (pick < 60) {
      Lane.Base base = lane.base();
      return signedIfNeeded(lane, Category.BYTES, base, mutations.bytes(base.body()));
    }
    if (pick < 75) {
      Mutations.Mutant m = mutations.random();
      String path = HttpGarbage.PATHS.get(random.nextInt(3));
      return FuzzCase.post(Category.RANDOM, m.what(), path, m.body());
    }
    if (pick < 90) {
      return garbage.next(lane.base().body());
    }
    String id =
        random.nextBoolean() ? lane.consumer.identity().toHex() : lane.provider.identity().toHex();
    String path =
        switch (random.nextInt(10)) {
          case 0 -> "/api/v2/data/consumer/" + id;
          case 1 -> "/api/v2/data/provider/" + id;
          case 2 -> "/api/v2/data/provider/" + id + "/withdrawal";
          case 3 -> "/api/v1/transactor/fee/" + world.deployment().chainId().value() + "/settle";
          case 4 -> "/api/v1/transactor/queue/" + Long.toHexString(random.nextLong());
          case 5 -> "/healthz";
          case 6 -> "/readyz";
          case 7 -> "/api/v2/data/consumer/" + id.substring(0, 2 + random.nextInt(41)) + "zz";
          case 8 -> "/api/v2/no_such_endpoint";
          default -> "/api/v1/transactor/fee/" + random.nextInt() + "/register";
        };
    return FuzzCase.get(
        Category.VALID,
        "GET " + path.replaceAll("0x[0-9a-f]{40}", "{id}").replaceAll("/-?[0-9a-f]{6,}", "/{n}"),
        path);
  }

  private static FuzzCase signedIfNeeded(
      Lane lane, Category category, Lane.Base base, Mutations.Mutant m) {
    List<String> headers = base.signed() ? List.of(lane.authorization(m.body())) : List.of();
    return new FuzzCase(
        category,
        base.name() + ": " + m.what(),
        base.path(),
        Http.request("POST", base.path(), m.body(), headers),
        Mode.KEPT,
        1);
  }

  private RawHttp.Outcome send(FuzzCase c, RawHttp kept, Lane lane) {
    report.sent(c);
    List<RawHttp.Outcome> outcomes = new ArrayList<>();
    try {
      if (c.mode() == Mode.KEPT) {
        outcomes.add(kept.exchange(c.bytes(), false));
      } else {
        try (RawHttp own = new RawHttp(host, port, 2_000)) {
          outcomes.add(own.exchange(c.bytes(), c.mode() == Mode.CUT));
          for (int i = 1; i < c.answers() && outcomes.getLast() instanceof RawHttp.Response; i++) {
            outcomes.add(own.next());
          }
        }
      }
    } catch (IOException e) {
      outcomes.add(new RawHttp.NoAnswer("cannot connect: " + e.getMessage()));
      report.crashes.add("cannot connect to the hub: " + e.getMessage());
    }
    for (RawHttp.Outcome o : outcomes) {
      if (o instanceof RawHttp.Response r) {
        report.answered(Integer.toString(r.status()));
        if (r.status() >= 200 && r.status() < 300) {
          accepted(r, lane);
        }
      } else {
        report.answered("none");
      }
      oracle.judge(c, o).forEach(report::found);
    }
    return outcomes.getFirst();
  }

  /** Remembers what an accepted request can have changed. */
  private void accepted(RawHttp.Response r, Lane lane) {
    JsonNode json;
    try {
      json = Mutations.JSON.readTree(r.body());
    } catch (IOException e) {
      return;
    }
    if (json == null) {
      return;
    }
    if (json.has("Hashlock") && json.has("Signature") && json.has("ChannelID")) {
      try {
        Promise p = WireJson.readPromise(r.body());
        acceptedPromises.add(p.channelId().toHex() + " " + p.hashlock().toHex());
        if (p.channelId().equals(lane.provider.channelId())) {
          lane.promised(p);
        }
      } catch (RuntimeException notAPromise) {
        // a data answer that happens to have these names
      }
    } else if ("R successfully revealed".equals(json.path("message").asText())) {
      acceptedReveals.incrementAndGet();
    } else if (json.size() == 1 && json.path("id").isTextual()) {
      acceptedJobs.add(json.get("id").asText());
    }
  }

  private void watch() {
    while (!Thread.currentThread().isInterrupted()) {
      try {
        Thread.sleep(2_000); // a health probe's period
      } catch (InterruptedException e) {
        return;
      }
      checkAlive("during the run");
    }
  }

  private void checkAlive(String when) {
    if (!world.hubProcess().isAlive()) {
      synchronized (report.crashes) {
        if (report.crashes.stream().noneMatch(c -> c.startsWith("the hub process"))) {
          report.crashes.add("the hub process exited " + when);
        }
      }
      budget.set(0);
      return;
    }
    try (RawHttp probe = new RawHttp(host, port, 10_000)) {
      RawHttp.Outcome o = probe.exchange(Http.request("GET", "/healthz", null, List.of()), false);
      if (!(o instanceof RawHttp.Response r) || r.status() != 200) {
        report.crashes.add("/healthz " + when + ": " + o);
      }
    } catch (IOException e) {
      report.crashes.add("/healthz " + when + ": " + e.getMessage());
    }
  }

  /** Every new row explained by an accepted request; every accepted promise stored. */
  private void account(Tables before, Tables after) {
    Set<String> newIssued = Tables.minus(after.issued, before.issued);
    for (String row : newIssued) {
      if (!acceptedPromises.contains(row)) {
        report.stateProblems.add("issued promise " + row + " answered to no request");
      }
    }
    for (String p : acceptedPromises) {
      if (!after.issued.contains(p)) {
        report.stateProblems.add("accepted promise " + p + " is not stored");
      }
    }
    Set<String> newRevealed = Tables.minus(after.revealed, before.revealed);
    Set<String> issuedHashlocks = new java.util.HashSet<>();
    after.issued.forEach(i -> issuedHashlocks.add(i.split(" ")[1]));
    for (String h : newRevealed) {
      if (!issuedHashlocks.contains(h)) {
        report.stateProblems.add("revealed R of hashlock " + h + " of no promise");
      }
    }
    if (newRevealed.size() > acceptedReveals.get()) {
      report.stateProblems.add(
          newRevealed.size() + " R revealed, " + acceptedReveals.get() + " reveals accepted");
    }
    for (String job : Tables.minus(after.jobs, before.jobs)) {
      if (!acceptedJobs.contains(job)) {
        report.stateProblems.add("relay job " + job + " answered to no request");
      }
    }
    Set<String> agreementsOfIssued = after.agreementsOfIssued;
    for (String a : Tables.minus(after.agreements, before.agreements)) {
      if (!agreementsOfIssued.contains(a)) {
        report.stateProblems.add("agreement " + a + " of no accepted exchange");
      }
    }
    Set<String> promisedChannels = new java.util.HashSet<>();
    acceptedPromises.forEach(p -> promisedChannels.add(p.split(" ")[0]));
    long placeholders = 0;
    for (String row : Tables.minus(after.providers, before.providers)) {
      String channel = row.split(" ")[0];
      if (row.endsWith(" placeholder")) {
        placeholders++;
      } else if (!promisedChannels.contains(channel)) {
        report.stateProblems.add("provider channel " + row + " changed by no accepted request");
      }
    }
    if (placeholders > 0) {
      String d1 = placeholders + " empty provider rows left by refused requests (defect D1)";
      if (settings.strict()) {
        report.stateProblems.add(d1);
      } else {
        report.notes.add(d1);
      }
    }
    for (String row : after.consumerTotals) {
      report.stateProblems.add("consumer total not the sum of its accepted increments: " + row);
    }
    report.notes.add(
        acceptedPromises.size()
            + " promises, "
            + acceptedReveals.get()
            + " reveals and "
            + acceptedJobs.size()
            + " relay jobs accepted; "
            + newIssued.size()
            + " promises and "
            + newRevealed.size()
            + " reveals stored");
  }

  /** The hub's money rows, keyed for comparison. */
  record Tables(
      Set<String> issued,
      Set<String> revealed,
      Set<String> jobs,
      Set<String> agreements,
      Set<String> agreementsOfIssued,
      Set<String> providers,
      Set<String> consumerTotals) {
    static Tables read(World world) {
      var db = world.db();
      return new Tables(
          db.strings("SELECT channel_id || ' ' || hashlock FROM issued_promise"),
          db.strings("SELECT hashlock FROM revealed_r"),
          db.strings("SELECT id FROM relay_job"),
          db.strings(
              "SELECT consumer || ' ' || provider || ' ' || agreement_id FROM agreement_state"),
          db.strings(
              "SELECT DISTINCT consumer || ' ' || provider || ' ' || agreement_id FROM issued_promise"),
          db.strings(
              "SELECT channel_id || ' ' || amount || ' ' || fee || ' ' || coalesce(hashlock, '-')"
                  + " || ' ' || revealed || CASE WHEN amount = 0 AND hashlock IS NULL THEN"
                  + " ' placeholder' ELSE '' END FROM provider_state"),
          db.strings(
              "SELECT s.consumer || ' ' || s.grand_total FROM consumer_state s LEFT JOIN (SELECT"
                  + " chain_id, consumer, sum(delta) AS d FROM issued_promise GROUP BY chain_id,"
                  + " consumer) i ON i.chain_id = s.chain_id AND i.consumer = s.consumer WHERE"
                  + " s.grand_total <> coalesce(i.d, 0)"));
    }

    static Set<String> minus(Set<String> a, Set<String> b) {
      Set<String> out = new java.util.HashSet<>(a);
      out.removeAll(b);
      return out;
    }
  }
}
