package io.ecledger.api.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ecledger.ledger.command.Target;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TargetColumnsTest {

    private static final List<Target> ONE_OF_EACH = List.of(
            new Target.Broadcast(), new Target.Subcluster("west"), new Target.Unicast("rh52bare"));

    @Test
    void everyKindOfTargetRoundTripsThroughItsColumns() {
        assertThat(ONE_OF_EACH.stream().<Class<?>>map(Target::getClass).toList())
                .containsExactlyInAnyOrder(Target.class.getPermittedSubclasses());
        for (Target target : ONE_OF_EACH) {
            assertThat(TargetColumns.of(target).target()).isEqualTo(target);
        }
    }

    @Test
    void aNamedTargetWithoutANameIsRefused() {
        assertThatThrownBy(() -> new TargetColumns(TargetColumns.UNICAST, Optional.empty()).target())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("UNICAST target needs a name");
    }
}
