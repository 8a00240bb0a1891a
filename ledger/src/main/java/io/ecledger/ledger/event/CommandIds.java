package io.ecledger.ledger.event;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * New command ids: RFC 9562 version 7 UUIDs, which begin with the millisecond they were made in. Ids made later sort
 * after earlier ones, so the views' indexes on command ids grow at one end: a command's rows land on the pages the
 * last commands' rows are on, instead of on a random page of a table that grows with the ledger.
 */
public final class CommandIds {

    private static final SecureRandom RANDOM = new SecureRandom();

    private CommandIds() {}

    /** A fresh command id. */
    public static UUID next() {
        return at(System.currentTimeMillis());
    }

    /** A fresh command id for the time {@code epochMillis}: 48 bits of it, the version, 74 random bits. */
    static UUID at(long epochMillis) {
        long high = (epochMillis << 16) | 0x7000L | (RANDOM.nextLong() & 0x0FFFL);
        long low = (RANDOM.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(high, low);
    }
}
