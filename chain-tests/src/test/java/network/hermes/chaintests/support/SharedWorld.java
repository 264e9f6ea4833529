package network.hermes.chaintests.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One {@link World} for every test class of a run that asks for it (a parameter of type World):
 * started by the first, closed when the run ends. The classes use their own identities, so they
 * share the network without seeing each other; faults they cause are repaired before they return.
 */
public final class SharedWorld implements ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(SharedWorld.class);

  /** The hub settings of the shared world, on top of testkit's. */
  public static final Map<String, String> SETTINGS = Map.of();

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == World.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return context
        .getRoot()
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(World.class, k -> start(), World.class);
  }

  private static World start() {
    try {
      return World.start(SETTINGS);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
