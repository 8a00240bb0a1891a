package io.ecledger.node.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecledger.ledger.codec.EventCodec;
import io.ecledger.ledger.codec.LedgerHashing;
import io.ecledger.ledger.command.Target;
import io.ecledger.ledger.event.CommandIssued;
import io.ecledger.ledger.event.Events;
import io.ecledger.ledger.event.LedgerEvent;
import io.ecledger.ledger.event.Payload;
import io.ecledger.ledger.sign.ManagerKey;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CommandCheckTest {

    private static final ManagerKey MANAGER = ManagerKey.generate();
    private final CommandCheck check = new CommandCheck(MANAGER.publicKey(), Duration.ofHours(1));

    private static CommandIssued command(String text, Duration deadlineAfterIssue) {
        return new CommandIssued(UUID.randomUUID(), new Target.Broadcast(), text, List.of("rh52bare"),
                Events.T0.plus(deadlineAfterIssue), OptionalLong.empty());
    }

    /** An event with the right hash and no seal: what anyone who can write to the topic can make. */
    static LedgerEvent unsigned(Payload payload) {
        LedgerEvent draft = Events.event(payload);
        return draft.withHash(LedgerHashing.draftHash(EventCodec.LEDGER.encode(draft)));
    }

    private Optional<String> refusal(LedgerEvent event) {
        return check.refusal(event, EventCodec.LEDGER.encode(event), OptionalLong.empty());
    }

    @Test
    void aCommandTheManagerSignedWithAShortDeadlineMayRun() {
        assertThat(refusal(Events.signed(command("version", Duration.ofSeconds(30)), MANAGER))).isEmpty();
    }

    @Test
    void anUnsignedCommandIsRefusedAsUnsigned() {
        assertThat(refusal(unsigned(command("version", Duration.ofSeconds(30))))).contains("unsigned");
    }

    @Test
    void aCommandSignedByAnotherKeyIsRefusedNamingThePinnedKey() {
        LedgerEvent forged = Events.signed(command("version", Duration.ofSeconds(30)), ManagerKey.generate());

        assertThat(refusal(forged)).contains("signature does not verify with manager key " + MANAGER.fingerprint());
    }

    @Test
    void aSignedRecordWhoseBytesWereChangedAfterSigningIsRefused() throws Exception {
        byte[] encoded = EventCodec.LEDGER.encode(Events.signed(command("version", Duration.ofSeconds(30)), MANAGER));
        String text = new String(encoded, StandardCharsets.ISO_8859_1);
        byte[] tampered = text.replace("version", "restart").getBytes(StandardCharsets.ISO_8859_1);

        assertThat(check.refusal(EventCodec.LEDGER.decode(tampered), tampered, OptionalLong.empty()))
                .hasValueSatisfying(reason -> assertThat(reason).contains("does not match its content"));
    }

    @Test
    void aCommandTextWithALineBreakIsRefusedEvenWhenSigned() {
        LedgerEvent event = Events.signed(command("version\nshutdown", Duration.ofSeconds(30)), MANAGER);

        assertThat(refusal(event)).hasValueSatisfying(reason ->
                assertThat(reason).startsWith("command text breaks the grammar: line contains control character U+000A"));
    }

    @Test
    void aDeadlineFurtherThanTheBoundAfterTheEventIsRefusedAndOneAtTheBoundIsNot() {
        assertThat(refusal(Events.signed(command("version", Duration.ofHours(1)), MANAGER))).isEmpty();
        assertThat(refusal(Events.signed(command("version", Duration.ofHours(1).plusMillis(1)), MANAGER)))
                .hasValueSatisfying(reason -> assertThat(reason).startsWith("deadline ")
                        .contains("more than the agent's bound of PT1H"));
    }

    @Test
    void aCommandAlreadyAnsweredIsRefusedAsACopyNamingWhereItWasAnswered() {
        CommandIssued command = command("version", Duration.ofSeconds(30));
        LedgerEvent event = Events.signed(command, MANAGER);

        assertThat(check.refusal(event, EventCodec.LEDGER.encode(event), OptionalLong.of(17)))
                .contains("copy of command " + command.commandId() + " already answered at offset 17");
    }

    @Test
    void theSignatureOfAnEventThatIsNoCommandIsCheckedToo() {
        assertThat(check.signatureRefusal(EventCodec.LEDGER.encode(Events.signed(Events.configSet(), MANAGER)))).isEmpty();
        assertThat(check.signatureRefusal(EventCodec.LEDGER.encode(unsigned(Events.configSet())))).contains("unsigned");
    }

    private static final io.ecledger.ledger.sign.SignatureVerdict VERIFIED =
            new io.ecledger.ledger.sign.SignatureVerdict.Verified(MANAGER.fingerprint());
    private static final Optional<String> OFF_CHAIN = Optional.of("does not follow the ledger event at offset 4 (prevHash …)");

    @Test
    void aSignedCommandThatDoesNotFollowTheLastGenuineEventIsRefusedWithTheChainReason() {
        LedgerEvent event = Events.signed(command("version", Duration.ofSeconds(30)), MANAGER);

        assertThat(check.refusal(event, VERIFIED, OptionalLong.empty(), OFF_CHAIN)).isEqualTo(OFF_CHAIN);
        assertThat(check.refusal(event, VERIFIED, OptionalLong.empty(), Optional.empty())).isEmpty();
    }

    @Test
    void theChecksComeInOrderSignatureCopyChainGrammarDeadline() {
        LedgerEvent bad = Events.signed(command("version\nrestart", Duration.ofDays(2)), MANAGER);
        io.ecledger.ledger.sign.SignatureVerdict refused = new io.ecledger.ledger.sign.SignatureVerdict.Refused("unsigned");

        assertThat(check.refusal(bad, refused, OptionalLong.of(3), OFF_CHAIN)).contains("unsigned");
        assertThat(check.refusal(bad, VERIFIED, OptionalLong.of(3), OFF_CHAIN)).hasValueSatisfying(reason ->
                assertThat(reason).startsWith("copy of command").endsWith("already answered at offset 3"));
        assertThat(check.refusal(bad, VERIFIED, OptionalLong.empty(), OFF_CHAIN)).isEqualTo(OFF_CHAIN);
        assertThat(check.refusal(bad, VERIFIED, OptionalLong.empty(), Optional.empty())).hasValueSatisfying(reason ->
                assertThat(reason).startsWith("command text breaks the grammar"));
        LedgerEvent late = Events.signed(command("version", Duration.ofDays(2)), MANAGER);
        assertThat(check.refusal(late, VERIFIED, OptionalLong.empty(), Optional.empty())).hasValueSatisfying(reason ->
                assertThat(reason).startsWith("deadline"));
    }
}
