package io.ecledger.ledger.policy;

import io.ecledger.ledger.command.Command;
import io.ecledger.ledger.command.ConfigVerb;
import java.util.Set;

/** The one word a policy names a kind of command by, e.g. {@code send}, {@code config-write}, {@code shutdown}. */
public final class CommandClasses {

    /** Every class a policy may name. {@code export} (the ledger export) has no console command; it is decided by name. */
    public static final Set<String> ALL = Set.of(
            "retrieve", "history", "membership", "info", "version", "help", "send", "flush", "config-read",
            "config-write", "audit", "export", "shutdown", "replay", "replay-dry-run", "node-keys", "node-trust",
            "policy-read", "policy", "cancel", "rerun");

    private CommandClasses() {}

    /** The class of {@code command}; every concrete command has exactly one. */
    public static String of(Command command) {
        if (command instanceof Command.Send) {
            return "send";
        }
        if (command instanceof Command.Retrieve) {
            return "retrieve";
        }
        if (command instanceof Command.FlushControlCache) {
            return "flush";
        }
        if (command instanceof Command.Help) {
            return "help";
        }
        if (command instanceof Command.Info) {
            return "info";
        }
        if (command instanceof Command.ShowClusterMembership) {
            return "membership";
        }
        if (command instanceof Command.Shutdown) {
            return "shutdown";
        }
        if (command instanceof Command.Version) {
            return "version";
        }
        if (command instanceof Command.Config) {
            ConfigVerb verb = ((Command.Config) command).configVerb();
            // writeback writes a file on the manager's host, so it is a change even though the ledger does not see it
            return verb == ConfigVerb.SET || verb == ConfigVerb.UNSET || verb == ConfigVerb.WRITEBACK
                    ? "config-write" : "config-read";
        }
        if (command instanceof Command.AuditVerify) {
            return "audit";
        }
        if (command instanceof Command.History || command instanceof Command.HistoryShow) {
            return "history";
        }
        if (command instanceof Command.Replay) {
            // a dry run only lists what would be re-sent; its own class lets a policy grant it without granting replay
            return ((Command.Replay) command).dryRun() ? "replay-dry-run" : "replay";
        }
        if (command instanceof Command.NodeKeys) {
            return "node-keys";
        }
        if (command instanceof Command.NodeAccept || command instanceof Command.NodeReject) {
            return "node-trust";
        }
        if (command instanceof Command.PolicyShow) {
            return "policy-read";
        }
        if (command instanceof Command.PolicyReload) {
            return "policy";
        }
        if (command instanceof Command.Cancel) {
            return "cancel";
        }
        if (command instanceof Command.Rerun) {
            // what it re-sends is decided again as the send it is, text and target
            return "rerun";
        }
        throw new AssertionError("no command class for " + command.getClass().getSimpleName());
    }
}
