package io.ecledger.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecledger.ledger.sign.ManagerKey;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class NodeMainTest {

    private final StringWriter err = new StringWriter();

    @TempDir
    Path directory;

    private int run(String... args) {
        CommandLine line = NodeMain.commandLine();
        line.setErr(new PrintWriter(err, true));
        line.setOut(new PrintWriter(new StringWriter(), true));
        return line.execute(args);
    }

    /** The public key file a manager writes on its first start, in a data directory of the test's own. */
    private Path managerKeyFile() {
        ManagerKey.loadOrCreate(directory.resolve("data"));
        return directory.resolve("data").resolve(ManagerKey.PUBLIC_FILE);
    }

    @Test
    void withoutTheManagerKeyTheLauncherRefusesToStartAndSaysWhereToGetIt() {
        assertThat(run("--kafka", "127.0.0.1:1", "--node", "a@b")).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).startsWith("ecnode: --manager-key FILE is required")
                .contains("ops/bin/ecledger key show").contains("<data>/manager-key.pub.pem")
                .doesNotContain("cannot prepare the topics");
    }

    @Test
    void aManagerKeyFileThatIsNoKeyIsAUsageErrorNamingTheFile() throws IOException {
        Path file = Files.writeString(directory.resolve("key.pem"), "not a key\n");

        assertThat(run("--kafka", "127.0.0.1:1", "--node", "a@b", "--manager-key", file.toString()))
                .isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).startsWith("ecnode: --manager-key").contains(file.toString());
    }

    @Test
    void lazyCommitsDefaultToAThousandRecordsOrThirtySecondsAndTakeACountAndAnIsoDuration() {
        NodeMain main = new NodeMain();
        new CommandLine(main).parseArgs("--kafka", "h:1", "--node", "a@b");
        assertThat(main.commitEvery).isEqualTo(1_000);
        assertThat(main.commitInterval).isEqualTo(Duration.ofSeconds(30));
        assertThat(main.parallelism).isEqualTo(32);
        new CommandLine(main).parseArgs("--kafka", "h:1", "--node", "a@b", "--commit-every", "50", "--commit-interval",
                "PT2S", "--parallelism", "4");
        assertThat(main.commitEvery).isEqualTo(50);
        assertThat(main.commitInterval).isEqualTo(Duration.ofSeconds(2));
        assertThat(main.parallelism).isEqualTo(4);
    }

    @Test
    void aCommitCountBelowOneOrANonPositiveIntervalIsAUsageErrorBeforeAnyKafkaClient() {
        assertThat(run("--kafka", "127.0.0.1:1", "--node", "a@b", "--manager-key", managerKeyFile().toString(),
                "--commit-every", "0")).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).isEqualTo("ecnode: --commit-every / --commit-interval: commit every must be at least"
                + " 1 record, was 0\n");
        err.getBuffer().setLength(0);
        assertThat(run("--kafka", "127.0.0.1:1", "--node", "a@b", "--manager-key", managerKeyFile().toString(),
                "--commit-interval", "PT0S")).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).isEqualTo("ecnode: --commit-every / --commit-interval: commit interval must be"
                + " positive, was PT0S\n");
    }

    @Test
    void answersShareATransactionByDefaultUpToAHundredOrATenthOfASecond() {
        NodeMain main = new NodeMain();
        new CommandLine(main).parseArgs("--kafka", "h:1", "--node", "a@b");
        assertThat(main.batchAnswers).isEqualTo(100);
        assertThat(main.batchAge).isEqualTo(Duration.ofMillis(100));
        new CommandLine(main).parseArgs("--kafka", "h:1", "--node", "a@b", "--batch-answers", "1", "--batch-age",
                "PT1S");
        assertThat(main.batchAnswers).isEqualTo(1);
        assertThat(main.batchAge).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void aBatchBelowOneAnswerOrANonPositiveAgeIsAUsageErrorBeforeAnyKafkaClient() {
        assertThat(run("--kafka", "127.0.0.1:1", "--node", "a@b", "--manager-key", managerKeyFile().toString(),
                "--batch-answers", "0")).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).isEqualTo("ecnode: --batch-answers / --batch-age: a transaction must carry at least"
                + " 1 answer, was 0\n");
        err.getBuffer().setLength(0);
        assertThat(run("--kafka", "127.0.0.1:1", "--node", "a@b", "--manager-key", managerKeyFile().toString(),
                "--batch-age", "PT0S")).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).isEqualTo("ecnode: --batch-answers / --batch-age: batch age must be positive,"
                + " was PT0S\n");
    }

    @Test
    void aParallelismBelowOneIsAUsageError() {
        assertThat(run("--kafka", "127.0.0.1:1", "--node", "a@b", "--manager-key", managerKeyFile().toString(),
                "--parallelism", "0")).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).isEqualTo("ecnode: --parallelism must be at least 1, was 0\n");
    }

    @Test
    void theMaxDeadlineDefaultsToAnHourAndTakesAnIsoDuration() {
        NodeMain main = new NodeMain();
        new CommandLine(main).parseArgs("--kafka", "h:1", "--node", "a@b");
        assertThat(main.maxDeadline).isEqualTo(Duration.ofHours(1));
        new CommandLine(main).parseArgs("--kafka", "h:1", "--node", "a@b", "--max-deadline", "PT5M");
        assertThat(main.maxDeadline).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void aNodeWithoutSubclusterIsRefusedInOneLine() {
        assertThat(run("--kafka", "localhost:9092", "--node", "rh52bare")).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).startsWith("ecnode: --node must be NAME@SUBCLUSTER, was 'rh52bare'\n")
                .contains("ecnode --help");
    }

    @Test
    void anInvalidNodeNameIsRefusedNamingTheRule() {
        assertThat(run("--kafka", "localhost:9092", "--node", "bad name@east")).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).startsWith("ecnode: --node bad name@east: node name 'bad name' is not valid");
    }

    @Test
    void kafkaAndAtLeastOneNodeAreRequired() {
        assertThat(run("--node", "rh52bare@east")).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("--kafka");
        assertThat(run("--kafka", "localhost:9092")).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("--node");
    }

    @Test
    void aKafkaAddressWithoutPortIsRefused() {
        assertThat(run("--kafka", "localhost", "--node", "rh52bare@east")).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).isEqualTo("ecnode: --kafka must be HOST:PORT, was 'localhost'\n");
    }

    @Test
    void anUnknownExecutorIsRefused() {
        assertThat(run("--kafka", "localhost:9092", "--node", "a@b", "--executor", "ssh")).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("ssh").contains("simulated");
    }

    @Test
    void theNodeFlagRepeatsAndTheDefaultsAreSimulatedAndEcledger() {
        NodeMain main = new NodeMain();
        new CommandLine(main).parseArgs("--kafka", "h:1", "--node", "rh52bare@east", "--node", "rh52bar2@west");
        assertThat(main.nodes).containsExactly(new NodeMain.NodeSpec("rh52bare", "east"),
                new NodeMain.NodeSpec("rh52bar2", "west"));
        assertThat(main.executor).isEqualTo(NodeMain.ExecutorKind.simulated);
        assertThat(main.topicPrefix).isEqualTo("ecledger");
        assertThat(main.consoleProgram).isEqualTo(Path.of("/opt/msys/ecelerity/bin/ec_console"));
    }

    @Test
    void aMissingKafkaConfigFileIsAUsageErrorNamingIt() {
        Path missing = directory.resolve("client.properties");

        assertThat(run("--kafka", "localhost:9092", "--node", "a@b", "--kafka-config", missing.toString()))
                .isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).isEqualTo("ecnode: --kafka-config: no such file: " + missing + "\n");
    }

    @Test
    void aKafkaConfigSettingWhatTheAgentDependsOnIsAUsageErrorNamingTheKey() throws IOException {
        Path file = Files.writeString(directory.resolve("client.properties"), "enable.auto.commit=true\n");

        assertThat(run("--kafka", "localhost:9092", "--node", "a@b", "--kafka-config", file.toString()))
                .isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).startsWith("ecnode: --kafka-config: " + file
                + ": Kafka client property enable.auto.commit cannot be overridden: ");
    }

    @Test
    void theKafkaConfigReachesTheFirstKafkaClientTheLauncherMakes() throws IOException {
        // Kafka checks the value as the Admin client is built, before it connects to anything
        Path file = Files.writeString(directory.resolve("client.properties"), "security.protocol=CARRIER_PIGEON\n");

        assertThat(run("--kafka", "127.0.0.1:1", "--node", "a@b", "--kafka-config", file.toString(),
                "--manager-key", managerKeyFile().toString())).isEqualTo(1);
        assertThat(err.toString()).startsWith("ecnode: cannot prepare the topics on 127.0.0.1:1: ")
                .contains("CARRIER_PIGEON");
    }

    @Test
    void aNodeNameOver63CharactersIsRefusedBeforeAnyAgentStarts() {
        assertThat(run("--kafka", "localhost:9092", "--node", "n".repeat(300) + "@east")).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains(": node name '" + "n".repeat(64) + "... (300 characters)' is not valid");
    }

    @Test
    void aHostOrVersionThatBreaksTheNameRuleKeepsTheAgentFromAnnouncingItself() {
        assertThat(NodeMain.announcementRefusal("rh52bare.example.com", "0.1.0-SNAPSHOT")).isEmpty();
        assertThat(NodeMain.announcementRefusal("h".repeat(256), "0.1.0")).get().asString()
                .startsWith("this agent cannot announce itself: host name 'hhhh").contains("at most 255 characters");
        assertThat(NodeMain.announcementRefusal("rh52bare", "1.0 beta")).get().asString()
                .isEqualTo("this agent cannot announce itself: version name '1.0 beta' is not valid: at most 255 "
                        + "characters of letters, digits, '.', '_', '-', '@', ':', '+', '[' or ']'");
    }
}
