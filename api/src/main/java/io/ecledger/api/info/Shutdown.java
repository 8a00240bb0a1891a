package io.ecledger.api.info;

import org.eclipse.jetty.server.Server;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code shutdown}: stops the manager cleanly after the answer has gone out. */
public final class Shutdown implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(Shutdown.class);

    private final boolean exit;
    private volatile Server server;

    public Shutdown(boolean exit) {
        this.exit = exit;
    }

    /** Called by Dropwizard once Jetty exists. */
    public void serverStarted(Server server) {
        this.server = server;
    }

    @Override
    public void run() {
        LOG.info("shutdown requested");
        // Jetty's graceful stop lets the request that asked finish, so its answer is sent first
        Thread stopper = new Thread(() -> {
            try {
                if (server != null) {
                    server.stop();
                }
            } catch (Exception e) {
                LOG.error("clean shutdown failed: {}", e.toString());
            }
            if (exit) {
                System.exit(0);
            }
        }, "eccmgr-shutdown");
        stopper.start();
    }
}
