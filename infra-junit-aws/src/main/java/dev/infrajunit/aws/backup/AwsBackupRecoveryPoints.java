package dev.infrajunit.aws.backup;

import dev.infrajunit.Host;
import dev.infrajunit.aws.AwsCall;
import dev.infrajunit.aws.AwsClients;
import dev.infrajunit.aws.AwsContext;
import dev.infrajunit.backup.BackupExpectation;
import dev.infrajunit.backup.BackupPolicy;
import dev.infrajunit.backup.FoundBackup;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import software.amazon.awssdk.services.backup.model.RecoveryPointByResource;
import software.amazon.awssdk.services.backup.model.RecoveryPointStatus;
import software.amazon.awssdk.services.backup.model.ResourceNotFoundException;

/**
 * {@code awsBackup} policies: the newest COMPLETED recovery point that AWS Backup holds for a
 * resource ARN, asked in the ARN's own region (ListRecoveryPointsByResource, paged).
 */
final class AwsBackupRecoveryPoints {

    private final Host host;

    AwsBackupRecoveryPoints(Host host) {
        this.host = host;
    }

    List<String> problems(BackupPolicy policy, BackupExpectation expectation) {
        String arn = policy.target();
        String[] parts = arn.split(":", 6);
        AwsContext context = parts.length > 3 && !parts[3].isEmpty() ? AwsContext.of(host).inRegion(parts[3]) : AwsContext.of(host);
        Optional<RecoveryPointByResource> newest = AwsCall.run(context, host.name(), "backup:ListRecoveryPointsByResource", () -> {
            try {
                return AwsClients.backup(context)
                        .listRecoveryPointsByResourcePaginator(request -> request.resourceArn(arn))
                        .recoveryPoints().stream()
                        .filter(point -> point.status() == RecoveryPointStatus.COMPLETED && point.creationDate() != null)
                        .max(Comparator.comparing(RecoveryPointByResource::creationDate));
            } catch (ResourceNotFoundException e) {
                return Optional.empty();
            }
        });
        if (newest.isEmpty()) {
            return List.of(expectation.butFound(arn + " has no completed recovery point in AWS Backup"));
        }
        RecoveryPointByResource point = newest.get();
        OptionalLong size = point.backupSizeBytes() == null ? OptionalLong.empty() : OptionalLong.of(point.backupSizeBytes());
        return expectation.problemWith("the newest completed recovery point of " + arn,
                new FoundBackup(point.recoveryPointArn(), point.creationDate(), size)).map(List::of).orElse(List.of());
    }
}
