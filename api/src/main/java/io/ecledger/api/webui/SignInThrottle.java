package io.ecledger.api.webui;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Optional;

/**
 * Failed sign-ins per remote address: after {@code allowed} failures within {@code window} that address is refused
 * until the oldest of them leaves the window, so guessing a password from one place runs at a few tries a minute.
 * Addresses are kept for at most {@code maxAddresses}, the least recently failed forgotten first.
 */
final class SignInThrottle {

    private final int allowed;
    private final Duration window;
    private final int maxAddresses;
    private final Clock clock;
    private final LinkedHashMap<String, Deque<Instant>> failures = new LinkedHashMap<>(16, 0.75f, true);

    SignInThrottle(int allowed, Duration window, int maxAddresses, Clock clock) {
        this.allowed = allowed;
        this.window = window;
        this.maxAddresses = maxAddresses;
        this.clock = clock;
    }

    /** How long {@code address} must wait before it may try again; empty when it may try now. */
    synchronized Optional<Duration> wait(String address) {
        Deque<Instant> recent = recent(address);
        if (recent == null || recent.size() < allowed) {
            return Optional.empty();
        }
        return Optional.of(Duration.between(clock.instant(), recent.peekFirst().plus(window)));
    }

    /** Counts a failed sign-in from {@code address}. */
    synchronized void failed(String address) {
        Deque<Instant> recent = recent(address);
        if (recent == null) {
            recent = new ArrayDeque<>();
            failures.put(address, recent);
        }
        recent.addLast(clock.instant());
        while (recent.size() > allowed) {
            recent.removeFirst();
        }
        var eldest = failures.entrySet().iterator();
        while (failures.size() > maxAddresses && eldest.hasNext()) {
            eldest.next();
            eldest.remove();
        }
    }

    /** Forgets {@code address}'s failures: it signed in. */
    synchronized void succeeded(String address) {
        failures.remove(address);
    }

    private Deque<Instant> recent(String address) {
        Deque<Instant> recent = failures.get(address);
        if (recent != null) {
            Instant since = clock.instant().minus(window);
            while (!recent.isEmpty() && !recent.peekFirst().isAfter(since)) {
                recent.removeFirst();
            }
        }
        return recent;
    }
}
