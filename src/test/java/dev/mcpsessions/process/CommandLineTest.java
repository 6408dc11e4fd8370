package dev.mcpsessions.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class CommandLineTest {

    static Stream<Arguments> commands() {
        return Stream.of(
                Arguments.of("sleep 600", List.of("sleep", "600")),
                Arguments.of("  npx   -y\tserver\n", List.of("npx", "-y", "server")),
                Arguments.of("echo 'a b'", List.of("echo", "a b")),
                Arguments.of("echo 'a \"b\" \\n $HOME'", List.of("echo", "a \"b\" \\n $HOME")),
                Arguments.of("echo \"a b\"", List.of("echo", "a b")),
                Arguments.of("echo \"q\\\" bs\\\\ d\\$ bt\\`\"", List.of("echo", "q\" bs\\ d$ bt`")),
                Arguments.of("echo \"keep \\n and \\a\"", List.of("echo", "keep \\n and \\a")),
                Arguments.of("echo \"it's\"", List.of("echo", "it's")),
                Arguments.of("echo a\\ b", List.of("echo", "a b")),
                Arguments.of("echo \\'x\\'", List.of("echo", "'x'")),
                Arguments.of("echo \\\\", List.of("echo", "\\")),
                Arguments.of("a'b'\"c\"d", List.of("abcd")),
                Arguments.of("--opt='x y'z", List.of("--opt=x yz")),
                Arguments.of("echo '' end", List.of("echo", "", "end")),
                Arguments.of("echo \"\"", List.of("echo", "")),
                Arguments.of("echo ''\"\"", List.of("echo", "")),
                Arguments.of("echo $HOME *.txt ~ a;b |c", List.of("echo", "$HOME", "*.txt", "~", "a;b", "|c")),
                Arguments.of("one \\\ntwo", List.of("one", "two")),
                Arguments.of("\"multi\\\nline\"", List.of("multiline")),
                Arguments.of("python3 -c 'print(\"hi\")'", List.of("python3", "-c", "print(\"hi\")")),
                Arguments.of("sh -c 'trap \"\" TERM; sleep 1'", List.of("sh", "-c", "trap \"\" TERM; sleep 1")),
                Arguments.of("ünïcode 'ß'", List.of("ünïcode", "ß")));
    }

    @ParameterizedTest
    @MethodSource("commands")
    void splitsLikeAPosixShell(String command, List<String> expected) {
        assertThat(CommandLine.split(command)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "\t\n"})
    void refusesAnEmptyCommand(String command) {
        assertThatIllegalArgumentException().isThrownBy(() -> CommandLine.split(command)).withMessage("empty command");
    }

    @ParameterizedTest
    @ValueSource(strings = {"echo 'abc", "echo \"abc", "echo \"abc\\\"", "'", "a 'b'c'"})
    void refusesAnUnterminatedQuote(String command) {
        assertThatIllegalArgumentException().isThrownBy(() -> CommandLine.split(command))
                .withMessageContaining("unterminated");
    }

    @ParameterizedTest
    @ValueSource(strings = {"echo \\", "echo a\\"})
    void refusesATrailingBackslash(String command) {
        assertThatIllegalArgumentException().isThrownBy(() -> CommandLine.split(command))
                .withMessageContaining("trailing backslash");
    }

    @org.junit.jupiter.api.Test
    void nullIsAnEmptyCommand() {
        assertThatIllegalArgumentException().isThrownBy(() -> CommandLine.split(null)).withMessage("empty command");
    }
}
