package io.intrapoll.identity;

import com.ibm.websphere.security.EntryNotFoundException;
import com.ibm.websphere.security.UserRegistry;
import com.ibm.wsspi.security.registry.RegistryHelper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * How many people the user registry (the demo registry, the directory) has in some groups: a poll's electorate
 * when it opens. A group named as roles and audiences name it ("engineering", a directory group's cn) is found by
 * that name; its members are the people the registry lists for it, nested groups as the registry resolves them.
 */
@ApplicationScoped
public class GroupMembers {

    private static final Logger LOG = Logger.getLogger(GroupMembers.class.getName());

    @Inject
    @ConfigProperty(name = "intrapoll.roles.voter-group")
    String voterGroup;

    /**
     * The people in any of these groups, each counted once; no group: the voter group (everyone who may vote).
     * Empty when the registry cannot say.
     */
    public Optional<Integer> count(Set<String> groups) {
        try {
            UserRegistry registry = RegistryHelper.getUserRegistry(null);
            Set<String> people = new HashSet<>();
            for (String group : groups.isEmpty() ? Set.of(voterGroup) : groups) {
                people.addAll(members(registry, group));
            }
            return Optional.of(people.size());
        } catch (Exception e) {
            LOG.log(Level.WARNING, "The user registry did not list the members of " + groups, e);
            return Optional.empty();
        }
    }

    private static List<String> members(UserRegistry registry, String group) throws Exception {
        try {
            return stringsOf(registry.getUsersForGroup(group, 0).getList()); // the demo registry: name = security name
        } catch (EntryNotFoundException notBySecurityName) {
            // A directory's group is found by its name, its security name being its DN.
            for (Object securityName : registry.getGroups(group, 0).getList()) {
                if (Callers.groupName(String.valueOf(securityName)).equals(group)) {
                    return stringsOf(registry.getUsersForGroup(String.valueOf(securityName), 0)
                            .getList());
                }
            }
            return List.of(); // no such group: nobody
        }
    }

    /** A registry may answer a name that is no group with no list at all. */
    private static List<String> stringsOf(List<?> values) {
        return values == null ? List.of() : values.stream().map(String::valueOf).toList();
    }
}
