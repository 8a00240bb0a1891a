package io.ecledger.ledger.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class GrammarTest {

    private static final Grammar GRAMMAR = Grammar.standard();

    // ---- fixtures ---------------------------------------------------------------------------------------------

    private static Command.Send broadcast(String text) {
        return new Command.Send(new Target.Broadcast(), text);
    }

    private static Command.Send subclusterBroadcast(String name, String text) {
        return new Command.Send(new Target.Subcluster(name), text);
    }

    private static Command.Send unicast(String node, String text) {
        return new Command.Send(new Target.Unicast(node), text);
    }

    private static Command.Retrieve retrieve(Target target, String text) {
        return new Command.Retrieve(target, text);
    }

    private static Command.Config config(ConfigVerb verb, List<String> scope, String option) {
        return new Command.Config(verb, scope, Optional.ofNullable(option), Optional.empty());
    }

    private static Command.Config set(List<String> scope, String option, String value) {
        return new Command.Config(ConfigVerb.SET, scope, Optional.of(option), Optional.of(value));
    }

    // ---- accepted lines ---------------------------------------------------------------------------------------

    static Stream<Arguments> accepted() {
        return Stream.of(
                arguments("broadcast cluster duravip announce view", broadcast("cluster duravip announce view")),
                arguments("broadcast  sieve:sieve1   flush cache", broadcast("sieve:sieve1   flush cache")),
                arguments("  broadcast config reload  \r\n", broadcast("config reload")),
                arguments("BroadCast Version", broadcast("Version")),
                arguments("broadcast\tshow\tversion", broadcast("show\tversion")),
                arguments("subcluster broadcast east config reload", subclusterBroadcast("east", "config reload")),
                arguments("SUBCLUSTER Broadcast west  cluster duravip move 10.0.0.1 to rh52bar2",
                        subclusterBroadcast("west", "cluster duravip move 10.0.0.1 to rh52bar2")),
                arguments("unicast rh52bare config reload", unicast("rh52bare", "config reload")),
                arguments("unicast rh52bare.example_1-a show  version", unicast("rh52bare.example_1-a", "show  version")),
                arguments("UNICAST Rh52Bare x", unicast("Rh52Bare", "x")),
                arguments("retrieve version", retrieve(new Target.Broadcast(), "version")),
                arguments("Retrieve  cluster   membership ", retrieve(new Target.Broadcast(), "cluster   membership")),
                arguments("subcluster retrieve east version", retrieve(new Target.Subcluster("east"), "version")),
                arguments("retrieve_node rh52bare   cluster   membership",
                        retrieve(new Target.Unicast("rh52bare"), "cluster   membership")),
                arguments("flush control cache", new Command.FlushControlCache()),
                arguments("FLUSH  Control\tCACHE\n", new Command.FlushControlCache()),
                arguments("help", new Command.Help(Optional.empty())),
                arguments("help   ", new Command.Help(Optional.empty())),
                arguments("help subcluster broadcast", new Command.Help(Optional.of("subcluster broadcast"))),
                arguments("HELP  Subcluster   broadcast ", new Command.Help(Optional.of("Subcluster   broadcast"))),
                arguments("info", new Command.Info()),
                arguments("INFO", new Command.Info()),
                arguments("show cluster membership", new Command.ShowClusterMembership()),
                arguments("show cluster membership --at 42",
                        new Command.ShowClusterMembership(Optional.of(new AsOf.Offset(42)))),
                arguments("show cluster membership --at 2026-11-25T10:00:00Z", new Command.ShowClusterMembership(
                        Optional.of(new AsOf.Time(java.time.Instant.parse("2026-11-25T10:00:00Z"))))),
                arguments("retrieve --at 2026-11-25T11:00:00+01:00 version", new Command.Retrieve(new Target.Broadcast(),
                        "version", Optional.of(new AsOf.Time(java.time.Instant.parse("2026-11-25T10:00:00Z"))))),
                arguments("retrieve  --at 0   show version", new Command.Retrieve(new Target.Broadcast(),
                        "show version", Optional.of(new AsOf.Offset(0)))),
                arguments("subcluster retrieve --at 7 east version", new Command.Retrieve(new Target.Subcluster("east"),
                        "version", Optional.of(new AsOf.Offset(7)))),
                arguments("retrieve_node --at 7 rh52bare version", new Command.Retrieve(new Target.Unicast("rh52bare"),
                        "version", Optional.of(new AsOf.Offset(7)))),
                arguments("config eval --at 12 Control_Listener Timeout", new Command.Config(ConfigVerb.EVAL,
                        List.of("Control_Listener"), Optional.of("Timeout"), Optional.empty(),
                        Optional.of(new AsOf.Offset(12)))),
                arguments("config get --at 2026-11-25T10:00:00Z Timeout", new Command.Config(ConfigVerb.GET,
                        List.of(), Optional.of("Timeout"), Optional.empty(),
                        Optional.of(new AsOf.Time(java.time.Instant.parse("2026-11-25T10:00:00Z"))))),
                // --at only right after the verb words: later it is part of the node's command
                arguments("retrieve version --at 7", retrieve(new Target.Broadcast(), "version --at 7")),
                arguments("shutdown", new Command.Shutdown()),
                arguments("version", new Command.Version()),
                arguments("audit verify", new Command.AuditVerify(false)),
                arguments("replay 42", new Command.Replay(42, 42, Optional.empty(), false)),
                arguments("REPLAY 3..17 --dry-run", new Command.Replay(3, 17, Optional.empty(), true)),
                arguments("replay 3..3 to broadcast", new Command.Replay(3, 3, Optional.of(new Target.Broadcast()), false)),
                arguments("replay 0..9 TO subcluster west --dry-run",
                        new Command.Replay(0, 9, Optional.of(new Target.Subcluster("west")), true)),
                arguments("replay 5 --dry-run to node rh52bare",
                        new Command.Replay(5, 5, Optional.of(new Target.Unicast("rh52bare")), true)),
                arguments("audit   verify  --from-checkpoint ", new Command.AuditVerify(true)),
                arguments("history", new Command.History(HistoryFilter.all())),
                arguments("HISTORY  --actor alice --since 2h --until 2026-11-25T10:00:00Z --node rh52bare "
                        + "--text \"cluster membership\" --regex ^ver --origin REST --status error --limit 5 --page 3 "
                        + "--oldest-first", new Command.History(new HistoryFilter.Builder().set("--actor", "alice")
                                .set("--since", "2h").set("--until", "2026-11-25T10:00:00Z").set("--node", "rh52bare")
                                .set("--text", "cluster membership").set("--regex", "^ver").set("--origin", "rest")
                                .set("--status", "error").set("--limit", "5").set("--page", "3")
                                .set("--oldest-first", null).build())),
                arguments("history --subcluster east", new Command.History(new HistoryFilter(Optional.empty(),
                        Optional.empty(), Optional.empty(), Optional.of(new Target.Subcluster("east")), Optional.empty(),
                        Optional.empty(), Optional.empty(), Optional.empty(), 20, 1, false))),
                arguments("history --broadcast --since 2026-11-25",
                        new Command.History(new HistoryFilter.Builder().set("--broadcast", null)
                                .set("--since", "2026-11-25T00:00:00Z").build())),
                arguments("history show 42", new Command.HistoryShow(42)),
                arguments("node keys", new Command.NodeKeys()),
                arguments("Node  Accept rh52bare", new Command.NodeAccept(Optional.of("rh52bare"))),
                arguments("node accept --all", new Command.NodeAccept(Optional.empty())),
                arguments("node reject rh52bar2", new Command.NodeReject(new Target.Unicast("rh52bar2"))),
                arguments("policy show", new Command.PolicyShow(Optional.empty())),
                arguments("Policy Show --at 42", new Command.PolicyShow(Optional.of(new AsOf.Offset(42)))),
                arguments("policy reload", new Command.PolicyReload()),
                arguments("broadcast --batch 10% --batch-wait 30s --max-errors 0 sieve:rules flush cache",
                        new Command.Send(new Target.Broadcast(), "sieve:rules flush cache", new SendOptions(
                                Optional.of(new SendOptions.Share(10, true)), Optional.of(java.time.Duration.ofSeconds(30)),
                                Optional.of(new SendOptions.Share(0, false)), false))),
                arguments("subcluster broadcast west --dry-run --batch 2 summary",
                        new Command.Send(new Target.Subcluster("west"), "summary", new SendOptions(
                                Optional.of(new SendOptions.Share(2, false)), Optional.empty(), Optional.empty(), true))),
                arguments("broadcast --dry-run version", new Command.Send(new Target.Broadcast(), "version",
                        new SendOptions(Optional.empty(), Optional.empty(), Optional.empty(), true))),
                arguments("cancel 9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d", new Command.Cancel(
                        Optional.of(java.util.UUID.fromString("9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d")), Optional.empty())),
                arguments("rerun 9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d --failed", new Command.Rerun(
                        java.util.UUID.fromString("9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d"), Command.Rerun.Which.FAILED, false)),
                arguments("rerun 9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d --dry-run --not-ok", new Command.Rerun(
                        java.util.UUID.fromString("9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d"), Command.Rerun.Which.NOT_OK, true)),
                arguments("Cancel latest  sieve:rules flush cache",
                        new Command.Cancel(Optional.empty(), Optional.of("sieve:rules flush cache"))),
                arguments("History SHOW 0 ", new Command.HistoryShow(0)),
                arguments("config get Keep_Message_Dicts_In_Memory",
                        config(ConfigVerb.GET, List.of(), "Keep_Message_Dicts_In_Memory")),
                arguments("config get Control_Listener Listen /tmp/2025 file_mode",
                        config(ConfigVerb.GET, List.of("Control_Listener", "Listen", "/tmp/2025"), "file_mode")),
                arguments("config get Listen \"/tmp/a b\"/c file_mode",
                        config(ConfigVerb.GET, List.of("Listen", "/tmp/a b/c"), "file_mode")),
                arguments("config eval ESMTP_Listener Peer 127.0.0.1 Pathway foo Max_Outbound_Connections",
                        config(ConfigVerb.EVAL, List.of("ESMTP_Listener", "Peer", "127.0.0.1", "Pathway", "foo"),
                                "Max_Outbound_Connections")),
                arguments("config set Control_Listener Listen \"/tmp/2025\" file_mode = 0666",
                        set(List.of("Control_Listener", "Listen", "/tmp/2025"), "file_mode", "0666")),
                arguments("config set Server_Max_File_Descriptors 16384",
                        set(List.of(), "Server_Max_File_Descriptors", "16384")),
                arguments("config set ESMTP_Listener Peer 127.0.0.1 Pathway foo Max_Outbound_Connections 20",
                        set(List.of("ESMTP_Listener", "Peer", "127.0.0.1", "Pathway", "foo"), "Max_Outbound_Connections", "20")),
                arguments("config set Banner = \"Hello  world\"", set(List.of(), "Banner", "Hello  world")),
                arguments("config set Banner \"say \\\"hi\\\" \\\\o/\"", set(List.of(), "Banner", "say \"hi\" \\o/")),
                arguments("config set Banner \"=\"", set(List.of(), "Banner", "=")),
                arguments("config set Banner \"\"", set(List.of(), "Banner", "")),
                arguments("CONFIG Set Foo Bar", set(List.of(), "Foo", "Bar")),
                arguments("config unset Control_Listener Listen /tmp/2025 file_mode",
                        config(ConfigVerb.UNSET, List.of("Control_Listener", "Listen", "/tmp/2025"), "file_mode")),
                arguments("config show", config(ConfigVerb.SHOW, List.of(), null)),
                arguments("config show Control_Listener", config(ConfigVerb.SHOW, List.of("Control_Listener"), null)),
                arguments("config showrecurse ESMTP_Listener Peer 127.0.0.1",
                        config(ConfigVerb.SHOWRECURSE, List.of("ESMTP_Listener", "Peer", "127.0.0.1"), null)),
                arguments("config locate Listen", config(ConfigVerb.LOCATE, List.of("Listen"), null)),
                arguments("config locate Peer \"^10\\.\"", config(ConfigVerb.LOCATE, List.of("Peer"), "^10\\.")),
                arguments("config show Logs file_mode", config(ConfigVerb.SHOW, List.of("Logs", "file_mode"), null)),
                arguments("config writeback", config(ConfigVerb.WRITEBACK, List.of(), null)),
                arguments("config writeback \"/tmp/my conf/eccluster.conf\"",
                        config(ConfigVerb.WRITEBACK, List.of(), "/tmp/my conf/eccluster.conf")),
                arguments("config history Control_Listener Timeout",
                        config(ConfigVerb.HISTORY, List.of("Control_Listener"), "Timeout")),
                arguments("config history Server_Name", config(ConfigVerb.HISTORY, List.of(), "Server_Name")));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("accepted")
    void acceptedLineParsesToItsCommand(String line, Command expected) {
        assertThat(GRAMMAR.parse(line)).isEqualTo(new ParseResult.Parsed(expected));
    }

    // ---- refused lines ----------------------------------------------------------------------------------------

    static Stream<Arguments> rejected() {
        return Stream.of(
                arguments(null, "no line", 0),
                arguments("", "empty line", 0),
                arguments("   \t ", "empty line", 0),
                arguments("\r\n", "empty line", 0),
                arguments("foo bar", "unknown command 'foo'; type 'help' for the list", 0),
                arguments("  Foo", "unknown command 'Foo'; type 'help' for the list", 2),
                arguments("\"broadcast\" x", "unknown command '\"broadcast\"'; type 'help' for the list", 0),
                arguments("cluster duravip announce view",
                        "cluster commands run on nodes; use 'broadcast cluster duravip announce view'", 0),
                arguments("cluster", "cluster commands run on nodes; use 'broadcast cluster ...'", 0),
                arguments("audit verify now", "audit verify: unexpected 'now'; the only option is --from-checkpoint", 13),
                arguments("audit verify --from-checkpoint x", "audit verify: unexpected 'x'", 31),
                arguments("history --actor", "history: --actor needs a value", 15),
                arguments("history alice", "history: unknown filter 'alice'; filters are --actor --since --until --node "
                        + "--subcluster --text --regex --origin --status --limit --page --broadcast --oldest-first", 8),
                arguments("history --since yesterday", "history: --since: 'yesterday' is not a time: use ISO-8601 "
                        + "(2026-11-25T10:00:00Z or 2026-11-25) or an age such as 90s, 15m, 2h, 3d, 1w", 16),
                arguments("history --since 2026-11-25T10:00:00Z --until 2026-11-24",
                        "history: --until 2026-11-24T00:00:00Z is before --since 2026-11-25T10:00:00Z", 55),
                arguments("history --node rh52bare --broadcast",
                        "history: only one of --node, --subcluster, --broadcast", 24),
                arguments("history --node bad/name", "history: --node: 'bad/name' is not a valid name", 15),
                arguments("history --regex (ver", "history: --regex: '(ver' is not a regular expression: Unclosed group",
                        16),
                arguments("history --regex (a)\\1", "history: --regex: '(a)\\1' is not a regular expression RE2 runs "
                        + "(linear time: no backreferences or lookaround): invalid escape sequence", 16),
                arguments("history --origin telnet", "history: --origin: 'telnet' is not an origin; use console, rest, "
                        + "control_listener, replay or system", 17),
                arguments("history --status ok", "history: --status: 'ok' is not a status; use error, expired, pending, rejected or denied",
                        17),
                arguments("history --limit 0", "history: --limit: '0' is not a whole number from 1 to 1000", 16),
                arguments("cancel", "cancel: missing command id, or latest COMMAND", 6),
                arguments("broadcast --batch 0 version", "broadcast: --batch: '0' is out of range (1 or more nodes, or up "
                        + "to 100%)", 18),
                arguments("broadcast --batch 120% version", "broadcast: --batch: '120%' is out of range (1 or more nodes, "
                        + "or up to 100%)", 18),
                arguments("broadcast --max-errors 1 version", "broadcast: --batch-wait and --max-errors go with --batch",
                        32),
                arguments("broadcast --batch-wait soon --batch 2 version", "broadcast: --batch-wait: 'soon' is not a wait "
                        + "like 500ms, 30s, 2m or 1h", 23),
                arguments("broadcast --frobnicate version", "broadcast: unknown option '--frobnicate'; use --batch, "
                        + "--batch-wait, --max-errors or --dry-run before the command", 10),
                arguments("broadcast --batch 2", "broadcast: missing command", 19),
                arguments("cancel 42", "cancel: '42' is no command id (a UUID) and not 'latest'", 7),
                arguments("cancel latest", "cancel: missing command", 13),
                arguments("rerun 9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d", "rerun: say which nodes: --failed, --silent or "
                        + "--not-ok", 42),
                arguments("rerun 9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d --failed --silent", "rerun: choose one of --failed, "
                        + "--silent and --not-ok", 52),
                arguments("rerun latest --failed", "rerun: 'latest' is no command id (a UUID)", 6),
                arguments("history --limit 1001", "history: --limit: '1001' is not a whole number from 1 to 1000", 16),
                arguments("history --page x", "history: --page: 'x' is not a whole number from 1 up", 15),
                arguments("history show", "history show: missing ledger offset", 12),
                arguments("history show -1", "history show: '-1' is not a ledger offset", 13),
                arguments("history show 1 2", "history show: unexpected '2'", 15),
                arguments("node accept", "node accept: missing node name or --all", 11),
                arguments("node accept a/b", "node accept: 'a/b' is not a valid node name", 12),
                arguments("node accept --all rh52bare", "node accept: unexpected 'rh52bare'", 18),
                arguments("node reject", "node reject: missing node name", 11),
                arguments("node keys rh52bare", "node keys: unexpected 'rh52bare'", 10),
                arguments("policy reload now", "policy reload: unexpected 'now'", 14),
                arguments("replay", "replay: missing ledger offset or range FROM..TO", 6),
                arguments("replay x", "replay: 'x' is not a ledger offset or range FROM..TO", 7),
                arguments("replay -1", "replay: '-1' is not a ledger offset or range FROM..TO", 7),
                arguments("replay 4..", "replay: '4..' is not a ledger offset or range FROM..TO", 7),
                arguments("replay 9..4", "replay: range 9..4 ends before it starts", 7),
                arguments("replay 99999999999999999999", "replay: '99999999999999999999' is not a ledger offset or range FROM..TO", 7),
                arguments("replay 4 now", "replay: unexpected 'now'; expected 'to TARGET' or --dry-run", 9),
                arguments("replay 4 --dry-run --dry-run", "replay: unexpected '--dry-run'; expected 'to TARGET' or --dry-run", 19),
                arguments("replay 4 to", "replay: expected 'broadcast', 'subcluster NAME' or 'node NODE' after 'to'", 11),
                arguments("replay 4 to west", "replay: expected 'broadcast', 'subcluster NAME' or 'node NODE' after 'to'", 12),
                arguments("replay 4 to node", "replay: missing node name", 16),
                arguments("replay 4 to subcluster bad/name", "replay: 'bad/name' is not a valid subcluster name", 23),
                arguments("replay 4 to broadcast to node a", "replay: unexpected 'to'; expected 'to TARGET' or --dry-run", 22),
                arguments("broadcast", "broadcast: missing command", 9),
                arguments("broadcast   ", "broadcast: missing command", 9),
                arguments("unicast", "unicast: missing node name", 7),
                arguments("unicast rh52bare", "unicast: missing command", 16),
                arguments("unicast bad/name version", "unicast: 'bad/name' is not a valid node name", 8),
                arguments("unicast -lead version", "unicast: '-lead' is not a valid node name", 8),
                arguments("subcluster", "subcluster: expected 'broadcast' or 'retrieve'", 10),
                arguments("subcluster west version", "subcluster: expected 'broadcast' or 'retrieve'", 11),
                arguments("subcluster broadcast", "subcluster broadcast: missing subcluster name", 20),
                arguments("subcluster broadcast east", "subcluster broadcast: missing command", 25),
                arguments("subcluster broadcast e@st version",
                        "subcluster broadcast: 'e@st' is not a valid subcluster name", 21),
                arguments("subcluster retrieve", "subcluster retrieve: missing subcluster name", 19),
                arguments("subcluster retrieve east", "subcluster retrieve: missing command", 24),
                arguments("retrieve", "retrieve: missing command", 8),
                arguments("retrieve_node", "retrieve_node: missing node name", 13),
                arguments("retrieve_node rh52bare", "retrieve_node: missing command", 22),
                arguments("retrieve_node a*b version", "retrieve_node: 'a*b' is not a valid node name", 14),
                arguments("flush", "flush: expected 'control cache'", 5),
                arguments("flush cache", "flush: expected 'control cache'", 6),
                arguments("flush control", "flush: expected 'control cache'", 6),
                arguments("flush control cache now", "flush control cache: unexpected 'now'", 20),
                arguments("show", "show: expected 'cluster membership'", 4),
                arguments("show cluster", "show: expected 'cluster membership'", 5),
                arguments("show cluster membership xml", "show cluster membership: unexpected 'xml'", 24),
                arguments("show cluster membership --at", "show cluster membership: --at needs a ledger offset or an ISO-8601 time", 28),
                arguments("show cluster membership --at 42 xml", "show cluster membership: unexpected 'xml'", 32),
                arguments("show cluster membership --at yesterday", "show cluster membership: 'yesterday' is neither a "
                        + "ledger offset nor an ISO-8601 time such as 2026-11-25T10:00:00Z", 29),
                arguments("retrieve --at -1 version", "retrieve: '-1' is neither a ledger offset nor an ISO-8601 time "
                        + "such as 2026-11-25T10:00:00Z", 14),
                arguments("retrieve --at 2026-11-25T10:00:00 version", "retrieve: '2026-11-25T10:00:00' is neither a "
                        + "ledger offset nor an ISO-8601 time such as 2026-11-25T10:00:00Z", 14),
                arguments("retrieve --at 42", "retrieve: missing command", 16),
                arguments("config eval --at 12", "config eval: missing option name", 19),
                arguments("config get --at soon Timeout", "config get: 'soon' is neither a ledger offset nor an "
                        + "ISO-8601 time such as 2026-11-25T10:00:00Z", 16),
                arguments("retrieve_node --at 42 a*b version", "retrieve_node: 'a*b' is not a valid node name", 22),
                arguments("info xyz", "info: unexpected 'xyz'", 5),
                arguments("version 2", "version: unexpected '2'", 8),
                arguments("shutdown now", "shutdown: unexpected 'now'", 9),
                arguments("config", "config: expected one of get, eval, set, unset, show, showrecurse, locate, writeback, history", 6),
                arguments("config reload", "config: expected one of get, eval, set, unset, show, showrecurse, locate, writeback, history", 7),
                arguments("config writeback a b", "config writeback: unexpected 'b' (quote paths with spaces)", 19),
                arguments("config history", "config history: missing option name", 14),
                arguments("config get", "config get: missing option name", 10),
                arguments("config eval", "config eval: missing option name", 11),
                arguments("config unset", "config unset: missing option name", 12),
                arguments("config get Listen = x", "config get: unexpected '='", 18),
                arguments("config set", "config set: missing option name", 10),
                arguments("config set Banner", "config set: missing value", 17),
                arguments("config set Banner =", "config set: missing value", 19),
                arguments("config set = 5", "config set: missing option name", 11),
                arguments("config set Banner = Hello world",
                        "config set: unexpected 'world' after the value (quote values with spaces)", 26),
                arguments("config set Banner \"Hello", "config set: unterminated quote", 18),
                arguments("config set Banner \"Hello\\\"", "config set: unterminated quote", 18),
                arguments("config show Listen \"/tmp", "config show: unterminated quote", 19),
                arguments("config locate", "config locate: missing scope name", 13),
                arguments("config locate Listen a b", "config locate: unexpected 'b'", 23),
                arguments("broadcast config reload\nunicast x y", "line contains control character U+000A", 23),
                arguments("broadcast a\u0000b", "line contains control character U+0000", 11),
                arguments("broadcast a\u2028b", "line contains control character U+2028", 11));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("rejected")
    void refusedLineIsRejectedWithItsReasonAndPosition(String line, String message, int position) {
        assertThat(GRAMMAR.parse(line)).isEqualTo(new ParseResult.Rejected(message, position));
    }

    @Test
    void unicastWithoutNodeIsRejectedNamingTheMissingNode() {
        assertThatThrownBy(() -> GRAMMAR.parse("unicast").orThrow())
                .isInstanceOf(CommandRejectedException.class)
                .hasMessage("unicast: missing node name")
                .extracting(e -> ((CommandRejectedException) e).position()).isEqualTo(7);
    }

    @Test
    void parsedResultHandsBackItsCommand() {
        assertThat(GRAMMAR.parse("info").orThrow()).isEqualTo(new Command.Info());
    }

    // ---- line length ------------------------------------------------------------------------------------------

    @Test
    void lineAtTheDefaultLimitIsAcceptedAndOneCharacterMoreIsRejected() {
        String atLimit = "broadcast " + "x".repeat(Grammar.MAX_LINE_LENGTH - "broadcast ".length());
        assertThat(Grammar.MAX_LINE_LENGTH).isEqualTo(8192);
        assertThat(GRAMMAR.parse(atLimit)).isInstanceOf(ParseResult.Parsed.class);
        assertThat(GRAMMAR.parse(atLimit + "x"))
                .isEqualTo(new ParseResult.Rejected("line too long: 8193 characters (limit 8192)", 8192));
    }

    @Test
    void lineLimitIsConfigurable() {
        Grammar grammar = Grammar.standard(20);
        assertThat(grammar.maxLineLength()).isEqualTo(20);
        assertThat(grammar.parse("broadcast 1234567890")).isEqualTo(new ParseResult.Parsed(broadcast("1234567890")));
        assertThat(grammar.parse("broadcast 12345678901"))
                .isEqualTo(new ParseResult.Rejected("line too long: 21 characters (limit 20)", 20));
    }

    @Test
    void lineLimitBelowOneIsRefused() {
        assertThatThrownBy(() -> Grammar.standard(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxLineLength");
    }

    // ---- the grammar covers every command ---------------------------------------------------------------------

    @Test
    void everyCommandTypeHasAnAcceptedLineAndASpecInTheGrammar() {
        List<Command> parsed = accepted().map(row -> (Command) row.get()[1]).toList();
        Set<String> specVerbs = GRAMMAR.specs().stream().map(CommandSpec::verb).collect(Collectors.toSet());

        for (Class<?> type : Command.class.getPermittedSubclasses()) {
            List<Command> ofType = parsed.stream().filter(type::isInstance).toList();
            assertThat(ofType).as("accepted lines for %s", type.getSimpleName()).isNotEmpty();
            assertThat(ofType).as("specs for %s", type.getSimpleName())
                    .allSatisfy(command -> assertThat(specVerbs).contains(command.verb()));
        }
        assertThat(parsed.stream().map(Command::verb).collect(Collectors.toSet()))
                .as("every spec has an accepted line").containsAll(specVerbs);
    }

    @Test
    void everyConfigVerbHasASpec() {
        assertThat(GRAMMAR.specs()).extracting(CommandSpec::verb)
                .containsAll(Arrays.stream(ConfigVerb.values()).map(v -> "config " + v.word()).toList());
    }

    // ---- help -------------------------------------------------------------------------------------------------

    @Test
    void helpTextListsEverySpecOnOneLineWithAlignedDescriptions() {
        List<String> lines = GRAMMAR.helpText().lines().toList();
        List<CommandSpec> specs = GRAMMAR.specs();

        assertThat(lines).hasSameSizeAs(specs);
        int column = lines.get(0).indexOf(specs.get(0).help());
        for (int i = 0; i < specs.size(); i++) {
            assertThat(lines.get(i)).startsWith(specs.get(i).usage() + "  ").endsWith(specs.get(i).help());
            assertThat(lines.get(i).indexOf(specs.get(i).help())).as(lines.get(i)).isEqualTo(column);
        }
        assertThat(GRAMMAR.helpText()).contains("subcluster broadcast NAME [ROLLOUT] COMMAND")
                .contains("config set [SCOPE...] OPTION [=] VALUE");
    }

    @Test
    void helpOnATopicListsOnlyTheCommandsStartingWithItsWords() {
        assertThat(GRAMMAR.helpText("Subcluster").lines())
                .hasSize(2).allMatch(line -> line.startsWith("subcluster "));
        assertThat(GRAMMAR.helpText("  config   set ").lines()).singleElement().asString().startsWith("config set ");
        assertThat(GRAMMAR.helpText("retrieve").lines()).singleElement().asString().startsWith("retrieve [--at POINT] COMMAND");
        assertThat(GRAMMAR.helpText("nosuch")).isEmpty();
        assertThat(GRAMMAR.helpText("")).isEqualTo(GRAMMAR.helpText());
    }

    // ---- completion -------------------------------------------------------------------------------------------

    static Stream<Arguments> completions() {
        return Stream.of(
                arguments("", List.of("broadcast", "subcluster", "unicast", "retrieve", "retrieve_node", "flush", "help",
                        "info", "show", "shutdown", "version", "audit", "history", "config", "node", "policy", "cancel", "rerun", "replay")),
                arguments("sub", List.of("subcluster")),
                arguments("S", List.of("subcluster", "show", "shutdown")),
                arguments("retrieve", List.of("retrieve", "retrieve_node")),
                arguments("subcluster ", List.of("broadcast", "retrieve")),
                arguments("  SUBCLUSTER  B", List.of("broadcast")),
                arguments("flush control ", List.of("cache")),
                arguments("config s", List.of("set", "show", "showrecurse")),
                arguments("broadcast ", List.of()),
                arguments("subcluster broadcast ", List.of()),
                arguments("nosuch ", List.of()),
                arguments("x", List.of()));
    }

    @ParameterizedTest(name = "[{index}] ''{0}''")
    @MethodSource("completions")
    void completionOffersTheVerbWordsThatCanComeNext(String prefix, List<String> expected) {
        assertThat(GRAMMAR.completions(prefix)).containsExactlyElementsOf(expected);
    }

    @Test
    void completionOfNullIsEmpty() {
        assertThat(GRAMMAR.completions(null)).isEmpty();
    }
}
