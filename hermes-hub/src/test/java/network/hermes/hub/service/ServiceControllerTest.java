package network.hermes.hub.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServiceControllerTest {
  final List<String> events = new ArrayList<>();

  Service service(String name, boolean failStart, boolean failStop) {
    return new Service() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public void start() {
        events.add("start " + name);
        if (failStart) {
          throw new IllegalStateException(name + " cannot start");
        }
      }

      @Override
      public void stop() {
        events.add("stop " + name);
        if (failStop) {
          throw new IllegalStateException(name + " cannot stop");
        }
      }
    };
  }

  @Test
  void stopsInTheReverseOrderOfStartingOnceEvenWhenOneStopFails() throws Exception {
    ServiceController c = new ServiceController();
    c.start(service("db", false, false));
    c.start(service("pool", false, true));
    c.start(service("http", false, false));
    c.stop();
    c.stop();
    assertThat(events)
        .containsExactly(
            "start db", "start pool", "start http", "stop http", "stop pool", "stop db");
  }

  @Test
  void aServiceThatFailsToStartIsNotStoppedAndTheOnesBeforeItAre() throws Exception {
    ServiceController c = new ServiceController();
    c.start(service("db", false, false));
    assertThatThrownBy(() -> c.start(service("chain", true, false)))
        .hasMessageContaining("chain cannot start");
    c.stop();
    assertThat(events).containsExactly("start db", "start chain", "stop db");
  }

  @Test
  void nothingStartsOnceStopping() throws Exception {
    ServiceController c = new ServiceController();
    c.start(service("db", false, false));
    c.stop();
    assertThat(c.stopping()).isTrue();
    assertThatThrownBy(() -> c.start(service("late", false, false)))
        .isInstanceOf(IllegalStateException.class);
    assertThat(events).containsExactly("start db", "stop db");
  }
}
