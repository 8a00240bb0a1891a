package io.ecledger.api.projection;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecledger.ledger.event.Events;
import io.ecledger.ledger.event.LedgerEvent;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/** A run of commands is written without looking each up first, and still passes over one already projected. */
class CommandRunTest {

    private final Jdbi jdbi = ProjectionFixture.inMemoryH2();

    @Test
    void aRunHoldingCommandsAlreadyProjectedWritesOnlyTheNewOnesAndKeepsTheFirstRows() {
        ProjectedRecord first = new ProjectedRecord.LedgerRecord(0, Events.event(Events.broadcast("version")));
        LedgerEvent copied = Events.event(Events.broadcast("summary"));
        ProjectedRecord second = new ProjectedRecord.LedgerRecord(1, copied);
        apply(first, second);
        List<String> before = rows();

        // the same records again (a redelivery), one at a new offset (a copy of the event), and one new command
        ProjectedRecord copy = new ProjectedRecord.LedgerRecord(2, copied);
        ProjectedRecord fresh = new ProjectedRecord.LedgerRecord(3, Events.event(Events.unicast("rh52bare", "version")));
        apply(first, second, copy, fresh);

        List<String> after = rows();
        assertThat(after).containsAll(before).hasSize(before.size() + 1);
        assertThat(after).anySatisfy(row -> assertThat(row).startsWith("3 version"));
        assertThat(count("expected_node")).isEqualTo(count("issued_command") * 3 - 2);
    }

    private void apply(ProjectedRecord... records) {
        jdbi.useExtension(ProjectionDao.class, dao -> dao.apply(List.of(records), List.of()));
    }

    private List<String> rows() {
        return jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT ledger_offset || ' ' || command_text || ' ' || command_id FROM issued_command ORDER BY 1")
                .mapTo(String.class).list());
    }

    private int count(String table) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT COUNT(*) FROM " + table).mapTo(Integer.class).one());
    }
}
