package io.ecledger.ledger.command;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which issued commands {@code history} lists, and which page of them. Every part is optional; together they are
 * and-ed. Built flag by flag with {@link Builder#set(String, String)} so the console grammar and REST query
 * parameters share one set of rules and one set of refusals.
 *
 * <p>{@code target}: a {@link Target.Unicast} keeps commands that node was expected to answer or did answer (a
 * broadcast it was part of included); a {@link Target.Subcluster} keeps commands sent to that subcluster; a
 * {@link Target.Broadcast} keeps commands sent to every node.
 */
public record HistoryFilter(Optional<String> actor, Optional<TimeBound> since, Optional<TimeBound> until,
        Optional<Target> target, Optional<String> text, Optional<String> regex, Optional<Origin> origin,
        Optional<Status> status, int limit, int page, boolean oldestFirst) {

    /** Entries per page unless {@code --limit} says otherwise. */
    public static final int DEFAULT_LIMIT = 20;
    /** The most entries one page may hold. */
    public static final int MAX_LIMIT = 1000;
    /** The longest {@code --regex}: RE2 matches in time linear in the text, but its program grows with the pattern. */
    public static final int MAX_REGEX_LENGTH = 256;

    /** The flags that take a value, as typed on the console. */
    public static final java.util.List<String> VALUE_FLAGS = java.util.List.of("--actor", "--since", "--until",
            "--node", "--subcluster", "--text", "--regex", "--origin", "--status", "--limit", "--page");
    /** The flags that take none. */
    public static final java.util.List<String> SWITCHES = java.util.List.of("--broadcast", "--oldest-first");

    /** Keep commands where at least one node is in this state. */
    public enum Status {
        /** a node answered ERROR or REJECTED */
        ERROR,
        /** a node answered EXPIRED, or the deadline passed without its answer */
        EXPIRED,
        /** a node has not answered and the deadline has not passed */
        PENDING,
        /** a node refused to run it (REJECTED): not signed by the manager, a copy, a deadline too far out, … */
        REJECTED,
        /** not a command that ran: one the policy refused, a CommandDenied on the ledger (it has no target) */
        DENIED
    }

    public HistoryFilter {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(until, "until");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(regex, "regex");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(status, "status");
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1 to " + MAX_LIMIT + ", got " + limit);
        }
        if (page < 1) {
            throw new IllegalArgumentException("page must be at least 1, got " + page);
        }
        if (status.equals(Optional.of(Status.DENIED)) && target.isPresent()) {
            // a denied command was never sent anywhere: a target filter would silently match nothing
            throw new IllegalArgumentException("--status denied: a denied command has no target; drop --node, "
                    + "--subcluster and --broadcast");
        }
    }

    /** Everything, newest first, the first {@link #DEFAULT_LIMIT}. */
    public static HistoryFilter all() {
        return new Builder().build();
    }

    /** How many entries the pages before this one hold. */
    public long skipped() {
        return (long) (page - 1) * limit;
    }

    /**
     * A point in time as typed: an ISO-8601 instant ({@code 2026-11-25T10:00:00Z}, with an offset, or a date
     * {@code 2026-11-25} meaning its start in UTC), or an amount of time before now ({@code 90s}, {@code 15m},
     * {@code 2h}, {@code 3d}, {@code 1w}), resolved when the query runs.
     */
    public record TimeBound(Optional<Instant> absolute, Optional<Duration> ago) {

        private static final Pattern RELATIVE = Pattern.compile("(\\d{1,9})([smhdw])");

        public TimeBound {
            Objects.requireNonNull(absolute, "absolute");
            Objects.requireNonNull(ago, "ago");
            if (absolute.isPresent() == ago.isPresent()) {
                throw new IllegalArgumentException("a time bound is either absolute or relative");
            }
            if (ago.isPresent() && ago.get().isNegative()) {
                throw new IllegalArgumentException("a relative time bound must not be negative: " + ago.get());
            }
        }

        public static TimeBound at(Instant instant) {
            return new TimeBound(Optional.of(instant), Optional.empty());
        }

        public static TimeBound ago(Duration duration) {
            return new TimeBound(Optional.empty(), Optional.of(duration));
        }

        /** Parses what an operator typed, or throws {@link IllegalArgumentException} saying what is accepted. */
        public static TimeBound parse(String text) {
            Matcher relative = RELATIVE.matcher(text);
            if (relative.matches()) {
                long amount = Long.parseLong(relative.group(1));
                Duration unit = switch (relative.group(2)) {
                    case "s" -> Duration.ofSeconds(1);
                    case "m" -> Duration.ofMinutes(1);
                    case "h" -> Duration.ofHours(1);
                    case "d" -> Duration.ofDays(1);
                    default -> Duration.ofDays(7);
                };
                return ago(unit.multipliedBy(amount));
            }
            try {
                return at(OffsetDateTime.parse(text).toInstant());
            } catch (DateTimeParseException notADateTime) {
                try {
                    return at(LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant());
                } catch (DateTimeParseException notADate) {
                    throw new IllegalArgumentException("'" + text + "' is not a time: use ISO-8601 "
                            + "(2026-11-25T10:00:00Z or 2026-11-25) or an age such as 90s, 15m, 2h, 3d, 1w");
                }
            }
        }

        /** The instant meant, relative bounds counted back from {@code now}. */
        public Instant resolve(Instant now) {
            return absolute.orElseGet(() -> now.minus(ago.get()));
        }
    }

    /** Collects flags one at a time; each {@link #set} refuses a bad value with a message naming the flag. */
    public static final class Builder {
        private Optional<String> actor = Optional.empty();
        private Optional<TimeBound> since = Optional.empty();
        private Optional<TimeBound> until = Optional.empty();
        private Optional<Target> target = Optional.empty();
        private Optional<String> text = Optional.empty();
        private Optional<String> regex = Optional.empty();
        private Optional<Origin> origin = Optional.empty();
        private Optional<Status> status = Optional.empty();
        private int limit = DEFAULT_LIMIT;
        private int page = 1;
        private boolean oldestFirst;

        /** True when {@code flag} takes a value. */
        public static boolean takesValue(String flag) {
            return VALUE_FLAGS.contains(flag);
        }

        /**
         * Applies one flag; {@code value} is null for {@link #SWITCHES}. Throws {@link IllegalArgumentException}
         * with the operator-facing reason for an unknown flag, a repeated target, or a bad value.
         */
        public Builder set(String flag, String value) {
            if (!VALUE_FLAGS.contains(flag) && !SWITCHES.contains(flag)) {
                throw new IllegalArgumentException("unknown filter '" + flag + "'; filters are "
                        + String.join(" ", VALUE_FLAGS) + " " + String.join(" ", SWITCHES));
            }
            if (takesValue(flag) && (value == null || value.isEmpty())) {
                throw new IllegalArgumentException(flag + " needs a value");
            }
            switch (flag) {
                case "--actor" -> actor = Optional.of(value);
                case "--since" -> since = Optional.of(time(flag, value));
                case "--until" -> until = Optional.of(time(flag, value));
                case "--node" -> target(new Target.Unicast(name(flag, value)));
                case "--subcluster" -> target(new Target.Subcluster(name(flag, value)));
                case "--broadcast" -> target(new Target.Broadcast());
                case "--text" -> text = Optional.of(value);
                case "--regex" -> regex = Optional.of(regex(value));
                case "--origin" -> origin = Optional.of(origin(value));
                case "--status" -> status = Optional.of(status(value));
                case "--limit" -> limit = number(flag, value, 1, MAX_LIMIT);
                case "--page" -> page = number(flag, value, 1, Integer.MAX_VALUE);
                case "--oldest-first" -> oldestFirst = true;
                default -> throw new AssertionError("flag listed but not handled: " + flag);
            }
            return this;
        }

        public HistoryFilter build() {
            if (since.isPresent() && until.isPresent() && since.get().absolute().isPresent()
                    && until.get().absolute().isPresent() && until.get().absolute().get().isBefore(since.get().absolute().get())) {
                throw new IllegalArgumentException("--until " + until.get().absolute().get() + " is before --since "
                        + since.get().absolute().get());
            }
            return new HistoryFilter(actor, since, until, target, text, regex, origin, status, limit, page, oldestFirst);
        }

        private void target(Target chosen) {
            if (target.isPresent()) {
                throw new IllegalArgumentException("only one of --node, --subcluster, --broadcast");
            }
            target = Optional.of(chosen);
        }

        private static TimeBound time(String flag, String value) {
            try {
                return TimeBound.parse(value);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(flag + ": " + e.getMessage());
            }
        }

        private static String name(String flag, String value) {
            if (!Names.isValid(value)) {
                throw new IllegalArgumentException(flag + ": '" + value + "' is not a valid name");
            }
            return value;
        }

        // RE2's syntax, as the query runs it (api.history.HistoryRegex): no backreferences or lookaround, so nothing
        // backtracks. A syntax error is worded as java.util.regex words it, which operators know; a pattern only Java
        // runs (a backreference, a lookahead) is refused with RE2's reason. What is accepted here is what the query runs.
        private static String regex(String value) {
            if (value.length() > MAX_REGEX_LENGTH) {
                throw new IllegalArgumentException("--regex: a pattern of " + value.length()
                        + " characters is longer than the limit of " + MAX_REGEX_LENGTH);
            }
            try {
                Pattern.compile(value);
            } catch (java.util.regex.PatternSyntaxException e) {
                throw new IllegalArgumentException("--regex: '" + value + "' is not a regular expression: "
                        + e.getDescription());
            }
            try {
                com.google.re2j.Pattern.compile(value);
                return value;
            } catch (com.google.re2j.PatternSyntaxException e) {
                throw new IllegalArgumentException("--regex: '" + value + "' is not a regular expression RE2 runs "
                        + "(linear time: no backreferences or lookaround): " + e.getDescription());
            }
        }

        private static Origin origin(String value) {
            String upper = value.toUpperCase(Locale.ROOT);
            for (Origin origin : Origin.values()) {
                if (origin != Origin.UNKNOWN && origin.name().equals(upper)) {
                    return origin;
                }
            }
            throw new IllegalArgumentException("--origin: '" + value
                    + "' is not an origin; use console, rest, control_listener, replay or system");
        }

        private static Status status(String value) {
            try {
                return Status.valueOf(value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--status: '" + value + "' is not a status; use error, expired, pending, rejected or denied");
            }
        }

        private static int number(String flag, String value, int min, int max) {
            try {
                int n = Integer.parseInt(value);
                if (n >= min && n <= max) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // refused below
            }
            throw new IllegalArgumentException(flag + ": '" + value + "' is not a whole number from " + min
                    + (max == Integer.MAX_VALUE ? " up" : " to " + max));
        }
    }
}
