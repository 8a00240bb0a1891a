package io.ecledger.ledger.policy;

import static io.ecledger.ledger.policy.CommandPolicyMatrixTest.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ecledger.ledger.command.Command;
import io.ecledger.ledger.command.Target;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CommandPolicyTest {

    private final CommandPolicy standard = CommandPolicy.standard();

    @Test
    void aDenyOfOneRoleBeatsAnAllowOfAnotherRoleOfTheSameCaller() {
        Decision decision = standard.decide(Set.of("admin", "operator"), parse("broadcast shutdown now"));

        assertThat(decision).isEqualTo(new Decision.Denied("operator: deny send \"shutdown*\"",
                "role operator may not send 'shutdown now' to broadcast: rule operator: deny send \"shutdown*\""));
        assertThat(standard.decide(Set.of("admin"), parse("broadcast shutdown now")))
                .isEqualTo(new Decision.Allowed("admin: allow *"));
    }

    @Test
    void anAllowedCommandNamesTheRuleThatAllowedIt() {
        assertThat(standard.decide(Set.of("operator"), parse("unicast east1 sieve:main flush cache")))
                .isEqualTo(new Decision.Allowed("operator: allow send \"sieve:* flush cache\""));
        assertThat(standard.decide(Set.of("operator"), parse("history")))
                .isEqualTo(new Decision.Allowed("viewer: allow history"));
    }

    @Test
    void whatNoRuleAllowsIsDeniedByTheDefaultRuleWithASentenceNamingIt() {
        assertThat(standard.decide(Set.of("viewer"), parse("shutdown"))).isEqualTo(new Decision.Denied(
                "default: deny", "role viewer may not run 'shutdown': no rule allows it (rule default: deny)"));
        assertThat(standard.decide(Set.of("viewer", "auditor"), "policy")).isEqualTo(new Decision.Denied(
                "default: deny", "roles auditor, viewer may not use policy: no rule allows it (rule default: deny)"));
        assertThat(standard.decide(Set.of(), parse("info"))).isEqualTo(new Decision.Denied(
                "default: deny", "a caller with no role may not run 'info': no rule allows it (rule default: deny)"));
    }

    @Test
    void aRoleThePolicyDoesNotDefineGrantsNothing() {
        assertThat(standard.decide(Set.of("superuser"), parse("info")).rule()).isEqualTo("default: deny");
    }

    @Test
    void targetPatternsMatchBroadcastSubclusterAndNodeByTheirNames() {
        CommandPolicy policy = CommandPolicy.parse("""
                roles:
                  ops:
                    allow:
                      - send: "a"
                        to: "broadcast"
                      - send: "b"
                        to: "subcluster we*"
                      - send: "c"
                        to: "node east?"
                      - retrieve: "*"
                        to: "node *"
                """);
        Set<String> ops = Set.of("ops");

        assertThat(policy.decide(ops, send(new Target.Broadcast(), "a")).allowed()).isTrue();
        assertThat(policy.decide(ops, send(new Target.Subcluster("west"), "a")).allowed()).isFalse();
        assertThat(policy.decide(ops, send(new Target.Subcluster("west"), "b")).allowed()).isTrue();
        assertThat(policy.decide(ops, send(new Target.Subcluster("east"), "b")).allowed()).isFalse();
        assertThat(policy.decide(ops, send(new Target.Broadcast(), "b")).allowed()).isFalse();
        assertThat(policy.decide(ops, send(new Target.Unicast("east1"), "c")).allowed()).isTrue();
        assertThat(policy.decide(ops, send(new Target.Unicast("east12"), "c")).allowed()).isFalse();
        assertThat(policy.decide(ops, new Command.Retrieve(new Target.Unicast("west3"), "x")).allowed()).isTrue();
        assertThat(policy.decide(ops, new Command.Retrieve(new Target.Broadcast(), "x")).allowed()).isFalse();
    }

    @Test
    void aPatternedRuleNeverMatchesARequestWithoutText() {
        CommandPolicy policy = CommandPolicy.parse("""
                roles:
                  r:
                    allow: [export, {retrieve: "*"}]
                    deny: [{send: "*"}]
                """);

        assertThat(policy.decide(Set.of("r"), "export").allowed()).isTrue();
        assertThat(policy.decide(Set.of("r"), "retrieve").rule()).isEqualTo("default: deny");
    }

    @Test
    void globCharactersAreTheOnlySpecialOnesEverythingElseIsLiteral() {
        CommandPolicy policy = CommandPolicy.parse("""
                roles:
                  r:
                    allow: [{send: "a.c (x)+ [y]"}]
                """);

        assertThat(policy.decide(Set.of("r"), send(new Target.Broadcast(), "a.c (x)+ [y]")).allowed()).isTrue();
        assertThat(policy.decide(Set.of("r"), send(new Target.Broadcast(), "abc (x)+ [y]")).allowed()).isFalse();
        assertThat(policy.decide(Set.of("r"), send(new Target.Broadcast(), "a.c (xx) y")).allowed()).isFalse();
    }

    @Test
    void aNestedStarPatternOverALongTextIsAnsweredByRe2() {
        CommandPolicy policy = CommandPolicy.parse("""
                roles:
                  r:
                    allow: [{send: "*a*a*a*a*a*a*b"}]
                """);
        String noB = "a".repeat(5000);

        assertThat(policy.decide(Set.of("r"), send(new Target.Broadcast(), noB)).allowed()).isFalse();
        assertThat(policy.decide(Set.of("r"), send(new Target.Broadcast(), noB + "b")).allowed()).isTrue();
        assertThat(Glob.of("*a*a*a*a*a*a*b", "test").pattern()).isInstanceOf(com.google.re2j.Pattern.class);
    }

    @Test
    void includedRolesBringTheirRulesUnderTheirOwnNames() {
        CommandPolicy policy = CommandPolicy.parse("""
                roles:
                  base:
                    allow: [info]
                    deny: [{send: "rm*"}]
                  top:
                    include: [base]
                    allow: [{send: "*"}]
                """);

        assertThat(policy.decide(Set.of("top"), parse("info"))).isEqualTo(new Decision.Allowed("base: allow info"));
        assertThat(policy.decide(Set.of("top"), send(new Target.Broadcast(), "rm -rf")).rule())
                .isEqualTo("base: deny send \"rm*\"");
        assertThat(policy.decide(Set.of("top"), send(new Target.Broadcast(), "ls")).rule())
                .isEqualTo("top: allow send \"*\"");
    }

    @Test
    void osUsersMapRootAndTheManagersOwnUserToAdminAndEveryoneElseToNothing() {
        String manager = System.getProperty("user.name");

        assertThat(standard.rolesOfOsUser("root")).containsExactly("admin");
        assertThat(standard.rolesOfOsUser(manager)).containsExactly("admin");
        assertThat(standard.rolesOfOsUser("mallory")).isEmpty();
        assertThat(standard.rolesOfOsUser("$manager")).as("the key is not a user name").isEmpty();
    }

    @Test
    void osUsersMayListSeveralRolesOrOne() {
        CommandPolicy policy = CommandPolicy.parse("""
                roles:
                  a: {allow: [info]}
                  b: {allow: [version]}
                osUsers:
                  alice: [a, b]
                  bob: b
                """);

        assertThat(policy.rolesOfOsUser("alice")).containsExactlyInAnyOrder("a", "b");
        assertThat(policy.rolesOfOsUser("bob")).containsExactly("b");
    }

    @Test
    void theTextIsKeptExactlyAndItsHashIsTheSha256OfItsBytes() throws Exception {
        String text = "# mine\nroles:\n  r: {allow: [info]}\n";
        CommandPolicy policy = CommandPolicy.parse(text);

        assertThat(policy.text()).isEqualTo(text);
        assertThat(policy.sha256()).isEqualTo(HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8))));
        assertThat(standard.text()).isEqualTo(CommandPolicy.standardText()).contains("osUsers:");
        assertThat(standard.sha256()).hasSize(64).isNotEqualTo(policy.sha256());
    }

    @Test
    void eachMistakeInAPolicyIsRefusedWithAMessageNamingIt() {
        assertRefused("roles:\n  r: {allow: [info]}\nusers: {}\n",
                "policy: unknown key 'users'; expected osUsers, roles");
        assertRefused("roles:\n  r: {allw: [info]}\n",
                "role r: unknown key 'allw'; expected allow, deny, description, include");
        assertRefused("roles:\n  r: {allow: [infos]}\n", "role r: allow: unknown command class 'infos'; classes are * and");
        assertRefused("roles:\n  r: {allow: [info], include: [viewer]}\n",
                "role r includes unknown role 'viewer'; roles are r");
        assertRefused("roles:\n  a: {include: [b]}\n  b: {include: [c]}\n  c: {include: [a]}\n",
                "role a includes itself: a -> b -> c -> a");
        assertRefused("roles:\n  r: {allow: [{send: \"\"}]}\n", "role r: allow send: a pattern must not be empty");
        assertRefused("roles:\n  r: {allow: [{send: \"a\\nb\"}]}\n",
                "role r: allow send: a pattern must not contain a control character");
        assertRefused("roles:\n  r: {allow: [{send: \"" + "x".repeat(1001) + "\"}]}\n",
                "role r: allow send: pattern is 1001 characters, at most 1000");
        assertRefused("roles:\n  r: {deny: [{shutdown: \"*\"}]}\n",
                "role r: deny: unknown key 'shutdown' in a rule; only retrieve and send take a pattern");
        assertRefused("roles:\n  r: {deny: [{send: \"*\", tu: \"node x\"}]}\n",
                "role r: deny: a rule mapping has one command class key (send or retrieve) and optionally to:, got [send, tu]");
        assertRefused("roles:\n  r: {allow: [info]}\nosUsers:\n  alice: [root]\n",
                "osUsers: alice has unknown role 'root'; roles are r");
        assertRefused("roles:\n  Admin: {allow: [info]}\n", "role 'Admin': a role name is lower-case letters");
        assertRefused("roles:\n  r: {allow: [info]}\n  r: {allow: [help]}\n", "policy is not valid YAML: Duplicate field 'r'");
        assertRefused("roles: {}\n", "policy: roles: must be a mapping of at least one role");
        assertRefused("- just a list\n", "policy must be a YAML mapping with roles:");
    }

    private static void assertRefused(String yaml, String messageStart) {
        assertThatThrownBy(() -> CommandPolicy.parse(yaml)).as(yaml)
                .isInstanceOf(PolicyException.class)
                .hasMessageStartingWith(messageStart);
    }

    private static Command send(Target target, String text) {
        return new Command.Send(target, text);
    }
}
