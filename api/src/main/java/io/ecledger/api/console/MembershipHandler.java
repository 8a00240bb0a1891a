package io.ecledger.api.console;

import io.ecledger.api.asof.Views;
import io.ecledger.api.console.text.ConsoleText;
import io.ecledger.api.membership.Membership;
import io.ecledger.ledger.command.Command;

/** {@code show cluster membership}, live or {@code --at} a point. */
public final class MembershipHandler implements Handlers.Group {

    private final Views views;
    private final Membership membership;
    private final String managerHost;

    public MembershipHandler(Views views, Membership membership, String managerHost) {
        this.views = views;
        this.membership = membership;
        this.managerHost = managerHost;
    }

    @Override
    public void addTo(Handlers.Builder handlers) {
        handlers.on(Command.ShowClusterMembership.class, (command, caller) -> views.of(command.at())
                .read(snapshot -> ConsoleText.membership(managerHost, membership.members(snapshot))));
    }
}
