package io.ecledger.ledger.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Parses the ecelerity configuration syntax into a {@link ConfigTree} that keeps comments and blank lines.
 *
 * <p>Syntax: {@code Name [=] value}; {@code Name { … }}; {@code Name "instance" { … }} (the brace may open on the
 * next line, as in Momentum's {@code ec_logger} sample); values bare or double-quoted (escapes {@code \"},
 * {@code \\}, {@code \n}, {@code \t}), lists {@code ( a "b" )}, hashes {@code [ key = value ]}; {@code #} to the
 * end of the line is a comment; {@code include "file"} and {@code readonly_include "file"} read another file,
 * relative to the including one. Errors name {@code file:line:column}.
 *
 * <p>Includes stay inside the base file's directory (a symlink out of it counts as outside), name regular files
 * (no device, no named pipe) of at most {@link #MAX_FILE_BYTES}; text parsed without a directory may not include at
 * all. A refused include is named with the rule it breaks, and nothing of a refused file is read.
 */
public final class ConfigParser {

    private enum Kind { WORD, STRING, LBRACE, RBRACE, EQUALS, LPAREN, RPAREN, LBRACKET, RBRACKET, COMMA, COMMENT, NEWLINE, EOF }

    private record Token(Kind kind, String text, int line, int column) {
        String shown() {
            return switch (kind) {
                case EOF -> "end of file";
                case NEWLINE -> "end of line";
                case STRING -> "\"" + text + "\"";
                default -> "'" + text + "'";
            };
        }
    }

    /** The largest configuration file, base or included, the parser reads: a device or a huge file is refused. */
    public static final long MAX_FILE_BYTES = 1L << 20;

    private final String source;
    private final Path directory;
    // where includes must stay, the base file's directory with symlinks resolved; null: no includes at all
    private final Path root;
    private final Set<Path> including;
    private final List<Token> tokens;
    private int next;

    private ConfigParser(String source, String text, Path directory, Path root, Set<Path> including) {
        this.source = source;
        this.directory = directory;
        this.root = root;
        this.including = including;
        this.tokens = tokenize(source, text);
    }

    /** Parses a file and every file it includes, which must stay inside the file's directory. */
    public static ConfigTree parse(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        String source = file.toString();
        Path root;
        try {
            root = absolute.getParent().toRealPath();
        } catch (IOException e) {
            throw new ConfigSyntaxException(source, 1, 1, "cannot read the file's directory: " + e.getMessage());
        }
        String text = read(absolute, source, reason -> new ConfigSyntaxException(source, 1, 1, reason));
        return parseText(text, source, absolute, root, new HashSet<>());
    }

    /**
     * Parses {@code text} named {@code source} in messages; includes resolve against {@code directory} and stay
     * inside it. With no directory an include is refused.
     */
    public static ConfigTree parse(String text, String source, Path directory) {
        Path root = null;
        if (directory != null) {
            try {
                root = directory.toAbsolutePath().normalize().toRealPath();
            } catch (IOException e) {
                throw new ConfigSyntaxException(source, 1, 1, "cannot read the directory " + directory + ": "
                        + e.getMessage());
            }
        }
        return new ConfigTree(new ConfigParser(source, text, root, root, new HashSet<>()).items(true));
    }

    private static ConfigTree parseText(String text, String source, Path absolute, Path root, Set<Path> including) {
        including.add(absolute);
        try {
            return new ConfigTree(new ConfigParser(source, text, absolute.getParent(), root, including).items(true));
        } finally {
            including.remove(absolute);
        }
    }

    /** The text of a regular file of at most {@link #MAX_FILE_BYTES}; {@code refuse} makes the error. */
    private static String read(Path file, String source, Function<String, ConfigSyntaxException> refuse) {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (IOException e) {
            throw refuse.apply("cannot read the file: " + e.getMessage());
        }
        // checked before opening: opening a named pipe blocks, reading /dev/zero never ends
        if (!attributes.isRegularFile()) {
            throw refuse.apply("'" + source + "' is not a regular file (a configuration file cannot be a device, "
                    + "a named pipe or a directory)");
        }
        if (attributes.size() > MAX_FILE_BYTES) {
            throw refuse.apply("'" + source + "' is larger than " + MAX_FILE_BYTES + " bytes");
        }
        try (InputStream in = Files.newInputStream(file)) {
            // bounded even if the file grows between the check and the read
            byte[] bytes = in.readNBytes((int) MAX_FILE_BYTES + 1);
            if (bytes.length > MAX_FILE_BYTES) {
                throw refuse.apply("'" + source + "' is larger than " + MAX_FILE_BYTES + " bytes");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw refuse.apply("cannot read the file: " + e.getMessage());
        }
    }

    // ---- tokens ---------------------------------------------------------------------------------------------

    private static boolean isBare(char c) {
        return !Character.isWhitespace(c) && "{}()[]=,\"#".indexOf(c) < 0;
    }

    private static List<Token> tokenize(String source, String text) {
        List<Token> out = new ArrayList<>();
        int line = 1;
        int lineStart = 0;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            int column = i - lineStart + 1;
            if (c == '\n') {
                out.add(new Token(Kind.NEWLINE, "\n", line, column));
                line++;
                lineStart = ++i;
            } else if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '#') {
                int end = text.indexOf('\n', i);
                end = end < 0 ? text.length() : end;
                out.add(new Token(Kind.COMMENT, text.substring(i, end).stripTrailing(), line, column));
                i = end;
            } else if (c == '"') {
                StringBuilder value = new StringBuilder();
                int j = i + 1;
                while (true) {
                    if (j >= text.length() || text.charAt(j) == '\n') {
                        throw new ConfigSyntaxException(source, line, column, "unterminated quoted string");
                    }
                    char d = text.charAt(j);
                    if (d == '"') {
                        break;
                    }
                    if (d == '\\' && j + 1 < text.length()) {
                        char e = text.charAt(j + 1);
                        switch (e) {
                            case '"', '\\' -> value.append(e);
                            case 'n' -> value.append('\n');
                            case 't' -> value.append('\t');
                            // an unknown escape keeps its backslash, so regexes such as "\d+" survive
                            default -> value.append('\\').append(e);
                        }
                        j += 2;
                    } else {
                        value.append(d);
                        j++;
                    }
                }
                out.add(new Token(Kind.STRING, value.toString(), line, column));
                i = j + 1;
            } else if (isBare(c)) {
                int j = i;
                while (j < text.length() && isBare(text.charAt(j))) {
                    j++;
                }
                out.add(new Token(Kind.WORD, text.substring(i, j), line, column));
                i = j;
            } else {
                Kind kind = switch (c) {
                    case '{' -> Kind.LBRACE;
                    case '}' -> Kind.RBRACE;
                    case '(' -> Kind.LPAREN;
                    case ')' -> Kind.RPAREN;
                    case '[' -> Kind.LBRACKET;
                    case ']' -> Kind.RBRACKET;
                    case '=' -> Kind.EQUALS;
                    case ',' -> Kind.COMMA;
                    default -> throw new AssertionError("unhandled character " + c);
                };
                out.add(new Token(kind, String.valueOf(c), line, column));
                i++;
            }
        }
        out.add(new Token(Kind.EOF, "", line, i - lineStart + 1));
        return out;
    }

    // ---- items ----------------------------------------------------------------------------------------------

    private Token peek() {
        return tokens.get(next);
    }

    private Token peek(int ahead) {
        return tokens.get(Math.min(next + ahead, tokens.size() - 1));
    }

    private Token take() {
        Token token = tokens.get(next);
        if (token.kind() != Kind.EOF) {
            next++;
        }
        return token;
    }

    private ConfigSyntaxException error(Token at, String reason) {
        return new ConfigSyntaxException(source, at.line(), at.column(), reason);
    }

    /** Items up to the end of the file ({@code topLevel}) or up to the closing brace, which is consumed. */
    private List<ConfigItem> items(boolean topLevel) {
        List<ConfigItem> items = new ArrayList<>();
        // a newline right after another newline (or at the start) is an empty line
        boolean lineStart = topLevel;
        while (true) {
            Token token = peek();
            switch (token.kind()) {
                case EOF -> {
                    if (!topLevel) {
                        throw error(token, "missing '}' before the end of the file");
                    }
                    return items;
                }
                case RBRACE -> {
                    if (topLevel) {
                        throw error(token, "'}' without a matching '{'");
                    }
                    take();
                    return items;
                }
                case NEWLINE -> {
                    take();
                    if (lineStart) {
                        items.add(new ConfigItem.Blank());
                    }
                    lineStart = true;
                }
                case COMMENT -> {
                    items.add(new ConfigItem.Comment(take().text()));
                    lineStart = false;
                }
                case WORD -> {
                    items.add(item());
                    lineStart = false;
                }
                default -> throw error(token, "expected an option or a scope name, found " + token.shown());
            }
        }
    }

    private ConfigItem item() {
        Token name = take();
        if (name.text().equalsIgnoreCase("include") || name.text().equalsIgnoreCase("readonly_include")) {
            return include(name);
        }
        Token after = peek();
        if (after.kind() == Kind.LBRACE) {
            take();
            return new ConfigItem.Scope(name.text(), Optional.empty(), items(false));
        }
        if ((after.kind() == Kind.WORD || after.kind() == Kind.STRING) && braceFollows(1)) {
            take();
            skipNewlines();
            take();
            return new ConfigItem.Scope(name.text(), Optional.of(after.text()), items(false));
        }
        if (after.kind() == Kind.EQUALS) {
            take();
        }
        ConfigValue value = value(name);
        Optional<String> comment = Optional.empty();
        if (peek().kind() == Kind.COMMENT) {
            comment = Optional.of(take().text());
        }
        Token end = peek();
        if (end.kind() != Kind.NEWLINE && end.kind() != Kind.EOF && end.kind() != Kind.RBRACE) {
            throw error(end, "unexpected " + end.shown() + " after the value of '" + name.text()
                    + "' (quote values with spaces)");
        }
        return new ConfigItem.Option(name.text(), value, comment);
    }

    // A named scope's brace may open on a later line; a line starting with '{' can mean nothing else.
    private boolean braceFollows(int ahead) {
        int i = ahead;
        while (peek(i).kind() == Kind.NEWLINE) {
            i++;
        }
        return peek(i).kind() == Kind.LBRACE;
    }

    private void skipNewlines() {
        while (peek().kind() == Kind.NEWLINE) {
            take();
        }
    }

    private ConfigValue value(Token name) {
        Token token = take();
        return switch (token.kind()) {
            case WORD, STRING -> new ConfigValue.Scalar(token.text());
            case LPAREN -> list(token);
            case LBRACKET -> hash(token);
            default -> throw error(token, "expected a value for '" + name.text() + "', found " + token.shown());
        };
    }

    private ConfigValue list(Token open) {
        List<String> items = new ArrayList<>();
        while (true) {
            Token token = take();
            switch (token.kind()) {
                case RPAREN -> {
                    return new ConfigValue.ListValue(items);
                }
                case WORD, STRING -> items.add(token.text());
                case COMMA, NEWLINE, COMMENT -> { }
                case EOF -> throw error(open, "list opened here is not closed with ')'");
                default -> throw error(token, "unexpected " + token.shown() + " in a list");
            }
        }
    }

    private ConfigValue hash(Token open) {
        List<ConfigValue.Entry> entries = new ArrayList<>();
        while (true) {
            Token token = take();
            switch (token.kind()) {
                case RBRACKET -> {
                    return new ConfigValue.HashValue(entries);
                }
                case COMMA, NEWLINE, COMMENT -> { }
                case WORD, STRING -> {
                    if (peek().kind() == Kind.EQUALS) {
                        take();
                    }
                    Token value = take();
                    if (value.kind() != Kind.WORD && value.kind() != Kind.STRING) {
                        throw error(value, "expected a value for hash key '" + token.text() + "', found " + value.shown());
                    }
                    entries.add(new ConfigValue.Entry(token.text(), value.text()));
                }
                case EOF -> throw error(open, "hash opened here is not closed with ']'");
                default -> throw error(token, "unexpected " + token.shown() + " in a hash");
            }
        }
    }

    private ConfigItem include(Token keyword) {
        Token path = take();
        if (path.kind() != Kind.WORD && path.kind() != Kind.STRING) {
            throw error(path, keyword.text() + " needs a file name, found " + path.shown());
        }
        String shown = ConfigNames.shown(path.text());
        if (root == null) {
            throw error(path, keyword.text() + " " + shown + " refused: an include is allowed only in a configuration "
                    + "file, never in a value or a change");
        }
        Path absolute = directory.resolve(path.text()).toAbsolutePath().normalize();
        if (!absolute.startsWith(root)) {
            throw error(path, keyword.text() + " " + shown + " refused: includes stay inside " + root);
        }
        if (including.contains(absolute)) {
            throw error(path, "'" + path.text() + "' includes itself");
        }
        if (!Files.exists(absolute, LinkOption.NOFOLLOW_LINKS)) {
            throw error(path, "cannot read included file " + shown + " (" + absolute + ")");
        }
        Path real;
        try {
            real = absolute.toRealPath();
        } catch (IOException e) {
            throw error(path, "cannot read included file " + shown + " (" + absolute + ")");
        }
        if (!real.startsWith(root)) {
            throw error(path, keyword.text() + " " + shown + " refused: it is a link to outside " + root
                    + ", and includes stay inside it");
        }
        String text = read(real, path.text(), reason -> error(path, keyword.text() + " " + shown + " refused: " + reason));
        ConfigTree included = parseText(text, path.text(), absolute, root, including);
        return new ConfigItem.Include(keyword.text(), path.text(), included.items());
    }
}
