package io.ecledger.api.asof;

import io.ecledger.api.http.Refused;
import io.ecledger.api.projection.OwnWrites;
import io.ecledger.ledger.command.AsOf;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Function;
import org.jdbi.v3.core.Jdbi;

/**
 * The one seam between live and as-of reads: retrieve, membership and config ask {@link #of} for a view and answer
 * from its {@link Snapshot}, so no call site forks on whether a point was given.
 */
public final class Views {

    private final Jdbi live;
    private final Clock clock;
    private final AsOfViews past;
    private final OwnWrites ownWrites;

    public Views(Jdbi live, Clock clock, AsOfViews past) {
        this(live, clock, past, OwnWrites.none());
    }

    /** As above, a live read first waiting for {@code ownWrites}: it sees the commands this manager just appended. */
    public Views(Jdbi live, Clock clock, AsOfViews past, OwnWrites ownWrites) {
        this.live = live;
        this.clock = clock;
        this.past = past;
        this.ownWrites = ownWrites;
    }

    /** The manager's projection, evaluated now. */
    public View live() {
        return new View() {
            @Override
            public <T> T read(Function<Snapshot, T> question) {
                ownWrites.await();
                return question.apply(new Snapshot(live, clock.instant()));
            }
        };
    }

    /** The ledger folded up to {@code point}; {@link Refused} when the point is past the ledger's end. */
    public View at(AsOf point) {
        return new View() {
            @Override
            public <T> T read(Function<Snapshot, T> question) {
                return past.read(point, question);
            }
        };
    }

    /** {@link #at} the point when there is one, else {@link #live}. */
    public View of(Optional<AsOf> point) {
        return point.map(this::at).orElseGet(this::live);
    }

    /** The point a {@code ?asOf=} parameter names, none when it is absent; {@link Refused} when it names none. */
    public static Optional<AsOf> point(String parameter) {
        return Optional.ofNullable(parameter).map(AsOfViews::point);
    }
}
