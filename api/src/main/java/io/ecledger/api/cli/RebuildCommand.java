package io.ecledger.api.cli;

import io.ecledger.api.projection.RebuildTask;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ecledger rebuild}: asks a running manager to drop its projection and rebuild it from offset 0, through
 * the manager's {@code rebuild} admin task, drawing a progress bar on a terminal and printing the final count.
 *
 * <p>The projection is the manager's own H2 file, which the manager holds open, so the rebuild runs inside it. With
 * no manager running there is nothing to call: delete the H2 file and start the manager, which rebuilds on start.
 */
@Command(name = "rebuild", mixinStandardHelpOptions = true,
        description = "Drop a running manager's projection (its H2 views) and rebuild it from ledger offset 0, "
                + "with a progress bar on a terminal and the final count.")
final class RebuildCommand implements Callable<Integer> {

    private static final int BAR_WIDTH = 40;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--admin", paramLabel = "[HOST:]PORT",
            description = "the manager's admin connector (default: 127.0.0.1:$ECLEDGER_ADMIN_PORT or 2026)")
    String admin = System.getenv().getOrDefault("ECLEDGER_ADMIN_PORT", "2026");

    @Option(names = "--progress", paramLabel = "WHEN", description = "draw the progress bar: auto (on a terminal), "
            + "always or never (default: ${DEFAULT-VALUE})")
    String progress = "auto";

    @CommandLine.Mixin
    AdminToken token;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!progress.equals("auto") && !progress.equals("always") && !progress.equals("never")) {
            err.println("ecledger rebuild: --progress must be auto, always or never, not '" + progress + "'");
            return 2;
        }
        boolean bar = progress.equals("always") || (progress.equals("auto") && System.console() != null);
        URI task = URI.create("http://" + (admin.contains(":") ? admin : "127.0.0.1:" + admin) + "/tasks/rebuild");
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest.Builder request;
        try {
            request = token.authorize(HttpRequest.newBuilder(task));
        } catch (IllegalArgumentException e) {
            err.println("ecledger rebuild: " + e.getMessage());
            return 2;
        }
        HttpResponse<Stream<String>> response;
        try {
            response = http.send(request.POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofLines());
        } catch (IOException e) {
            err.println("ecledger rebuild: no manager answers at " + task + " (" + e + "); start one with ops/bin/eccmgr, "
                    + "or name its admin port with --admin");
            return 2;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 2;
        }
        boolean drawn = false;
        try (Stream<String> lines = response.body()) {
            Iterator<String> it = lines.iterator();
            while (it.hasNext()) {
                String line = it.next();
                if (line.startsWith(RebuildTask.PROGRESS)) {
                    if (bar) {
                        String[] counts = line.substring(RebuildTask.PROGRESS.length()).split(" ");
                        out.print("\r" + bar(Long.parseLong(counts[0]), Long.parseLong(counts[1]), BAR_WIDTH));
                        out.flush();
                        drawn = true;
                    }
                } else {
                    if (drawn) {
                        out.println();
                        drawn = false;
                    }
                    (response.statusCode() == 200 ? out : err).println(line);
                }
            }
        }
        if (drawn) {
            out.println();
        }
        if (response.statusCode() != 200) {
            err.println("ecledger rebuild: the manager answered HTTP " + response.statusCode());
            return 1;
        }
        out.flush();
        return 0;
    }

    /** {@code [#####.....]  50%  500/1000 ledger events}; a full bar for an empty ledger. */
    static String bar(long applied, long total, int width) {
        double done = total <= 0 ? 1 : Math.min(1, (double) applied / total);
        int filled = (int) Math.round(done * width);
        return "[" + "#".repeat(filled) + ".".repeat(width - filled) + "] "
                + String.format(Locale.ROOT, "%3d%%", (int) Math.floor(done * 100))
                + "  " + applied + "/" + total + " ledger events";
    }
}
