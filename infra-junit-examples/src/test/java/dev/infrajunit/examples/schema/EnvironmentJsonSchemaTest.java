package dev.infrajunit.examples.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import dev.infrajunit.environment.EnvironmentJsonSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The JSON Schema editors use for environment files: generated from the loader's own rules with every
 * plug-in of this repository on the class path (here, the AWS one too), kept in the repository, and
 * agreeing with the loader on the files of this repository and on mistakes.
 */
class EnvironmentJsonSchemaTest {

    private static final Path ROOT = Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).getParent();
    private static final Path KEPT = ROOT.resolve(EnvironmentJsonSchema.FILE);

    /** Set {@code -Dinfra.schema.write=true} to write the schema after changing the loader's rules. */
    @Test
    void theSchemaInTheRepositoryIsTheOneTheLoadersRulesGenerate() throws IOException {
        String generated = generated();
        if (Boolean.getBoolean("infra.schema.write")) {
            Files.writeString(KEPT, generated);
        }
        assertThat(KEPT).as("the schema kept in the repository; after changing the loader's rules, regenerate it with"
                + " -Dinfra.schema.write=true").hasContent(generated);
    }

    @Test
    void everyEnvironmentFileOfTheRepositoryAndOfTheReadmeIsValid() throws IOException {
        List<String> files = new ArrayList<>();
        for (String path : List.of("infra-junit-engine/src/test/resources/infra/fleet.yaml",
                "infra-junit-engine/src/it/surefire-report/src/test/resources/infra/staging.yaml",
                "infra-junit-examples/src/it/readme-tour/src/test/resources/infra/staging.yaml")) {
            files.add(Files.readString(ROOT.resolve(path)));
        }
        Matcher snippet = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL).matcher(Files.readString(ROOT.resolve("README.md")));
        while (snippet.find()) {
            files.add(snippet.group(1));
        }
        assertThat(files).hasSizeGreaterThan(5);
        for (String file : files) {
            assertThat(errors(file)).as("errors in\n%s", file).isEmpty();
        }
    }

    @Test
    void mistakesTheLoaderRefusesAreMarkedToo() {
        assertThat(errors("hosts:\n  db-1: { adress: 10.0.1.11 }\n"))
                .anySatisfy(error -> assertThat(error).contains("/hosts/db-1: property 'adress' is not defined"));
        assertThat(errors("ssh:\n  hostKeyChecking: lenient\n")).isNotEmpty();
        assertThat(errors("ssh:\n  port: 70000\n")).isNotEmpty();
        assertThat(errors("roles:\n  database:\n    backup: { files: /b/*.dump, maxAge: 24h, minsize: 1MB }\n")).isNotEmpty();
        assertThat(errors("roles:\n  database:\n    backup: { s3: \"s3://b/\", maxAge: 24h, prefx: x }\n")).isNotEmpty();
        assertThat(errors("hostSources:\n  - ec2: { tags: {} }\n")).isNotEmpty();
        assertThat(errors("hostSources:\n  - sshConfig: ~/.ssh/config\n    mach: web-*\n")).isNotEmpty();
        assertThat(errors("ssh:\n  passphraseEnv: not a name\n")).isNotEmpty();
        // a key the loader knows only to refuse, with the reason
        assertThat(errors("roles:\n  database:\n    backup: { job: { cron: pg-backup }, maxAge: 25h }\n")).isNotEmpty();
        assertThat(errors("roles:\n  database:\n    backup: { job: { timer: pg-backup.timer }, maxAge: 25h }\n")).isEmpty();
    }

    @Test
    void valuesThatReferToTheEnvironmentAndInheritedValuesRemovedWithATildeAreValid() {
        assertThat(errors("""
                ssh: { port: "${env:SSH_PORT}", useSshConfig: "${sys:useSshConfig}", knownHosts: ~ }
                hosts:
                  db-1:
                  db-2: { roles: [], sudo: ~ }
                """)).isEmpty();
    }

    private static String generated() {
        return EnvironmentJsonSchema.generate(EnvironmentJsonSchemaTest.class.getClassLoader());
    }

    private static List<String> errors(String yaml) {
        Schema schema = SchemaRegistry.withDefaultDialect(Dialects.getDraft202012()).getSchema(generated());
        return schema.validate(yaml, InputFormat.YAML).stream().map(Error::toString).toList();
    }
}
