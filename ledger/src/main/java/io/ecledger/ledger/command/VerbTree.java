package io.ecledger.ledger.command;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The verb words of every {@link CommandSpec} as a tree: matched word by word, with the refusals of a wrong word. */
final class VerbTree {

    private final Node root = new Node(null, null);

    VerbTree(List<CommandSpec> specs) {
        for (CommandSpec spec : specs) {
            Node node = root;
            for (String word : spec.words()) {
                if (node.spec != null) {
                    throw new IllegalArgumentException("verb '" + spec.verb() + "' extends the complete verb '"
                            + node.spec.verb() + "'");
                }
                node = node.child(word);
            }
            if (node.spec != null || !node.children.isEmpty()) {
                throw new IllegalArgumentException("verb '" + spec.verb() + "' is declared twice or is a prefix of another");
            }
            node.spec = spec;
        }
    }

    /** Reads verb words at the cursor until they name a spec, or throws naming what was expected. */
    CommandSpec match(Words in, String line) {
        List<Word> typed = new ArrayList<>();
        Node node = root;
        while (node.spec == null) {
            Word word = in.nextWord();
            Node next = word == null ? null : node.children.get(Words.lower(word.text()));
            if (next == null) {
                throw node == root ? unknownCommand(line, word, in.end()) : expectedMore(node, typed, word, in.end());
            }
            typed.add(word);
            node = next;
        }
        return node.spec;
    }

    /**
     * How many of {@code words} (any case) are the verb words of a spec, or -1 when they do not start with a
     * complete verb.
     */
    int verbLength(List<String> words) {
        Node node = root;
        for (int i = 0; i < words.size(); i++) {
            node = node.children.get(Words.lower(words.get(i)));
            if (node == null) {
                return -1;
            }
            if (node.spec != null) {
                return i + 1;
            }
        }
        return -1;
    }

    /** The verb words that can follow the complete {@code words} and start with {@code partial}; lower case in. */
    List<String> next(List<String> words, String partial) {
        Node node = root;
        for (String word : words) {
            node = node.spec == null ? node.children.get(word) : null;
            if (node == null) {
                return List.of();
            }
        }
        return node.children.keySet().stream().filter(word -> word.startsWith(partial)).toList();
    }

    private static CommandRejectedException unknownCommand(String line, Word first, int end) {
        if (first.text().equalsIgnoreCase("cluster")) {
            // Operators type node commands at the manager out of habit; point them at the form that works.
            String rest = line.substring(first.start(), end);
            String example = rest.length() == first.text().length() ? "cluster ..." : rest;
            return new CommandRejectedException(
                    "cluster commands run on nodes; use 'broadcast " + example + "'", first.start());
        }
        return new CommandRejectedException(
                "unknown command '" + first.text() + "'; type 'help' for the list", first.start());
    }

    // Report from the last place the operator had a choice, so "flush control x" says what "flush" needs.
    private static CommandRejectedException expectedMore(Node node, List<Word> typed, Word stoppedAt, int end) {
        Node from = node;
        while (from.depth() > 1 && from.parent.children.size() == 1) {
            from = from.parent;
        }
        List<String> choices = new ArrayList<>();
        for (Node child : from.children.values()) {
            StringBuilder chain = new StringBuilder(child.word);
            Node n = child;
            while (n.spec == null && n.children.size() == 1) {
                n = n.children.values().iterator().next();
                chain.append(' ').append(n.word);
            }
            choices.add(chain.toString());
        }
        String expected;
        if (choices.size() == 1) {
            expected = "'" + choices.get(0) + "'";
        } else if (choices.size() == 2) {
            expected = "'" + choices.get(0) + "' or '" + choices.get(1) + "'";
        } else {
            expected = "one of " + String.join(", ", choices);
        }
        int depth = from.depth();
        int position = depth < typed.size() ? typed.get(depth).start() : stoppedAt != null ? stoppedAt.start() : end;
        return new CommandRejectedException(from.verb() + ": expected " + expected, position);
    }

    /** A node of the tree: one verb word, and the spec it completes, if any. */
    private static final class Node {
        final String word;
        final Node parent;
        final Map<String, Node> children = new LinkedHashMap<>();
        CommandSpec spec;

        Node(String word, Node parent) {
            this.word = word;
            this.parent = parent;
        }

        Node child(String childWord) {
            return children.computeIfAbsent(childWord, w -> new Node(w, this));
        }

        int depth() {
            return parent == null ? 0 : parent.depth() + 1;
        }

        String verb() {
            return parent == null || parent.parent == null ? word : parent.verb() + " " + word;
        }
    }
}
