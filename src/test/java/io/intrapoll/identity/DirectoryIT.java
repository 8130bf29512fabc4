package io.intrapoll.identity;

import static io.intrapoll.support.ProblemAssertions.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldif.LDIFException;
import io.intrapoll.support.Api;
import io.intrapoll.support.FormSignIn;
import io.intrapoll.support.LibertyServer;
import io.intrapoll.support.ResultsStream;
import io.intrapoll.support.TestPolls;
import io.intrapoll.support.Voters;
import io.intrapoll.support.Votes;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.net.InetAddress;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The enterprise directory as the user registry: an LDAP server (UnboundID's in-memory directory, started here)
 * with people and nested groups, and a server configured with intrapoll.registry=ldap that signs them in, maps
 * their groups (nested ones included) to roles and checks poll audiences against them.
 */
class DirectoryIT {

    private static final String BASE = "dc=intrapoll,dc=test";
    private static final LibertyServer SERVER = new LibertyServer(
            System.getProperty("ldap.it.server", "intrapoll-ldap"), Integer.getInteger("ldap.it.http.port", 9184));
    private static InMemoryDirectoryServer directory;

    @BeforeAll
    static void startDirectoryAndServer() throws Exception {
        InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(BASE);
        config.addAdditionalBindCredentials("cn=Directory Manager", "directory-secret");
        config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig(
                "ldap", InetAddress.getLoopbackAddress(), Integer.getInteger("ldap.it.directory.port", 10389), null));
        directory = new InMemoryDirectoryServer(config);
        addEntries();
        directory.startListening();
        SERVER.startAndAwaitReady();
    }

    @AfterAll
    static void stopServerAndDirectory() {
        try {
            SERVER.stop();
        } finally {
            directory.shutDown(true);
        }
    }

    /**
     * Alice is in platform-team, which is a member of authors: an author through a nested group. Carol is in
     * admins; Bob in sales, Dave in engineering, both employees; Mallory is in no group at all.
     */
    private static void addEntries() throws LDAPException, LDIFException {
        directory.add("dn: " + BASE, "objectClass: domain", "dc: intrapoll");
        directory.add("dn: ou=people," + BASE, "objectClass: organizationalUnit", "ou: people");
        directory.add("dn: ou=groups," + BASE, "objectClass: organizationalUnit", "ou: groups");
        for (String uid : List.of("alice", "bob", "carol", "dave", "mallory")) {
            directory.add(
                    "dn: uid=" + uid + ",ou=people," + BASE,
                    "objectClass: inetOrgPerson",
                    "uid: " + uid,
                    "cn: " + uid,
                    "sn: " + uid,
                    "userPassword: " + uid + "-password");
        }
        group("platform-team", person("alice"));
        group("authors", "cn=platform-team,ou=groups," + BASE);
        group("admins", person("carol"));
        group("employees", person("alice"), person("bob"), person("carol"), person("dave"));
        group("sales", person("bob"));
        group("engineering", person("dave"), person("alice"));
    }

    private static String person(String uid) {
        return "uid=" + uid + ",ou=people," + BASE;
    }

    private static void group(String name, String... members) throws LDAPException, LDIFException {
        String[] lines = new String[3 + members.length];
        lines[0] = "dn: cn=" + name + ",ou=groups," + BASE;
        lines[1] = "objectClass: groupOfNames";
        lines[2] = "cn: " + name;
        for (int i = 0; i < members.length; i++) {
            lines[3 + i] = "member: " + members[i];
        }
        directory.add(lines);
    }

    private static Api as(String uid) {
        return Api.at(SERVER.base(), null).with("Authorization", Api.basicAuthorization(uid, uid + "-password"));
    }

    private static Set<String> strings(JsonObject object, String field) {
        return object.getJsonArray(field).getValuesAs(JsonString::getString).stream()
                .collect(Collectors.toSet());
    }

    /** A poll's electorate on the directory (issue 20): its audience groups' members as the directory lists them. */
    @Test
    void aPollsElectorateIsItsAudienceAsTheDirectoryListsIt() {
        assertEquals(1, electorate(List.of("sales")), "bob");
        assertEquals(3, electorate(List.of("engineering", "sales")), "dave, alice and bob, each once");
        assertEquals(4, electorate(List.of()), "no audience: the voter group, employees");
        assertEquals(0, electorate(List.of("no-such-group")));
        assertEquals(1, electorate(List.of("authors")), "alice, through platform-team: nested groups count");
    }

    private static int electorate(List<String> audience) {
        return TestPolls.create(
                        as("alice"),
                        TestPolls.withAudience(TestPolls.singleChoice("Electorate " + audience), audience)
                                .add("open", true))
                .getInt("eligible");
    }

    @Test
    void peopleSignInWithTheirDirectoryPassword() {
        assertEquals("bob", as("bob").get("/api/v1/me").json().getString("name"));
        Api wrong = Api.at(SERVER.base(), null).with("Authorization", Api.basicAuthorization("bob", "guess"));
        assertProblem(401, wrong.get("/api/v1/me"));
        Api unknown = Api.at(SERVER.base(), null).with("Authorization", Api.basicAuthorization("zoe", "zoe-password"));
        assertProblem(401, unknown.get("/api/v1/me"));
        assertEquals(
                401, Api.at(SERVER.base(), Voters.fresh()).get("/api/v1/me").status(), "no demo accounts here");
    }

    @Test
    void groupsGrantRolesNestedGroupsIncluded() {
        JsonObject alice = as("alice").get("/api/v1/me").json();
        assertTrue(
                strings(alice, "groups").containsAll(Set.of("platform-team", "authors", "employees")), alice::toString);
        assertEquals(Set.of("author", "voter"), strings(alice, "roles"), "author through platform-team");
        assertEquals(
                Set.of("admin", "voter"), strings(as("carol").get("/api/v1/me").json(), "roles"));
        assertEquals(Set.of("voter"), strings(as("bob").get("/api/v1/me").json(), "roles"));
        assertEquals(Set.of(), strings(as("mallory").get("/api/v1/me").json(), "roles"), "in no group: no role");
    }

    @Test
    void onlyTheAudienceGroupVotes() {
        JsonObject poll = TestPolls.create(
                as("alice"),
                TestPolls.withAudience(TestPolls.singleChoice("Sales offsite").add("open", true), List.of("sales")));
        String id = poll.getString("id");
        String option = Votes.optionIds(poll)[0];
        assertEquals(202, Votes.vote(as("bob"), id, option).status(), "bob is in sales");
        assertProblem(403, Votes.vote(as("dave"), id, option));
        assertProblem(
                403,
                as("bob")
                        .post(
                                "/api/v1/polls",
                                TestPolls.singleChoice("Not an author").build().toString()));
        Votes.awaitCounted(as("carol"), id, 1);
    }

    /**
     * A signed-in browser's roles follow the directory: taken out of a group, the person loses its role within the
     * group refresh (seconds here, minutes by default) without signing out; nested groups still count.
     */
    @Test
    void aSignedInBrowserLosesARoleSoonAfterTheDirectoryTakesItAway() throws Exception {
        String carol = signIn("carol");
        String alice = signIn("alice");
        assertEquals(Set.of("admin", "voter"), strings(me(carol), "roles"));
        directory.modify(
                "cn=admins,ou=groups," + BASE, new Modification(ModificationType.DELETE, "member", person("carol")));
        try {
            long deadline = System.currentTimeMillis() + 15_000;
            while (strings(me(carol), "roles").contains("admin") && System.currentTimeMillis() < deadline) {
                Votes.sleep(500);
            }
            assertEquals(Set.of("voter"), strings(me(carol), "roles"), "no longer an admin, still signed in");
            Votes.sleep(1500); // past alice's refresh too
            assertEquals(
                    Set.of("author", "voter"), strings(me(alice), "roles"), "a nested group still grants its role");
        } finally {
            directory.modify(
                    "cn=admins,ou=groups," + BASE, new Modification(ModificationType.ADD, "member", person("carol")));
        }
    }

    /**
     * An API client's password, once the directory accepted it, is taken without a bind for a short while (two
     * seconds here): a password changed in the directory, or a group taken away, counts once that has passed. A
     * wrong password is never taken for a right one that was.
     */
    @Test
    void aBasicCallersChangedPasswordAndGroupsCountSoonAfterTheDirectoryChanges() throws Exception {
        assertEquals(
                Set.of("admin", "voter"), strings(as("carol").get("/api/v1/me").json(), "roles"));
        Api guess = Api.at(SERVER.base(), null).with("Authorization", Api.basicAuthorization("carol", "guess"));
        assertProblem(401, guess.get("/api/v1/me"));
        directory.modify(
                "cn=admins,ou=groups," + BASE, new Modification(ModificationType.DELETE, "member", person("carol")));
        try {
            assertEquals(Set.of("voter"), awaitRoles("carol", Set.of("voter")), "no longer an admin");
        } finally {
            directory.modify(
                    "cn=admins,ou=groups," + BASE, new Modification(ModificationType.ADD, "member", person("carol")));
        }
        assertEquals(Set.of("admin", "voter"), awaitRoles("carol", Set.of("admin", "voter")), "an admin again");

        assertEquals(200, as("mallory").get("/api/v1/me").status());
        directory.modify(person("mallory"), new Modification(ModificationType.REPLACE, "userPassword", "changed"));
        try {
            Api changed =
                    Api.at(SERVER.base(), null).with("Authorization", Api.basicAuthorization("mallory", "changed"));
            assertEquals(200, changed.get("/api/v1/me").status(), "the new password at once");
            long deadline = System.currentTimeMillis() + 15_000;
            while (as("mallory").get("/api/v1/me").status() == 200 && System.currentTimeMillis() < deadline) {
                Votes.sleep(250);
            }
            assertProblem(401, as("mallory").get("/api/v1/me"));
        } finally {
            directory.modify(
                    person("mallory"), new Modification(ModificationType.REPLACE, "userPassword", "mallory-password"));
        }
    }

    private static Set<String> awaitRoles(String uid, Set<String> expected) {
        long deadline = System.currentTimeMillis() + 15_000;
        Set<String> roles = strings(as(uid).get("/api/v1/me").json(), "roles");
        while (!roles.equals(expected) && System.currentTimeMillis() < deadline) {
            Votes.sleep(250);
            roles = strings(as(uid).get("/api/v1/me").json(), "roles");
        }
        return roles;
    }

    /** An open results stream follows the directory too: its caller taken out of the poll's audience, it ends. */
    @Test
    void aResultsStreamEndsWhenItsCallerLeavesTheAudienceGroup() throws Exception {
        JsonObject poll = TestPolls.create(
                as("alice"),
                TestPolls.withAudience(
                        TestPolls.singleChoice("Engineering only").add("open", true), List.of("engineering")));
        try (ResultsStream stream = ResultsStream.openWith(
                SERVER.base(),
                poll.getString("id"),
                "Authorization",
                Api.basicAuthorization("dave", "dave-password"))) {
            assertEquals(200, stream.status());
            assertTrue(stream.next(java.time.Duration.ofSeconds(5)) != null, "the results at once");
            directory.modify(
                    "cn=engineering,ou=groups," + BASE,
                    new Modification(ModificationType.DELETE, "member", person("dave")));
            try {
                assertTrue(stream.awaitEnd(java.time.Duration.ofSeconds(15)), "out of the audience: the stream ended");
            } finally {
                directory.modify(
                        "cn=engineering,ou=groups," + BASE,
                        new Modification(ModificationType.ADD, "member", person("dave")));
            }
        }
    }

    private static String signIn(String uid) throws Exception {
        return FormSignIn.signIn(SERVER.base(), uid, uid + "-password");
    }

    private static JsonObject me(String session) {
        return Api.at(SERVER.base(), null)
                .with("Cookie", session)
                .get("/api/v1/me")
                .json();
    }
}
