package dev.infrajunit.examples;

import static dev.infrajunit.Infra.host;
import static dev.infrajunit.assertions.InfraAssertions.assertThat;

import dev.infrajunit.Check;
import dev.infrajunit.ForEachHost;
import dev.infrajunit.Host;
import dev.infrajunit.InfraTest;
import dev.infrajunit.backup.BackupKind;
import org.junit.jupiter.api.Tag;

/**
 * The check this project was born from: a database nobody backs up is found before it is needed.
 * Every database: the servers listed in the environment file, and the RDS databases it finds
 * through the AWS API. Where each one's backups live, and how old they may be, is in the
 * environment file.
 */
@InfraTest
@Tag("backup")
class DatabaseBackupsSpec {

    @Check
    @ForEachHost("role:database")
    void everyDatabaseHasARecentBackup(Host host) {
        assertThat(host).hasRecentBackup();
    }

    @Check
    void db3ShipsItsDumpsToS3() {
        assertThat(host("db-3")).hasRecentBackup(BackupKind.S3);
    }
}
