package io.ecledger.api.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecledger.ledger.sign.KeyFiles;
import io.ecledger.ledger.sign.ManagerKey;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyCommandTest {

    @TempDir
    Path data;

    @Test
    void keyShowPrintsTheFingerprintAndThePublicKeyOfTheManagersDataDirectory() {
        ManagerKey key = ManagerKey.loadOrCreate(data);
        StringWriter out = new StringWriter();

        int exit = EcledgerMain.run(new String[] {"key", "show", "--data", data.toString()},
                new PrintWriter(out, true), new PrintWriter(new StringWriter(), true));

        assertThat(exit).isZero();
        assertThat(out.toString()).startsWith("fingerprint: " + key.fingerprint() + "\n")
                .contains(KeyFiles.publicPem(key.publicKey()))
                .doesNotContain("PRIVATE");
    }

    @Test
    void keyShowWithoutAKeySaysWhereItLookedAndHowTheKeyIsMade() {
        StringWriter err = new StringWriter();

        int exit = EcledgerMain.run(new String[] {"key", "show", "--data", data.resolve("none").toString()},
                new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains(data.resolve("none").resolve(ManagerKey.PUBLIC_FILE).toString())
                .contains("first start");
    }

    @Test
    void keyShowAfterARotationPrintsTheNewKeyAndTheOffsetOfItsRotation() {
        ManagerKey.loadOrCreate(data);
        ManagerKey next = ManagerKey.generate();
        next.saveAsNext(data);
        ManagerKey.promoteNext(data, 12);
        StringWriter out = new StringWriter();

        int exit = EcledgerMain.run(new String[] {"key", "show", "--data", data.toString()},
                new PrintWriter(out, true), new PrintWriter(new StringWriter(), true));

        assertThat(exit).isZero();
        assertThat(out.toString()).startsWith("fingerprint: " + next.fingerprint() + "\nrotated at offset 12\n")
                .contains(KeyFiles.publicPem(next.publicKey()));
    }

    @Test
    void keyRotateWithoutARunningManagerSaysTheKeyRotatesInsideIt() {
        StringWriter err = new StringWriter();

        int exit = EcledgerMain.run(new String[] {"key", "rotate", "--admin", "127.0.0.1:1"},
                new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("no manager answers").contains("inside the running manager");
    }
}
