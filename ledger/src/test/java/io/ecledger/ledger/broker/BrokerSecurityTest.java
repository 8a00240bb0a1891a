package io.ecledger.ledger.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BrokerSecurityTest {

    @Test
    void theDefaultIsPlaintextWithoutUsersOrAcls() {
        BrokerSecurity open = BrokerSecurity.open();

        assertThat(open.sasl()).isFalse();
        assertThat(open.acls()).isFalse();
        assertThat(open.clientProperties("anyone", "whatever")).isEmpty();
    }

    @Test
    void scramUsersGetClientPropertiesThatLogInAsThem() {
        BrokerSecurity security = BrokerSecurity.scram("admin", "admin-secret").withUser("eccmgr", "mgr-secret1").withAcls();

        assertThat(security.superPrincipal()).isEqualTo("User:admin");
        assertThat(security.users()).containsOnlyKeys("admin", "eccmgr");
        assertThat(security.clientProperties("eccmgr", "mgr-secret1")).containsEntry("security.protocol", "SASL_PLAINTEXT")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-256")
                .containsEntry("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required"
                        + " username=\"eccmgr\" password=\"mgr-secret1\";");
    }

    @Test
    void passwordsNeverShowInItsText() {
        assertThat(BrokerSecurity.scram("admin", "admin-secret").withAcls().toString())
                .isEqualTo("SASL_PLAINTEXT SCRAM-SHA-256 users=[admin] superUser=admin acls=StandardAuthorizer")
                .doesNotContain("admin-secret");
    }

    @Test
    void aclsWithoutSaslAndBadNamesOrPasswordsAreRefused() {
        assertThatThrownBy(() -> BrokerSecurity.open().withAcls()).hasMessageContaining("ACLs need SASL principals");
        assertThatThrownBy(() -> BrokerSecurity.scram("admin", "short"))
                .hasMessageStartingWith("the password of SASL user 'admin' must be 8 to 128");
        assertThatThrownBy(() -> BrokerSecurity.scram("admin", "admin-secret").withUser("a\"b", "password1"))
                .hasMessageContaining("SASL user name 'a\"b' is not valid");
        assertThatThrownBy(() -> BrokerSecurity.scram("admin", "pass\"word1")).hasMessageContaining("no quotes");
    }
}
