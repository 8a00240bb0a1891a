package io.ecledger.ledger.config;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Writes a {@link ConfigTree} in the ecelerity syntax {@link ConfigParser} reads: four spaces per scope level,
 * comments and blank lines where they were, numbers bare, every other string quoted.
 *
 * <p>Every option and scope header is read back before it is written: one that would not parse as exactly that one
 * entry (a name with a newline, say, appended before names had rules) is refused, so the text never holds lines
 * nobody set.
 */
public final class ConfigWriter {

    // numbers such as 0666 stay bare; every other string is quoted, as Momentum's own config show prints them
    private static final Pattern BARE = Pattern.compile("-?[0-9]+");
    private static final String INDENT = "    ";

    private ConfigWriter() {}

    /** The whole tree as file text, ending with a newline. */
    public static String write(ConfigTree tree) {
        StringBuilder out = new StringBuilder();
        write(tree.items(), 0, out, true);
        return out.toString();
    }

    /** The items as file text at {@code depth}; {@code withComments} false leaves out comments and blank lines. */
    public static String write(List<ConfigItem> items, int depth, boolean withComments) {
        StringBuilder out = new StringBuilder();
        write(items, depth, out, withComments);
        return out.toString();
    }

    private static void write(List<ConfigItem> items, int depth, StringBuilder out, boolean withComments) {
        String indent = INDENT.repeat(depth);
        for (ConfigItem item : items) {
            if (item instanceof ConfigItem.Option option) {
                String entry = option.name() + " = " + value(option.value());
                requireReadBack(entry, new ConfigItem.Option(option.name(), option.value(), Optional.empty()),
                        "option " + ConfigNames.shown(option.name()));
                out.append(indent).append(entry);
                if (withComments) {
                    option.comment().ifPresent(c -> out.append("  ").append(c));
                }
                out.append('\n');
            } else if (item instanceof ConfigItem.Scope scope) {
                String header = scope.name() + scope.instance().map(i -> " " + quote(i)).orElse("");
                requireReadBack(header + " {\n}", new ConfigItem.Scope(scope.name(), scope.instance(), List.of()),
                        "scope " + ConfigNames.shown(scope.name()));
                out.append(indent).append(header).append(" {\n");
                write(scope.items(), depth + 1, out, withComments);
                out.append(indent).append("}\n");
            } else if (item instanceof ConfigItem.Comment comment) {
                if (withComments) {
                    out.append(indent).append(comment.text()).append('\n');
                }
            } else if (item instanceof ConfigItem.Blank) {
                if (withComments) {
                    out.append('\n');
                }
            } else if (item instanceof ConfigItem.Include include) {
                out.append(indent).append(include.keyword()).append(' ').append(quote(include.path())).append('\n');
            } else {
                throw new AssertionError("unwritten item " + item);
            }
        }
    }

    private static void requireReadBack(String text, ConfigItem expected, String what) {
        List<ConfigItem> back;
        try {
            // no directory: an include in what is written back is refused, never read
            back = ConfigParser.parse(text, "writeback", null).items();
        } catch (ConfigSyntaxException e) {
            back = List.of();
        }
        if (!back.equals(List.of(expected))) {
            throw new ConfigRefusedException("unwritable", what + " would not read back as that one entry, so it is "
                    + "not written: unset it, or correct it in the base file");
        }
    }

    /** A value in file syntax: {@code 0666}, {@code "/tmp/2025"}, {@code ( "a" "b" )}, {@code [ uri = "x" ]}. */
    public static String value(ConfigValue value) {
        if (value instanceof ConfigValue.Scalar scalar) {
            return scalar(scalar.value());
        }
        if (value instanceof ConfigValue.ListValue list) {
            return list.items().isEmpty() ? "( )"
                    : list.items().stream().map(ConfigWriter::scalar).collect(Collectors.joining(" ", "( ", " )"));
        }
        if (value instanceof ConfigValue.HashValue hash) {
            return hash.entries().isEmpty() ? "[ ]"
                    : hash.entries().stream().map(e -> scalar(e.key()) + " = " + scalar(e.value()))
                            .collect(Collectors.joining(", ", "[ ", " ]"));
        }
        throw new AssertionError("unwritten value " + value);
    }

    private static String scalar(String text) {
        return BARE.matcher(text).matches() ? text : quote(text);
    }

    /** {@code text} in double quotes, with {@code \"}, {@code \\}, {@code \n} and {@code \t} escaped. */
    public static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                default -> out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
