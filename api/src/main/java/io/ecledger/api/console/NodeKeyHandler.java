package io.ecledger.api.console;

import io.ecledger.api.nodekeys.NodeKeyService;
import io.ecledger.api.nodekeys.NodeKeyView;
import io.ecledger.ledger.command.Command;
import io.ecledger.ledger.command.Slot;
import java.util.List;

/** {@code node keys}, {@code node accept NODE|--all}, {@code node reject NODE}. */
public final class NodeKeyHandler implements Handlers.Group {

    private final NodeKeyService keys;

    public NodeKeyHandler(NodeKeyService keys) {
        this.keys = keys;
    }

    @Override
    public void addTo(Handlers.Builder handlers) {
        handlers.on(Command.NodeKeys.class, (command, caller) -> listing(keys.keys()));
        handlers.on(Command.NodeAccept.class, (command, caller) -> decided("accepted",
                keys.accept(caller.actor(), caller.origin(), command.node().orElse(Slot.NodeOrAll.ALL))));
        handlers.on(Command.NodeReject.class, (command, caller) -> decided("rejected",
                keys.reject(caller.actor(), caller.origin(), command.node().node())));
    }

    static String listing(List<NodeKeyView> keys) {
        if (keys.isEmpty()) {
            return "No node keys yet: a node's key appears here when its agent announces it.\n";
        }
        StringBuilder text = new StringBuilder();
        for (String state : List.of("pending", "accepted", "rejected")) {
            List<NodeKeyView> ofState = keys.stream().filter(k -> k.state().equals(state)).toList();
            text.append(Character.toUpperCase(state.charAt(0))).append(state.substring(1)).append(" keys:");
            text.append(ofState.isEmpty() ? " none\n" : "\n");
            for (NodeKeyView key : ofState) {
                text.append(String.format("  %-20s %s", key.node(), key.fingerprint()));
                key.decidedBy().ifPresent(by -> text.append("  by ").append(by));
                key.decisionOffset().ifPresent(offset -> text.append(" at offset ").append(offset));
                text.append('\n');
            }
        }
        return text.toString();
    }

    private static String decided(String how, List<NodeKeyView> keys) {
        if (keys.isEmpty()) {
            return "No pending key to accept.\n";
        }
        StringBuilder text = new StringBuilder();
        for (NodeKeyView key : keys) {
            text.append(how).append(' ').append(key.node()).append(' ').append(key.fingerprint());
            key.decisionOffset().ifPresent(offset -> text.append(" (ledger offset ").append(offset).append(')'));
            text.append('\n');
        }
        return text.toString();
    }
}
