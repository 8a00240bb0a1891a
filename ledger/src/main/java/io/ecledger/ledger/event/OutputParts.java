package io.ecledger.ledger.event;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * An answer whose output is longer than a node carries inline, cut into the answer (its first {@code inline} bytes of
 * UTF-8) and parts of at most as many bytes each, never inside a character; and the parts joined back.
 */
public final class OutputParts {

    /** What a node carries inline by default: 64 KiB. */
    public static final int DEFAULT_INLINE = 64 * 1024;

    private OutputParts() {}

    /** {@code answer} as the records that carry it: itself when its output fits, else the cut answer and its parts. */
    public static List<NodeResponse> split(NodeResponse answer, int inline) {
        if (inline < 4) {
            throw new IllegalArgumentException("an inline cap holds at least one character of 4 bytes, not " + inline);
        }
        if (!answer.status().isAnswer() || answer.output().length() <= inline / 4
                && answer.output().getBytes(StandardCharsets.UTF_8).length <= inline) {
            return List.of(answer);
        }
        List<String> pieces = pieces(answer.output(), inline);
        if (pieces.size() == 1) {
            return List.of(answer);
        }
        List<NodeResponse> records = new ArrayList<>(pieces.size());
        records.add(new NodeResponse(answer.commandId(), answer.ledgerOffset(), answer.node(), answer.subcluster(),
                answer.status(), pieces.get(0), answer.startedAt(), answer.finishedAt(), 0, pieces.size() - 1,
                answer.seal()));
        for (int part = 1; part < pieces.size(); part++) {
            records.add(new NodeResponse(answer.commandId(), answer.ledgerOffset(), answer.node(), answer.subcluster(),
                    NodeStatus.OUTPUT, pieces.get(part), answer.startedAt(), answer.finishedAt(), part, 0,
                    answer.seal()));
        }
        return List.copyOf(records);
    }

    /** {@code text} cut into pieces of at most {@code bytes} bytes of UTF-8 each, never inside a character. */
    static List<String> pieces(String text, int bytes) {
        List<String> pieces = new ArrayList<>();
        int start = 0;
        int size = 0;
        int i = 0;
        while (i < text.length()) {
            int codePoint = text.codePointAt(i);
            int chars = Character.charCount(codePoint);
            int encoded = codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
            if (size + encoded > bytes) {
                pieces.add(text.substring(start, i));
                start = i;
                size = 0;
            }
            size += encoded;
            i += chars;
        }
        pieces.add(text.substring(start));
        return pieces;
    }

    /** The whole output: the answer's inline text, then its parts in order. */
    public static String join(String inline, List<String> parts) {
        StringBuilder whole = new StringBuilder(inline);
        parts.forEach(whole::append);
        return whole.toString();
    }
}
