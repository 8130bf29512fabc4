package io.intrapoll.identity;

import java.util.Collection;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The authenticated person behind a request.
 *
 * @param name the registry's user name
 * @param roles the roles its groups grant
 * @param groupMembership answers whether the caller belongs to a registry group
 */
public record Caller(String name, Set<Role> roles, Predicate<String> groupMembership) {

    public Caller {
        roles = Set.copyOf(roles);
    }

    public boolean isAdmin() {
        return roles.contains(Role.ADMIN);
    }

    public boolean isAuthor() {
        return roles.contains(Role.AUTHOR) || isAdmin();
    }

    public boolean isVoter() {
        return !roles.isEmpty();
    }

    public boolean isInGroup(String group) {
        return groupMembership.test(group);
    }

    /** The caller's groups among the given ones. */
    public Set<String> groupsAmong(Collection<String> groups) {
        return groups.stream().filter(this::isInGroup).collect(Collectors.toUnmodifiableSet());
    }
}
