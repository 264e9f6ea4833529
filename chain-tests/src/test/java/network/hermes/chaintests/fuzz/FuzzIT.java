package network.hermes.chaintests.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import network.hermes.chaintests.fuzz.FuzzCase.Category;
import network.hermes.chaintests.support.SharedWorld;
import network.hermes.chaintests.support.World;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The short fuzz run of CI ({@code -Dhermes.fuzz-requests}, 3,000 by default; {@code ./hermes fuzz}
 * runs 100,000): the hub keeps its error contract and explains every row it wrote.
 */
@ExtendWith(SharedWorld.class)
class FuzzIT {
  @Test
  void theHubKeepsItsContractUnderGeneratedRequests(World world) throws Exception {
    long requests = Long.getLong("hermes.fuzz-requests", 3000);
    FuzzReport report =
        new Fuzzer(world, new Fuzzer.Settings(requests, Duration.ofMinutes(10), 4, 13L, true))
            .run();
    System.out.print("FuzzIT: " + report.render());
    assertThat(report.sent.get()).isEqualTo(requests);
    for (Category c : Category.values()) {
      assertThat(report.byCategory.get(c).sum()).as("%s requests", c).isPositive();
    }
    assertThat(report.crashes).as("crashes").isEmpty();
    assertThat(report.stateProblems).as("state changed by no accepted request").isEmpty();
    assertThat(report.count(Oracle.Kind.VIOLATION)).as(report.render()).isZero();
  }
}
