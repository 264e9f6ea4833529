package network.hermes.hub.service;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SIGTERM and SIGINT handled by the hub itself, not by JVM shutdown hooks: hooks run all at once,
 * so the embedded PostgreSQL's own hook (which cannot be removed) would stop the database while
 * requests are still finishing. A handled signal runs the hub's ordered stop first; the JVM exits
 * afterwards. Uses {@code sun.misc.Signal} (jdk.unsupported, kept for this purpose) reflectively,
 * so the build stays free of its compiler warning; without it, the caller falls back to a hook.
 */
public final class Signals {
  private static final Logger LOG = LoggerFactory.getLogger(Signals.class);
  private static final List<String> TERMINATING = List.of("TERM", "INT");

  private Signals() {}

  /**
   * Runs {@code stop} on a thread of its own when the process is asked to terminate (SIGTERM,
   * Ctrl-C), instead of the JVM's default of exiting at once.
   *
   * @return whether the signals are handled; false when this JVM offers no way
   */
  public static boolean onTerminate(Runnable stop) {
    try {
      Class<?> signalType = Class.forName("sun.misc.Signal");
      Class<?> handlerType = Class.forName("sun.misc.SignalHandler");
      InvocationHandler call =
          (proxy, method, args) -> {
            if (method.getName().equals("handle")) {
              LOG.info("{} received: stopping", args[0]);
              Thread t = new Thread(stop, "hub-stop");
              t.start();
              return null;
            }
            return switch (method.getName()) {
              case "hashCode" -> System.identityHashCode(proxy);
              case "equals" -> proxy == args[0];
              default -> "hub stop handler";
            };
          };
      Object handler =
          Proxy.newProxyInstance(
              Signals.class.getClassLoader(), new Class<?>[] {handlerType}, call);
      for (String name : TERMINATING) {
        Object signal = signalType.getConstructor(String.class).newInstance(name);
        signalType.getMethod("handle", signalType, handlerType).invoke(null, signal, handler);
      }
      return true;
    } catch (ReflectiveOperationException | RuntimeException e) {
      LOG.warn(
          "cannot handle SIGTERM/SIGINT here ({}); stopping from a shutdown hook", e.toString());
      return false;
    }
  }
}
