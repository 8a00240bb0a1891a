package io.ecledger.ledger.chain;

import io.ecledger.ledger.event.Hash;
import static io.ecledger.ledger.event.Events.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ecledger.ledger.codec.EventCodec;
import io.ecledger.ledger.codec.LedgerEnvelope;
import io.ecledger.ledger.codec.LedgerHashing;
import io.ecledger.ledger.codec.UndecodableRecordException;
import io.ecledger.ledger.command.Origin;
import io.ecledger.ledger.event.Events;
import io.ecledger.ledger.event.LedgerEvent;
import io.ecledger.ledger.event.Payload;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ChainVerifierTest {

    /** Encodes a correctly chained ledger of {@code n} events, as the Ledger appends them. */
    private static List<byte[]> chain(int n) throws Exception {
        List<byte[]> records = new ArrayList<>();
        Hash previous = Hash.ZERO;
        for (int i = 0; i < n; i++) {
            byte[] bytes = sealed(previous, Events.broadcast("version " + i));
            records.add(bytes);
            previous = EventCodec.LEDGER.decode(bytes).hash();
        }
        return records;
    }

    private static byte[] sealed(Hash previous, Payload payload) throws Exception {
        LedgerEvent draft = new LedgerEvent(UUID.randomUUID(), T0, "alice", Origin.CONSOLE, previous, Hash.ZERO, payload);
        return EventCodec.LEDGER.encode(draft.withHash(LedgerHashing.contentHash(EventCodec.LEDGER.encode(draft))));
    }

    private static ChainVerdict verify(List<byte[]> records) {
        ChainVerifier verifier = new ChainVerifier(0);
        for (int i = 0; i < records.size(); i++) {
            verifier.accept(i, records.get(i));
        }
        return verifier.verdict();
    }

    @Test
    void anUnbrokenChainIsIntact() throws Exception {
        assertIntact(verify(chain(50)), 50);
    }

    @Test
    void theVerdictNamesTheHeadWhereALaterVerifyCanStart() throws Exception {
        List<byte[]> records = chain(10);

        ChainVerdict verdict = verify(records);

        assertThat(verdict.head()).contains(new Checkpoint(9, EventCodec.LEDGER.decode(records.get(9)).hash()));
    }

    @Test
    void aVerifyAfterACheckpointChecksOnlyTheRecordsAfterIt() throws Exception {
        List<byte[]> records = chain(10);
        Checkpoint checkpoint = new Checkpoint(5, EventCodec.LEDGER.decode(records.get(5)).hash());
        ChainVerifier verifier = ChainVerifier.after(checkpoint);

        for (int offset = 6; offset < 10; offset++) {
            verifier.accept(offset, records.get(offset));
        }

        assertIntact(verifier.verdict(), 4);
        assertThat(verifier.verdict().fromOffset()).isEqualTo(6);
    }

    @Test
    void aCheckpointThatDoesNotMatchTheLedgerBreaksAtTheFirstRecordAfterIt() throws Exception {
        List<byte[]> records = chain(10);
        ChainVerifier verifier = ChainVerifier.after(new Checkpoint(5, Hash.ZERO));

        verifier.accept(6, records.get(6));

        assertThat(verifier.verdict()).isInstanceOfSatisfying(ChainVerdict.Broken.class,
                broken -> assertThat(broken.offset()).isEqualTo(6));
    }

    @Test
    void aCheckpointReadsBackFromItsText() throws Exception {
        Checkpoint checkpoint = new Checkpoint(41, EventCodec.LEDGER.decode(chain(1).get(0)).hash());

        assertThat(Checkpoint.parse(checkpoint.toString())).isEqualTo(checkpoint);
        assertThatThrownBy(() -> Checkpoint.parse("41")).hasMessageContaining("OFFSET:SHA256HEX");
        assertThatThrownBy(() -> Checkpoint.parse("41:abcd")).hasMessageContaining("32 bytes");
    }

    @Test
    void anEmptyLedgerIsIntact() {
        assertIntact(new ChainVerifier(0).verdict(), 0);
    }

    @Test
    void anEditedEventBreaksTheChainAtItsOffset() throws Exception {
        List<byte[]> records = chain(10);
        LedgerEvent original = EventCodec.LEDGER.decode(records.get(4));
        // same links, different actor: what someone rewriting history would do
        LedgerEvent edited = new LedgerEvent(original.eventId(), original.occurredAt(), "mallory", original.origin(),
                original.prevHash(), original.hash(), original.payload());
        records.set(4, EventCodec.LEDGER.encode(edited));

        ChainVerdict verdict = verify(records);

        assertThat(verdict).isInstanceOf(ChainVerdict.Broken.class);
        ChainVerdict.Broken broken = (ChainVerdict.Broken) verdict;
        assertThat(broken.offset()).isEqualTo(4);
        assertThat(broken.verifiedEvents()).isEqualTo(4);
        assertThat(broken.reason()).contains("does not match its content");
    }

    @Test
    void aRemovedEventBreaksTheChainAtTheEventAfterIt() throws Exception {
        List<byte[]> records = chain(10);
        records.remove(6);

        ChainVerdict verdict = verify(records);

        assertThat(verdict).isInstanceOfSatisfying(ChainVerdict.Broken.class, broken -> {
            assertThat(broken.offset()).isEqualTo(6);
            assertThat(broken.reason()).contains("is not the hash of the event before it");
        });
    }

    @Test
    void aForgedEventWithItsOwnValidHashStillBreaksTheLink() throws Exception {
        List<byte[]> records = chain(5);
        records.add(3, sealed(Hash.ZERO, Events.broadcast("cluster duravip move 10.0.5.139 to rh52bare")));

        assertThat(verify(records)).isInstanceOfSatisfying(ChainVerdict.Broken.class,
                broken -> assertThat(broken.offset()).isEqualTo(3));
    }

    @Test
    void garbageBreaksTheChainAsNotALedgerEvent() throws Exception {
        List<byte[]> records = chain(5);
        records.set(2, "garbage".getBytes());

        assertThat(verify(records)).isInstanceOfSatisfying(ChainVerdict.Broken.class, broken -> {
            assertThat(broken.offset()).isEqualTo(2);
            assertThat(broken.reason()).startsWith("not a ledger event");
        });
    }

    @Test
    void aLedgerWhoseFirstRecordsAreGoneIsBroken() {
        assertThat(new ChainVerifier(100).verdict()).isInstanceOfSatisfying(ChainVerdict.Broken.class,
                broken -> assertThat(broken.reason()).contains("records before offset 100 are gone"));
    }

    @Test
    void theAppendShortcutHashesExactlyAsVerifyDoes() throws Exception {
        for (Payload payload : List.of(Events.broadcast("version"), Events.unicast("rh52bare", "summary"), Events.configSet(),
                Events.configUnset(), io.ecledger.ledger.event.ResultsFlushed.now())) {
            LedgerEvent draft = new LedgerEvent(UUID.randomUUID(), T0, "alice", Origin.REST, Hash.ZERO, Hash.ZERO, payload);
            byte[] encoded = EventCodec.LEDGER.encode(draft);

            assertThat(LedgerHashing.draftHash(encoded)).isEqualTo(LedgerHashing.contentHash(encoded));
        }
    }

    @Test
    void theHashDependsOnEveryFieldButTheHashItself() throws Exception {
        byte[] a = sealed(Hash.ZERO, Events.broadcast("version"));
        LedgerEvent event = EventCodec.LEDGER.decode(a);
        LedgerEvent rehashed = event.withHash(Hash.of(new byte[32]));
        assertThat(LedgerHashing.contentHash(EventCodec.LEDGER.encode(rehashed))).isEqualTo(event.hash());
        LedgerEvent otherTime = new LedgerEvent(event.eventId(), T0.plusMillis(1), event.actor(), event.origin(),
                event.prevHash(), event.hash(), event.payload());
        assertThat(LedgerHashing.contentHash(EventCodec.LEDGER.encode(otherTime))).isNotEqualTo(event.hash());
    }

    @Test
    void aForgedRecordBetweenGenuineOnesIsTheOnlyBreakAndTheEventsAfterItVerify() throws Exception {
        List<byte[]> records = chain(8);
        records.add(3, sealed(Hash.ZERO, Events.broadcast("cluster duravip move 10.0.5.139 to rh52bare")));

        ChainVerdict.Broken broken = broken(verify(records));

        assertThat(broken.breaks()).extracting(ChainVerdict.Break::offset).containsExactly(3L);
        assertThat(broken.breakCount()).isEqualTo(1);
        assertThat(broken.verifiedEvents()).as("before the break").isEqualTo(3);
        assertThat(broken.verifiedInAll()).as("the 8 genuine events").isEqualTo(8);
        assertThat(broken.lastVerified()).contains(new Checkpoint(8, hash(records.get(8))));
        assertThat(broken.head()).as("no checkpoint past the break").contains(new Checkpoint(2, hash(records.get(2))));
    }

    @Test
    void aForgedRecordWithACorrectSha256LinkIsBlamedOnceTheGenuineEventAfterItLinksPastIt() throws Exception {
        List<byte[]> records = chain(6);
        // what the issue measured: prevHash and hash right, so it verifies until the manager's next event comes
        records.add(4, sealed(hash(records.get(3)), Events.broadcast("cluster duravip move 10.0.5.139 to rh52bare")));

        ChainVerdict.Broken broken = broken(verify(records));

        assertThat(broken.breaks()).singleElement().satisfies(b -> {
            assertThat(b.offset()).as("the forgery, not the manager's next event").isEqualTo(4);
            assertThat(b.reason()).contains("put between two events", "offset 5");
        });
        assertThat(broken.verifiedEvents()).isEqualTo(4);
        assertThat(broken.head()).contains(new Checkpoint(3, hash(records.get(3))));
        assertThat(broken.verifiedInAll()).isEqualTo(6);
        assertThat(broken.lastVerified()).contains(new Checkpoint(6, hash(records.get(6))));
    }

    @Test
    void aForgeryLinkedToTheEventBeforeTheLatestIsBlamedOnceTheManagerGoesOnFromTheLatest() throws Exception {
        List<byte[]> records = chain(5);
        // a sibling of the latest event: same prevHash, own valid hash
        records.add(5, sealed(hash(records.get(3)), Events.broadcast("cluster duravip move 10.0.5.139 to rh52bare")));
        records.addAll(continuing(records.get(4), 2));

        ChainVerdict.Broken broken = broken(verify(records));

        assertThat(broken.breaks()).singleElement().satisfies(b -> {
            assertThat(b.offset()).as("the forgery, not the genuine event it stood beside").isEqualTo(5);
            assertThat(b.reason()).contains("links to the same event as the one at offset 4", "offset 6 goes on from");
        });
        assertThat(broken.verifiedEvents()).isEqualTo(5);
        assertThat(broken.verifiedInAll()).isEqualTo(7);
        assertThat(broken.lastVerified()).contains(new Checkpoint(7, hash(records.get(7))));
    }

    @Test
    void twoWritersInterleavedKeepTheFirstWritersLineAndBreakEachOfTheOthersEvents() throws Exception {
        List<byte[]> first = chain(4);
        List<byte[]> other = new ArrayList<>(List.of(first.get(0), first.get(1)));
        other.addAll(continuing(first.get(1), 2));
        List<byte[]> records = new ArrayList<>(List.of(first.get(0), first.get(1), first.get(2), other.get(2),
                first.get(3), other.get(3)));

        ChainVerdict.Broken broken = broken(verify(records));

        assertThat(broken.breaks()).extracting(ChainVerdict.Break::offset).containsExactly(3L, 5L);
        assertThat(broken.verifiedInAll()).isEqualTo(4);
        assertThat(broken.lastVerified()).contains(new Checkpoint(4, hash(first.get(3))));
    }

    @Test
    void aCopyOfTheLatestEventAppendedAgainIsTheBreakNotTheOriginal() throws Exception {
        List<byte[]> records = chain(4);
        records.add(4, records.get(3).clone());
        records.addAll(continuing(records.get(3), 2));

        ChainVerdict.Broken broken = broken(verify(records));

        assertThat(broken.breaks()).singleElement().satisfies(b -> {
            assertThat(b.offset()).isEqualTo(4);
            assertThat(b.reason()).isEqualTo("a copy of the event at offset 3");
        });
        assertThat(broken.verifiedInAll()).isEqualTo(6);
    }

    @Test
    void garbageIsOneBreakAndTheGenuineEventsAfterItVerify() throws Exception {
        List<byte[]> records = chain(6);
        records.add(2, "garbage".getBytes());

        ChainVerdict.Broken broken = broken(verify(records));

        assertThat(broken.breaks()).singleElement().satisfies(b -> {
            assertThat(b.offset()).isEqualTo(2);
            assertThat(b.reason()).startsWith("not a ledger event");
        });
        assertThat(broken.verifiedInAll()).isEqualTo(6);
    }

    @Test
    void garbageInAGenuineEventsPlaceIsOneBreak() throws Exception {
        List<byte[]> records = chain(6);
        records.set(2, "garbage".getBytes());

        ChainVerdict.Broken broken = broken(verify(records));

        assertThat(broken.breaks()).extracting(ChainVerdict.Break::offset).containsExactly(2L);
        assertThat(broken.verifiedInAll()).isEqualTo(5);
    }

    @Test
    void aForgedEventAfterGarbageIsBlamedWhenTheNextGenuineEventLinksToBeforeTheGarbage() throws Exception {
        List<byte[]> records = chain(6);
        records.add(3, "garbage".getBytes());
        records.add(4, sealed(Hash.ZERO, Events.broadcast("cluster duravip move 10.0.5.139 to rh52bare")));

        ChainVerdict.Broken broken = broken(verify(records));

        assertThat(broken.breaks()).extracting(ChainVerdict.Break::offset).containsExactly(3L, 4L);
        assertThat(broken.breaks().get(1).reason()).contains("put in after a break", "offset 5");
        assertThat(broken.verifiedInAll()).isEqualTo(6);
        assertThat(broken.lastVerified()).contains(new Checkpoint(7, hash(records.get(7))));
    }

    @Test
    void aReplayedRunOfOlderEventsIsBrokenRecordByRecordAndTheGenuineEventsAfterItVerify() throws Exception {
        List<byte[]> records = chain(8);
        List<byte[]> replayed = List.of(records.get(1).clone(), records.get(2).clone(), records.get(3).clone());
        records.addAll(6, replayed);

        ChainVerdict.Broken broken = broken(verify(records));

        assertThat(broken.breaks()).extracting(ChainVerdict.Break::offset).containsExactly(6L, 7L, 8L);
        assertThat(broken.verifiedInAll()).isEqualTo(8);
        assertThat(broken.lastVerified()).contains(new Checkpoint(10, hash(records.get(10))));
    }

    @Test
    void twoSeparateForgeriesAreTwoBreaksEachAtItsOwnOffset() throws Exception {
        List<byte[]> records = chain(8);
        records.add(2, "garbage".getBytes());
        records.add(6, sealed(Hash.ZERO, Events.broadcast("cluster duravip move 10.0.5.139 to rh52bare")));

        ChainVerdict.Broken broken = broken(verify(records));

        assertThat(broken.breaks()).extracting(ChainVerdict.Break::offset).containsExactly(2L, 6L);
        assertThat(broken.breakCount()).isEqualTo(2);
        assertThat(broken.offset()).isEqualTo(2);
        assertThat(broken.verifiedEvents()).isEqualTo(2);
        assertThat(broken.verifiedInAll()).isEqualTo(8);
    }

    @Test
    void aRemovedEventIsOneBreakAndTheChainPicksUpAfterIt() throws Exception {
        List<byte[]> records = chain(10);
        records.remove(6);

        ChainVerdict.Broken broken = broken(verify(records));

        assertThat(broken.breaks()).extracting(ChainVerdict.Break::offset).containsExactly(6L);
        assertThat(broken.verifiedInAll()).as("all but the one whose predecessor is gone").isEqualTo(8);
        assertThat(broken.lastVerified()).contains(new Checkpoint(8, hash(records.get(8))));
    }

    @Test
    void anEditedEventIsOneBreakAndItsSuccessorStillLinks() throws Exception {
        List<byte[]> records = chain(10);
        LedgerEvent original = EventCodec.LEDGER.decode(records.get(4));
        records.set(4, EventCodec.LEDGER.encode(new LedgerEvent(original.eventId(), original.occurredAt(), "mallory",
                original.origin(), original.prevHash(), original.hash(), original.payload())));

        ChainVerdict.Broken broken = broken(verify(records));

        assertThat(broken.breaks()).extracting(ChainVerdict.Break::offset).containsExactly(4L);
        assertThat(broken.verifiedInAll()).isEqualTo(9);
    }

    @Test
    void missingOffsetsAreOneBreakAndTheRecordsAfterThemVerify() throws Exception {
        List<byte[]> records = chain(8);
        ChainVerifier verifier = new ChainVerifier(0);
        for (int i = 0; i < records.size(); i++) {
            if (i != 3 && i != 4) {
                verifier.accept(i, records.get(i));
            }
        }

        ChainVerdict.Broken broken = broken(verifier.verdict());

        assertThat(broken.breaks()).singleElement().satisfies(b -> {
            assertThat(b.offset()).isEqualTo(3);
            assertThat(b.reason()).isEqualTo("offsets 3 to 4 are missing");
        });
        assertThat(broken.verifiedInAll()).isEqualTo(6);
    }

    @Test
    void offsetsLeftByTransactionMarkersBetweenEventsBreakNothing() throws Exception {
        List<byte[]> records = chain(6);
        ChainVerifier verifier = new ChainVerifier(0);
        for (int i = 0; i < records.size(); i++) {
            // each committed append is followed by its commit marker, which a reader never sees
            verifier.accept(2L * i, records.get(i));
        }

        assertIntact(verifier.verdict(), 6);
        assertThat(verifier.verdict().head()).hasValueSatisfying(head -> assertThat(head.offset()).isEqualTo(10));
    }

    @Test
    void anEventGoneFromBetweenTransactionMarkersIsStillAMissingBreak() throws Exception {
        List<byte[]> records = chain(6);
        ChainVerifier verifier = new ChainVerifier(0);
        for (int i = 0; i < records.size(); i++) {
            if (i != 2) {
                verifier.accept(2L * i, records.get(i));
            }
        }

        ChainVerdict.Broken broken = broken(verifier.verdict());

        assertThat(broken.breaks()).singleElement().satisfies(b -> {
            assertThat(b.offset()).isEqualTo(3);
            assertThat(b.reason()).isEqualTo("offsets 3 to 5 are missing");
        });
        assertThat(broken.verifiedInAll()).isEqualTo(5);
    }

    @Test
    void aForgeryBetweenTransactionMarkersIsBlamedAloneWhenTheManagerGoesOnFromBeforeIt() throws Exception {
        List<byte[]> records = chain(3);
        Hash second = EventCodec.LEDGER.decode(records.get(1)).hash();
        byte[] forged = sealed(second, Events.broadcast("shutdown"));
        byte[] next = sealed(EventCodec.LEDGER.decode(records.get(2)).hash(), Events.broadcast("version"));
        ChainVerifier verifier = new ChainVerifier(0);
        verifier.accept(0, records.get(0));
        verifier.accept(2, records.get(1));
        // a plain producer's record, no marker after it; the manager's next append goes on from its own last event
        verifier.accept(4, forged);
        verifier.accept(5, records.get(2));
        verifier.accept(7, next);

        ChainVerdict.Broken broken = broken(verifier.verdict());

        assertThat(broken.breaks()).extracting(ChainVerdict.Break::offset).containsExactly(4L);
        assertThat(broken.verifiedInAll()).isEqualTo(4);
    }

    @Test
    void theListOfBreaksIsBoundedButTheCountIsNot() throws Exception {
        List<byte[]> records = chain(3);
        for (int i = 0; i < 250; i++) {
            records.add(records.size() - 1, "garbage".getBytes());
        }

        ChainVerdict.Broken broken = broken(verify(records));

        assertThat(broken.breaks()).hasSize(ChainVerdict.LISTED_BREAKS);
        assertThat(broken.breaks().get(99).offset()).isEqualTo(101);
        assertThat(broken.breakCount()).isEqualTo(250);
        assertThat(broken.verifiedInAll()).isEqualTo(3);
    }

    @Test
    void aCopyOfTheLastEventAfterGarbageIsABreakNotAPickedUpAnchor() throws Exception {
        List<byte[]> records = chain(3);
        byte[] last = records.get(2);
        records.add("garbage".getBytes());
        records.add(last);

        ChainVerdict.Broken broken = broken(verify(records));

        assertThat(broken.breaks()).extracting(ChainVerdict.Break::offset, ChainVerdict.Break::reason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(3L, broken.breaks().get(0).reason()),
                        org.assertj.core.groups.Tuple.tuple(4L, "a copy of the event at offset 2"));
    }

    @Test
    void aCopyOfAnOlderEventAfterGarbageIsABreakNotAPickedUpAnchor() throws Exception {
        List<byte[]> records = chain(5);
        Hash last = EventCodec.LEDGER.decode(records.get(4)).hash();
        records.add("garbage".getBytes());
        records.add(records.get(1));
        records.add(sealed(last, Events.broadcast("version 5")));

        ChainVerdict.Broken broken = broken(verify(records));

        assertThat(broken.breaks()).extracting(ChainVerdict.Break::offset, ChainVerdict.Break::reason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(5L, broken.breaks().get(0).reason()),
                        org.assertj.core.groups.Tuple.tuple(6L, "a copy of the event at offset 1"));
        assertThat(broken.verifiedInAll()).isEqualTo(6);
    }

    @Test
    void eachBreakPastTheListedOnesIsHandedOutByTheAcceptThatFoundItSoAReaderCanReportIt() throws Exception {
        List<byte[]> records = chain(3);
        for (int i = 0; i < 250; i++) {
            records.add(records.size() - 1, "garbage".getBytes());
        }
        ChainVerifier verifier = new ChainVerifier(0);
        List<Long> unlisted = new java.util.ArrayList<>();
        for (int offset = 0; offset < records.size(); offset++) {
            verifier.accept(offset, records.get(offset));
            verifier.unlistedBreaks().forEach(each -> unlisted.add(each.offset()));
        }

        ChainVerdict.Broken broken = broken(verifier.verdict());
        // listed or handed out: every one of the 250 is reported somewhere, once
        assertThat(unlisted).hasSize(150).doesNotContainAnyElementsOf(
                broken.breaks().stream().map(ChainVerdict.Break::offset).toList());
        assertThat(unlisted.get(0)).isEqualTo(102);
        assertThat(unlisted.get(149)).isEqualTo(251);
    }

    @Test
    void aChainOnlyWalkJudgesARecordThatBreaksANamingRuleButCarriesItsTrueHashByItsLinks() throws Exception {
        List<byte[]> records = chain(2);
        byte[] misnamed = sealedAs(hash(records.get(1)), "al ce", Events.broadcast("version"));
        assertThatThrownBy(() -> EventCodec.LEDGER.decode(misnamed))
                .isInstanceOf(UndecodableRecordException.class)
                .hasMessageContaining("actor");
        records.add(misnamed);
        // its own hash, read without the domain rules a decode applies
        records.addAll(continuing(LedgerEnvelope.of(misnamed).hash(), 2));

        // the chain check reads only the links and the content hash: the name is for a full read to refuse
        assertIntact(verify(records), 5);
    }

    @Test
    void aChainOnlyWalkStillBreaksAtARecordThatBreaksANamingRuleAndLinksToNothing() throws Exception {
        List<byte[]> records = chain(2);
        byte[] misnamed = sealedAs(Hash.sha256(new byte[] {1}, 0, 1), "al ce", Events.broadcast("version"));
        records.add(misnamed);
        records.addAll(continuing(records.get(1), 1));

        ChainVerdict.Broken broken = broken(verify(records));

        assertThat(broken.breaks()).extracting(ChainVerdict.Break::offset).containsExactly(2L);
        assertThat(broken.verifiedInAll()).isEqualTo(3);
    }

    /**
     * A record the manager would never write: {@code actor} breaks the word rule, so it is encoded with a valid
     * placeholder of the same length and the name patched into the bytes, before and after hashing, so the record
     * is Avro's canonical encoding and carries the true hash of what it holds.
     */
    private static byte[] sealedAs(Hash previous, String actor, Payload payload) throws Exception {
        String placeholder = "x".repeat(actor.length());
        LedgerEvent draft = new LedgerEvent(UUID.randomUUID(), T0, placeholder, Origin.CONSOLE, previous, Hash.ZERO, payload);
        byte[] draftBytes = patched(EventCodec.LEDGER.encode(draft), placeholder, actor);
        byte[] sealed = EventCodec.LEDGER.encode(draft.withHash(LedgerHashing.draftHash(draftBytes)));
        return patched(sealed, placeholder, actor);
    }

    private static byte[] patched(byte[] record, String from, String to) {
        byte[] needle = from.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        for (int i = 0; i + needle.length <= record.length; i++) {
            if (java.util.Arrays.equals(record, i, i + needle.length, needle, 0, needle.length)) {
                byte[] copy = record.clone();
                System.arraycopy(to.getBytes(java.nio.charset.StandardCharsets.UTF_8), 0, copy, i, needle.length);
                return copy;
            }
        }
        throw new AssertionError(from + " not in the record");
    }

    /** {@code n} more correctly chained events after {@code last}. */
    private static List<byte[]> continuing(byte[] last, int n) throws Exception {
        return continuing(hash(last), n);
    }

    /** {@code n} correctly chained events, the first linking to {@code previous}. */
    private static List<byte[]> continuing(Hash previous, int n) throws Exception {
        List<byte[]> records = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            byte[] bytes = sealed(previous, Events.broadcast("more " + i));
            records.add(bytes);
            previous = hash(bytes);
        }
        return records;
    }

    private static Hash hash(byte[] record) throws Exception {
        return EventCodec.LEDGER.decode(record).hash();
    }

    private static ChainVerdict.Broken broken(ChainVerdict verdict) {
        assertThat(verdict).isInstanceOf(ChainVerdict.Broken.class);
        return (ChainVerdict.Broken) verdict;
    }

    private static void assertIntact(ChainVerdict verdict, long events) {
        assertThat(verdict.intact()).as("%s", verdict).isTrue();
        assertThat(verdict.verifiedEvents()).isEqualTo(events);
    }
}
