package io.ecledger.api.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ecledger.api.testing.Cluster;
import io.ecledger.api.testing.ManagerFixture;
import io.ecledger.api.testing.SeededCluster;
import io.ecledger.ledger.testing.KafkaBroker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A real {@code ecnode} process whose clock libfaketime sets ten minutes ahead or behind: it sets its clock to the
 * broker's, so a command within its deadline runs ({@code OK}, not {@code EXPIRED}), one whose deadline really passed
 * before the agent saw it is {@code EXPIRED}, and the manager shows it alive while it heartbeats and silent once dead.
 */
@Tag("faults")
@ExtendWith(KafkaBroker.class)
class ClockSkewIT {

    private static final Path ECNODE = Path.of("..", "ops", "bin", "ecnode").toAbsolutePath().normalize();
    private static final Path FAKETIME = Path.of("/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1");
    // not a seed node: the manager has no key preseeded for it, so it accepts the one the agent makes
    private static final String NODE = "rh52skew";
    // far shorter than the skew: an agent judging on its own clock would get each case wrong
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(15);
    private static final Pattern MEASURED = Pattern.compile("node clock set to the broker's node=" + NODE
            + " offsetMs=(-?\\d+)");
    private static final Pattern LOG_TIME = Pattern.compile("^(\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3}) ",
            Pattern.MULTILINE);

    @TempDir
    Path state;

    @ParameterizedTest(name = "clock {0}")
    @ValueSource(strings = {"+10m", "-10m"})
    void anAgentTenMinutesOffRunsLiveCommandsExpiresLateOnesAndLooksAliveWhileItHeartbeats(String skew,
            KafkaBroker.Handle broker) throws Exception {
        assertThat(FAKETIME).as("libfaketime (Debian package libfaketime, installed by .ci/run) skews the agent's clock;"
                + " without it this test cannot run").isRegularFile();
        long skewSeconds = skew.startsWith("-") ? -600 : 600;
        try (Cluster cluster = SeededCluster.fresh(broker).withoutNodes()
                .with("commandTimeout", COMMAND_TIMEOUT.toSeconds() + "s").start()) {
            ManagerFixture manager = cluster.manager();
            Instant started = Instant.now();
            Process agent = startAgent(cluster, skew);
            try {
                String membership = awaitMembershipLine(manager, "alive");
                assertSkewIsReal(skewSeconds, started);

                // alive on every look while it heartbeats: more than one alive window of them
                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (System.nanoTime() < until) {
                    assertThat(memberLine(manager)).as("membership of the %s agent", skew).endsWith("alive");
                    TimeUnit.SECONDS.sleep(2);
                }

                // within its deadline by the manager's clock, though 10 minutes off by the agent's own
                manager.console("unicast " + NODE + " summary");
                String answer = awaitAnswer(manager, "summary");
                assertThat(answer).as("answer of the %s agent:\n%s", skew, agentOutput()).contains(NODE + " (east): OK");

                // its deadline really passes while the agent is down; the agent sees it only after
                kill(agent);
                manager.console("unicast " + NODE + " version");
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                        assertThat(manager.console("retrieve_node " + NODE + " version").body())
                                .contains(NODE + " (east): undelivered"));
                // dead: silent once its last heartbeat is older than the alive window, however far its clock is off
                awaitMembershipLine(manager, "silent since");
                agent = startAgent(cluster, skew);
                assertThat(awaitAnswer(manager, "version")).as("agent output:\n%s", agentOutput())
                        .contains(NODE + " (east): EXPIRED");
                assertThat(memberLine(awaitAlive(manager))).endsWith("alive");
                System.out.printf("clock skew %s: membership '%s'; live command OK, late one EXPIRED%n", skew,
                        membership.strip());
            } finally {
                kill(agent);
            }
        }
    }

    /** The agent's own clock really is off, by its log's stamps, and it measured that against the broker. */
    private void assertSkewIsReal(long skewSeconds, Instant started) throws IOException {
        String out = agentOutput();
        Matcher stamp = LOG_TIME.matcher(out);
        assertThat(stamp.find()).as("a time-stamped line in the agent's output:\n%s", out).isTrue();
        Instant logged = LocalDateTime.parse(stamp.group(1), DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS"))
                .atZone(ZoneId.systemDefault()).toInstant();
        // started a few seconds before its first line: the skew shows as ten minutes, give or take a minute
        long seenSkew = Duration.between(started, logged).toSeconds();
        assertThat(seenSkew).as("the agent's clock is skewed %s s (its first log line %s); libfaketime did not take",
                skewSeconds, stamp.group(1)).isBetween(skewSeconds - 60, skewSeconds + 60);
        Matcher measured = MEASURED.matcher(out);
        assertThat(measured.find()).as("the agent measured its clock against the broker's:\n%s", out).isTrue();
        // the offset is the broker's time minus the agent's: the opposite of the skew
        assertThat(Long.parseLong(measured.group(1)) / 1000).isBetween(-skewSeconds - 5, -skewSeconds + 5);
    }

    /** The node's answer to the last {@code command} sent to it, once it answered. */
    private String awaitAnswer(ManagerFixture manager, String command) throws IOException {
        Pattern answered = Pattern.compile(Pattern.quote(NODE + " (east): ") + "[A-Z]+");
        try {
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() ->
                    answered.matcher(manager.console("retrieve_node " + NODE + " " + command).body()).find());
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("no answer to '" + command + "': "
                    + manager.console("retrieve_node " + NODE + " " + command).body() + "\nits output:\n" + agentOutput(),
                    e);
        }
        return manager.console("retrieve_node " + NODE + " " + command).body();
    }

    /** Builds the agent's classpath on the real clock first: a build on a skewed one would take its time. */
    @BeforeAll
    static void buildTheAgent() throws Exception {
        Process help = new ProcessBuilder(ECNODE.toString(), "--help").redirectErrorStream(true).start();
        String out = new String(help.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(help.waitFor(10, TimeUnit.MINUTES)).as("ecnode --help ended").isTrue();
        assertThat(help.exitValue()).as("ecnode --help:\n%s", out).isZero();
    }

    private String awaitMembershipLine(ManagerFixture manager, String state) throws IOException {
        try {
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                    assertThat(memberLine(manager)).contains(state));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("the node never showed '" + state + "'; membership:\n"
                    + manager.console("show cluster membership").body() + "\nits output:\n" + agentOutput(), e);
        }
        return memberLine(manager);
    }

    private ManagerFixture awaitAlive(ManagerFixture manager) throws IOException {
        awaitMembershipLine(manager, "alive");
        return manager;
    }

    private static String memberLine(ManagerFixture manager) {
        for (String line : manager.console("show cluster membership").body().split("\n")) {
            if (line.startsWith(NODE + " ")) {
                return line.strip();
            }
        }
        return "(no line for " + NODE + ")";
    }

    private Process startAgent(Cluster cluster, String skew) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(ECNODE.toString(), "--kafka", cluster.bootstrapServers(),
                "--manager-key", cluster.managerPublicKey().toString(), "--node", NODE + "@east",
                "--topic-prefix", cluster.prefix(), "--state-dir", state.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(state.resolve("ecnode.out").toFile()));
        builder.environment().put("LD_PRELOAD", FAKETIME.toString());
        builder.environment().put("FAKETIME", skew);
        // the JVM's timed waits hang on a faked monotonic clock; only the wall clock is off, as on a real node
        builder.environment().put("FAKETIME_DONT_FAKE_MONOTONIC", "1");
        // else libfaketime turns its monotonic fix on for this glibc, and every timed wait returns at once: a busy JVM
        builder.environment().put("FAKETIME_FORCE_MONOTONIC_FIX", "0");
        return builder.start();
    }

    private String agentOutput() throws IOException {
        Path out = state.resolve("ecnode.out");
        return Files.exists(out) ? Files.readString(out) : "(none)";
    }

    /** kill -9 of the agent's JVM: ops/bin/ecnode execs java, so the process started is the agent itself. */
    private static void kill(Process agent) throws InterruptedException {
        agent.destroyForcibly();
        assertThat(agent.waitFor(30, TimeUnit.SECONDS)).as("the agent died").isTrue();
    }
}
