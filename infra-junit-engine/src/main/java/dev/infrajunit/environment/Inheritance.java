package dev.infrajunit.environment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Merges what a host inherits into what it declares itself. The levels, weakest first: the
 * top-level keys, then each of the host's roles in the order the host lists them, then the host.
 * <ul>
 *   <li>Maps merge key by key, at any depth: a host's {@code ssh.user} replaces only that key
 *       of the {@code ssh} its roles and the top level give it.</li>
 *   <li>Lists and single values replace what a weaker level had.</li>
 *   <li>A key set to nothing ({@code jumpHost: ~} or {@code jumpHost:}) removes the inherited value.</li>
 *   <li>{@code backup} is a set of policies, each of which must hold, so it is never merged key by
 *       key: a host's own {@code backup} replaces everything inherited; otherwise the policies of
 *       all its roles that mention {@code backup} are joined, in role order, so that a host with
 *       the roles {@code database} and {@code mail} must satisfy both roles' policies; only when
 *       neither the host nor any of its roles mentions {@code backup} does the top level's apply.</li>
 * </ul>
 * Every value keeps the line and key path where it was written, so problems found later point
 * at the role or top-level entry the host inherited.
 */
final class Inheritance {

    static final String BACKUP = "backup";

    private Inheritance() {
    }

    static YamlNode.Mapping forHost(YamlNode.Mapping defaults, List<YamlNode.Mapping> roles, YamlNode.Mapping host) {
        YamlNode.Mapping merged = YamlNode.Mapping.empty(host.line(), host.path());
        List<YamlNode.Mapping> levels = new ArrayList<>();
        levels.add(defaults);
        levels.addAll(roles);
        levels.add(host);
        for (YamlNode.Mapping level : levels) {
            merged = merge(merged, level.without(BACKUP));
        }
        Optional<YamlNode.Member> backup = backup(defaults, roles, host);
        if (backup.isEmpty()) {
            return merged;
        }
        Map<String, YamlNode.Member> members = new LinkedHashMap<>(merged.members());
        members.put(BACKUP, backup.get());
        return new YamlNode.Mapping(members, merged.line(), merged.path());
    }

    private static YamlNode.Mapping merge(YamlNode.Mapping base, YamlNode.Mapping over) {
        Map<String, YamlNode.Member> members = new LinkedHashMap<>(base.members());
        for (YamlNode.Member member : over.members().values()) {
            YamlNode.Member inherited = members.get(member.key());
            if (Normalizer.isNull(member.value())) {
                members.remove(member.key());
            } else if (inherited != null && inherited.value() instanceof YamlNode.Mapping inheritedMap
                    && member.value() instanceof YamlNode.Mapping ownMap) {
                members.put(member.key(), new YamlNode.Member(member.key(), member.line(), merge(inheritedMap, ownMap)));
            } else {
                members.put(member.key(), member);
            }
        }
        return new YamlNode.Mapping(members, over.line(), over.path());
    }

    private static Optional<YamlNode.Member> backup(YamlNode.Mapping defaults, List<YamlNode.Mapping> roles,
                                                    YamlNode.Mapping host) {
        Optional<YamlNode.Member> own = host.member(BACKUP);
        if (own.isPresent()) {
            return own.filter(member -> !Normalizer.isNull(member.value()));
        }
        List<YamlNode.Member> fromRoles = roles.stream().flatMap(role -> role.member(BACKUP).stream()).toList();
        if (fromRoles.isEmpty()) {
            return defaults.member(BACKUP).filter(member -> !Normalizer.isNull(member.value()));
        }
        List<YamlNode> policies = new ArrayList<>();
        for (YamlNode.Member member : fromRoles) {
            if (member.value() instanceof YamlNode.Sequence sequence) {
                policies.addAll(sequence.items());
            } else if (!Normalizer.isNull(member.value())) {
                policies.add(member.value());
            }
        }
        if (policies.isEmpty()) {
            return Optional.empty();
        }
        YamlNode.Member first = fromRoles.get(0);
        YamlNode joined = fromRoles.size() == 1 ? first.value()
                : new YamlNode.Sequence(policies, first.value().line(), first.value().path());
        return Optional.of(new YamlNode.Member(BACKUP, first.line(), joined));
    }
}
