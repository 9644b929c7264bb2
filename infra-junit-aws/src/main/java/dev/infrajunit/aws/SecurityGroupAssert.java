package dev.infrajunit.aws;

import dev.infrajunit.CouldNotCheckException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;
import software.amazon.awssdk.services.ec2.model.Ipv6Range;

/**
 * Assertions about a security group's inbound rules. "Open to the world" means a rule admits
 * {@code 0.0.0.0/0} or {@code ::/0}. The group is described once per assertion chain.
 */
public class SecurityGroupAssert extends AwsResourceAssert<SecurityGroupAssert, SecurityGroup> {

    private static final String ACTION = "ec2:DescribeSecurityGroups";
    private static final Set<String> WORLD = Set.of("0.0.0.0/0", "::/0");

    private software.amazon.awssdk.services.ec2.model.SecurityGroup group;

    public SecurityGroupAssert(SecurityGroup group) {
        super(group, SecurityGroupAssert.class);
    }

    /** No inbound rule admits the whole internet, on any port or protocol. */
    public SecurityGroupAssert hasNoPortOpenToTheWorld() {
        String expected = "no port open to the world";
        List<String> open = openToTheWorld(expected, permission -> false);
        if (!open.isEmpty()) {
            fail(expected, "it opens " + String.join(", ", open), ACTION);
        }
        return myself;
    }

    /**
     * The only rules that admit the whole internet are TCP or UDP rules for these ports, e.g.
     * {@code hasNoPortOpenToTheWorldExcept(80, 443)}.
     */
    public SecurityGroupAssert hasNoPortOpenToTheWorldExcept(int... ports) {
        Set<Integer> allowed = Arrays.stream(ports).boxed().collect(Collectors.toSet());
        String expected = "no port open to the world except " + Arrays.stream(ports).mapToObj(String::valueOf).collect(Collectors.joining(", "));
        List<String> open = openToTheWorld(expected, permission -> isTcpOrUdp(permission)
                && IntStream.rangeClosed(permission.fromPort(), permission.toPort()).allMatch(allowed::contains));
        if (!open.isEmpty()) {
            fail(expected, "it also opens " + String.join(", ", open), ACTION);
        }
        return myself;
    }

    @Override
    String subject() {
        return group == null ? actual.toString() : "security group " + group.groupId() + " (" + group.groupName() + ")";
    }

    /** The group's inbound rules that admit the world and are not allowed, as {@code tcp 22 to 0.0.0.0/0}. */
    private List<String> openToTheWorld(String expected, Predicate<IpPermission> allowed) {
        List<String> open = new ArrayList<>();
        for (IpPermission permission : group(expected).ipPermissions()) {
            List<String> sources = new ArrayList<>();
            permission.ipRanges().stream().map(IpRange::cidrIp).filter(WORLD::contains).forEach(sources::add);
            permission.ipv6Ranges().stream().map(Ipv6Range::cidrIpv6).filter(WORLD::contains).forEach(sources::add);
            if (!sources.isEmpty() && !allowed.test(permission)) {
                open.add(describe(permission) + " to " + String.join(" and ", sources));
            }
        }
        return open;
    }

    private software.amazon.awssdk.services.ec2.model.SecurityGroup group(String expected) {
        isNotNull();
        if (group == null) {
            String name = actual.idOrName();
            String region = actual.context().regionLabel();
            var groups = ask(expected, ACTION, Map.of("InvalidGroup.NotFound", "no security group " + name + " exists in " + region),
                    () -> AwsClients.ec2(actual.context()).describeSecurityGroupsPaginator(request -> {
                        if (actual.isId()) {
                            request.groupIds(name);
                        } else {
                            request.filters(Filter.builder().name("group-name").values(name).build());
                        }
                    }).securityGroups().stream().toList());
            if (groups.isEmpty()) {
                fail(expected, "no security group " + name + " exists in " + region, ACTION);
            }
            if (groups.size() > 1) {
                throw new CouldNotCheckException(actual.toString(), "several security groups are named " + name + " in " + region + ": "
                        + groups.stream().map(found -> found.groupId() + " (" + found.vpcId() + ")").collect(Collectors.joining(", "))
                        + "; name the group by its id");
            }
            group = groups.get(0);
        }
        return group;
    }

    private static boolean isTcpOrUdp(IpPermission permission) {
        return List.of("tcp", "6", "udp", "17").contains(permission.ipProtocol())
                && permission.fromPort() != null && permission.toPort() != null;
    }

    /** {@code tcp 22}, {@code udp 8000-8100}, {@code all traffic}, {@code icmp}. */
    private static String describe(IpPermission permission) {
        String protocol = switch (permission.ipProtocol()) {
            case "-1" -> "all traffic";
            case "6" -> "tcp";
            case "17" -> "udp";
            case "1" -> "icmp";
            case "58" -> "icmpv6";
            default -> permission.ipProtocol();
        };
        if (!isTcpOrUdp(permission)) {
            return protocol;
        }
        int from = permission.fromPort();
        int to = permission.toPort();
        return protocol + " " + (from == to ? String.valueOf(from) : from + "-" + to);
    }
}
