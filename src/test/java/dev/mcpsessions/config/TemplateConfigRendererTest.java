package dev.mcpsessions.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

class TemplateConfigRendererTest {

    private final TemplateConfigRenderer renderer = new TemplateConfigRenderer();

    @Test
    void fillsEveryPlaceholderAndKeepsEscapedOnes() {
        String out = renderer.render("key=${API_KEY}\nurl=${BASE_URL}/v1 ${API_KEY}\nraw=$${HOME} $HOME",
                Map.of("API_KEY", "k-123", "BASE_URL", "https://x"), "server.conf");

        assertThat(out).isEqualTo("key=k-123\nurl=https://x/v1 k-123\nraw=${HOME} $HOME");
    }

    @Test
    void reportsEveryUnsetVariableOnceWithItsPosition() {
        var problems = renderer.check("a=${ONE}\nb=${TWO} ${ONE}\nc=${THREE}", Map.of("THREE", "3"), "t.conf");

        assertThat(problems).extracting(Problem::code, Problem::path).containsExactly(
                org.assertj.core.groups.Tuple.tuple("env-var-unset", "t.conf:1:3"),
                org.assertj.core.groups.Tuple.tuple("env-var-unset", "t.conf:2:3"));
        assertThat(problems).allSatisfy(p -> assertThat(p.severity()).isEqualTo(Severity.ERROR));
    }

    @Test
    void brokenPlaceholdersAreProblems() {
        var problems = renderer.check("a=${1BAD}\nb=${OPEN", Map.of(), "t.conf");

        assertThat(problems).extracting(Problem::code).containsExactly("placeholder-invalid", "placeholder-invalid");
    }

    @Test
    void renderRefusesWithTheWholeReport() {
        assertThatThrownBy(() -> renderer.render("${A} ${B}", Map.of(), "t.conf"))
                .isInstanceOfSatisfying(InvalidConfigException.class, e ->
                        assertThat(e.report().codes()).containsExactly("env-var-unset", "env-var-unset"));
    }

    @Test
    void emptyValueIsOnlyAWarning() {
        assertThat(renderer.check("x=${EMPTY}", Map.of("EMPTY", ""), "t.conf"))
                .extracting(Problem::code, Problem::severity)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("env-var-empty", Severity.WARNING));
    }

    @Test
    void valuesInAJsonTemplateAreEscaped() {
        String out = renderer.render("{\"password\": \"${PW}\"}", Map.of("PW", "a\"b\\c\nd"), "server.json");

        assertThat(TemplateJson.MAPPER.readTree(out).get("password").stringValue()).isEqualTo("a\"b\\c\nd");
    }
}
