package io.intrapoll.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What a sign-in takes from the outside: Basic headers and the login form's return path. */
class SignInInputsTest {

    private static String basic(String userColonPassword) {
        return "Basic " + Base64.getEncoder().encodeToString(userColonPassword.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void basicHeaderGivesUserAndPasswordWhichMayHoldColons() {
        assertEquals(
                Optional.of(new BasicCredentials("voter1", "pa:ss")), BasicCredentials.parse(basic("voter1:pa:ss")));
        assertEquals(Optional.of(new BasicCredentials("jürgen", "ä")), BasicCredentials.parse(basic("jürgen:ä")));
        assertEquals(
                Optional.of(new BasicCredentials("voter1", "x")),
                BasicCredentials.parse("basic " + basic("voter1:x").substring(6)));
    }

    @Test
    void malformedBasicHeaderIsAnEmptyUserNotAFailure() {
        assertEquals(Optional.of(new BasicCredentials("", "")), BasicCredentials.parse("Basic !!!not-base64"));
        assertEquals(Optional.of(new BasicCredentials("", "")), BasicCredentials.parse(basic("no-colon")));
    }

    @Test
    void otherSchemesAreNotBasic() {
        assertTrue(BasicCredentials.parse(null).isEmpty());
        assertTrue(BasicCredentials.parse("Bearer eyJ").isEmpty());
    }

    @Test
    void loginReturnsOnlyToPathsWithinTheApplication() {
        assertEquals("/app/vote.html?poll=abc", LoginServlet.localPath("/app/vote.html?poll=abc"));
        assertEquals("/app/", LoginServlet.localPath("https://evil.example/"));
        assertEquals("/app/", LoginServlet.localPath("//evil.example/"));
        assertEquals("/app/", LoginServlet.localPath("/sso/start?next=/sso/start"), "not round the sign-in again");
        assertEquals("/app/", LoginServlet.localPath("/oidcclient/redirect/intrapoll"));
        assertEquals("/app/", LoginServlet.localPath("/\\evil.example/"));
        assertEquals("/app/", LoginServlet.localPath("/app/\r\nSet-Cookie: x=y"));
        assertEquals("/app/", LoginServlet.localPath(null));
    }

    @Test
    void anIdentitysCacheNameChangesWithItsCallerAndGroupsButNotTheirOrder() {
        String voter = SignIn.identityDigest("voter1", Set.of("employees", "engineering"));
        assertEquals(voter, SignIn.identityDigest("voter1", Set.of("engineering", "employees")));
        assertEquals(64, voter.length());
        assertNotEquals(voter, SignIn.identityDigest("voter1", Set.of("employees")), "a group left");
        assertNotEquals(voter, SignIn.identityDigest("voter1", Set.of("employees", "engineering", "admins")));
        assertNotEquals(voter, SignIn.identityDigest("voter2", Set.of("employees", "engineering")));
        assertNotEquals(
                SignIn.identityDigest("ab", Set.of("c")),
                SignIn.identityDigest("a", Set.of("bc")),
                "where the caller ends and the groups begin is part of it");
    }
}
