package io.intrapoll.identity;

import java.util.Collection;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The authenticated person behind a request.
 *
 * @param name the registry's user name
 * @param roles the roles its groups grant
 * @param groups the names of the registry groups it belongs to
 */
public record Caller(String name, Set<Role> roles, Set<String> groups) {

    public Caller {
        roles = Set.copyOf(roles);
        groups = Set.copyOf(groups);
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
        return groups.contains(group);
    }

    /** The caller's groups among the given ones. */
    public Set<String> groupsAmong(Collection<String> candidates) {
        return candidates.stream().filter(groups::contains).collect(Collectors.toUnmodifiableSet());
    }
}
