package io.ecledger.api.config;

import java.util.List;

/**
 * One option set in the folded configuration, includes expanded: its scope as the console's words, its value, and
 * what setting it does to this manager ({@code takes effect at once}, {@code not acted on}, …).
 */
public record SetOptionView(List<String> scope, String option, String value, String effect) {

    public SetOptionView {
        scope = List.copyOf(scope);
    }
}
