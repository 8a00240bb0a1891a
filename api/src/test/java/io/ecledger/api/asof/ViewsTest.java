package io.ecledger.api.asof;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ecledger.api.http.Refused;
import io.ecledger.ledger.command.AsOf;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

class ViewsTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:34:00Z");

    // nothing connects until a read model uses it
    private final Jdbi live = Jdbi.create("jdbc:h2:mem:views-test");
    private final Views views = new Views(live, Clock.fixed(NOW, ZoneOffset.UTC), null);

    @Test
    void withoutAPointAReadIsAnsweredFromTheLiveProjectionNow() {
        Snapshot snapshot = views.of(Optional.empty()).read(s -> s);

        assertThat(snapshot.projection()).isSameAs(live);
        assertThat(snapshot.now()).isEqualTo(NOW);
    }

    @Test
    void anAbsentAsOfParameterIsNoPointAndAPresentOneIsParsed() {
        assertThat(Views.point(null)).isEmpty();
        assertThat(Views.point("17")).contains(new AsOf.Offset(17));
        assertThat(Views.point("2026-11-25T10:00:00Z")).contains(new AsOf.Time(Instant.parse("2026-11-25T10:00:00Z")));
    }

    @Test
    void aMalformedAsOfParameterIsRefused() {
        assertThatThrownBy(() -> Views.point("yesterday"))
                .isInstanceOfSatisfying(Refused.class, refused -> assertThat(refused.code()).isEqualTo("invalid-as-of"));
    }
}
