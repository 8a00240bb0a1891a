package io.ecledger.ledger.sign;

import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;

/**
 * The last signatures that verified in this process, by public key, message and signature bytes. Every agent of an
 * ecnode that simulates a fleet checks the same ledger event: with this, the process pays one Ed25519 verification
 * per event instead of one per agent, also when they all read a new event at the same moment (one verifies, the others
 * wait for its verdict). The manager's key adds each signature it makes ({@link ManagerKey#seal}), so
 * the manager's projection and chain monitor do not verify again what it just signed. Only a success is kept, keyed
 * by every byte the verification read, so a changed key, message or signature is verified afresh and a forgery is
 * never remembered. Off unless a process turns it on ({@link #rememberInThisProcess}: ecnode with several agents, and
 * the manager), so that one agent, a library user and the benchmarks verify every time.
 */
public final class VerifiedSignatures {

    // at 200 events a second it holds the last 40 s of the ledger, about 2 MB
    private static final VerifiedSignatures SHARED = new VerifiedSignatures(8_192);
    private static final VerifiedSignatures NONE = new VerifiedSignatures(0);
    private static volatile boolean remembering;

    private final int capacity;
    // a verification in flight is in here too, so agents reading the same new event at once wait for one of them
    private final Map<ByteBuffer, CompletableFuture<Boolean>> verified;

    /** Turns the process's memory on, for a process whose readers check the same ledger events more than once. */
    public static void rememberInThisProcess() {
        remembering = true;
    }

    /** Whether the process's memory is on: verifying ahead of time then spares the verification later. */
    public static boolean rememberingInThisProcess() {
        return remembering;
    }

    /** What a verifier made now uses: the process's memory once turned on, none before. */
    static VerifiedSignatures ofThisProcess() {
        return remembering ? SHARED : NONE;
    }

    VerifiedSignatures(int capacity) {
        this.capacity = capacity;
        this.verified = new LinkedHashMap<>(capacity * 4 / 3 + 1, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<ByteBuffer, CompletableFuture<Boolean>> eldest) {
                return size() > capacity;
            }
        };
    }

    /**
     * Whether {@code signature} is {@code publicKey}'s over {@code message}: remembered, or the verdict of a
     * verification of the same bytes under way in another thread, or else {@code verification}'s, run here. Only a
     * success is remembered; a failure is only shared with the threads that waited for it (the same bytes always
     * give the same verdict).
     */
    boolean verifies(byte[] publicKey, byte[] message, byte[] signature, BooleanSupplier verification) {
        if (capacity == 0) {
            return verification.getAsBoolean();
        }
        ByteBuffer key = key(publicKey, message, signature);
        CompletableFuture<Boolean> mine = new CompletableFuture<>();
        CompletableFuture<Boolean> known;
        synchronized (this) {
            known = verified.putIfAbsent(key, mine);
        }
        if (known != null) {
            return known.join();
        }
        boolean verifies = false;
        try {
            verifies = verification.getAsBoolean();
        } finally {
            if (!verifies) {
                synchronized (this) {
                    verified.remove(key, mine);
                }
            }
            mine.complete(verifies);
        }
        return verifies;
    }

    /** Remembers a verification that succeeded, or a signature this process just made. */
    synchronized void add(byte[] publicKey, byte[] message, byte[] signature) {
        if (capacity == 0) {
            return;
        }
        verified.put(key(publicKey, message, signature), CompletableFuture.completedFuture(Boolean.TRUE));
    }

    synchronized int size() {
        return verified.size();
    }

    // lengths first: no two different triples make the same key
    private static ByteBuffer key(byte[] publicKey, byte[] message, byte[] signature) {
        return ByteBuffer.allocate(12 + publicKey.length + message.length + signature.length)
                .putInt(publicKey.length).put(publicKey)
                .putInt(message.length).put(message)
                .putInt(signature.length).put(signature)
                .flip();
    }
}
