package io.ecledger.ledger.command;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** One eccmgr console command, as parsed from a console line by {@link Grammar}. */
public sealed interface Command
        permits Command.Send, Command.Retrieve, Command.FlushControlCache, Command.Help, Command.Info,
                Command.ShowClusterMembership, Command.Shutdown, Command.Version, Command.Config, Command.AuditVerify,
                Command.History, Command.HistoryShow, Command.Replay, Command.NodeKeys, Command.NodeAccept,
                Command.NodeReject, Command.PolicyShow, Command.PolicyReload, Command.Cancel, Command.Rerun {

    /** The canonical lower-case verb words, e.g. {@code subcluster broadcast}; the key of its {@link CommandSpec}. */
    String verb();

    /** True when the command changes the cluster and so must be appended to the ledger; most only read. */
    default boolean changesCluster() {
        return false;
    }

    /**
     * Send a node console command to a target: {@code broadcast}, {@code subcluster broadcast}, {@code unicast}; a
     * broadcast may go out in batches, or only be planned ({@link SendOptions}).
     */
    record Send(Target target, String commandText, SendOptions options) implements Command {
        public Send {
            Objects.requireNonNull(target, "target");
            requireCommandText(commandText);
            Objects.requireNonNull(options, "options");
            if (target instanceof Target.Unicast && !options.equals(SendOptions.NONE)) {
                throw new IllegalArgumentException("a unicast goes to one node: no batches, no dry run");
            }
        }

        /** Sent to every node of the target at once. */
        public Send(Target target, String commandText) {
            this(target, commandText, SendOptions.NONE);
        }

        @Override
        public String verb() {
            return verbOf(target);
        }

        /** The verb that sends to {@code target}: {@code broadcast}, {@code subcluster broadcast} or {@code unicast}. */
        public static String verbOf(Target target) {
            if (target instanceof Target.Broadcast) {
                return "broadcast";
            }
            if (target instanceof Target.Subcluster) {
                return "subcluster broadcast";
            }
            if (target instanceof Target.Unicast) {
                return "unicast";
            }
            throw new AssertionError("unknown target " + target);
        }

        // a dry run only shows the plan
        @Override
        public boolean changesCluster() {
            return !options.dryRun();
        }
    }

    /** Show what a target's nodes answered to an earlier command: {@code retrieve}, {@code subcluster retrieve}, {@code retrieve_node}. */
    record Retrieve(Target target, String commandText, Optional<AsOf> at) implements Command {
        public Retrieve {
            Objects.requireNonNull(target, "target");
            requireCommandText(commandText);
            Objects.requireNonNull(at, "at");
        }

        /** Retrieve from the live view. */
        public Retrieve(Target target, String commandText) {
            this(target, commandText, Optional.empty());
        }

        @Override
        public String verb() {
            if (target instanceof Target.Broadcast) {
                return "retrieve";
            }
            if (target instanceof Target.Subcluster) {
                return "subcluster retrieve";
            }
            if (target instanceof Target.Unicast) {
                return "retrieve_node";
            }
            throw new AssertionError("unknown target " + target);
        }
    }

    /** Clear the results buffer: {@code flush control cache}. */
    record FlushControlCache() implements Command {
        @Override
        public String verb() {
            return "flush control cache";
        }

        // Changes what every later retrieve sees, so it is ordered with the sends in the ledger.
        @Override
        public boolean changesCluster() {
            return true;
        }
    }

    /** List the commands, or those whose verb starts with {@code topic}: {@code help [TOPIC...]}. */
    record Help(Optional<String> topic) implements Command {
        public Help {
            Objects.requireNonNull(topic, "topic");
            if (topic.isPresent() && topic.get().isBlank()) {
                throw new IllegalArgumentException("help topic must not be blank; use Optional.empty()");
            }
        }

        @Override
        public String verb() {
            return "help";
        }
    }

    /** General information about the cluster group and this manager: {@code info}. */
    record Info() implements Command {
        @Override
        public String verb() {
            return "info";
        }
    }

    /** Current members and their roles: {@code show cluster membership}. */
    record ShowClusterMembership(Optional<AsOf> at) implements Command {
        public ShowClusterMembership {
            Objects.requireNonNull(at, "at");
        }

        /** The live membership. */
        public ShowClusterMembership() {
            this(Optional.empty());
        }

        @Override
        public String verb() {
            return "show cluster membership";
        }
    }

    /** Stop the manager: {@code shutdown}. */
    record Shutdown() implements Command {
        @Override
        public String verb() {
            return "shutdown";
        }

        // Stops this process only; the nodes and the ledger are untouched.
        @Override
        public boolean changesCluster() {
            return false;
        }
    }

    /** Walk the ledger's hash chain: {@code audit verify [--from-checkpoint]}. */
    record AuditVerify(boolean fromCheckpoint) implements Command {
        @Override
        public String verb() {
            return "audit verify";
        }
    }

    /** The issued commands, newest first, filtered and paged: {@code history [FILTERS]}. */
    record History(HistoryFilter filter) implements Command {
        public History {
            Objects.requireNonNull(filter, "filter");
        }

        @Override
        public String verb() {
            return "history";
        }
    }

    /** The whole ledger record at one offset, every node's full output included: {@code history show OFFSET}. */
    record HistoryShow(long offset) implements Command {
        public HistoryShow {
            if (offset < 0) {
                throw new IllegalArgumentException("ledger offset must not be negative: " + offset);
            }
        }

        // One spec covers both forms: "history" alone is a complete command, so "show" is its argument.
        @Override
        public String verb() {
            return "history";
        }
    }

    /**
     * Re-send the commands issued at ledger offsets {@code from..to} (inclusive) as new commands:
     * {@code replay FROM[..TO] [to broadcast|subcluster NAME|node NODE] [--dry-run]}. Without a retarget each goes to
     * its original target.
     */
    record Replay(long from, long to, Optional<Target> retarget, boolean dryRun) implements Command {
        public Replay {
            if (from < 0) {
                throw new IllegalArgumentException("replay offsets must not be negative, got " + from);
            }
            if (to < from) {
                throw new IllegalArgumentException("replay range " + from + ".." + to + " ends before it starts");
            }
            Objects.requireNonNull(retarget, "retarget");
        }

        @Override
        public String verb() {
            return "replay";
        }

        // A dry run only reads the ledger.
        @Override
        public boolean changesCluster() {
            return !dryRun;
        }
    }

    /**
     * Call off a command: {@code cancel COMMAND_ID}, or {@code cancel latest COMMAND} for the latest command issued with
     * exactly that text since the last flush. Exactly one of the two is given.
     */
    record Cancel(Optional<java.util.UUID> commandId, Optional<String> latestOf) implements Command {
        public Cancel {
            Objects.requireNonNull(commandId, "commandId");
            Objects.requireNonNull(latestOf, "latestOf");
            if (commandId.isPresent() == latestOf.isPresent()) {
                throw new IllegalArgumentException("a cancel names a command id or the latest of a command, not "
                        + (commandId.isPresent() ? "both" : "neither"));
            }
            latestOf.ifPresent(Command::requireCommandText);
        }

        @Override
        public String verb() {
            return "cancel";
        }

        @Override
        public boolean changesCluster() {
            return true;
        }
    }

    /**
     * Send a command again to only some of its nodes, as a new command linked to it:
     * {@code rerun COMMAND_ID --failed|--silent|--not-ok [--dry-run]}.
     */
    record Rerun(java.util.UUID commandId, Which which, boolean dryRun) implements Command {

        /** Which nodes of the original a rerun reaches. */
        public enum Which {
            /** Those that answered a failure: ERROR, REJECTED, EXPIRED or a status this manager does not know. */
            FAILED("--failed"),
            /** Those that never answered: undelivered or timed out. */
            SILENT("--silent"),
            /** Every node that did not answer OK: failed, silent, cancelled. */
            NOT_OK("--not-ok");

            private final String flag;

            Which(String flag) {
                this.flag = flag;
            }

            /** The flag that chooses it. */
            public String flag() {
                return flag;
            }
        }

        public Rerun {
            Objects.requireNonNull(commandId, "commandId");
            Objects.requireNonNull(which, "which");
        }

        @Override
        public String verb() {
            return "rerun";
        }

        // a dry run only shows which nodes it would reach
        @Override
        public boolean changesCluster() {
            return !dryRun;
        }
    }

    /** Version and copyright of the manager: {@code version}. */
    record Version() implements Command {
        @Override
        public String verb() {
            return "version";
        }
    }

    /**
     * View or change the manager's configuration: {@code config VERB [SCOPE...] [OPTION] [VALUE]}.
     *
     * <p>The component is {@code configVerb}, not {@code verb}: a record accessor {@code verb()} returning
     * {@link ConfigVerb} would clash with {@link Command#verb()}. For {@link ConfigVerb#LOCATE} the scope kind is
     * the single scope word and the optional regex is {@code option}; for {@link ConfigVerb#WRITEBACK} the optional
     * path is {@code option}. For {@link ConfigVerb#SHOW} every word is a scope word: only the configuration knows
     * whether the last one names a scope or an option.
     */
    record Config(ConfigVerb configVerb, List<String> scopeWords, Optional<String> option, Optional<String> value,
            Optional<AsOf> at) implements Command {
        public Config {
            Objects.requireNonNull(configVerb, "configVerb");
            scopeWords = List.copyOf(scopeWords);
            Objects.requireNonNull(option, "option");
            Objects.requireNonNull(value, "value");
            String name = "config " + configVerb.word();
            boolean needsOption = configVerb == ConfigVerb.GET || configVerb == ConfigVerb.EVAL
                    || configVerb == ConfigVerb.SET || configVerb == ConfigVerb.UNSET || configVerb == ConfigVerb.HISTORY;
            if (needsOption && option.isEmpty()) {
                throw new IllegalArgumentException(name + " needs an option name");
            }
            if (!needsOption && configVerb != ConfigVerb.LOCATE && configVerb != ConfigVerb.WRITEBACK && option.isPresent()) {
                throw new IllegalArgumentException(name + " takes no option name, got '" + option.get() + "'");
            }
            if ((configVerb == ConfigVerb.SET) != value.isPresent()) {
                throw new IllegalArgumentException(name + (configVerb == ConfigVerb.SET ? " needs a value" : " takes no value"));
            }
            if (configVerb == ConfigVerb.LOCATE && scopeWords.size() != 1) {
                throw new IllegalArgumentException(name + " needs exactly one scope word, got " + scopeWords);
            }
            if (configVerb == ConfigVerb.WRITEBACK && !scopeWords.isEmpty()) {
                throw new IllegalArgumentException(name + " takes no scope words, got " + scopeWords);
            }
            Objects.requireNonNull(at, "at");
            if (at.isPresent() && configVerb != ConfigVerb.GET && configVerb != ConfigVerb.EVAL) {
                throw new IllegalArgumentException(name + " takes no --at; only config get and config eval do");
            }
        }

        /** A config command on the live configuration. */
        public Config(ConfigVerb configVerb, List<String> scopeWords, Optional<String> option, Optional<String> value) {
            this(configVerb, scopeWords, option, value, Optional.empty());
        }

        @Override
        public String verb() {
            return "config " + configVerb.word();
        }

        // Only set and unset alter the running configuration; the rest read it (writeback writes a file, not the ledger).
        @Override
        public boolean changesCluster() {
            return configVerb == ConfigVerb.SET || configVerb == ConfigVerb.UNSET;
        }
    }

    private static void requireCommandText(String commandText) {
        if (commandText == null || commandText.isBlank()) {
            throw new IllegalArgumentException("command text must not be blank");
        }
    }

    /** The node keys, pending, accepted and rejected, with fingerprints: {@code node keys}. */
    record NodeKeys() implements Command {
        @Override
        public String verb() {
            return "node keys";
        }
    }

    /** Trust what a node's pending key signs: {@code node accept NODE|--all}; {@code node} empty for every node. */
    record NodeAccept(Optional<String> node) implements Command {
        public NodeAccept {
            Objects.requireNonNull(node, "node");
        }

        @Override
        public String verb() {
            return "node accept";
        }

        @Override
        public boolean changesCluster() {
            return true;
        }
    }

    /** Stop trusting a node's keys: {@code node reject NODE}. */
    record NodeReject(Target.Unicast node) implements Command {
        public NodeReject {
            Objects.requireNonNull(node, "node");
        }

        @Override
        public String verb() {
            return "node reject";
        }

        @Override
        public boolean changesCluster() {
            return true;
        }
    }

    /** The command policy in force, its text and hash, or the one in force at a ledger point: {@code policy show [--at]}. */
    record PolicyShow(Optional<AsOf> at) implements Command {
        public PolicyShow {
            Objects.requireNonNull(at, "at");
        }

        @Override
        public String verb() {
            return "policy show";
        }
    }

    /** Re-read the policy file; a changed policy is appended with its text and hash: {@code policy reload}. */
    record PolicyReload() implements Command {
        @Override
        public String verb() {
            return "policy reload";
        }

        @Override
        public boolean changesCluster() {
            return true;
        }
    }
}
