/**
 * Backup freshness: {@code assertThat(host).hasRecentBackup()} and the policies behind it.
 *
 * <p>A host's policies come from its {@code backup} key in the environment file (one map or a
 * list; a host's own replaces its roles', several roles' are joined). Every policy must hold.
 * Each names one kind, with {@code maxAge} (how old the newest backup may be) and optionally
 * {@code minSize} ({@code 1MB}, {@code 1.2 GB}, {@code 10GiB}; files, s3, awsBackup):
 * <pre>{@code
 * backup:
 *   - files: /var/backups/pg/${host}-*.dump    # newest match on the host, by mtime
 *     maxAge: 24h
 *     minSize: 1MB
 *     verify: pg_restore --list {0}             # run on the newest file; {0} is its path, quoted
 *     privileged: true                          # run the commands with sudo -n (host needs sudo: true)
 *   - s3: s3://acme-backups/${host}/{yyyy}/{MM}/{dd}/   # newest object; date parts list only recent days
 *     maxAge: 26h
 *     timeZone: UTC                             # of the dates in the prefix
 *   - ebs: true                                 # every volume of the host's EC2 instance (or ebs: i-0123...)
 *     maxAge: 2d
 *   - rds: orders-db                            # DB instance or Aurora cluster identifier
 *     maxAge: 24h
 *   - awsBackup: arn:aws:rds:eu-west-1:123456789012:db:orders-db
 *     maxAge: 7d
 * }</pre>
 *
 * <p>A failure names the host, what was expected, and where the check looked, e.g.
 * {@code db-2: expected a backup younger than 24h, but the newest of /var/backups/pg/db-2-*.dump
 * is db-2-2026-11-27.dump, 2d 3h old (1.2 GB)}. A policy that could not be checked (no access,
 * expired credentials, an unreadable directory) is a {@link dev.infrajunit.CouldNotCheckException}.
 * {@code files} is built in; every other kind is a {@link dev.infrajunit.backup.BackupStore} found on
 * the class path (the AWS kinds come with infra-junit-aws), so a host with only {@code files}
 * policies loads no AWS class.
 */
@API(status = STABLE)
package dev.infrajunit.backup;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;
