package io.ecledger.api.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecledger.ledger.command.Target;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class TargetJsonTest {

    private final ObjectMapper mapper = new ObjectMapper().registerModule(TargetJson.module());

    @Test
    void everyTargetIsWrittenAsARequestWouldWriteIt() throws Exception {
        List<Target> targets = List.of(new Target.Broadcast(), new Target.Subcluster("west"), new Target.Unicast("rh52bare"));
        assertThat(targets.stream().map(Object::getClass).collect(Collectors.toSet()))
                .isEqualTo(Set.of(Target.class.getPermittedSubclasses()));

        assertThat(mapper.writeValueAsString(targets))
                .isEqualTo("[{\"broadcast\":true},{\"subcluster\":\"west\"},{\"node\":\"rh52bare\"}]");
    }
}
