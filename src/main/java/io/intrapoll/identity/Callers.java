package io.intrapoll.identity;

import com.ibm.websphere.security.EntryNotFoundException;
import com.ibm.websphere.security.auth.WSSubject;
import com.ibm.websphere.security.cred.WSCredential;
import com.ibm.wsspi.security.registry.RegistryHelper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.security.Principal;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import javax.security.auth.Subject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Who the current request's {@link Caller} is: its name, its registry groups (from Liberty's credential of the
 * authenticated subject, whatever the registry) and the roles those groups grant under the mapping of
 * security/roles.xml. Worked out once per request and kept with it, so the resources can be application-scoped
 * (created once, not per request) and still see the caller of the request they serve.
 */
@ApplicationScoped
public class Callers {

    /**
     * A request attribute: the groups of a bearer token's or a single sign-on's caller, which are its groups whatever
     * the registry says.
     */
    static final String TOKEN_GROUPS = "io.intrapoll.identity.token-groups";

    /** A request attribute: when the request's sign-in ends by itself (a session's lifetime, a token's expiry). */
    static final String VALID_UNTIL = "io.intrapoll.identity.valid-until";

    private static final String CURRENT = Callers.class.getName() + ".current";

    private static final Logger LOG = Logger.getLogger(Callers.class.getName());

    /** Weld's built-in bean: the request being served. */
    @Inject
    HttpServletRequest request;

    @Inject
    @ConfigProperty(name = "intrapoll.roles.admin-group")
    String adminGroup;

    @Inject
    @ConfigProperty(name = "intrapoll.roles.author-group")
    String authorGroup;

    @Inject
    @ConfigProperty(name = "intrapoll.roles.voter-group")
    String voterGroup;

    /** The caller of the request being served. */
    public Caller current() {
        if (request.getAttribute(CURRENT) instanceof Caller known) {
            return known;
        }
        Caller caller = of(request);
        request.setAttribute(CURRENT, caller);
        return caller;
    }

    /** The caller of the request being served, with how long its sign-in holds. */
    public Authentication authentication() {
        Caller caller = current();
        // A browser's session (login form or single sign-on); an API client's Authorization header wins over one.
        HttpSession session = request.getHeader("Authorization") == null ? request.getSession(false) : null;
        return new Authentication(
                caller,
                request.getAttribute(TOKEN_GROUPS) == null,
                Optional.ofNullable(session).map(HttpSession::getId),
                request.getAttribute(VALID_UNTIL) instanceof Instant until ? Optional.of(until) : Optional.empty());
    }

    private Caller of(HttpServletRequest request) {
        // Asked once: Liberty works the principal out of the caller's subject on every call.
        Principal principal = request.getUserPrincipal();
        if (principal == null) {
            return new Caller("", Set.of(), Set.of());
        }
        Set<String> groups = request.getAttribute(TOKEN_GROUPS) instanceof Set<?> fromToken
                ? fromToken.stream().map(String::valueOf).collect(Collectors.toSet())
                : callerGroups();
        return withGroups(principal.getName(), groups);
    }

    /**
     * The caller as the user registry has it now (for what outlives its request: a results stream); empty when the
     * registry no longer knows it. A registry that does not answer leaves the caller as it was.
     */
    public Optional<Caller> reread(Caller caller) {
        try {
            Set<String> groups = new HashSet<>();
            for (Object group : RegistryHelper.getUserRegistry(null).getGroupsForUser(caller.name())) {
                groups.add(groupName(String.valueOf(group)));
            }
            return Optional.of(withGroups(caller.name(), groups));
        } catch (EntryNotFoundException gone) {
            return Optional.empty();
        } catch (Exception e) {
            LOG.log(Level.FINE, "The registry did not give the groups of " + caller.name(), e);
            return Optional.of(caller);
        }
    }

    private Caller withGroups(String name, Set<String> groups) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        if (groups.contains(adminGroup)) {
            roles.add(Role.ADMIN);
        }
        if (groups.contains(authorGroup)) {
            roles.add(Role.AUTHOR);
        }
        if (groups.contains(voterGroup) || !roles.isEmpty()) {
            roles.add(Role.VOTER);
        }
        return new Caller(name, roles, groups);
    }

    private static Set<String> callerGroups() {
        Set<String> groups = new HashSet<>();
        try {
            Subject subject = WSSubject.getCallerSubject();
            if (subject == null) {
                return groups;
            }
            for (WSCredential credential : subject.getPublicCredentials(WSCredential.class)) {
                for (Object id : credential.getGroupIds()) {
                    groups.add(groupName(id.toString()));
                }
            }
        } catch (Exception e) {
            LOG.log(Level.WARNING, "Cannot read the caller's groups; treating it as in none", e);
        }
        return groups;
    }

    /** "group:realm/engineering" -> "engineering"; "group:realm/cn=sales,ou=groups,..." -> "sales". */
    static String groupName(String uniqueId) {
        String name = uniqueId.substring(uniqueId.indexOf('/') + 1);
        if (name.regionMatches(true, 0, "cn=", 0, 3)) {
            int comma = name.indexOf(',');
            name = name.substring(3, comma < 0 ? name.length() : comma);
        }
        return name;
    }
}
