package io.ecledger.api.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecledger.api.cli.EcledgerMain;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ExportProgressTest {

    @Test
    void theBarRedrawsOneLineWithTheShareDone() {
        assertThat(EcledgerMain.progressBar(2_500, 10_000))
                .isEqualTo("\rexport [##########..............................] 25% 2500/10000");
        assertThat(EcledgerMain.progressBar(0, 0)).endsWith("] 100% 0/0");
    }

    @Test
    void aBadRangeIsAUsageErrorBeforeKafkaIsAsked() {
        StringWriter err = new StringWriter();
        int exit = EcledgerMain.run(new String[] {"export", "--from", "9", "--to", "3"},
                new PrintWriter(new StringWriter()), new PrintWriter(err, true));
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("need 0 <= --from <= --to");
    }
}
