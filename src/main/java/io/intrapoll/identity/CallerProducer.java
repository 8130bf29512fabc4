package io.intrapoll.identity;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.util.EnumSet;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Makes the current {@link Caller} injectable. Group membership is asked of the container: with no role
 * bindings in the application, Liberty treats a role name as the group of that name.
 */
@ApplicationScoped
public class CallerProducer {

    @Inject
    @ConfigProperty(name = "intrapoll.roles.admin-group", defaultValue = "admins")
    String adminGroup;

    @Inject
    @ConfigProperty(name = "intrapoll.roles.author-group", defaultValue = "authors")
    String authorGroup;

    @Inject
    @ConfigProperty(name = "intrapoll.roles.voter-group", defaultValue = "employees")
    String voterGroup;

    /** Dependent scope: a record cannot be proxied; inject it into request-scoped beans. */
    @Produces
    Caller currentCaller(HttpServletRequest request) {
        if (request.getUserPrincipal() == null) {
            return new Caller("", Set.of(), group -> false);
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        if (request.isUserInRole(adminGroup)) {
            roles.add(Role.ADMIN);
        }
        if (request.isUserInRole(authorGroup)) {
            roles.add(Role.AUTHOR);
        }
        if (request.isUserInRole(voterGroup) || !roles.isEmpty()) {
            roles.add(Role.VOTER);
        }
        return new Caller(request.getUserPrincipal().getName(), roles, request::isUserInRole);
    }
}
