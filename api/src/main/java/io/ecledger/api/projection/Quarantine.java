package io.ecledger.api.projection;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The logger of quarantined records, which the DAO interface cannot hold as a field. */
final class Quarantine {

    static final Logger LOG = LoggerFactory.getLogger(Quarantine.class);

    private Quarantine() {}
}
