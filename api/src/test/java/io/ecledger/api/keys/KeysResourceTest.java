package io.ecledger.api.keys;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.testing.junit5.ResourceExtension;
import io.ecledger.ledger.sign.CurrentManagerKey;
import io.ecledger.ledger.sign.KeyFiles;
import io.ecledger.ledger.sign.ManagerKey;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code GET /v1/keys/manager} over Jersey's in-memory client. */
@ExtendWith(DropwizardExtensionsSupport.class)
class KeysResourceTest {

    private static final ManagerKey KEY = ManagerKey.generate();
    private static final ResourceExtension RESOURCE = ResourceExtension.builder()
            .addResource(new KeysResource(KEY.publicKey()))
            .build();

    @Test
    void theManagerKeyIsAnsweredWithItsAlgorithmPublicKeyAndFingerprint() {
        JsonNode answer = RESOURCE.target("/v1/keys/manager").request().get(JsonNode.class);

        assertThat(answer.get("algorithm").asText()).isEqualTo("Ed25519");
        assertThat(KeyFiles.parsePublic(answer.get("publicKey").asText())).isEqualTo(KEY.publicKey());
        assertThat(answer.get("fingerprint").asText()).isEqualTo(KEY.fingerprint().value());
        assertThat(answer.size()).isEqualTo(3);
    }

    @Test
    void aRotatedKeyIsAnsweredWithTheOffsetOfItsRotation() {
        ManagerKey next = ManagerKey.generate();
        CurrentManagerKey current = new CurrentManagerKey(KEY, OptionalLong.empty());
        KeysResource resource = new KeysResource(current);
        current.switchTo(next, 42);

        ManagerKeyView view = resource.manager();

        assertThat(view.fingerprint()).isEqualTo(next.fingerprint().value());
        assertThat(view.rotatedAt()).hasValue(42);
    }
}
