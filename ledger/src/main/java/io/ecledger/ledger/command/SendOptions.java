package io.ecledger.ledger.command;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a broadcast goes out: {@code --batch N|N%} nodes at a time, {@code --batch-wait 30s} between batches,
 * {@code --max-errors N|N%} failures before the rest is cancelled, or {@code --dry-run} to only show the plan.
 * Without {@code --batch} every node gets it at once.
 */
public record SendOptions(Optional<Share> batch, Optional<Duration> batchWait, Optional<Share> maxErrors,
                          boolean dryRun) {

    /** Every node at once, for real. */
    public static final SendOptions NONE = new SendOptions(Optional.empty(), Optional.empty(), Optional.empty(), false);

    /** The longest wait between batches. */
    public static final Duration MAX_BATCH_WAIT = Duration.ofHours(1);

    private static final Pattern SHARE = Pattern.compile("(\\d{1,6})(%?)");
    private static final Pattern WAIT = Pattern.compile("(\\d{1,5})(ms|s|m|h)");

    /** A count of nodes, or a percentage of the nodes a command reaches. */
    public record Share(int value, boolean percent) {
        public Share {
            if (value < 0 || (percent && value > 100)) {
                throw new IllegalArgumentException("not a count or percentage of nodes: " + value + (percent ? "%" : ""));
            }
        }

        /** This share of {@code nodes} nodes, rounded up (a batch), at least {@code floor}. */
        public int ofNodes(int nodes, boolean roundUp, int floor) {
            if (!percent) {
                return Math.max(floor, value);
            }
            long scaled = (long) nodes * value;
            return Math.max(floor, (int) (roundUp ? (scaled + 99) / 100 : scaled / 100));
        }

        @Override
        public String toString() {
            return value + (percent ? "%" : "");
        }
    }

    public SendOptions {
        Objects.requireNonNull(batch, "batch");
        Objects.requireNonNull(batchWait, "batchWait");
        Objects.requireNonNull(maxErrors, "maxErrors");
        if (batch.isEmpty() && (batchWait.isPresent() || maxErrors.isPresent())) {
            throw new IllegalArgumentException("--batch-wait and --max-errors go with --batch");
        }
        if (batch.isPresent() && batch.get().value() == 0) {
            throw new IllegalArgumentException("a batch holds at least one node");
        }
    }

    /** Whether it goes out in batches. */
    public boolean rollout() {
        return batch.isPresent();
    }

    /** The words that give these options back, as typed: {@code --batch 10% --batch-wait 30s}. */
    public List<String> words() {
        List<String> words = new ArrayList<>();
        batch.ifPresent(share -> words.addAll(List.of("--batch", share.toString())));
        batchWait.ifPresent(wait -> words.addAll(List.of("--batch-wait", wait(wait))));
        maxErrors.ifPresent(share -> words.addAll(List.of("--max-errors", share.toString())));
        if (dryRun) {
            words.add("--dry-run");
        }
        return words;
    }

    /** The rollout options in words, without {@code --dry-run}: what a rollout is shown and recorded as. */
    public String asTyped() {
        return String.join(" ", new SendOptions(batch, batchWait, maxErrors, false).words());
    }

    static String wait(Duration wait) {
        long millis = wait.toMillis();
        if (millis % 3_600_000 == 0 && millis > 0) {
            return millis / 3_600_000 + "h";
        }
        if (millis % 60_000 == 0 && millis > 0) {
            return millis / 60_000 + "m";
        }
        return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
    }

    /** Reads the options at the cursor: the {@code --} words before the command text. */
    static SendOptions read(Words in) {
        Optional<Share> batch = Optional.empty();
        Optional<Duration> batchWait = Optional.empty();
        Optional<Share> maxErrors = Optional.empty();
        boolean dryRun = false;
        while (true) {
            Optional<Word> flag = in.peekFlag();
            if (flag.isEmpty()) {
                break;
            }
            String name = flag.get().text();
            if (name.equals("--dry-run")) {
                dryRun = true;
                continue;
            }
            Word value = in.nextWord();
            if (value == null) {
                throw in.reject(name + " needs a value", in.end());
            }
            switch (name.toLowerCase(Locale.ROOT)) {
                case "--batch" -> batch = Optional.of(share(in, value, "--batch", false));
                case "--max-errors" -> maxErrors = Optional.of(share(in, value, "--max-errors", true));
                case "--batch-wait" -> batchWait = Optional.of(wait(in, value));
                default -> throw in.reject("unknown option '" + name + "'; use --batch, --batch-wait, --max-errors or "
                        + "--dry-run before the command", flag.get().start());
            }
        }
        try {
            return new SendOptions(batch, batchWait, maxErrors, dryRun);
        } catch (IllegalArgumentException e) {
            throw in.reject(e.getMessage(), in.end());
        }
    }

    private static Share share(Words in, Word value, String flag, boolean zeroAllowed) {
        Matcher m = SHARE.matcher(value.text());
        if (!m.matches()) {
            throw in.reject(flag + ": '" + value.text() + "' is not a number of nodes or a percentage (10, 10%)",
                    value.start());
        }
        int n = Integer.parseInt(m.group(1));
        boolean percent = !m.group(2).isEmpty();
        if ((percent && (n > 100)) || (!zeroAllowed && n == 0)) {
            throw in.reject(flag + ": '" + value.text() + "' is out of range (" + (zeroAllowed ? "0" : "1")
                    + " or more nodes, or up to 100%)", value.start());
        }
        return new Share(n, percent);
    }

    private static Duration wait(Words in, Word value) {
        Matcher m = WAIT.matcher(value.text());
        if (!m.matches()) {
            throw in.reject("--batch-wait: '" + value.text() + "' is not a wait like 500ms, 30s, 2m or 1h",
                    value.start());
        }
        long n = Long.parseLong(m.group(1));
        Duration wait = switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofHours(n);
        };
        if (wait.compareTo(MAX_BATCH_WAIT) > 0) {
            throw in.reject("--batch-wait: '" + value.text() + "' is longer than " + wait(MAX_BATCH_WAIT),
                    value.start());
        }
        return wait;
    }
}
