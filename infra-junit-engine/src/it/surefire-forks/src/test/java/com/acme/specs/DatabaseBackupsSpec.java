package com.acme.specs;

import dev.infrajunit.Check;
import dev.infrajunit.Command;
import dev.infrajunit.ForEachHost;
import dev.infrajunit.Host;
import dev.infrajunit.InfraTest;
import org.junit.jupiter.api.Tag;

@InfraTest
@Tag("backup")
class DatabaseBackupsSpec {

    @Check
    @ForEachHost("role:database")
    void everyDatabaseIsBackedUp(Host host) {
        long age = ((Number) host.property("properties.backupAgeHours").orElseThrow()).longValue();
        if (age > 24) {
            throw new AssertionError(host.name() + ": expected a backup younger than 24h, but the newest is " + age + "h old");
        }
    }

    @Check
    void db1AnswersCommands() {
        String out = dev.infrajunit.Infra.host("db-1").run(Command.of("echo {0}", "up")).stdout();
        if (!out.equals("up\n")) {
            throw new AssertionError("db-1: expected 'up' from echo, got '" + out + "'");
        }
    }
}
