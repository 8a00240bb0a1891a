package io.ecledger.ledger.codec;

import io.ecledger.ledger.command.Origin;
import io.ecledger.ledger.command.Target;
import io.ecledger.ledger.event.BatchReleased;
import io.ecledger.ledger.event.CommandCancelled;
import io.ecledger.ledger.event.CommandDenied;
import io.ecledger.ledger.event.CommandIssued;
import io.ecledger.ledger.event.ConfigChanged;
import io.ecledger.ledger.event.Hash;
import io.ecledger.ledger.event.KeyRotated;
import io.ecledger.ledger.event.LedgerEvent;
import io.ecledger.ledger.event.MembershipEvent;
import io.ecledger.ledger.event.NodeIdentity;
import io.ecledger.ledger.event.NodeKeyDecided;
import io.ecledger.ledger.event.NodeResponse;
import io.ecledger.ledger.event.NodeStatus;
import io.ecledger.ledger.event.Payload;
import io.ecledger.ledger.event.PolicyLoaded;
import io.ecledger.ledger.event.ResultsFlushed;
import io.ecledger.ledger.event.Rollout;
import io.ecledger.ledger.event.ScopeStep;
import io.ecledger.ledger.event.Seal;
import io.ecledger.schemas.BroadcastTarget;
import io.ecledger.schemas.ConfigAction;
import io.ecledger.schemas.Sha256;
import io.ecledger.schemas.SubclusterTarget;
import io.ecledger.schemas.UnicastTarget;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/** Maps the domain records to the classes generated from the Avro schemas and back; nothing else sees those classes. */
final class AvroMapping {

    // by the generated enum's ordinal, matched by name once: replay maps one per record, valueOf looks each up by name
    private static final Origin[] ORIGINS = java.util.Arrays.stream(io.ecledger.schemas.Origin.values())
            .map(o -> Origin.valueOf(o.name())).toArray(Origin[]::new);
    static final int ORIGIN_SYMBOLS = ORIGINS.length;

    private AvroMapping() {}

    /** The origin the Avro enum's symbol at {@code ordinal} names. */
    static Origin origin(int ordinal) {
        return ORIGINS[ordinal];
    }

    static io.ecledger.schemas.LedgerEvent toAvro(LedgerEvent event) {
        return io.ecledger.schemas.LedgerEvent.newBuilder()
                .setEventId(event.eventId())
                .setOccurredAt(event.occurredAt())
                .setActor(event.actor())
                .setOrigin(io.ecledger.schemas.Origin.valueOf(event.origin().name()))
                .setPrevHash(new Sha256(event.prevHash().bytes()))
                .setHash(new Sha256(event.hash().bytes()))
                .setPayload(toAvro(event.payload()))
                .setKeyFingerprint(event.seal().keyFingerprint())
                .setSignature(java.nio.ByteBuffer.wrap(event.seal().signature()))
                .build();
    }

    static LedgerEvent fromAvro(io.ecledger.schemas.LedgerEvent avro) {
        return new LedgerEvent(
                avro.getEventId(),
                avro.getOccurredAt(),
                avro.getActor(),
                origin(avro.getOrigin().ordinal()),
                Hash.of(avro.getPrevHash().bytes()),
                Hash.of(avro.getHash().bytes()),
                payloadFromAvro(avro.getPayload()),
                Seal.of(avro.getKeyFingerprint(), bytesOf(avro.getSignature())));
    }

    private static byte[] bytesOf(java.nio.ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }

    static Object toAvro(Payload payload) {
        if (payload instanceof CommandIssued) {
            CommandIssued c = (CommandIssued) payload;
            return io.ecledger.schemas.CommandIssued.newBuilder()
                    .setCommandId(c.commandId())
                    .setTarget(toAvro(c.target()))
                    .setCommandText(c.commandText())
                    .setExpectedNodes(c.expectedNodes())
                    .setDeadline(c.deadline())
                    .setReplayOf(c.replayOf().isPresent() ? c.replayOf().getAsLong() : null)
                    .setDeliverBy(c.deliverBy().orElse(null))
                    .setRollout(c.rollout().map(AvroMapping::toAvro).orElse(null))
                    .setRerunOf(c.rerunOf().orElse(null))
                    .build();
        }
        if (payload instanceof ConfigChanged) {
            ConfigChanged c = (ConfigChanged) payload;
            return io.ecledger.schemas.ConfigChanged.newBuilder()
                    .setAction(ConfigAction.valueOf(c.action().name()))
                    .setScopePath(c.scopePath().stream()
                            .map(s -> new io.ecledger.schemas.ScopeStep(s.name(), s.instance().orElse(null)))
                            .collect(Collectors.toList()))
                    .setOption(c.option())
                    .setValue(c.value().orElse(null))
                    .build();
        }
        if (payload instanceof ResultsFlushed) {
            return new io.ecledger.schemas.ResultsFlushed(((ResultsFlushed) payload).reason().orElse(null));
        }
        if (payload instanceof KeyRotated) {
            KeyRotated r = (KeyRotated) payload;
            return new io.ecledger.schemas.KeyRotated(r.newFingerprint(), r.newPublicKey());
        }
        if (payload instanceof NodeKeyDecided) {
            NodeKeyDecided d = (NodeKeyDecided) payload;
            return new io.ecledger.schemas.NodeKeyDecided(d.node(), d.fingerprint(), d.publicKey(),
                    io.ecledger.schemas.NodeKeyDecision.valueOf(d.decision().name()));
        }
        if (payload instanceof CommandDenied) {
            CommandDenied d = (CommandDenied) payload;
            return new io.ecledger.schemas.CommandDenied(d.line(), d.rule(), d.reason());
        }
        if (payload instanceof PolicyLoaded) {
            PolicyLoaded p = (PolicyLoaded) payload;
            return new io.ecledger.schemas.PolicyLoaded(p.sha256(), p.text(), p.source());
        }
        if (payload instanceof CommandCancelled) {
            CommandCancelled c = (CommandCancelled) payload;
            return new io.ecledger.schemas.CommandCancelled(c.commandId(), c.reason());
        }
        if (payload instanceof BatchReleased) {
            BatchReleased b = (BatchReleased) payload;
            return new io.ecledger.schemas.BatchReleased(b.commandId(), b.commandOffset(), b.batch(), b.nodes(),
                    b.commandText(), b.deliverBy(), b.deadline());
        }
        throw new AssertionError("unmapped payload " + payload.getClass());
    }

    static Payload payloadFromAvro(Object avro) {
        if (avro instanceof io.ecledger.schemas.CommandIssued) {
            io.ecledger.schemas.CommandIssued c = (io.ecledger.schemas.CommandIssued) avro;
            return new CommandIssued(
                    c.getCommandId(),
                    targetFromAvro(c.getTarget()),
                    c.getCommandText(),
                    c.getExpectedNodes(),
                    c.getDeadline(),
                    c.getReplayOf() == null ? OptionalLong.empty() : OptionalLong.of(c.getReplayOf()),
                    Optional.ofNullable(c.getDeliverBy()),
                    Optional.ofNullable(c.getRollout()).map(AvroMapping::rolloutFromAvro),
                    Optional.ofNullable(c.getRerunOf()));
        }
        if (avro instanceof io.ecledger.schemas.ConfigChanged) {
            io.ecledger.schemas.ConfigChanged c = (io.ecledger.schemas.ConfigChanged) avro;
            return new ConfigChanged(
                    ConfigChanged.Action.valueOf(c.getAction().name()),
                    c.getScopePath().stream()
                            .map(s -> new ScopeStep(s.getName(), Optional.ofNullable(s.getInstance())))
                            .collect(Collectors.toList()),
                    c.getOption(),
                    Optional.ofNullable(c.getValue()));
        }
        if (avro instanceof io.ecledger.schemas.ResultsFlushed) {
            return new ResultsFlushed(Optional.ofNullable(((io.ecledger.schemas.ResultsFlushed) avro).getReason()));
        }
        if (avro instanceof io.ecledger.schemas.KeyRotated) {
            io.ecledger.schemas.KeyRotated r = (io.ecledger.schemas.KeyRotated) avro;
            return new KeyRotated(r.getNewFingerprint(), r.getNewPublicKey());
        }
        if (avro instanceof io.ecledger.schemas.NodeKeyDecided) {
            io.ecledger.schemas.NodeKeyDecided d = (io.ecledger.schemas.NodeKeyDecided) avro;
            return new NodeKeyDecided(d.getNode(), d.getFingerprint(), d.getPublicKey(),
                    NodeKeyDecided.Decision.valueOf(d.getDecision().name()));
        }
        if (avro instanceof io.ecledger.schemas.CommandDenied) {
            io.ecledger.schemas.CommandDenied d = (io.ecledger.schemas.CommandDenied) avro;
            return new CommandDenied(d.getLine(), d.getRule(), d.getReason());
        }
        if (avro instanceof io.ecledger.schemas.PolicyLoaded) {
            io.ecledger.schemas.PolicyLoaded p = (io.ecledger.schemas.PolicyLoaded) avro;
            return new PolicyLoaded(p.getSha256(), p.getText(), p.getSource());
        }
        if (avro instanceof io.ecledger.schemas.CommandCancelled) {
            io.ecledger.schemas.CommandCancelled c = (io.ecledger.schemas.CommandCancelled) avro;
            return new CommandCancelled(c.getCommandId(), c.getReason());
        }
        if (avro instanceof io.ecledger.schemas.BatchReleased) {
            io.ecledger.schemas.BatchReleased b = (io.ecledger.schemas.BatchReleased) avro;
            return new BatchReleased(b.getCommandId(), b.getCommandOffset(), b.getBatch(), b.getNodes(),
                    b.getCommandText(), b.getDeliverBy(), b.getDeadline());
        }
        throw new AssertionError("unmapped Avro payload " + avro.getClass());
    }

    private static io.ecledger.schemas.Rollout toAvro(Rollout r) {
        return new io.ecledger.schemas.Rollout(r.batchSize(), r.batchWait().toMillis(),
                r.maxErrors().isPresent() ? r.maxErrors().getAsInt() : null, r.asTyped());
    }

    private static Rollout rolloutFromAvro(io.ecledger.schemas.Rollout r) {
        return new Rollout(r.getBatchSize(), java.time.Duration.ofMillis(r.getBatchWaitMillis()),
                r.getMaxErrors() == null ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(r.getMaxErrors()),
                r.getAsTyped());
    }

    static Object toAvro(Target target) {
        if (target instanceof Target.Broadcast) {
            return new BroadcastTarget();
        }
        if (target instanceof Target.Subcluster) {
            return new SubclusterTarget(((Target.Subcluster) target).name());
        }
        if (target instanceof Target.Unicast) {
            return new UnicastTarget(((Target.Unicast) target).node());
        }
        throw new AssertionError("unmapped target " + target.getClass());
    }

    static Target targetFromAvro(Object avro) {
        if (avro instanceof BroadcastTarget) {
            return new Target.Broadcast();
        }
        if (avro instanceof SubclusterTarget) {
            return new Target.Subcluster(((SubclusterTarget) avro).getSubcluster());
        }
        if (avro instanceof UnicastTarget) {
            return new Target.Unicast(((UnicastTarget) avro).getNode());
        }
        throw new AssertionError("unmapped Avro target " + avro.getClass());
    }

    static io.ecledger.schemas.NodeResponse toAvro(NodeResponse r) {
        return io.ecledger.schemas.NodeResponse.newBuilder()
                .setCommandId(r.commandId())
                .setLedgerOffset(r.ledgerOffset())
                .setNode(r.node())
                .setSubcluster(r.subcluster())
                .setStatus(io.ecledger.schemas.NodeStatus.valueOf(r.status().name()))
                .setOutput(r.output())
                .setStartedAt(r.startedAt())
                .setFinishedAt(r.finishedAt())
                .setPart(r.part())
                .setParts(r.parts())
                .setKeyFingerprint(r.seal().keyFingerprint())
                .setSignature(java.nio.ByteBuffer.wrap(r.seal().signature()))
                .build();
    }

    static NodeResponse fromAvro(io.ecledger.schemas.NodeResponse r) {
        return new NodeResponse(
                r.getCommandId(),
                r.getLedgerOffset(),
                r.getNode(),
                r.getSubcluster(),
                NodeStatus.valueOf(r.getStatus().name()),
                r.getOutput(),
                r.getStartedAt(),
                r.getFinishedAt(),
                r.getPart(),
                r.getParts(),
                Seal.of(r.getKeyFingerprint(), bytesOf(r.getSignature())));
    }

    static io.ecledger.schemas.MembershipEvent toAvro(MembershipEvent event) {
        NodeIdentity id = event.identity();
        Object payload;
        if (event instanceof MembershipEvent.NodeAnnounced) {
            payload = new io.ecledger.schemas.NodeAnnounced(id.node(), id.subcluster(), id.host(), id.version(), event.at(),
                    ((MembershipEvent.NodeAnnounced) event).publicKey());
        } else if (event instanceof MembershipEvent.NodeHeartbeat) {
            payload = new io.ecledger.schemas.NodeHeartbeat(id.node(), id.subcluster(), id.host(), id.version(), event.at());
        } else if (event instanceof MembershipEvent.NodeLeft) {
            payload = new io.ecledger.schemas.NodeLeft(id.node(), id.subcluster(), id.host(), id.version(), event.at());
        } else {
            throw new AssertionError("unmapped membership event " + event.getClass());
        }
        return new io.ecledger.schemas.MembershipEvent(payload, event.seal().keyFingerprint(),
                java.nio.ByteBuffer.wrap(event.seal().signature()));
    }

    static MembershipEvent fromAvro(io.ecledger.schemas.MembershipEvent avro) {
        return membershipPayload(avro.getPayload()).withSeal(Seal.of(avro.getKeyFingerprint(), bytesOf(avro.getSignature())));
    }

    private static MembershipEvent membershipPayload(Object p) {
        if (p instanceof io.ecledger.schemas.NodeAnnounced) {
            io.ecledger.schemas.NodeAnnounced a = (io.ecledger.schemas.NodeAnnounced) p;
            return new MembershipEvent.NodeAnnounced(
                    new NodeIdentity(a.getNode(), a.getSubcluster(), a.getHost(), a.getVersion()), a.getAt(),
                    a.getPublicKey(), Seal.NONE);
        }
        if (p instanceof io.ecledger.schemas.NodeHeartbeat) {
            io.ecledger.schemas.NodeHeartbeat h = (io.ecledger.schemas.NodeHeartbeat) p;
            return new MembershipEvent.NodeHeartbeat(
                    new NodeIdentity(h.getNode(), h.getSubcluster(), h.getHost(), h.getVersion()), h.getAt());
        }
        if (p instanceof io.ecledger.schemas.NodeLeft) {
            io.ecledger.schemas.NodeLeft l = (io.ecledger.schemas.NodeLeft) p;
            return new MembershipEvent.NodeLeft(
                    new NodeIdentity(l.getNode(), l.getSubcluster(), l.getHost(), l.getVersion()), l.getAt());
        }
        throw new AssertionError("unmapped Avro membership payload " + p.getClass());
    }
}
