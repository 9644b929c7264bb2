package dev.infrajunit.aws.backup;

import dev.infrajunit.Host;
import dev.infrajunit.aws.AwsCall;
import dev.infrajunit.aws.AwsClients;
import dev.infrajunit.aws.AwsContext;
import dev.infrajunit.backup.BackupExpectation;
import dev.infrajunit.backup.BackupPolicy;
import dev.infrajunit.backup.FoundBackup;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * {@code s3} policies: the newest object under {@code s3://bucket/prefix}, by LastModified.
 *
 * <p><b>Cost.</b> S3 lists keys in key order, 1,000 per request, never by time, so finding the
 * newest object under a plain prefix lists every key below it: one ListObjectsV2 request per
 * 1,000 objects (a prefix holding 200,000 backups costs 200 requests on every check). A
 * date-structured prefix keeps this small: write the date parts of the key as {@code {yyyy}},
 * {@code {MM}} and {@code {dd}}, e.g. {@code s3://acme-backups/db-3/{yyyy}/{MM}/{dd}/}, and only the
 * prefixes of the days that can hold a young enough backup are listed: tomorrow and today, the
 * days back to maxAge, and one more for late uploads and time zones, so about maxAge in days + 3
 * requests when the backups are fresh. Only when none of those days holds an object does the
 * check look further back, a day at a time and for at most {@value #LOOKBACK_DAYS} more days, to
 * say how old the newest backup is.
 * The dates are those of the policy's {@code timeZone} (default UTC).
 */
final class S3Backups {

    static final int LOOKBACK_DAYS = 31;
    private static final Pattern URL = Pattern.compile("s3://([^/]+)/?(.*)", Pattern.DOTALL);
    private static final Pattern DATE_PART = Pattern.compile("\\{(yyyy|MM|dd)}");
    private static final String LIST_ACTION = "s3:ListBucket";

    /** Thrown out of a listing when the bucket does not exist: a finding, not an error. */
    private static final class NoSuchBucket extends RuntimeException {
        NoSuchBucket() {
            super(null, null, false, false);
        }
    }

    private final Host host;

    S3Backups(Host host) {
        this.host = host;
    }

    List<String> problems(BackupPolicy policy, BackupExpectation expectation) {
        Matcher url = URL.matcher(policy.target());
        if (!url.matches()) {
            throw new IllegalStateException("checked when the policy was read: " + policy.target());
        }
        String bucket = url.group(1);
        String prefix = url.group(2);
        AwsContext context = AwsContext.of(host);
        S3Client s3 = AwsCall.run(context, host.name(), LIST_ACTION, () -> AwsClients.s3(context));
        Optional<S3Object> newest;
        String nothing = "nothing is stored under " + policy.target();
        try {
            if (DATE_PART.matcher(prefix).find()) {
                ZoneId zone = policy.timeZone();
                LocalDate newestDay = expectation.now().atZone(zone).toLocalDate().plusDays(1);
                LocalDate oldestFreshDay = expectation.now().minus(expectation.maxAge()).atZone(zone).toLocalDate().minusDays(1);
                LocalDate oldestDay = oldestFreshDay.minusDays(LOOKBACK_DAYS);
                Set<String> listed = new HashSet<>();
                newest = newestOfDays(context, s3, bucket, prefix, newestDay, oldestFreshDay, false, listed)
                        .or(() -> newestOfDays(context, s3, bucket, prefix, oldestFreshDay.minusDays(1), oldestDay, true, listed));
                nothing += " for any day from " + oldestDay + " to " + newestDay;
            } else {
                newest = newestUnder(context, s3, bucket, prefix);
            }
        } catch (NoSuchBucket e) {
            return List.of(expectation.butFound("the bucket " + bucket + " does not exist"));
        }
        if (newest.isEmpty()) {
            return List.of(expectation.butFound(nothing));
        }
        S3Object object = newest.get();
        FoundBackup found = new FoundBackup(nameOf(object.key(), prefix), object.lastModified(), OptionalLong.of(object.size()));
        return expectation.problemWith("the newest of " + policy.target(), found).map(List::of).orElse(List.of());
    }

    /**
     * Every page of one prefix: ListObjectsV2 returns at most 1,000 keys per request. Keys ending
     * in {@code /} are folder markers (the console's "Create folder"), never backups.
     */
    private Optional<S3Object> newestUnder(AwsContext context, S3Client s3, String bucket, String prefix) {
        return AwsCall.run(context, host.name(), LIST_ACTION, () -> {
            try {
                Optional<S3Object> newest = Optional.empty();
                for (ListObjectsV2Response page : s3.listObjectsV2Paginator(request -> request.bucket(bucket).prefix(prefix))) {
                    newest = newer(newest, page.contents().stream()
                            .filter(object -> !object.key().endsWith("/"))
                            .max(Comparator.comparing(S3Object::lastModified)));
                }
                return newest;
            } catch (NoSuchBucketException e) {
                throw new NoSuchBucket();
            }
        });
    }

    /**
     * The newest object of the day prefixes from {@code from} back to {@code to}; with
     * {@code firstFound}, stops at the first day that holds any. A pattern without {@code {dd}}
     * maps many days to one prefix, which is listed once.
     */
    private Optional<S3Object> newestOfDays(AwsContext context, S3Client s3, String bucket, String pattern,
                                            LocalDate from, LocalDate to, boolean firstFound, Set<String> listed) {
        Optional<S3Object> newest = Optional.empty();
        for (LocalDate day = from; !day.isBefore(to); day = day.minusDays(1)) {
            String prefix = render(pattern, day);
            if (listed.add(prefix)) {
                newest = newer(newest, newestUnder(context, s3, bucket, prefix));
                if (firstFound && newest.isPresent()) {
                    return newest;
                }
            }
        }
        return newest;
    }

    private static String render(String pattern, LocalDate day) {
        return DATE_PART.matcher(pattern).replaceAll(part -> DateTimeFormatter.ofPattern(part.group(1)).format(day));
    }

    /** The key below the prefix's last {@code /} before any date part: {@code 2026/11/27/db.dump}. */
    private static String nameOf(String key, String pattern) {
        Matcher datePart = DATE_PART.matcher(pattern);
        String fixed = datePart.find() ? pattern.substring(0, datePart.start()) : pattern;
        int slash = fixed.lastIndexOf('/');
        return slash < 0 ? key : key.substring(Math.min(slash + 1, key.length()));
    }

    private static Optional<S3Object> newer(Optional<S3Object> a, Optional<S3Object> b) {
        if (a.isEmpty()) {
            return b;
        }
        if (b.isEmpty()) {
            return a;
        }
        return b.get().lastModified().isAfter(a.get().lastModified()) ? b : a;
    }
}
