package dev.interlock.policy.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.interlock.action.FileAccess;
import dev.interlock.policy.Span;
import dev.interlock.policy.file.FileSubject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ShellAnalyzerTest {

    @Test
    void findsEverySimpleCommandInEveryConstruct() {
        Analysis a = Analysis.of("""
                a1 && a2 || a3; a4 &
                b1 | b2 |& b3
                (c1; c2)
                { d1; }
                x=$(e1 `e2`)
                diff <(f1) >(f2)
                if g1; then g2; elif g3; then g4; else g5; fi
                for i in 1 2; do h1; done
                while h2; do h3; done
                until h4; do h5; done
                case $x in a) i1;; *) i2;; esac
                fn() { j1; }
                function fn2 { j2; }
                ! k1
                [[ -n $(k2) ]]
                """);
        assertEquals(List.of("a1", "a2", "a3", "a4", "b1", "b2", "b3", "c1", "c2", "d1", "diff", "e1", "e2", "f1", "f2",
                "g1", "g2", "g3", "g4", "g5", "h1", "h2", "h3", "h4", "h5", "i1", "i2", "j1", "j2", "k1", "k2"),
                a.programs().stream().sorted().toList());
    }

    @ParameterizedTest
    @ValueSource(strings = {"rm -rf x", "/usr/bin/rm -rf x", "\\rm -rf x", "r''m -rf x", "\"rm\" -rf x",
        "'r'\"m\" -rf x", "$'\\x72m' -rf x", "/bin/rm -rf x", "RM.EXE -rf x"})
    void programNamesAreNormalised(String script) {
        Analysis a = Analysis.of(script);
        String expected = script.startsWith("RM") ? "RM" : "rm";
        assertEquals(List.of(expected), a.programs());
        assertEquals(List.of("-rf", "x"), a.args(expected));
        assertTrue(a.constructs().isEmpty(), a.describe());
    }

    @Test
    void quotesAndEscapesAreRemovedFromArguments() {
        Analysis a = Analysis.of("rm -rf 'a b' \"c $HOME\" d\\ e \"f\\\"g\"");
        CommandSubject rm = a.last("rm");
        assertEquals(List.of("-rf", "a b", "c $HOME", "d e", "f\"g"), a.args("rm"));
        assertFalse(rm.args().get(2).literal(), "unresolved $HOME stays non-literal");
        assertTrue(rm.args().get(1).literal());
    }

    @Test
    void offsetsAreCharOffsetsInTheOriginalScript() {
        String script = "echo 'héllo wörld' && rm -rf \"/tmp/é x\"";
        Analysis a = Analysis.of(script);
        CommandSubject rm = a.last("rm");
        assertEquals("rm -rf \"/tmp/é x", rm.span().text());
        Word target = rm.args().get(1);
        assertEquals("/tmp/é x", script.substring(target.start(), target.end()));
        assertTrue(target.verbatim());
        Span echo = a.last("echo").span();
        assertEquals(0, echo.start());
    }

    @Test
    void offsetsInsideAVerbatimNestedStringMapExactly() {
        String script = "sudo bash -c 'cd /tmp && rm -rf ./ö' ; ssh h \"ls\"";
        Analysis a = Analysis.of(script);
        CommandSubject rm = a.last("rm");
        assertEquals("rm -rf ./ö", rm.span().text());
        assertEquals(List.of("sudo", "bash -c"), rm.via());
        assertEquals("/tmp", rm.cwd());
        CommandSubject ls = a.last("ls");
        assertEquals("ls", ls.span().text());
    }

    @Test
    void offsetsInsideANonVerbatimStringUseTheEnclosingWord() {
        String script = "bash -c \"rm -rf \\\"$X\\\"\"";
        Analysis a = Analysis.of(script);
        CommandSubject rm = a.last("rm");
        assertEquals("\"rm -rf \\\"$X\\\"\"", rm.span().text());
        assertFalse(rm.programWord().verbatim());
    }

    @Test
    void cdChangesTheWorkingDirectoryOfLaterCommandsInTheSameShell() {
        Analysis a = Analysis.of("cd /srv/app && rm -rf a; (cd sub; rm b); rm c; cd ..; rm d; cd \"$X\"; rm e");
        List<CommandSubject> rms = a.commands().stream().filter(c -> c.program().equals("rm")).toList();
        assertEquals("/srv/app", rms.get(0).cwd());
        assertEquals("/srv/app/sub", rms.get(1).cwd());
        assertEquals("/srv/app", rms.get(2).cwd(), "a subshell's cd does not leak");
        assertEquals("/srv", rms.get(3).cwd());
        assertNull(rms.get(4).cwd(), "cd to a variable makes the cwd unknown");
    }

    @Test
    void variablesAssignedLiteralsAreResolved() {
        Analysis a = Analysis.of("D=/var/lib; CMD=rm; $CMD -rf \"$D/x\" ${D}; unset D; rm $D");
        List<CommandSubject> rms = a.commands().stream().filter(c -> c.program().equals("rm")).toList();
        assertEquals(List.of("-rf", "/var/lib/x", "/var/lib"), rms.get(0).args().stream().map(Word::text).toList());
        assertTrue(rms.get(0).args().get(1).literal());
        assertFalse(rms.get(1).args().get(0).literal());
        assertTrue(a.constructs().isEmpty(), a.describe());
    }

    @ParameterizedTest
    @CsvSource(delimiterString = "=>", quoteCharacter = '`', textBlock = """
            rm -rf /$A/y/$B/z => /$A/y/$B/z
            rm -rf /$A/$B => /$A/$B
            rm -rf $A$B/x => $A$B/x
            rm -rf ${A}/y/${B}/z => ${A}/y/${B}/z
            rm -rf /$A/y/$(date)/z => /$A/y/$(date)/z
            rm -rf /data/$A-$B.bak => /data/$A-$B.bak
            A=/srv; rm -rf $A/y/$B/z => /srv/y/$B/z
            A=/srv; B=old; rm -rf $A/y/$B/z => /srv/y/old/z
            rm -rf "$A"/y/$B/z => $A/y/$B/z
            """)
    void anUnquotedWordWithSeveralExpansionsStaysOneWord(String script, String word) {
        Analysis a = Analysis.of(script);
        assertEquals(List.of("-rf", word), a.args("rm"), a.describe());
        CommandSubject rm = a.last("rm");
        Word w = rm.args().get(1);
        assertEquals(script.endsWith("old; rm -rf $A/y/$B/z"), w.literal(), "literal only when every part is known");
        assertEquals(script.substring(script.indexOf("-rf ") + 4), script.substring(w.start(), w.end()));
    }

    @Test
    void anAssignmentWhoseValueHasSeveralExpansionsDoesNotHideTheCommand() {
        Analysis a = Analysis.of("X=/$A/y/$B/z Y=2 rm -rf /");
        assertEquals(List.of("rm"), a.programs(), a.describe());
        assertEquals(List.of("-rf", "/"), a.args("rm"));
        assertEquals(Map.of("X", "/$A/y/$B/z", "Y", "2"), a.last("rm").assignments());

        Analysis b = Analysis.of("A=/srv; B=old; X=$A/y/$B/z; rm -rf $X");
        assertEquals(List.of("rm"), b.programs(), b.describe());
        assertEquals(List.of("-rf", "/srv/y/old/z"), b.args("rm"));
        assertTrue(b.last("rm").args().get(1).literal());

        Analysis c = Analysis.of("$A/y/$B/rm -rf x");
        assertEquals(List.of("dynamic-command"), c.kinds(), c.describe());

        Analysis d = Analysis.of("D=/etc; F=cron; echo x > $D/$F.d/job");
        assertEquals(List.of("/etc/cron.d/job"), d.files().stream().map(FileSubject::path).toList(), d.describe());
    }

    @Test
    void heredocAndHereStringBecomeStdin() {
        Analysis a = Analysis.of("psql <<'SQL'\nDROP TABLE users;\nSQL\nmysql -e x <<< \"drop database d\"");
        assertEquals("DROP TABLE users;\n", a.last("psql").stdin().text());
        assertTrue(a.last("psql").stdin().literal());
        assertEquals("drop database d", a.last("mysql").stdin().text());
    }

    @ParameterizedTest
    @CsvSource(delimiterString = "=>", quoteCharacter = '`', textBlock = """
            psql <<EOF\\n\\dt\\nDROP TABLE x;\\nEOF => psql => \\dt\\nDROP TABLE x;\\n
            psql <<EOF\\n\\dt\\nEOF => psql => \\dt\\n
            psql <<'EOF'\\n\\c prod\\nDROP TABLE x;\\nEOF => psql => \\c prod\\nDROP TABLE x;\\n
            psql <<EOF | tee log\\n\\c prod\\nDROP TABLE x;\\nEOF => psql => \\c prod\\nDROP TABLE x;\\n
            psql <<-EOF\\n\\c prod\\nEOF\\nmysql <<X\\n\\. dump.sql\\nX => mysql => \\. dump.sql\\n
            """)
    void aHeredocWhoseFirstLineStartsWithABackslashKeepsIt(String script, String program, String stdin) {
        Analysis a = Analysis.of(script.replace("\\n", "\n"));
        assertEquals(stdin.replace("\\n", "\n"), a.last(program).stdin().text(), a.describe());
        assertTrue(a.constructs().isEmpty(), a.describe());
        assertEquals(List.of(), a.last(program).args().stream().map(Word::text).filter(t -> t.contains("\n")).toList());
    }

    @Test
    void aShellReadingAHeredocWhoseFirstLineStartsWithABackslashRunsIt() {
        Analysis a = Analysis.of("sh <<EOF\n\\rm -rf ~\nEOF");
        assertEquals(List.of("-rf", "~"), a.args("rm"), a.describe());
        Analysis b = Analysis.of("bash <<'X' | tee log\n\\rm -rf /srv\nX");
        assertEquals(List.of("-rf", "/srv"), b.args("rm"), b.describe());
    }

    @Test
    void heredocWithExpansionsIsNotLiteralAndItsSubstitutionsRun() {
        Analysis a = Analysis.of("cat <<EOF > out\n$(rm -rf x) $HOME\nEOF");
        assertFalse(a.last("cat").stdin().literal());
        assertEquals(List.of("-rf", "x"), a.args("rm"));
    }

    @Test
    void scriptsFedToAShellOnStdinAreParsed() {
        Analysis a = Analysis.of("cat <<'EOF' | sudo bash\nrm -rf /opt/x\nEOF\necho 'git push -f' | sh; sh <<< 'ls -la'");
        assertEquals(List.of("-rf", "/opt/x"), a.args("rm"));
        assertEquals(List.of("push", "-f"), a.args("git"));
        assertEquals(List.of("-la"), a.args("ls"));
        assertTrue(a.commands().stream().filter(c -> c.program().equals("sh")).findFirst().orElseThrow()
                .pipedInput());
    }

    @Test
    void outputRedirectionsAreFileWrites() {
        Analysis a = Analysis.of("echo x > /etc/hosts; echo y >> notes.txt; ls > /dev/null 2>&1; cd /tmp && echo > f");
        assertEquals(3, a.files().size(), a.describe());
        assertEquals("/etc/hosts", a.files().get(0).resolved());
        assertEquals(FileAccess.Mode.WRITE, a.files().get(0).mode());
        assertEquals(Analysis.CWD + "/notes.txt", a.files().get(1).resolved());
        assertEquals(FileAccess.Mode.EDIT, a.files().get(1).mode());
        assertEquals("/tmp/f", a.files().get(2).resolved());
        assertEquals("/etc/hosts", a.files().get(0).origin().all().text());
    }

    @Test
    void parseErrorsAreReportedAndTheRestIsStillAnalysed() {
        Analysis a = Analysis.of("rm -rf x; echo \"unterminated");
        assertEquals(List.of(ConstructSubject.PARSE_ERROR), a.kinds());
        assertTrue(a.programs().contains("rm"));
        assertEquals(List.of(ConstructSubject.PARSE_ERROR), Analysis.of("bash -c 'echo $('").kinds());
    }

    @Test
    void explainNotesTellHowTheCommandWasUnwrapped() {
        Analysis a = Analysis.of("sudo bash -c 'rm -rf x'");
        assertTrue(a.notes.contains("unwrapped sudo → bash"), a.notes.toString());
        assertTrue(a.notes.contains("parsed the bash -c text as a script"), a.notes.toString());
    }
}
