package io.ecledger.api.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class RebuildCommandTest {

    @Test
    void theBarFillsInProportionToTheLedgerEventsApplied() {
        assertThat(RebuildCommand.bar(0, 200, 10)).isEqualTo("[..........]   0%  0/200 ledger events");
        assertThat(RebuildCommand.bar(50, 200, 10)).isEqualTo("[###.......]  25%  50/200 ledger events");
        assertThat(RebuildCommand.bar(200, 200, 10)).isEqualTo("[##########] 100%  200/200 ledger events");
    }

    @Test
    void anEmptyLedgerIsAFullBar() {
        assertThat(RebuildCommand.bar(0, 0, 4)).isEqualTo("[####] 100%  0/0 ledger events");
    }

    @Test
    void anUnknownProgressModeIsAUsageError() {
        StringWriter err = new StringWriter();

        int exit = EcledgerMain.run(new String[] {"rebuild", "--progress", "sometimes"},
                new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("--progress must be auto, always or never, not 'sometimes'");
    }
}
