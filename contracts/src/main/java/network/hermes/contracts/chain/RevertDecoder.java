package network.hermes.contracts.chain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Type;
import org.web3j.utils.Numeric;

/** Names a revert: a custom error of our contracts with its arguments, Error(string) or a panic. */
public final class RevertDecoder {
  private static final String ERROR_STRING = "0x08c379a0";
  private static final String PANIC = "0x4e487b71";
  private static final Map<String, ErrorAbi> ERRORS = load();

  private record ErrorAbi(String name, List<String> names, List<String> types) {}

  private RevertDecoder() {}

  /**
   * Decodes revert data given as hex.
   *
   * @return e.g. {@code Registry__HermesNotActive(hermesId=0xab…)}, {@code Error("…")}, or the raw
   *     hex when the selector is unknown; null when there is no data
   */
  public static String decode(String revertHex) {
    if (revertHex == null || revertHex.length() < 10) {
      return null;
    }
    String hex = revertHex.startsWith("0x") ? revertHex : "0x" + revertHex;
    String selector = hex.substring(0, 10).toLowerCase();
    String args = "0x" + hex.substring(10);
    try {
      if (selector.equals(ERROR_STRING)) {
        return "Error(\"" + decodeArgs(args, List.of("string")).getFirst().getValue() + "\")";
      }
      if (selector.equals(PANIC)) {
        return "Panic(" + decodeArgs(args, List.of("uint256")).getFirst().getValue() + ")";
      }
      ErrorAbi error = ERRORS.get(selector);
      if (error == null) {
        return hex;
      }
      List<Type<?>> values = decodeArgs(args, error.types());
      List<String> rendered = new ArrayList<>();
      for (int i = 0; i < values.size(); i++) {
        rendered.add(error.names().get(i) + "=" + render(values.get(i)));
      }
      return error.name() + "(" + String.join(", ", rendered) + ")";
    } catch (RuntimeException | ClassNotFoundException e) {
      return hex;
    }
  }

  private static String render(Type<?> value) {
    Object v = value.getValue();
    return v instanceof byte[] bytes ? Numeric.toHexString(bytes) : String.valueOf(v);
  }

  @SuppressWarnings({"rawtypes", "unchecked"})
  private static List<Type<?>> decodeArgs(String args, List<String> types)
      throws ClassNotFoundException {
    List<TypeReference<Type>> refs = new ArrayList<>();
    for (String type : types) {
      refs.add(TypeReference.makeTypeReference(type));
    }
    List<Type<?>> decoded = new ArrayList<>();
    for (Type<?> value : FunctionReturnDecoder.decode(args, refs)) {
      decoded.add(value);
    }
    return decoded;
  }

  private static Map<String, ErrorAbi> load() {
    try (InputStream in = RevertDecoder.class.getResourceAsStream("contract-errors.json")) {
      if (in == null) {
        return Map.of();
      }
      Map<String, ErrorAbi> errors = new HashMap<>();
      JsonNode root = new ObjectMapper().readTree(in);
      root.properties()
          .forEach(
              e -> {
                List<String> names = new ArrayList<>();
                List<String> types = new ArrayList<>();
                for (JsonNode input : e.getValue().path("inputs")) {
                  names.add(input.path("name").asText());
                  types.add(input.path("type").asText());
                }
                errors.put(
                    e.getKey(), new ErrorAbi(e.getValue().path("name").asText(), names, types));
              });
      return Map.copyOf(errors);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the contract error table", e);
    }
  }
}
