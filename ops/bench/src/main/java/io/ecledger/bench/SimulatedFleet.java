package io.ecledger.bench;

import java.util.List;

/** Node agents answering a benchmark's commands, wherever they run; closing stops them. */
interface SimulatedFleet extends AutoCloseable {

    /** The names of the fleet's nodes. */
    List<String> nodes();

    @Override
    void close();
}
