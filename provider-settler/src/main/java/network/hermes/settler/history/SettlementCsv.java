package network.hermes.settler.history;

import java.util.List;
import java.util.Locale;
import network.hermes.promise.value.TokenAmount;

/**
 * The history as CSV (RFC 4180): one row per attempt, amounts in wei as integers, times in UTC ISO
 * 8601, empty cells for what is not known.
 */
public final class SettlementCsv {
  /** The header row. */
  public static final String HEADER =
      "id,started_at,finished_at,chain_id,hermes_id,identity,channel_id,kind,route,"
          + "promise_amount,settled_before,to_settle,hub_fee,transactor_fee,beneficiary,"
          + "sent_to_beneficiary,fees,tx_hash,job_id,outcome,error";

  private SettlementCsv() {}

  /**
   * Renders attempts as CSV with a header, lines ending in CRLF.
   *
   * @param records the attempts
   * @return the CSV text
   */
  public static String render(List<SettlementRecord> records) {
    StringBuilder out = new StringBuilder(HEADER).append("\r\n");
    for (SettlementRecord r : records) {
      String[] cells = {
        r.id(),
        r.startedAt().toString(),
        r.finishedAt() == null ? "" : r.finishedAt().toString(),
        Long.toString(r.chainId().value()),
        r.hermesId().toHex(),
        r.identity().toHex(),
        r.channelId().toHex(),
        r.kind().name().toLowerCase(Locale.ROOT),
        r.route().name().toLowerCase(Locale.ROOT),
        wei(r.promiseAmount()),
        wei(r.settledBefore()),
        wei(r.toSettle()),
        wei(r.hubFee()),
        wei(r.transactorFee()),
        r.beneficiary().toHex(),
        wei(r.sentToBeneficiary()),
        wei(r.fees()),
        r.txHash() == null ? "" : r.txHash(),
        r.jobId() == null ? "" : r.jobId(),
        r.outcome().name().toLowerCase(Locale.ROOT),
        r.error() == null ? "" : r.error()
      };
      for (int i = 0; i < cells.length; i++) {
        if (i > 0) {
          out.append(',');
        }
        out.append(quote(cells[i]));
      }
      out.append("\r\n");
    }
    return out.toString();
  }

  private static String wei(TokenAmount amount) {
    return amount == null ? "" : amount.toString();
  }

  static String quote(String cell) {
    if (cell.chars().noneMatch(c -> c == ',' || c == '"' || c == '\n' || c == '\r')) {
      return cell;
    }
    return '"' + cell.replace("\"", "\"\"") + '"';
  }
}
