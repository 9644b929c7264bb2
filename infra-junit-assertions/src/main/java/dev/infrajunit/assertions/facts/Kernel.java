package dev.infrajunit.assertions.facts;

import dev.infrajunit.Command;
import dev.infrajunit.CommandResult;
import dev.infrajunit.Host;

/**
 * The running kernel from {@code uname}, read once per run.
 *
 * @param name         {@code Linux}
 * @param release      {@code 6.1.0-18-amd64}
 * @param architecture {@code x86_64}
 */
public record Kernel(String name, String release, String architecture) {

    public static final String FACT = "infra-junit.kernel";
    public static final String SOURCE = "uname -srm";

    public static Kernel of(Host host) {
        return host.fact(FACT, () -> {
            CommandResult result = HostTools.run(host, Command.of("uname -srm"), "uname", "the kernel");
            if (!result.succeeded()) {
                throw HostTools.failed(host, "the kernel", result);
            }
            return parse(result.stdout());
        });
    }

    public static Kernel parse(String unameSrm) {
        String[] f = Columns.of(unameSrm.strip());
        return new Kernel(f[0], f.length > 1 ? f[1] : "", f.length > 2 ? f[f.length - 1] : "");
    }
}
