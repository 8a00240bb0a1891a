package io.ecledger.ledger.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GrammarSendTest {

    private static final Grammar GRAMMAR = Grammar.standard();
    private static final List<Target> TARGETS =
            List.of(new Target.Broadcast(), new Target.Subcluster("east"), new Target.Unicast("rh52bare"));

    // What REST sent before typed pieces: the line "VERB [NAME] TEXT", parsed.
    private static String typedLine(Target target, String text) {
        String name = target instanceof Target.Subcluster ? ((Target.Subcluster) target).name() + " "
                : target instanceof Target.Unicast ? ((Target.Unicast) target).node() + " " : "";
        String verb = target instanceof Target.Broadcast ? "broadcast"
                : target instanceof Target.Subcluster ? "subcluster broadcast" : "unicast";
        return verb + " " + name + text;
    }

    private static ParseResult sent(Target target, String text) {
        try {
            return new ParseResult.Parsed(GRAMMAR.send(target, text));
        } catch (CommandRejectedException e) {
            return new ParseResult.Rejected(e.getMessage(), e.position());
        }
    }

    @Test
    void aSendFromTypedPiecesIsAcceptedOrRefusedExactlyAsItsTypedLine() {
        List<String> texts = new ArrayList<>(List.of("version", "  cluster   membership  ", "show\tversion", "", "   ",
                "\t\u001c", "a\nb", "version\n", "a\u0000b", "x\u2028y", "\u2029", "--at 7 x", "\"quoted\" = x",
                "x".repeat(Grammar.MAX_LINE_LENGTH - 10), "x".repeat(Grammar.MAX_LINE_LENGTH - 9),
                " ".repeat(Grammar.MAX_LINE_LENGTH)));
        for (Target target : TARGETS) {
            for (String text : texts) {
                assertThat(sent(target, text)).as("%s %s", target, text)
                        .isEqualTo(GRAMMAR.parse(typedLine(target, text)));
            }
        }
    }

    @Test
    void aMissingCommandTextIsRefusedAsMissing() {
        assertThat(sent(new Target.Unicast("rh52bare"), null))
                .isEqualTo(new ParseResult.Rejected("unicast: missing command", 16));
    }

    @Test
    void anAcceptedSendKeepsTheTextTrimmedButOtherwiseAsTyped() {
        assertThat(GRAMMAR.send(new Target.Subcluster("west"), "  cluster  duravip announce view \n"))
                .isEqualTo(new Command.Send(new Target.Subcluster("west"), "cluster  duravip announce view"));
    }
}
