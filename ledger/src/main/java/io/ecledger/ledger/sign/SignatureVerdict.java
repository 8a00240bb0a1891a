package io.ecledger.ledger.sign;

/** Whether a ledger record is what the manager's key signed, and why not. */
public sealed interface SignatureVerdict permits SignatureVerdict.Verified, SignatureVerdict.Refused {

    /** True for {@link Verified}. */
    boolean verified();

    /** The record's hash matches its content and the pinned manager key signed that hash. */
    record Verified(KeyFingerprint key) implements SignatureVerdict {
        @Override
        public boolean verified() {
            return true;
        }
    }

    /** Not to be trusted, with the reason an agent answers {@code REJECTED} with. */
    record Refused(String reason) implements SignatureVerdict {
        public Refused {
            if (reason == null || reason.isBlank()) {
                throw new IllegalArgumentException("a refusal needs a reason");
            }
        }

        @Override
        public boolean verified() {
            return false;
        }
    }
}
