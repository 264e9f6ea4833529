package network.hermes.promise.wire;

import static network.hermes.promise.wire.JsonReader.address;
import static network.hermes.promise.wire.JsonReader.amount;
import static network.hermes.promise.wire.JsonReader.base64;
import static network.hermes.promise.wire.JsonReader.base64Bytes32;
import static network.hermes.promise.wire.JsonReader.chainId;
import static network.hermes.promise.wire.JsonReader.channelId;
import static network.hermes.promise.wire.JsonReader.hex;
import static network.hermes.promise.wire.JsonReader.hexBytes32;
import static network.hermes.promise.wire.JsonReader.hexSignature;
import static network.hermes.promise.wire.JsonReader.object;
import static network.hermes.promise.wire.JsonReader.opaqueHex;
import static network.hermes.promise.wire.JsonReader.optional;
import static network.hermes.promise.wire.JsonReader.optionalAddress;
import static network.hermes.promise.wire.JsonReader.path;
import static network.hermes.promise.wire.JsonReader.required;
import static network.hermes.promise.wire.JsonReader.text;
import static network.hermes.promise.wire.JsonReader.uint256;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import network.hermes.promise.message.ExchangeMessage;
import network.hermes.promise.message.Invoice;
import network.hermes.promise.message.Promise;
import network.hermes.promise.value.Bytes32;
import network.hermes.promise.value.ChainId;
import network.hermes.promise.value.Hex;
import network.hermes.promise.value.Signature;

/**
 * Reads and writes every JSON shape of the hub API exactly as upstream nodes send and expect it.
 *
 * <p>Rules: integers (amounts, fees, agreement ids) are JSON numbers read as {@link BigInteger},
 * never through a double; a fraction, exponent, negative value, string or value above {@code
 * 2^256-1} is rejected. Promise and exchange message keys are PascalCase; request wrappers are
 * snake_case. In Promise JSON byte fields are standard padded base64; the exchange message
 * signature is hex without {@code 0x} (an {@code 0x} is accepted); the {@code data/*} and {@code
 * sync_promise} shapes use hex. Duplicate keys and trailing content are rejected; unknown keys are
 * ignored; keys may come in any order. Output keys follow upstream order.
 *
 * <p>Every read method throws {@link MalformedWireException}, whose message names the field.
 */
public final class WireJson {
  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
          .disable(JsonReadFeature.ALLOW_LEADING_ZEROS_FOR_NUMBERS)
          .build();

  private WireJson() {}

  /**
   * Parses JSON text into a tree with this codec's strict settings (for callers that inspect the
   * keys before choosing a reader).
   *
   * @param json the JSON text
   * @return the tree
   * @throws MalformedWireException if the text is not a single valid JSON value
   */
  public static JsonNode parse(String json) {
    if (json == null) {
      throw new MalformedWireException(JsonReader.ROOT, "no input");
    }
    return parse(json.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Parses UTF-8 JSON bytes into a tree with this codec's strict settings.
   *
   * @param json the JSON bytes
   * @return the tree
   * @throws MalformedWireException if the bytes are not a single valid JSON value
   */
  public static JsonNode parse(byte[] json) {
    if (json == null) {
      throw new MalformedWireException(JsonReader.ROOT, "no input");
    }
    try {
      JsonNode node = MAPPER.readTree(json);
      if (node == null || node.isMissingNode()) {
        throw new MalformedWireException(JsonReader.ROOT, "empty input");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new MalformedWireException(
          JsonReader.ROOT, "not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new MalformedWireException(JsonReader.ROOT, "unreadable: " + e.getMessage());
    }
  }

  // ---- Promise (PascalCase, base64 bytes) ----

  /**
   * Reads Promise JSON: {@code {"ChannelID":b64,"ChainID":n,"Amount":n,"Fee":n,"Hashlock":b64,
   * "R":b64|null|"","Signature":b64}}. A 20-byte ChannelID is left-padded to 32.
   *
   * @param json the JSON text
   * @return the promise
   * @throws MalformedWireException if the JSON or a field is malformed
   */
  public static Promise readPromise(String json) {
    return promise(parse(json), "");
  }

  /**
   * Reads Promise JSON from UTF-8 bytes, see {@link #readPromise(String)}.
   *
   * @param json the JSON bytes
   * @return the promise
   * @throws MalformedWireException if the JSON or a field is malformed
   */
  public static Promise readPromise(byte[] json) {
    return promise(parse(json), "");
  }

  /**
   * Writes Promise JSON, with a 32-byte ChannelID and {@code "R":null} when R is absent.
   *
   * @param promise the promise
   * @return compact JSON text
   */
  public static String writePromise(Promise promise) {
    return write(promiseNode(promise));
  }

  // ---- Exchange message ----

  /**
   * Reads exchange message JSON: {@code {"Promise":{…},"AgreementID":n,"AgreementTotal":n,
   * "Provider":"0x…","Signature":"<hex>","HermesID":"0x…"|"","ChainID":n}}. An empty or absent
   * HermesID gives the legacy form.
   *
   * @param json the JSON text
   * @return the exchange message
   * @throws MalformedWireException if the JSON or a field is malformed
   */
  public static ExchangeMessage readExchangeMessage(String json) {
    return exchangeMessage(parse(json), "");
  }

  /**
   * Reads exchange message JSON from UTF-8 bytes, see {@link #readExchangeMessage(String)}.
   *
   * @param json the JSON bytes
   * @return the exchange message
   * @throws MalformedWireException if the JSON or a field is malformed
   */
  public static ExchangeMessage readExchangeMessage(byte[] json) {
    return exchangeMessage(parse(json), "");
  }

  /**
   * Writes exchange message JSON (signature as hex without {@code 0x}; HermesID {@code ""} when
   * absent).
   *
   * @param message the exchange message
   * @return compact JSON text
   */
  public static String writeExchangeMessage(ExchangeMessage message) {
    return write(exchangeMessageNode(message));
  }

  /**
   * Reads an exchange message from an already parsed tree.
   *
   * @param node the tree
   * @param path the path of the node, for error messages ({@code ""} at the root)
   * @return the exchange message
   * @throws MalformedWireException if a field is malformed
   */
  public static ExchangeMessage readExchangeMessage(JsonNode node, String path) {
    return exchangeMessage(node, path);
  }

  /**
   * Reads a promise from an already parsed tree.
   *
   * @param node the tree
   * @param path the path of the node, for error messages ({@code ""} at the root)
   * @return the promise
   * @throws MalformedWireException if a field is malformed
   */
  public static Promise readPromise(JsonNode node, String path) {
    return promise(node, path);
  }

  // ---- invoice ----

  /**
   * Reads invoice JSON, the shape of upstream's invoice with its field names: {@code
   * {"AgreementID":n,"AgreementTotal":n,"TransactorFee":n,"Hashlock":"<64 hex>","Provider":"0x…",
   * "ChainID":n}}; the hashlock may carry {@code 0x}.
   *
   * @param json the JSON bytes
   * @return the invoice
   * @throws MalformedWireException if the JSON or a field is malformed
   */
  public static Invoice readInvoice(byte[] json) {
    return readInvoice(parse(json), "");
  }

  /**
   * Reads an invoice from an already parsed tree, see {@link #readInvoice(byte[])}.
   *
   * @param node the tree
   * @param path the path of the node, for error messages ({@code ""} at the root)
   * @return the invoice
   * @throws MalformedWireException if a field is malformed
   */
  public static Invoice readInvoice(JsonNode node, String path) {
    object(node, path);
    return new Invoice(
        uint256(node, "AgreementID", path),
        amount(node, "AgreementTotal", path),
        amount(node, "TransactorFee", path),
        hexBytes32(node, "Hashlock", path),
        address(node, "Provider", path),
        chainId(node, "ChainID", path));
  }

  /**
   * Writes invoice JSON: big integers as numbers, the hashlock as 64 hex digits without {@code 0x}.
   *
   * @param invoice the invoice
   * @return compact JSON text
   */
  public static String writeInvoice(Invoice invoice) {
    return write(invoiceNode(invoice));
  }

  /**
   * The invoice as a tree, to embed in a larger message.
   *
   * @param invoice the invoice
   * @return a fresh object node
   */
  public static ObjectNode invoiceNode(Invoice invoice) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("AgreementID", invoice.agreementId());
    node.put("AgreementTotal", invoice.agreementTotal().toBigInteger());
    node.put("TransactorFee", invoice.transactorFee().toBigInteger());
    node.put("Hashlock", invoice.hashlockHex());
    node.put("Provider", invoice.provider().toHex());
    node.put("ChainID", invoice.chainId().value());
    return node;
  }

  /**
   * The exchange message as a tree, to embed in a larger message.
   *
   * @param message the exchange message
   * @return a fresh object node
   */
  public static ObjectNode exchangeMessageTree(ExchangeMessage message) {
    return exchangeMessageNode(message);
  }

  // ---- request_promise / pay_and_settle ----

  /**
   * Reads a {@code request_promise} (or {@code pay_and_settle}) body.
   *
   * @param json the JSON bytes
   * @return the request
   * @throws MalformedWireException if the JSON or a field is malformed
   */
  public static RequestPromiseRequest readRequestPromise(byte[] json) {
    JsonNode root = object(parse(json), "");
    ExchangeMessage message =
        exchangeMessage(required(root, "exchange_message", ""), "exchange_message");
    return new RequestPromiseRequest(
        message, amount(root, "transactor_fee", ""), opaqueHex(root, "r_recovery_data", ""));
  }

  /**
   * Reads a {@code request_promise} body from text, see {@link #readRequestPromise(byte[])}.
   *
   * @param json the JSON text
   * @return the request
   * @throws MalformedWireException if the JSON or a field is malformed
   */
  public static RequestPromiseRequest readRequestPromise(String json) {
    return readRequestPromise(utf8(json));
  }

  /**
   * Writes a {@code request_promise} body.
   *
   * @param request the request
   * @return compact JSON text
   */
  public static String writeRequestPromise(RequestPromiseRequest request) {
    ObjectNode node = MAPPER.createObjectNode();
    node.set("exchange_message", exchangeMessageNode(request.exchangeMessage()));
    node.put("transactor_fee", request.transactorFee().toBigInteger());
    node.put("r_recovery_data", request.rRecoveryData());
    return write(node);
  }

  // ---- reveal_r ----

  /**
   * Reads a {@code reveal_r} body. R is hex with or without {@code 0x}; AgreementID may be null.
   *
   * @param json the JSON bytes
   * @return the request
   * @throws MalformedWireException if the JSON or a field is malformed
   */
  public static RevealRequest readReveal(byte[] json) {
    JsonNode root = object(parse(json), "");
    JsonNode agreement = optional(root, "AgreementID");
    return new RevealRequest(
        hexBytes32(root, "R", ""),
        address(root, "Provider", ""),
        agreement == null ? null : uint256(agreement, "AgreementID"));
  }

  /**
   * Reads a {@code reveal_r} body from text, see {@link #readReveal(byte[])}.
   *
   * @param json the JSON text
   * @return the request
   * @throws MalformedWireException if the JSON or a field is malformed
   */
  public static RevealRequest readReveal(String json) {
    return readReveal(utf8(json));
  }

  /**
   * Writes a {@code reveal_r} body: R as 64 lowercase hex digits without {@code 0x}.
   *
   * @param request the request
   * @return compact JSON text
   */
  public static String writeReveal(RevealRequest request) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("R", request.r().toHexNoPrefix());
    node.put("Provider", request.provider().toHex());
    if (request.agreementId() == null) {
      node.putNull("AgreementID");
    } else {
      node.put("AgreementID", request.agreementId());
    }
    return write(node);
  }

  // ---- change_promise_fee ----

  /**
   * Reads a {@code change_promise_fee} body.
   *
   * @param json the JSON bytes
   * @return the request
   * @throws MalformedWireException if the JSON or a field is malformed
   */
  public static ChangePromiseFeeRequest readChangePromiseFee(byte[] json) {
    JsonNode root = object(parse(json), "");
    return new ChangePromiseFeeRequest(
        promise(required(root, "hermes_promise", ""), "hermes_promise"),
        amount(root, "new_fee", ""));
  }

  /**
   * Reads a {@code change_promise_fee} body from text.
   *
   * @param json the JSON text
   * @return the request
   * @throws MalformedWireException if the JSON or a field is malformed
   */
  public static ChangePromiseFeeRequest readChangePromiseFee(String json) {
    return readChangePromiseFee(utf8(json));
  }

  /**
   * Writes a {@code change_promise_fee} body.
   *
   * @param request the request
   * @return compact JSON text
   */
  public static String writeChangePromiseFee(ChangePromiseFeeRequest request) {
    ObjectNode node = MAPPER.createObjectNode();
    node.set("hermes_promise", promiseNode(request.hermesPromise()));
    node.put("new_fee", request.newFee().toBigInteger());
    return write(node);
  }

  // ---- provider/sync_promise ----

  /**
   * Reads a {@code provider/sync_promise} body (hex fields, {@code 0x} optional).
   *
   * @param json the JSON bytes
   * @return the request
   * @throws MalformedWireException if the JSON or a field is malformed
   */
  public static SyncPromiseRequest readSyncPromise(byte[] json) {
    JsonNode root = object(parse(json), "");
    return new SyncPromiseRequest(
        channelId(hex(root, "channel_id", ""), "channel_id"),
        chainId(root, "chain_id", ""),
        amount(root, "amount", ""),
        amount(root, "fee", ""),
        hexBytes32(root, "hashlock", ""),
        hexSignature(root, "signature", ""));
  }

  /**
   * Reads a {@code provider/sync_promise} body from text.
   *
   * @param json the JSON text
   * @return the request
   * @throws MalformedWireException if the JSON or a field is malformed
   */
  public static SyncPromiseRequest readSyncPromise(String json) {
    return readSyncPromise(utf8(json));
  }

  /**
   * Writes a {@code provider/sync_promise} body, hex without {@code 0x}.
   *
   * @param request the request
   * @return compact JSON text
   */
  public static String writeSyncPromise(SyncPromiseRequest request) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("channel_id", request.channelId().toHexNoPrefix());
    node.put("chain_id", request.chainId().value());
    node.put("amount", request.amount().toBigInteger());
    node.put("fee", request.fee().toBigInteger());
    node.put("hashlock", request.hashlock().toHexNoPrefix());
    node.put("signature", request.signature().toHexNoPrefix());
    return write(node);
  }

  // ---- refresh_promise ----

  /**
   * Reads a {@code refresh_promise} body.
   *
   * @param json the JSON bytes
   * @return the request
   * @throws MalformedWireException if the JSON or a field is malformed
   */
  public static RefreshPromiseRequest readRefreshPromise(byte[] json) {
    JsonNode root = object(parse(json), "");
    return new RefreshPromiseRequest(
        chainId(root, "chain_id", ""),
        address(root, "identity", ""),
        hexBytes32(root, "hashlock", ""),
        opaqueHex(root, "r_recovery_data", ""));
  }

  /**
   * Reads a {@code refresh_promise} body from text.
   *
   * @param json the JSON text
   * @return the request
   * @throws MalformedWireException if the JSON or a field is malformed
   */
  public static RefreshPromiseRequest readRefreshPromise(String json) {
    return readRefreshPromise(utf8(json));
  }

  /**
   * Writes a {@code refresh_promise} body.
   *
   * @param request the request
   * @return compact JSON text
   */
  public static String writeRefreshPromise(RefreshPromiseRequest request) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("chain_id", request.chainId().value());
    node.put("identity", request.identity().toHex());
    node.put("hashlock", request.hashlock().toHexNoPrefix());
    node.put("r_recovery_data", request.rRecoveryData());
    return write(node);
  }

  // ---- data/consumer, data/provider ----

  /**
   * Reads a {@code data/consumer/{id}} or {@code data/provider/{id}} response: an object keyed by
   * chain id as a string.
   *
   * @param json the JSON bytes
   * @return the entries in document order
   * @throws MalformedWireException if the JSON or a field is malformed
   */
  public static Map<ChainId, ChannelData> readChannelData(byte[] json) {
    JsonNode root = object(parse(json), "");
    Map<ChainId, ChannelData> out = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> fields = root.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> entry = fields.next();
      ChainId chain;
      try {
        chain = ChainId.of(Long.parseLong(entry.getKey()));
      } catch (IllegalArgumentException e) {
        throw new MalformedWireException(entry.getKey(), "key must be a positive chain id");
      }
      out.put(chain, channelData(entry.getValue(), entry.getKey()));
    }
    return Collections.unmodifiableMap(out);
  }

  /**
   * Reads a {@code data/*} response from text.
   *
   * @param json the JSON text
   * @return the entries in document order
   * @throws MalformedWireException if the JSON or a field is malformed
   */
  public static Map<ChainId, ChannelData> readChannelData(String json) {
    return readChannelData(utf8(json));
  }

  /**
   * Writes a {@code data/*} response.
   *
   * @param data entries by chain id
   * @return compact JSON text
   */
  public static String writeChannelData(Map<ChainId, ChannelData> data) {
    ObjectNode root = MAPPER.createObjectNode();
    data.forEach((chain, entry) -> root.set(chain.toString(), channelDataNode(entry)));
    return write(root);
  }

  // ---- error body ----

  /**
   * Reads an error body {@code {"cause","message","data"?}}.
   *
   * @param json the JSON bytes
   * @return the error
   * @throws MalformedWireException if the JSON or a field is malformed
   */
  public static ErrorBody readError(byte[] json) {
    JsonNode root = object(parse(json), "");
    JsonNode message = optional(root, "message");
    JsonNode data = optional(root, "data");
    if (message != null && !message.isTextual()) {
      throw new MalformedWireException("message", "expected a string");
    }
    if (data != null && !data.isTextual()) {
      throw new MalformedWireException("data", "expected a string");
    }
    return new ErrorBody(
        text(root, "cause", ""),
        message == null ? "" : message.asText(),
        data == null ? null : data.asText());
  }

  /**
   * Reads an error body from text.
   *
   * @param json the JSON text
   * @return the error
   * @throws MalformedWireException if the JSON or a field is malformed
   */
  public static ErrorBody readError(String json) {
    return readError(utf8(json));
  }

  /**
   * Writes an error body, omitting {@code data} when null.
   *
   * @param error the error
   * @return compact JSON text
   */
  public static String writeError(ErrorBody error) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("cause", error.cause());
    node.put("message", error.message());
    if (error.data() != null) {
      node.put("data", error.data());
    }
    return write(node);
  }

  // ---- shapes ----

  private static Promise promise(JsonNode node, String path) {
    object(node, path);
    Bytes32 channel = channelId(base64(node, "ChannelID", path), path(path, "ChannelID"));
    ChainId chain = chainId(node, "ChainID", path);
    var amount = amount(node, "Amount", path);
    var fee = amount(node, "Fee", path);
    Bytes32 hashlock = base64Bytes32(node, "Hashlock", path);
    Bytes32 r = null;
    JsonNode rNode = optional(node, "R");
    if (rNode != null && !(rNode.isTextual() && rNode.asText().isEmpty())) {
      r = base64Bytes32(node, "R", path);
    }
    byte[] signature = base64(node, "Signature", path);
    if (signature.length != Signature.SIZE) {
      throw new MalformedWireException(
          path(path, "Signature"), "expected 65 bytes, got " + signature.length);
    }
    return new Promise(chain, channel, amount, fee, hashlock, r, Signature.of(signature));
  }

  private static ExchangeMessage exchangeMessage(JsonNode node, String path) {
    object(node, path);
    Promise promise = promise(required(node, "Promise", path), path(path, "Promise"));
    BigInteger agreementId = uint256(node, "AgreementID", path);
    var agreementTotal = amount(node, "AgreementTotal", path);
    var provider = address(node, "Provider", path);
    Signature signature = hexSignature(node, "Signature", path);
    var hermesId = optionalAddress(node, "HermesID", path);
    ChainId chain = chainId(node, "ChainID", path);
    return new ExchangeMessage(
        promise, agreementId, agreementTotal, provider, hermesId, chain, signature);
  }

  private static ChannelData channelData(JsonNode node, String path) {
    object(node, path);
    byte[] channel = hex(node, "ChannelID", path);
    if (channel.length != 20 && channel.length != 32) {
      throw new MalformedWireException(
          path(path, "ChannelID"), "expected 20 or 32 bytes, got " + channel.length);
    }
    JsonNode latest = optional(node, "LatestPromise");
    JsonNode offchain = required(node, "IsOffchain", path);
    if (!offchain.isBoolean()) {
      throw new MalformedWireException(path(path, "IsOffchain"), "expected true or false");
    }
    return new ChannelData(
        address(node, "Identity", path),
        address(node, "Beneficiary", path),
        Hex.encodePrefixed(channel),
        amount(node, "Balance", path),
        amount(node, "Settled", path),
        amount(node, "Stake", path),
        latest == null || isPlaceholder(latest)
            ? null
            : latestPromise(latest, path(path, "LatestPromise")),
        time(node, "LatestSettlement", path),
        offchain.booleanValue());
  }

  /**
   * Upstream's "no promise yet": a LatestPromise object with zero amounts and an empty signature
   * ({@code "0x"} or {@code ""}), which reads as no latest promise.
   */
  private static boolean isPlaceholder(JsonNode latest) {
    JsonNode signature = latest.isObject() ? optional(latest, "Signature") : null;
    return signature != null
        && signature.isTextual()
        && (signature.asText().isEmpty() || signature.asText().equals("0x"));
  }

  private static Promise latestPromise(JsonNode node, String path) {
    object(node, path);
    return new Promise(
        chainId(node, "ChainID", path),
        channelId(hex(node, "ChannelID", path), path(path, "ChannelID")),
        amount(node, "Amount", path),
        amount(node, "Fee", path),
        hexBytes32(node, "Hashlock", path),
        null,
        hexSignature(node, "Signature", path));
  }

  private static Instant time(JsonNode node, String key, String path) {
    String text = text(node, key, path);
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      throw new MalformedWireException(path(path, key), "expected an RFC 3339 time");
    }
  }

  static ObjectNode promiseNode(Promise promise) {
    return promiseNode(
        promise.channelId().toBytes(),
        promise.chainId().value(),
        promise.amount().toBigInteger(),
        promise.fee().toBigInteger(),
        promise.hashlock().toBytes(),
        promise.r() == null ? null : promise.r().toBytes(),
        promise.signature().toBytes());
  }

  /** The raw Promise shape, also for byte fields of any length (upstream test fixtures). */
  static ObjectNode promiseNode(
      byte[] channelId,
      long chainId,
      BigInteger amount,
      BigInteger fee,
      byte[] hashlock,
      byte[] r,
      byte[] signature) {
    Base64.Encoder b64 = Base64.getEncoder();
    ObjectNode node = MAPPER.createObjectNode();
    node.put("ChannelID", b64.encodeToString(channelId));
    node.put("ChainID", chainId);
    node.put("Amount", amount);
    node.put("Fee", fee);
    node.put("Hashlock", b64.encodeToString(hashlock));
    if (r == null) {
      node.putNull("R");
    } else {
      node.put("R", b64.encodeToString(r));
    }
    node.put("Signature", b64.encodeToString(signature));
    return node;
  }

  private static ObjectNode exchangeMessageNode(ExchangeMessage message) {
    ObjectNode node = MAPPER.createObjectNode();
    node.set("Promise", promiseNode(message.promise()));
    node.put("AgreementID", message.agreementId());
    node.put("AgreementTotal", message.agreementTotal().toBigInteger());
    node.put("Provider", message.provider().toHex());
    node.put("Signature", message.signature().toHexNoPrefix());
    node.put("HermesID", message.hermesId() == null ? "" : message.hermesId().toHex());
    node.put("ChainID", message.chainId().value());
    return node;
  }

  private static ObjectNode channelDataNode(ChannelData data) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("Identity", data.identity().toHex());
    node.put("Beneficiary", data.beneficiary().toHex());
    node.put("ChannelID", data.channelId());
    node.put("Balance", data.balance().toBigInteger());
    node.put("Settled", data.settled().toBigInteger());
    node.put("Stake", data.stake().toBigInteger());
    Promise latest = data.latestPromise();
    if (latest == null) {
      node.putNull("LatestPromise");
    } else {
      ObjectNode p = node.putObject("LatestPromise");
      p.put("ChainID", latest.chainId().value());
      p.put("ChannelID", latest.channelId().toHex());
      p.put("Amount", latest.amount().toBigInteger());
      p.put("Fee", latest.fee().toBigInteger());
      p.put("Hashlock", latest.hashlock().toHex());
      p.put("Signature", latest.signature().toHex());
    }
    node.put("LatestSettlement", data.latestSettlement().toString());
    node.put("IsOffchain", data.isOffchain());
    return node;
  }

  static String write(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }

  private static byte[] utf8(String json) {
    if (json == null) {
      throw new MalformedWireException(JsonReader.ROOT, "no input");
    }
    return json.getBytes(StandardCharsets.UTF_8);
  }
}
