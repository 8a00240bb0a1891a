package io.ecledger.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class NodeMainTest {

    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine line = NodeMain.commandLine();
        line.setErr(new PrintWriter(err, true));
        line.setOut(new PrintWriter(new StringWriter(), true));
        return line.execute(args);
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
}
