package dev.infrajunit.environment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretsTest {

    @Test
    void valuesOfVariablesNamedLikeSecretsAreMasked() {
        Map<String, String> environment = Map.of("DB_PASSWORD", "pa55word", "AWS_SESSION_TOKEN", "tok-123456",
                "HOME", "/home/infra", "SHORT_SECRET", "abc");

        assertThat(Secrets.mask("login pa55word tok-123456 /home/infra abc", environment))
                .isEqualTo("login *** *** /home/infra abc");
    }

    @Test
    void rememberedValuesAreMasked() {
        Secrets.remember("from-an-env-reference");

        assertThat(Secrets.mask("x=from-an-env-reference", Map.of())).isEqualTo("x=***");
    }
}
