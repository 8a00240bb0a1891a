package io.ecledger.api.projection;

import io.ecledger.ledger.event.ScopeStep;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A scope path in one text column: one line per step, {@code name} or {@code name<TAB>instance}. */
public final class ScopePathColumn {

    private ScopePathColumn() {}

    /** The column text of {@code path}; empty for the top level. */
    public static String encode(List<ScopeStep> path) {
        StringBuilder out = new StringBuilder();
        for (ScopeStep step : path) {
            if (out.length() > 0) {
                out.append('\n');
            }
            // names never hold tabs or line breaks; instances are escaped so they may
            out.append(step.name());
            step.instance().ifPresent(i -> out.append('\t').append(escape(i)));
        }
        return out.toString();
    }

    /** The path {@link #encode} wrote. */
    public static List<ScopeStep> decode(String column) {
        List<ScopeStep> path = new ArrayList<>();
        if (column.isEmpty()) {
            return path;
        }
        for (String line : column.split("\n", -1)) {
            int tab = line.indexOf('\t');
            path.add(tab < 0 ? ScopeStep.anonymous(line)
                    : new ScopeStep(line.substring(0, tab), Optional.of(unescape(line.substring(tab + 1)))));
        }
        return List.copyOf(path);
    }

    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t");
    }

    private static String unescape(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                char n = text.charAt(++i);
                out.append(n == 'n' ? '\n' : n == 't' ? '\t' : n);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
