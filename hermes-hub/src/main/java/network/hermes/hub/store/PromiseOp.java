package network.hermes.hub.store;

import java.util.ArrayList;
import java.util.List;
import network.hermes.hub.core.ChainFacts;
import network.hermes.hub.core.ChannelKind;
import network.hermes.hub.core.ChannelMath;
import network.hermes.hub.core.Decision;
import network.hermes.hub.core.Decisions;
import network.hermes.hub.core.PromiseAccepted;
import network.hermes.hub.core.PromiseInput;
import network.hermes.hub.core.PromiseRequest;
import network.hermes.promise.value.ChainId;

/** request_promise / pay_and_settle inside a batch. */
public final class PromiseOp implements BatchOp<Decision<PromiseAccepted>> {
  private final Decisions decisions;
  private final PromiseRequest req;
  private final ChainFacts.View facts;
  private final Keys.Consumer consumer;
  private final Keys.Channel output;
  private final Keys.Channel earnings;
  private final Keys.Agreement agreement;
  private final Keys.Issued issued;

  public PromiseOp(
      Decisions decisions, ChannelMath channels, PromiseRequest req, ChainFacts.View facts) {
    this.decisions = decisions;
    this.req = req;
    this.facts = facts;
    ChainId chain = req.emChainId();
    this.consumer = new Keys.Consumer(chain, req.consumer());
    this.output =
        new Keys.Channel(
            chain,
            channels.channelId(req.provider(), req.outputKind()),
            req.provider(),
            req.outputKind());
    this.earnings =
        req.withdrawal()
            ? new Keys.Channel(
                chain,
                channels.providerChannelId(req.provider()),
                req.provider(),
                ChannelKind.EARNINGS)
            : null;
    this.agreement = new Keys.Agreement(chain, req.consumer(), req.provider(), req.agreementId());
    this.issued = new Keys.Issued(chain, output.channelId(), req.promise().hashlock());
  }

  @Override
  public List<Keys.Consumer> consumers() {
    return List.of(consumer);
  }

  @Override
  public List<Keys.Channel> channels() {
    List<Keys.Channel> out = new ArrayList<>(2);
    out.add(output);
    if (earnings != null) {
      out.add(earnings);
    }
    return out;
  }

  @Override
  public List<Keys.Agreement> agreements() {
    return List.of(agreement);
  }

  @Override
  public List<Keys.Issued> issued() {
    return List.of(issued);
  }

  @Override
  public List<ChainId> ledgers() {
    return decisions.policy().solvencyGuard() ? List.of(consumer.chainId()) : List.of();
  }

  @Override
  public Decision<PromiseAccepted> apply(BatchState state) {
    var before = state.channel(output);
    PromiseInput in =
        new PromiseInput(
            req,
            state.consumer(consumer.chainId(), consumer.consumer()),
            before,
            earnings == null ? null : state.channel(earnings),
            state.agreementTotal(agreement),
            state.issued(issued),
            facts,
            decisions.policy().solvencyGuard() ? state.promisedTotal(consumer.chainId()) : null);
    Decision<PromiseAccepted> d = decisions.requestPromise(in);
    if (d instanceof Decision.Accept<PromiseAccepted> a && !a.value().replay()) {
      PromiseAccepted v = a.value();
      state.putConsumer(v.consumer());
      state.putChannel(v.provider());
      if (decisions.policy().solvencyGuard()) {
        state.addPromised(
            consumer.chainId(),
            v.provider().amount().toBigInteger().subtract(before.amount().toBigInteger()));
      }
      state.putAgreement(agreement, v.agreementTotal());
      state.addIssued(v.issued());
    }
    return d;
  }
}
