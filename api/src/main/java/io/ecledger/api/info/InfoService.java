package io.ecledger.api.info;

import io.ecledger.api.membership.Member;
import io.ecledger.api.membership.Membership;
import io.ecledger.api.projection.Projection;
import io.ecledger.ledger.sign.CurrentManagerKey;
import java.time.Clock;
import java.util.List;

/** Computes {@link ManagerInfo}, the one source of the console's {@code info} text and of {@code GET /v1/info}. */
public final class InfoService {

    private final String clusterName;
    private final String managerHost;
    private final Membership membership;
    private final Projection projection;
    private final Clock clock;
    private final CurrentManagerKey managerKey;

    public InfoService(String clusterName, String managerHost, Membership membership, Projection projection, Clock clock,
            CurrentManagerKey managerKey) {
        this.managerKey = managerKey;
        this.clusterName = clusterName;
        this.managerHost = managerHost;
        this.membership = membership;
        this.projection = projection;
        this.clock = clock;
    }

    /** The cluster and this manager as of now. */
    public ManagerInfo info() {
        List<Member> members = membership.members(clock.instant()).stream().filter(m -> !m.left()).toList();
        long lag = projection.ledgerLag();
        return new ManagerInfo(clusterName, managerHost, Version.version(), members.size(),
                members.stream().filter(Member::alive).count(),
                members.stream().map(Member::subcluster).distinct().count(),
                projection.appliedLedgerOffset() + Math.max(lag, 0), lag, managerKey.fingerprint().value(),
                managerKey.rotatedAt().orElse(-1));
    }
}
