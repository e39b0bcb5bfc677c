package dev.interlock.ui.prompt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SafeTextTest {

    @Test
    void controlAnsiBidiAndZeroWidthBecomeVisible() {
        SafeText.Rendered r = SafeText.render("a\rb\u001b[31mred\u001b[0m \u202Egnp.exe \u200Bx\u0007");
        assertEquals("a⟨CR⟩b␛[31mred␛[0m ⟨RLO U+202E⟩gnp.exe ⟨ZWSP U+200B⟩x⟨BEL⟩", r.plain());
        assertTrue(r.findings().containsAll(List.of("carriage return", "terminal escape sequence",
                "bidirectional override", "invisible character", "control character")), r.findings().toString());
    }

    @Test
    void oscTitleSequenceIsSwallowedWhole() {
        assertEquals("␛]0;owned⟨U+0007⟩ls", SafeText.render("\u001b]0;owned\u0007ls").plain());
    }

    @Test
    void mixedScriptLookAlikesAreFlaggedButPlainForeignWordsAreNot() {
        SafeText.Rendered r = SafeText.render("curl https://gіthub.com");   // Cyrillic і (U+0456)
        assertEquals("curl https://gі⟨U+0456⟩thub.com", r.plain());
        assertTrue(r.findings().contains("look-alike letters (Cyrillic)"));
        assertEquals("echo привет", SafeText.render("echo привет").plain());
        assertEquals("ｒｍ⟨U+FF52⟩".length() > 0, true);
        assertTrue(SafeText.render("ｒｍ -rf").plain().contains("⟨U+FF52⟩"));
    }

    @Test
    void spanPiecesAreMarkedAcrossEscapes() {
        String s = "echo x; rm\u200B -rf /";
        SafeText.Rendered r = SafeText.render(s, 8, s.length());
        StringBuilder inSpan = new StringBuilder();
        r.pieces().stream().filter(SafeText.Piece::inSpan).forEach(p -> inSpan.append(p.display()));
        assertEquals("rm⟨ZWSP U+200B⟩ -rf /", inSpan.toString());
    }

    @Test
    void oneLineShowsBreaks() {
        assertEquals("a↵ b⇥ c", SafeText.oneLine("a\nb\tc"));
    }
}
