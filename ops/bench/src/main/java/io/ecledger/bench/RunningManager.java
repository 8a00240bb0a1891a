package io.ecledger.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The manager of a stack {@code ops/bench/run} started ({@code ops/up}): its REST API under the admin token
 * {@code ops/up} made, and its JVM's pid ({@code eccmgr.pid} in its data directory; eccmgr execs java) for the RSS.
 */
final class RunningManager {

    private static final Pattern COMMAND_ID = Pattern.compile("\"commandId\"\\s*:\\s*\"([0-9a-f-]{36})\"");
    private static final Pattern PROJECTION_LAG = Pattern.compile("\"projectionLag\"\\s*:\\s*(-?\\d+)");
    private static final Pattern NODE = Pattern.compile("\"node\"\\s*:\\s*\"([^\"]+)\"");

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String endpoint;
    private final String token;
    private final long pid;

    private RunningManager(String endpoint, String token, long pid) {
        this.endpoint = endpoint;
        this.token = token;
        this.pid = pid;
    }

    /** The manager answering at {@code endpoint}, with the token in {@code tokenFile} and its data in {@code data}. */
    static RunningManager of(String endpoint, Path tokenFile, Path data) throws IOException {
        return new RunningManager(endpoint, Files.readString(tokenFile, StandardCharsets.UTF_8).trim(),
                Long.parseLong(Files.readString(data.resolve("eccmgr.pid")).trim()));
    }

    long pid() {
        return pid;
    }

    /** {@code POST /v1/commands} of {@code command} to {@code target} (JSON), answered whatever its status. */
    CompletableFuture<HttpResponse<String>> postAsync(String target, String command) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint + "/v1/commands"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                // past the manager's own 30 s bound on an append, so a stuck request shows as one with no answer
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString("{\"target\":" + target + ",\"command\":\"" + command + "\"}"))
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }

    /** {@link #postAsync} waiting for a 202; returns its body, throws on any other answer. */
    String post(String target, String command) throws Exception {
        HttpResponse<String> response = postAsync(target, command).get();
        if (response.statusCode() != 202) {
            throw new IllegalStateException("POST /v1/commands " + target + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return response.body();
    }

    /** The command id in a 202's body. */
    static String commandId(String body) {
        Matcher m = COMMAND_ID.matcher(body);
        if (!m.find()) {
            throw new IllegalStateException("no commandId in " + body);
        }
        return m.group(1);
    }

    /** A GET's body, throwing unless it answered 200. */
    String get(String path) throws Exception {
        HttpResponse<String> response = getResponse(path);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private HttpResponse<String> getResponse(String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint + path))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(30)).GET().build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** How many ledger records the projection has yet to apply ({@code GET /v1/info}); negative when it does not know. */
    long projectionLag() throws Exception {
        Matcher m = PROJECTION_LAG.matcher(get("/v1/info"));
        if (!m.find()) {
            throw new IllegalStateException("GET /v1/info has no projectionLag");
        }
        return Long.parseLong(m.group(1));
    }

    /** Waits until the manager lists {@code nodes} nodes whose names match {@code names}: it refuses a unicast to others. */
    void awaitMembers(Pattern names, int nodes) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (true) {
            HttpResponse<String> response = getResponse("/v1/membership");
            long known = NODE.matcher(response.body()).results().map(m -> m.group(1))
                    .filter(n -> names.matcher(n).matches()).distinct().count();
            if (response.statusCode() == 200 && known == nodes) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(known + " of " + nodes + " nodes members after 10 minutes");
            }
            Thread.sleep(500);
        }
    }

    /** Waits until {@code commandId} has no node left pending: the projection has caught up with its answers. */
    void awaitAnswered(String commandId) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (true) {
            HttpResponse<String> response = getResponse("/v1/commands/" + commandId);
            if (response.statusCode() == 200 && !response.body().contains("\"PENDING\"")) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("command " + commandId + " still pending after 10 minutes");
            }
            Thread.sleep(500);
        }
    }

    /** The manager JVM's resident set ({@code VmRSS} of {@code /proc/PID/status}), in MB. */
    double rssMb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
            }
        }
        throw new IllegalStateException("no VmRSS for pid " + pid);
    }
}
