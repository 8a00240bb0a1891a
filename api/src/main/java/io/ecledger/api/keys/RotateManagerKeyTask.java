package io.ecledger.api.keys;

import io.dropwizard.servlets.tasks.Task;
import io.ecledger.ledger.sign.CurrentManagerKey;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /tasks/rotate-manager-key} on the admin port: {@link ManagerKeyRotation#rotate}; answers the new
 * fingerprint and the offset of the {@code KeyRotated} event. {@code ops/bin/ecledger key rotate} is its client.
 */
public final class RotateManagerKeyTask extends Task {

    /** The actor the ledger records: whoever reached the manager's admin port, which listens on localhost. */
    static final String ACTOR = "admin";

    private final ManagerKeyRotation rotation;
    private final CurrentManagerKey key;

    public RotateManagerKeyTask(ManagerKeyRotation rotation, CurrentManagerKey key) {
        super("rotate-manager-key");
        this.rotation = rotation;
        this.key = key;
    }

    @Override
    public void execute(Map<String, List<String>> parameters, PrintWriter output) {
        long offset = rotation.rotate(ACTOR);
        output.println("fingerprint: " + key.fingerprint());
        output.println("rotated at offset " + offset);
        output.flush();
    }
}
