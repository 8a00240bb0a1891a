package io.ecledger.api.replay;

import io.ecledger.api.command.CommandIssuer;
import io.ecledger.api.command.Issued;
import io.ecledger.api.http.Refused;
import io.ecledger.ledger.command.Command;
import io.ecledger.ledger.command.Target;
import io.ecledger.ledger.event.CommandIssued;
import io.ecledger.ledger.kafka.Ledger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-issues earlier commands: every {@link CommandIssued} in a ledger range is sent again as a new command with
 * origin {@code REPLAY}, linked to the original offset. Everything is checked before the first append, so a refusal
 * appends nothing.
 */
public final class ReplayService {

    private static final Logger LOG = LoggerFactory.getLogger(ReplayService.class);

    private final Ledger ledger;
    private final CommandIssuer issuer;

    public ReplayService(Ledger ledger, CommandIssuer issuer) {
        this.ledger = ledger;
        this.issuer = issuer;
    }

    /** Plans the replay and, unless it is a dry run, appends it; {@link Refused} with nothing appended otherwise. */
    public Replayed replay(Command.Replay request, String actor) {
        List<Replayed.Planned> plan = plan(request);
        if (request.dryRun()) {
            return new Replayed(request.from(), request.to(), true, plan, List.of());
        }
        List<Issued> sent = new ArrayList<>();
        for (Replayed.Planned planned : plan) {
            Issued issued = issuer.reissue(planned.target(), planned.commandText(), planned.originalOffset(), actor);
            LOG.info("replayed commandId={} offset={} replayOf={} to {}", issued.commandId(), issued.offset(),
                    planned.originalOffset(), planned.target().describe());
            sent.add(issued);
        }
        return new Replayed(request.from(), request.to(), false, plan, sent);
    }

    private List<Replayed.Planned> plan(Command.Replay request) {
        long end = ledger.endOffset();
        if (request.to() >= end) {
            throw new Refused("offset-out-of-range", range(request) + (single(request) ? " is" : " are") + " out of range: "
                    + (end == 0 ? "the ledger is empty" : "the ledger holds offsets 0.." + (end - 1)));
        }
        List<Replayed.Planned> plan = new ArrayList<>();
        Optional<Target> retarget = request.retarget();
        retarget.ifPresent(issuer::expectedNodes);
        ledger.read(request.from(), entry -> {
            if (entry.offset() <= request.to() && entry.event().payload() instanceof CommandIssued) {
                CommandIssued original = (CommandIssued) entry.event().payload();
                Target target = retarget.orElse(original.target());
                plan.add(new Replayed.Planned(entry.offset(), original.commandId(), target, original.commandText(),
                        List.of()));
            }
        });
        if (plan.isEmpty()) {
            throw new Refused("no-commands", range(request) + (single(request) ? " holds" : " hold") + " no commands to replay");
        }
        List<Replayed.Planned> checked = new ArrayList<>(plan.size());
        for (Replayed.Planned planned : plan) {
            // refuses unknown or departed targets before anything is appended
            checked.add(planned.withExpected(issuer.expectedNodes(planned.target())));
        }
        return List.copyOf(checked);
    }

    private static boolean single(Command.Replay request) {
        return request.from() == request.to();
    }

    private static String range(Command.Replay request) {
        return single(request) ? "ledger offset " + request.from() : "ledger offsets " + request.from() + ".." + request.to();
    }
}
