package network.hermes.settler.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import network.hermes.promise.value.TokenAmount;
import network.hermes.settler.history.SettlementRecord;
import network.hermes.settler.policy.SettlementPlan;
import network.hermes.tools.Amounts;
import network.hermes.tools.Console;

/** How settlements and plans are shown: JSON with wei integers, text with MYST. */
final class Views {
  private Views() {}

  static void put(ObjectNode n, String key, TokenAmount amount) {
    if (amount == null) {
      n.putNull(key);
    } else {
      n.put(key, amount.toBigInteger());
    }
  }

  static ObjectNode plan(SettlementPlan p) {
    ObjectNode n = Console.object();
    n.put("kind", p.kind().name().toLowerCase(Locale.ROOT));
    put(n, "promiseAmount", p.promiseAmount());
    put(n, "settled", p.settled());
    put(n, "unsettled", p.unsettled());
    put(n, "cap", p.cap());
    put(n, "toSettle", p.toSettle());
    n.put("hubFeeBps", p.hubFeeBps());
    put(n, "hubFee", p.hubFee());
    put(n, "transactorFee", p.transactorFee());
    put(n, "net", p.net());
    n.put("partial", p.partial());
    put(n, "remainder", p.remainder());
    return n;
  }

  static ObjectNode record(SettlementRecord r) {
    ObjectNode n = Console.object();
    n.put("id", r.id());
    n.put("startedAt", r.startedAt().toString());
    n.put("finishedAt", r.finishedAt() == null ? null : r.finishedAt().toString());
    n.put("chainId", r.chainId().value());
    n.put("hermesId", r.hermesId().toHex());
    n.put("identity", r.identity().toHex());
    n.put("channelId", r.channelId().toHex());
    n.put("kind", r.kind().name().toLowerCase(Locale.ROOT));
    n.put("route", r.route().name().toLowerCase(Locale.ROOT));
    put(n, "promiseAmount", r.promiseAmount());
    put(n, "settledBefore", r.settledBefore());
    put(n, "toSettle", r.toSettle());
    put(n, "hubFee", r.hubFee());
    put(n, "transactorFee", r.transactorFee());
    n.put("beneficiary", r.beneficiary().toHex());
    put(n, "sentToBeneficiary", r.sentToBeneficiary());
    put(n, "fees", r.fees());
    n.put("txHash", r.txHash());
    n.put("jobId", r.jobId());
    n.put("outcome", r.outcome().name().toLowerCase(Locale.ROOT));
    n.put("error", r.error());
    return n;
  }

  static String recordLine(SettlementRecord r) {
    StringBuilder s =
        new StringBuilder()
            .append(r.startedAt())
            .append("  ")
            .append(r.outcome().name().toLowerCase(Locale.ROOT))
            .append("  ")
            .append(r.kind().name().toLowerCase(Locale.ROOT))
            .append(" via ")
            .append(r.route().name().toLowerCase(Locale.ROOT))
            .append("  settled ")
            .append(Amounts.myst(r.toSettle()));
    if (r.sentToBeneficiary() != null) {
      s.append(", paid ")
          .append(Amounts.myst(r.sentToBeneficiary()))
          .append(" to ")
          .append(r.beneficiary().toChecksumHex())
          .append(", fees ")
          .append(Amounts.myst(r.fees()));
    } else {
      s.append(", fees expected ").append(Amounts.myst(r.hubFee().plus(r.transactorFee())));
    }
    if (r.txHash() != null) {
      s.append("  tx ").append(r.txHash());
    }
    if (r.error() != null) {
      s.append("  (").append(r.error()).append(')');
    }
    return s.toString();
  }

  static String planText(SettlementPlan p) {
    return String.format(
        "  unsettled %s; a settlement now settles %s%s%n"
            + "  hub fee %s (%s), transactor fee %s: you receive %s%n",
        Amounts.myst(p.unsettled()),
        Amounts.myst(p.toSettle()),
        p.partial() ? " (the contract's cap; " + Amounts.myst(p.remainder()) + " later)" : "",
        Amounts.myst(p.hubFee()),
        network.hermes.settler.policy.SettlePolicy.percent(p.hubFeeBps()),
        Amounts.myst(p.transactorFee()),
        Amounts.myst(p.net()));
  }
}
