package io.hookline.schema;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import io.hookline.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/payloads.md is generated from the payload schemas: this fails when the committed page is
 * not what the schemas give today. Regenerate it with
 * {@code ./mvnw test -Dtest=PayloadReferenceTest -Dhookline.regenerate-docs=true}.
 */
class PayloadReferenceTest extends IntegrationTest {

    private static final Path PAGE = Path.of("docs/payloads.md");

    @Autowired
    PayloadSchemas schemas;

    @Test
    void the_committed_payload_reference_is_the_one_the_schemas_generate() throws Exception {
        String generated = PayloadReference.markdown(schemas);
        if (Boolean.getBoolean("hookline.regenerate-docs")) {
            Files.writeString(PAGE, generated, StandardCharsets.UTF_8);
        }
        assertThat(PAGE).exists();
        assertThat(Files.readString(PAGE, StandardCharsets.UTF_8))
                .as("docs/payloads.md is stale: ./mvnw test -Dtest=PayloadReferenceTest -Dhookline.regenerate-docs=true")
                .isEqualTo(generated);
    }
}
