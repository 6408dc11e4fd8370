package dev.mcpsessions.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class ProblemCodeTest {

    @Test
    void everyCodeIsDocumentedWithItsSeverityAndFix() throws Exception {
        String docs = Files.readString(Path.of("docs/proxmox.md"));

        for (ProblemCode code : ProblemCode.values()) {
            String severity = code.severity().name().toLowerCase(java.util.Locale.ROOT);
            assertThat(docs).as(code.id()).containsPattern("\\| `" + code.id() + "` +\\| " + severity);
        }
    }

    @Test
    void idsAreKebabCase() {
        assertThat(ProblemCode.ENV_VAR_HOLDS_SECRET.id()).isEqualTo("env-var-holds-secret");
    }
}
