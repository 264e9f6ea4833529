package network.hermes.chaintests.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Turns a correct request body into a wrong one: one change in its JSON tree or its text, bytes
 * flipped, cut or inserted; and bodies from nothing (random JSON, noise, nesting, size). Each
 * result names what was done, for the report.
 */
final class Mutations {
  static final ObjectMapper JSON = new ObjectMapper();
  static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  static final BigInteger TWO_256 = BigInteger.ONE.shiftLeft(256);

  private final SplittableRandom random;

  Mutations(SplittableRandom random) {
    this.random = random;
  }

  /** A mutated body and what was done. */
  record Mutant(String what, byte[] body) {}

  /** A slot of the tree: a container and a field name or index. */
  private record Slot(JsonNode container, String field, int index) {
    JsonNode get() {
      return field != null ? container.get(field) : container.get(index);
    }

    void set(JsonNode value) {
      if (field != null) {
        ((ObjectNode) container).set(field, value);
      } else {
        ((ArrayNode) container).set(index, value);
      }
    }

    void remove() {
      if (field != null) {
        ((ObjectNode) container).remove(field);
      } else {
        ((ArrayNode) container).remove(index);
      }
    }
  }

  /** One change in the JSON tree or text of a JSON body. */
  Mutant json(byte[] body) {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (IOException e) {
      return bytes(body);
    }
    if (random.nextInt(10) < 2) {
      return text(new String(body, StandardCharsets.UTF_8));
    }
    List<Slot> slots = new ArrayList<>();
    collect(root, slots);
    if (slots.isEmpty()) {
      return bytes(body);
    }
    Slot slot = slots.get(random.nextInt(slots.size()));
    JsonNode old = slot.get();
    String name = slot.field != null ? slot.field : "[" + slot.index + "]";
    String what;
    switch (random.nextInt(9)) {
      case 0 -> {
        slot.remove();
        what = "remove " + name;
      }
      case 1 -> {
        slot.set(NODES.nullNode());
        what = "null " + name;
      }
      case 2 -> {
        JsonNode v = otherType(old);
        slot.set(v);
        what = "retype " + name + " to " + v.getNodeType();
      }
      case 3 -> {
        String n = edgeNumber();
        slot.set(NODES.textNode("@@NUMBER@@"));
        return new Mutant(
            "number " + name + " = " + abbreviate(n),
            root.toString().replace("\"@@NUMBER@@\"", n).getBytes(StandardCharsets.UTF_8));
      }
      case 4 -> {
        JsonNode v = mutateValue(old);
        slot.set(v);
        what = "change " + name;
      }
      case 5 -> {
        if (slot.container instanceof ObjectNode o) {
          o.set(randomKey(), randomLeaf());
          what = "add field beside " + name;
        } else {
          ((ArrayNode) slot.container).add(randomLeaf());
          what = "add element beside " + name;
        }
      }
      case 6 -> {
        ArrayNode wrap = NODES.arrayNode();
        wrap.add(old);
        slot.set(wrap);
        what = "wrap " + name + " in an array";
      }
      case 7 -> {
        if (slot.field != null) {
          ObjectNode o = (ObjectNode) slot.container;
          o.remove(slot.field);
          o.set(changeCase(slot.field), old);
          what = "rename " + name;
        } else {
          return nested(root, slot, old, name);
        }
      }
      default -> {
        return nested(root, slot, old, name);
      }
    }
    return new Mutant(what, root.toString().getBytes(StandardCharsets.UTF_8));
  }

  private Mutant text(String s) {
    int at = s.length() <= 2 ? 0 : 1 + random.nextInt(s.length() - 2);
    return switch (random.nextInt(8)) {
      case 0 -> {
        int colon = s.indexOf("\":", at);
        int quote = colon < 0 ? -1 : s.lastIndexOf('"', colon - 1);
        if (quote < 0) {
          yield new Mutant("text: cut", cut(s, at));
        }
        // the same key twice, the second with another value
        String key = s.substring(quote, colon + 2);
        yield new Mutant(
            "text: duplicate key " + key,
            (s.substring(0, s.length() - 1) + "," + key + "1}").getBytes(StandardCharsets.UTF_8));
      }
      case 1 ->
          new Mutant(
              "text: trailing comma",
              (s.substring(0, s.length() - 1) + ",}").getBytes(StandardCharsets.UTF_8));
      case 2 -> new Mutant("text: comment", ("/* c */" + s).getBytes(StandardCharsets.UTF_8));
      case 3 ->
          new Mutant("text: single quotes", s.replace('"', '\'').getBytes(StandardCharsets.UTF_8));
      case 4 ->
          new Mutant(
              "text: NaN", s.replaceFirst(":(\\d+)", ":NaN").getBytes(StandardCharsets.UTF_8));
      case 5 -> new Mutant("text: two documents", (s + s).getBytes(StandardCharsets.UTF_8));
      case 6 ->
          new Mutant(
              "text: unquoted key",
              s.replaceFirst("\"([A-Za-z_]+)\":", "$1:").getBytes(StandardCharsets.UTF_8));
      default -> new Mutant("text: cut", cut(s, at));
    };
  }

  private static byte[] cut(String s, int at) {
    return s.substring(0, at).getBytes(StandardCharsets.UTF_8);
  }

  /** Bytes flipped, cut, inserted or repeated. */
  Mutant bytes(byte[] body) {
    byte[] b = body.clone();
    if (b.length == 0) {
      return new Mutant("bytes: noise", noise(1 + random.nextInt(64)));
    }
    int at = random.nextInt(b.length);
    return switch (random.nextInt(6)) {
      case 0 -> {
        int n = 1 + random.nextInt(4);
        for (int i = 0; i < n; i++) {
          b[random.nextInt(b.length)] ^= (byte) (1 << random.nextInt(8));
        }
        yield new Mutant("bytes: flip " + n + " bits", b);
      }
      case 1 -> new Mutant("bytes: cut at " + at, java.util.Arrays.copyOf(b, at));
      case 2 ->
          new Mutant(
              "bytes: insert noise",
              Http.concat(
                  java.util.Arrays.copyOf(b, at),
                  noise(1 + random.nextInt(16)),
                  java.util.Arrays.copyOfRange(b, at, b.length)));
      case 3 ->
          new Mutant(
              "bytes: invalid UTF-8",
              Http.concat(
                  java.util.Arrays.copyOf(b, at),
                  new byte[] {(byte) 0xc3, (byte) 0x28, (byte) 0xff},
                  java.util.Arrays.copyOfRange(b, at, b.length)));
      case 4 ->
          new Mutant(
              "bytes: NUL",
              Http.concat(
                  java.util.Arrays.copyOf(b, at),
                  new byte[] {0},
                  java.util.Arrays.copyOfRange(b, at, b.length)));
      default -> {
        int from = random.nextInt(b.length);
        int len = Math.min(b.length - from, 1 + random.nextInt(32));
        yield new Mutant(
            "bytes: repeat a chunk",
            Http.concat(b, java.util.Arrays.copyOfRange(b, from, from + len)));
      }
    };
  }

  /** A body from nothing. */
  Mutant random() {
    return switch (random.nextInt(10)) {
      case 0 -> new Mutant("random: empty", new byte[0]);
      case 1 -> new Mutant("random: whitespace", "  \n\t ".getBytes(StandardCharsets.UTF_8));
      case 2 -> new Mutant("random: noise", noise(1 + random.nextInt(512)));
      case 3 -> {
        int depth = 100 + random.nextInt(20_000);
        yield new Mutant(
            "random: " + depth + " nested arrays",
            ("[".repeat(depth) + "]".repeat(depth)).getBytes(StandardCharsets.UTF_8));
      }
      case 4 -> {
        int depth = 100 + random.nextInt(10_000);
        yield new Mutant(
            "random: " + depth + " nested objects",
            ("{\"a\":".repeat(depth) + "1" + "}".repeat(depth)).getBytes(StandardCharsets.UTF_8));
      }
      case 5 ->
          new Mutant(
              "random: oversized",
              ("{\"x\":\"" + "a".repeat(66_000 + random.nextInt(30_000)) + "\"}")
                  .getBytes(StandardCharsets.UTF_8));
      case 6 ->
          new Mutant(
              "random: huge number",
              ("{\"transactor_fee\":" + "9".repeat(1 + random.nextInt(20_000)) + "}")
                  .getBytes(StandardCharsets.UTF_8));
      case 7 ->
          new Mutant(
              "random: unterminated string",
              "{\"exchange_message\":\"".getBytes(StandardCharsets.UTF_8));
      default ->
          new Mutant("random: json", randomTree(0).toString().getBytes(StandardCharsets.UTF_8));
    };
  }

  private void collect(JsonNode node, List<Slot> out) {
    if (node.isObject()) {
      Iterator<String> names = node.fieldNames();
      List<String> list = new ArrayList<>();
      names.forEachRemaining(list::add);
      for (String f : list) {
        out.add(new Slot(node, f, -1));
        collect(node.get(f), out);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        out.add(new Slot(node, null, i));
        collect(node.get(i), out);
      }
    }
  }

  private JsonNode otherType(JsonNode old) {
    return switch (random.nextInt(5)) {
      case 0 -> old.isTextual() ? NODES.numberNode(12345) : NODES.textNode(old.toString());
      case 1 -> NODES.booleanNode(random.nextBoolean());
      case 2 -> NODES.arrayNode().add(old.deepCopy());
      case 3 -> NODES.objectNode().set("value", old.deepCopy());
      default ->
          old.isNumber() ? NODES.textNode(old.asText()) : NODES.numberNode(old.asText().length());
    };
  }

  private JsonNode mutateValue(JsonNode old) {
    if (old.isTextual()) {
      String s = old.asText();
      return NODES.textNode(
          switch (random.nextInt(9)) {
            case 0 -> "";
            case 1 -> s.isEmpty() ? "0" : s.substring(0, random.nextInt(s.length()));
            case 2 -> s + "00";
            case 3 -> s.startsWith("0x") ? s.substring(2) : "0x" + s;
            case 4 -> s.toUpperCase(java.util.Locale.ROOT);
            case 5 -> flipChar(s);
            case 6 -> s + "\u00e9\u0000\ud83d\ude00";
            case 7 -> s.repeat(1 + random.nextInt(50));
            default -> "0x" + "f".repeat(s.length());
          });
    }
    if (old.isNumber()) {
      BigInteger v = old.bigIntegerValue();
      return NODES.numberNode(
          switch (random.nextInt(5)) {
            case 0 -> v.add(BigInteger.ONE);
            case 1 -> v.subtract(BigInteger.ONE).max(BigInteger.ZERO);
            case 2 -> TWO_256.subtract(BigInteger.ONE);
            case 3 -> BigInteger.ZERO;
            default -> v.shiftLeft(1 + random.nextInt(200));
          });
    }
    return randomLeaf();
  }

  private String flipChar(String s) {
    if (s.isEmpty()) {
      return "x";
    }
    char[] c = s.toCharArray();
    int i = random.nextInt(c.length);
    c[i] = c[i] == 'a' ? 'b' : c[i] == '0' ? '1' : 'a';
    return new String(c);
  }

  private String edgeNumber() {
    return switch (random.nextInt(11)) {
      case 0 -> "-1";
      case 1 -> "0";
      case 2 -> TWO_256.subtract(BigInteger.ONE).toString();
      case 3 -> TWO_256.toString();
      case 4 -> "1.5";
      case 5 -> "1e30";
      case 6 -> "-0";
      case 7 -> "007";
      case 8 -> "9".repeat(1 + random.nextInt(3000));
      case 9 -> "1E400";
      default -> "0.0000000001";
    };
  }

  private String changeCase(String field) {
    return random.nextBoolean()
        ? field.toUpperCase(java.util.Locale.ROOT)
        : field.toLowerCase(java.util.Locale.ROOT)
            + (field.equals(field.toLowerCase(java.util.Locale.ROOT)) ? "_" : "");
  }

  /** The value at the slot inside many arrays, written as text (JSON writers limit depth). */
  private Mutant nested(JsonNode root, Slot slot, JsonNode old, String name) {
    int depth = 20 + random.nextInt(3000);
    slot.set(NODES.textNode("@@NESTED@@"));
    String text =
        root.toString().replace("\"@@NESTED@@\"", "[".repeat(depth) + old + "]".repeat(depth));
    return new Mutant(
        "nest " + name + " " + depth + " deep", text.getBytes(StandardCharsets.UTF_8));
  }

  private String randomKey() {
    String[] keys = {
      "R", "Amount", "exchange_message", "__proto__", "", "Signature", "x".repeat(300)
    };
    return keys[random.nextInt(keys.length)];
  }

  private JsonNode randomLeaf() {
    return switch (random.nextInt(6)) {
      case 0 -> NODES.nullNode();
      case 1 -> NODES.booleanNode(random.nextBoolean());
      case 2 -> NODES.numberNode(random.nextLong());
      case 3 ->
          NODES.textNode("0x" + java.util.HexFormat.of().formatHex(noise(random.nextInt(66))));
      case 4 -> NODES.numberNode(random.nextDouble());
      default -> NODES.textNode(new String(noise(random.nextInt(20)), StandardCharsets.ISO_8859_1));
    };
  }

  private JsonNode randomTree(int depth) {
    if (depth > 4 || random.nextInt(3) == 0) {
      return randomLeaf();
    }
    if (random.nextBoolean()) {
      ObjectNode o = NODES.objectNode();
      int n = random.nextInt(6);
      for (int i = 0; i < n; i++) {
        o.set(randomKey() + i, randomTree(depth + 1));
      }
      return o;
    }
    ArrayNode a = NODES.arrayNode();
    int n = random.nextInt(6);
    for (int i = 0; i < n; i++) {
      a.add(randomTree(depth + 1));
    }
    return a;
  }

  byte[] noise(int n) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) random.nextInt(256);
    }
    return b;
  }

  static String abbreviate(String s) {
    return s.length() > 24 ? s.substring(0, 12) + "..(" + s.length() + ")" : s;
  }
}
