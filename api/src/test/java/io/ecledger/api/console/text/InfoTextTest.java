package io.ecledger.api.console.text;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecledger.api.info.ManagerInfo;
import org.junit.jupiter.api.Test;

class InfoTextTest {

    @Test
    void infoNamesTheClusterTheManagerItsNodesTheLedgerAndTheKeyThatSignsIt() {
        String fingerprint = "SHA256:" + "x".repeat(43);
        ManagerInfo info = new ManagerInfo("rh52", "mgr.example.com", "0.1.0", 3, 2, 2, 17, 0, fingerprint);

        assertThat(ConsoleText.info(info)).isEqualTo("""
                cluster: rh52
                manager: eccmgr 0.1.0 on mgr.example.com
                nodes: 3 (2 alive) in 2 subcluster(s)
                ledger: next offset 17, projection lag 0
                manager key: SHA256:xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx""");
    }

    @Test
    void infoSaysAtWhichOffsetTheManagerKeyWasRotated() {
        ManagerInfo info = new ManagerInfo("rh52", "mgr", "0.1.0", 0, 0, 0, 17, 0, "SHA256:" + "x".repeat(43), 9);

        assertThat(ConsoleText.info(info)).endsWith("manager key: SHA256:" + "x".repeat(43) + " (rotated at offset 9)");
    }
}
