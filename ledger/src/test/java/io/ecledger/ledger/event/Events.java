package io.ecledger.ledger.event;

import io.ecledger.ledger.codec.EventCodec;
import io.ecledger.ledger.codec.LedgerHashing;
import io.ecledger.ledger.command.Origin;
import io.ecledger.ledger.command.Target;
import io.ecledger.ledger.sign.Signer;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

/** Small factories for test fixtures: one line per event. */
public final class Events {

    public static final Instant T0 = Instant.parse("2026-11-25T12:33:15.123Z");

    private Events() {}

    public static CommandIssued broadcast(String text) {
        return new CommandIssued(UUID.randomUUID(), new Target.Broadcast(), text,
                List.of("rh52bare", "rh52mgr", "rh52bar2"), T0.plusSeconds(30), OptionalLong.empty());
    }

    public static CommandIssued toSubcluster(String subcluster, String text) {
        return new CommandIssued(UUID.randomUUID(), new Target.Subcluster(subcluster), text,
                List.of("rh52bar2"), T0.plusSeconds(30), OptionalLong.empty());
    }

    public static CommandIssued unicast(String node, String text) {
        return new CommandIssued(UUID.randomUUID(), new Target.Unicast(node), text, List.of(node),
                T0.plusSeconds(30), OptionalLong.of(42));
    }

    /** A broadcast of {@code text} to {@code nodes} in batches of {@code batchSize}, no wait, no error budget. */
    public static CommandIssued rollout(String text, int batchSize, List<String> nodes) {
        return new CommandIssued(java.util.UUID.randomUUID(), new Target.Broadcast(), text, nodes, T0.plusSeconds(30),
                java.util.OptionalLong.empty(), java.util.Optional.of(T0.plusSeconds(10)),
                java.util.Optional.of(new Rollout(batchSize, java.time.Duration.ZERO, java.util.OptionalInt.empty(),
                        "--batch " + batchSize)), java.util.Optional.empty());
    }

    /** The release of batch {@code batch} of {@code command}, issued at ledger {@code offset}, to {@code nodes}. */
    public static BatchReleased released(CommandIssued command, long offset, int batch, List<String> nodes) {
        return new BatchReleased(command.commandId(), offset, batch, nodes, command.commandText(), T0.plusSeconds(70),
                T0.plusSeconds(90));
    }

    public static ConfigChanged configSet() {
        return new ConfigChanged(ConfigChanged.Action.SET,
                List.of(ScopeStep.anonymous("Control_Listener"), ScopeStep.named("Listen", "/tmp/2025")),
                "file_mode", Optional.of("0666"));
    }

    public static ConfigChanged configUnset() {
        return new ConfigChanged(ConfigChanged.Action.UNSET, List.of(), "Debug_Flags", Optional.empty());
    }

    public static LedgerEvent event(Payload payload) {
        return new LedgerEvent(UUID.randomUUID(), T0, "alice", Origin.CONSOLE, Hash.ZERO, Hash.ZERO, payload);
    }

    /** {@link #event(Payload)} hashed and sealed by {@code signer}, as the manager's ledger appends it. */
    public static LedgerEvent signed(Payload payload, Signer signer) {
        LedgerEvent draft = new LedgerEvent(UUID.randomUUID(), T0, "alice", Origin.CONSOLE, Hash.ZERO, Hash.ZERO, payload,
                signer.pending());
        Hash hash = LedgerHashing.draftHash(EventCodec.LEDGER.encode(draft));
        return draft.withHash(hash).withSeal(signer.seal(hash));
    }

    /** {@link #signed(Payload, Signer)} linked to the event whose hash is {@code previous}. */
    public static LedgerEvent signedAfter(Hash previous, Payload payload, Signer signer) {
        LedgerEvent draft = new LedgerEvent(UUID.randomUUID(), T0, "alice", Origin.CONSOLE, previous, Hash.ZERO, payload,
                signer.pending());
        Hash hash = LedgerHashing.draftHash(EventCodec.LEDGER.encode(draft));
        return draft.withHash(hash).withSeal(signer.seal(hash));
    }

    /** A response of {@code node} with {@code status}; a part of output (OUTPUT) is its first part. */
    public static NodeResponse response(String node, NodeStatus status) {
        return new NodeResponse(UUID.randomUUID(), 7, node, "east", status, "Version: 4.2.1\n  ok  ", T0, T0.plusMillis(12),
                status == NodeStatus.OUTPUT ? 1 : 0, 0, Seal.NONE);
    }

    /** {@code node accept NODE} of a freshly made key. */
    public static NodeKeyDecided keyDecided(String node) {
        io.ecledger.ledger.sign.ManagerKey key = io.ecledger.ledger.sign.ManagerKey.generate();
        return new NodeKeyDecided(node, key.fingerprint().value(),
                io.ecledger.ledger.sign.KeyFiles.publicBase64(key.publicKey()), NodeKeyDecided.Decision.ACCEPTED);
    }

    /** {@code line} refused by the rule {@code operator: never shutdown}. */
    public static CommandDenied denied(String line) {
        return new CommandDenied(line, "operator: never shutdown", "not allowed: " + line);
    }

    /** A policy of {@code text} loaded from a file, hashed as the policy's loader hashes it. */
    public static PolicyLoaded policyLoaded(String text) {
        byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return new PolicyLoaded(Hash.sha256(bytes, 0, bytes.length).hex(), text,
                "/etc/ecledger/policy.yml");
    }

    public static NodeIdentity node(String name, String subcluster) {
        return new NodeIdentity(name, subcluster, name + ".example.com", "0.1.0");
    }
}
