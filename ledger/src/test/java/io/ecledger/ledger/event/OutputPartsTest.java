package io.ecledger.ledger.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutputPartsTest {

    private static NodeResponse answer(String output) {
        return new NodeResponse(java.util.UUID.randomUUID(), 7, "rh52bare", "east", NodeStatus.OK, output, Events.T0,
                Events.T0);
    }

    @Test
    void anOutputThatFitsIsTheAnswerAlone() {
        NodeResponse small = answer("x".repeat(1024));

        assertThat(OutputParts.split(small, 1024)).containsExactly(small);
    }

    @Test
    void aLongerOutputIsCutIntoTheAnswerAndNumberedPartsThatJoinBackToIt() {
        String output = "ab".repeat(2500);

        List<NodeResponse> records = OutputParts.split(answer(output), 1024);

        assertThat(records).hasSize(5);
        assertThat(records.get(0).status()).isEqualTo(NodeStatus.OK);
        assertThat(records.get(0).parts()).isEqualTo(4);
        assertThat(records.subList(1, 5)).extracting(NodeResponse::part).containsExactly(1, 2, 3, 4);
        assertThat(records.subList(1, 5)).allSatisfy(part -> assertThat(part.status()).isEqualTo(NodeStatus.OUTPUT));
        assertThat(OutputParts.join(records.get(0).output(),
                records.subList(1, 5).stream().map(NodeResponse::output).toList())).isEqualTo(output);
    }

    @Test
    void noPieceIsLongerThanTheCapInUtf8OrCutInsideACharacter() {
        // one, two, three and four bytes a character, a surrogate pair among them
        String output = "a\u00e9\u2603\uD834\uDD1E".repeat(700);

        List<String> pieces = OutputParts.pieces(output, 1000);

        assertThat(pieces).allSatisfy(piece -> {
            assertThat(piece.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(1000);
            assertThat(Character.isLowSurrogate(piece.charAt(0))).isFalse();
        });
        assertThat(String.join("", pieces)).isEqualTo(output);
    }

    @Test
    void wordsOfProgressAreNeverCut() {
        NodeResponse running = new NodeResponse(java.util.UUID.randomUUID(), 7, "rh52bare", "east", NodeStatus.RUNNING,
                "", Events.T0, Events.T0);

        assertThat(OutputParts.split(running, 1024)).containsExactly(running);
    }
}
