package network.hermes.node.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import network.hermes.promise.message.ExchangeMessage;
import network.hermes.promise.message.Invoice;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.ChainId;
import network.hermes.promise.value.TokenAmount;
import network.hermes.promise.wire.MalformedWireException;
import network.hermes.promise.wire.WireJson;

/**
 * The session's control messages (CONTROL frames, JSON objects with a {@code type}); docs/node.md
 * lists them. Invoices and exchange messages use promise-lib's wire codecs. Big integers are JSON
 * numbers, read as {@link BigInteger}.
 */
public final class Control {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Control() {}

  /** A control message. */
  public sealed interface Message {}

  /** Provider to consumer, first: who it is, where it is paid, and its price. */
  public record Offer(Address provider, ChainId chainId, Address hermesId, Price price)
      implements Message {}

  /** Consumer to provider: the session it asks for, at the offered price. */
  public record Create(Address consumer, ChainId chainId, Address hermesId, Price price)
      implements Message {}

  /** Provider to consumer: the session is set up under this agreement. */
  public record Accepted(BigInteger agreementId) implements Message {}

  /** Provider to consumer: pay this. */
  public record InvoiceMessage(Invoice invoice) implements Message {}

  /** Consumer to provider: the payment of an invoice. */
  public record Payment(ExchangeMessage exchangeMessage) implements Message {}

  /** Provider to consumer: the payment checked out; the agreement total it paid. */
  public record PaymentAccepted(TokenAmount agreementTotal) implements Message {}

  /** Encodes a message. */
  public static byte[] encode(Message message) {
    ObjectNode node = JSON.createObjectNode();
    switch (message) {
      case Offer o -> {
        node.put("type", "offer");
        node.put("provider", o.provider().toHex());
        node.put("chain_id", o.chainId().value());
        node.put("hermes_id", o.hermesId().toHex());
        node.set("price", price(o.price()));
      }
      case Create c -> {
        node.put("type", "session_create");
        node.put("consumer", c.consumer().toHex());
        node.put("chain_id", c.chainId().value());
        node.put("hermes_id", c.hermesId().toHex());
        node.set("price", price(c.price()));
      }
      case Accepted a -> {
        node.put("type", "session_accepted");
        node.put("agreement_id", a.agreementId());
      }
      case InvoiceMessage i -> {
        node.put("type", "invoice");
        node.set("invoice", WireJson.invoiceNode(i.invoice()));
      }
      case Payment p -> {
        node.put("type", "exchange_message");
        node.set("exchange_message", WireJson.exchangeMessageTree(p.exchangeMessage()));
      }
      case PaymentAccepted a -> {
        node.put("type", "payment_accepted");
        node.put("agreement_total", a.agreementTotal().toBigInteger());
      }
    }
    return node.toString().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Decodes a message.
   *
   * @throws MalformedWireException naming the field that is wrong
   */
  public static Message decode(byte[] json) {
    JsonNode root = WireJson.parse(json);
    if (!root.isObject()) {
      throw new MalformedWireException("(root)", "expected a JSON object");
    }
    String type = text(root, "type");
    return switch (type) {
      case "offer" ->
          new Offer(
              address(root, "provider"),
              chain(root),
              address(root, "hermes_id"),
              price(root.get("price")));
      case "session_create" ->
          new Create(
              address(root, "consumer"),
              chain(root),
              address(root, "hermes_id"),
              price(root.get("price")));
      case "session_accepted" -> new Accepted(integer(root, "agreement_id"));
      case "invoice" ->
          new InvoiceMessage(WireJson.readInvoice(required(root, "invoice"), "invoice"));
      case "exchange_message" ->
          new Payment(
              WireJson.readExchangeMessage(required(root, "exchange_message"), "exchange_message"));
      case "payment_accepted" ->
          new PaymentAccepted(TokenAmount.of(integer(root, "agreement_total")));
      default -> throw new MalformedWireException("type", "unknown control message " + type);
    };
  }

  private static ObjectNode price(Price price) {
    ObjectNode node = JSON.createObjectNode();
    node.put("per_gib", price.perGib().toBigInteger());
    node.put("per_hour", price.perHour().toBigInteger());
    return node;
  }

  private static Price price(JsonNode node) {
    if (node == null || !node.isObject()) {
      throw new MalformedWireException("price", "expected an object");
    }
    return new Price(
        TokenAmount.of(integer(node, "per_gib")), TokenAmount.of(integer(node, "per_hour")));
  }

  private static JsonNode required(JsonNode node, String key) {
    JsonNode value = node.get(key);
    if (value == null || value.isNull()) {
      throw new MalformedWireException(key, "missing");
    }
    return value;
  }

  private static String text(JsonNode node, String key) {
    JsonNode value = required(node, key);
    if (!value.isTextual()) {
      throw new MalformedWireException(key, "expected a string");
    }
    return value.asText();
  }

  private static BigInteger integer(JsonNode node, String key) {
    JsonNode value = required(node, key);
    if (!value.isIntegralNumber() || value.bigIntegerValue().signum() < 0) {
      throw new MalformedWireException(key, "expected a non-negative integer");
    }
    return value.bigIntegerValue();
  }

  private static Address address(JsonNode node, String key) {
    try {
      return Address.fromHex(text(node, key));
    } catch (IllegalArgumentException e) {
      throw new MalformedWireException(key, e.getMessage());
    }
  }

  private static ChainId chain(JsonNode node) {
    try {
      return ChainId.of(integer(node, "chain_id").longValueExact());
    } catch (ArithmeticException | IllegalArgumentException e) {
      throw new MalformedWireException("chain_id", "expected a positive chain id");
    }
  }
}
