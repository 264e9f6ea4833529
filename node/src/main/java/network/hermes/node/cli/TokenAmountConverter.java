package network.hermes.node.cli;

import network.hermes.promise.value.TokenAmount;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads a wei amount option: a non-negative integer, exactly. */
final class TokenAmountConverter implements ITypeConverter<TokenAmount> {
  @Override
  public TokenAmount convert(String value) {
    try {
      return TokenAmount.parse(value);
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException(
          "'" + value + "' is not an amount in wei: " + e.getMessage());
    }
  }
}
