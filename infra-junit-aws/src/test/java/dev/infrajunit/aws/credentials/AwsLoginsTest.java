package dev.infrajunit.aws.credentials;

import static dev.infrajunit.testing.TestEnvironments.environment;
import static dev.infrajunit.testing.TestEnvironments.localHost;
import static org.assertj.core.api.Assertions.assertThat;

import dev.infrajunit.aws.AwsClients;
import dev.infrajunit.aws.AwsContext;
import dev.infrajunit.embedded.aws.AwsRequest;
import dev.infrajunit.runtime.RunEnvironment;
import dev.infrajunit.testing.RecordedAwsServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The logins teams use, through {@code aws.profile} and the SDK's own profile support: assume-role
 * profiles, web identity, SSO with a cached token, and credential_process. STS and the SSO portal
 * are played by a local server that answers with their real wire formats (STS query-protocol XML,
 * the portal's GetRoleCredentials JSON); the EC2 call made with the credentials shows which ones
 * were used, in its signature and its session token.
 */
class AwsLoginsTest {

    @RegisterExtension
    static final RecordedAwsServer aws = new RecordedAwsServer();

    private static Path home;

    @BeforeAll
    static void awsFilesAndEndpoints() throws Exception {
        home = Path.of(System.getenv("HOME"));
        assertThat(home.toString()).as("HOME for the AWS tests (the surefire configuration sets it)").contains("aws-home");
        Path dir = Files.createDirectories(home.resolve(".aws"));
        Path token = Files.writeString(dir.resolve("web-identity-token"), "eyJhbGciOiJSUzI1NiJ9.ci-oidc-token.signature");
        Path process = Files.writeString(dir.resolve("print-credentials"), """
                #!/bin/sh
                echo '{"Version": 1, "AccessKeyId": "ASIAPROCESS000000001", "SecretAccessKey": "process-secret", "SessionToken": "process-session-token"}'
                """);
        Files.setPosixFilePermissions(process, PosixFilePermissions.fromString("rwx------"));
        Files.writeString(dir.resolve("credentials"), """
                [base]
                aws_access_key_id = AKIABASEPROFILE00001
                aws_secret_access_key = base-secret
                """);
        Files.writeString(dir.resolve("config"), """
                [profile assumer]
                role_arn = arn:aws:iam::123456789012:role/infra-readonly
                source_profile = base
                role_session_name = infra-junit
                region = eu-west-1

                [profile ci]
                role_arn = arn:aws:iam::123456789012:role/ci-readonly
                web_identity_token_file = %s
                role_session_name = infra-junit
                region = eu-west-1

                [profile process]
                credential_process = %s

                [profile sso-user]
                sso_session = corp
                sso_account_id = 123456789012
                sso_role_name = ReadOnly
                region = eu-west-1

                [sso-session corp]
                sso_start_url = https://corp.awsapps.example/start
                sso_region = eu-west-1
                """.formatted(token, process));
        // what `aws sso login` leaves behind: the portal's access token, cached under the session's name
        Path cache = Files.createDirectories(dir.resolve("sso/cache"));
        Files.writeString(cache.resolve(sha1Hex("corp") + ".json"), """
                {"accessToken": "cached-sso-access-token", "expiresAt": "2099-01-01T00:00:00Z", "region": "eu-west-1",
                 "startUrl": "https://corp.awsapps.example/start", "refreshToken": "cached-refresh-token",
                 "clientId": "cached-client-id", "clientSecret": "cached-client-secret", "registrationExpiresAt": "2099-01-01T00:00:00Z"}
                """);
        System.setProperty("aws.configFile", dir.resolve("config").toString());
        System.setProperty("aws.sharedCredentialsFile", dir.resolve("credentials").toString());
        // STS and the SSO portal, as the SDK's service-specific endpoint settings name them
        System.setProperty("aws.endpointUrlSts", aws.endpoint().toString());
        System.setProperty("aws.endpointUrlSso", aws.endpoint().toString());
        // the web identity provider's STS client takes its region from the SDK's chain; without one it
        // would call STS's global endpoint instead of the configured one
        System.setProperty("aws.region", RecordedAwsServer.REGION);
    }

    @AfterAll
    static void forgetEndpoints() {
        for (String key : new String[] {"aws.configFile", "aws.sharedCredentialsFile", "aws.endpointUrlSts", "aws.endpointUrlSso",
            "aws.region"}) {
            System.clearProperty(key);
        }
    }

    @Test
    void anAssumeRoleProfileSignsWithTheRolesCredentialsThatTheSourceProfileGot() {
        aws.onAction("AssumeRole", "sts/assume-role.xml");

        AwsRequest describe = describeInstancesAs("assumer");

        AwsRequest assume = aws.requests("AssumeRole").get(0);
        assertThat(assume.parameter("RoleArn")).isEqualTo("arn:aws:iam::123456789012:role/infra-readonly");
        assertThat(assume.header("Authorization")).contains("Credential=AKIABASEPROFILE00001/");
        assertThat(describe.header("Authorization")).contains("Credential=ASIAASSUMEDROLE00001/");
        assertThat(describe.header("X-Amz-Security-Token")).isEqualTo("assumed-role-session-token");
    }

    @Test
    void aWebIdentityProfileTradesItsTokenFileForTheRolesCredentials() {
        aws.onAction("AssumeRoleWithWebIdentity", "sts/assume-role-with-web-identity.xml");

        AwsRequest describe = describeInstancesAs("ci");

        AwsRequest assume = aws.requests("AssumeRoleWithWebIdentity").get(0);
        assertThat(assume.parameter("WebIdentityToken")).isEqualTo("eyJhbGciOiJSUzI1NiJ9.ci-oidc-token.signature");
        assertThat(assume.parameter("RoleArn")).isEqualTo("arn:aws:iam::123456789012:role/ci-readonly");
        assertThat(describe.header("Authorization")).contains("Credential=ASIAWEBIDENTITY00001/");
        assertThat(describe.header("X-Amz-Security-Token")).isEqualTo("web-identity-session-token");
    }

    @Test
    void anSsoProfileGetsTheRolesCredentialsFromThePortalWithTheCachedToken() {
        aws.on(request -> request.path().equals("/federation/credentials"), 200, "sso/get-role-credentials.json",
                "application/json", Map.of());

        AwsRequest describe = describeInstancesAs("sso-user");

        AwsRequest portal = aws.requests().stream()
                .filter(request -> request.path().equals("/federation/credentials")).findFirst().orElseThrow();
        assertThat(portal.header("x-amz-sso_bearer_token")).isEqualTo("cached-sso-access-token");
        assertThat(portal.parameter("account_id")).isEqualTo("123456789012");
        assertThat(portal.parameter("role_name")).isEqualTo("ReadOnly");
        assertThat(describe.header("Authorization")).contains("Credential=ASIASSOPORTAL000001/");
        assertThat(describe.header("X-Amz-Security-Token")).isEqualTo("sso-portal-session-token");
    }

    @Test
    void aCredentialProcessProfileRunsItsCommand() {
        AwsRequest describe = describeInstancesAs("process");

        assertThat(describe.header("Authorization")).contains("Credential=ASIAPROCESS000000001/");
        assertThat(describe.header("X-Amz-Security-Token")).isEqualTo("process-session-token");
    }

    /** One EC2 call with the credentials of {@code profile} ({@code aws.profile}), as a check makes it. */
    private static AwsRequest describeInstancesAs(String profile) {
        aws.onAction("DescribeInstances", "ec2/describe-instances-none.xml");
        try (RunEnvironment run = environment(Map.of("aws", Map.of("region", RecordedAwsServer.REGION, "profile", profile,
                "endpoint", aws.endpoint().toString())), localHost("db-1", Map.of()))) {
            AwsClients.ec2(AwsContext.of(run)).describeInstances();
        }
        return aws.requests("DescribeInstances").get(0);
    }

    private static String sha1Hex(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

}
