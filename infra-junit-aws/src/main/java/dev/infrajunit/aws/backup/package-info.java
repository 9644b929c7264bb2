/**
 * The AWS backup kinds: {@code s3}, {@code ebs}, {@code rds} and {@code awsBackup}. Internal:
 * policies name them in environment files, and {@code hasRecentBackup()} checks them.
 */
@API(status = INTERNAL)
package dev.infrajunit.aws.backup;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;
