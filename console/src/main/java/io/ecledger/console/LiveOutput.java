package io.ecledger.console;

/** Where {@code --follow} prints while it follows: whole lines, and on a terminal a progress line kept up to date. */
public interface LiveOutput {

    /** Keeps the lines in {@code printed}, each ending in a newline, and no progress: for a caller printing once. */
    static LiveOutput into(StringBuilder printed) {
        return new LiveOutput() {
            @Override
            public void line(String text) {
                printed.append(text).append('\n');
            }

            @Override
            public void progress(String text) {
            }
        };
    }

    /** Prints {@code text} as whole lines, below whatever was printed before. */
    void line(String text);

    /** Shows {@code text} as the progress line in place of the last one; empty clears it. Only a terminal shows it. */
    void progress(String text);
}
