/**
 * Who is calling: the authenticated caller, its roles (admin, author, voter) and its groups, as the server's
 * user registry knows them. The group to role mapping is configured in server.xml (security/roles.xml).
 */
package io.intrapoll.identity;
