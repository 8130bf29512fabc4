package io.intrapoll.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DemoSettingsTest {

    private static DemoSettings settings(String database, boolean allowed, String registry, String auditKey) {
        DemoSettings settings = new DemoSettings();
        settings.database = database;
        settings.allowed = allowed;
        settings.registry = registry;
        settings.voterKeySecret = "a-real-voter-key";
        settings.auditKey = auditKey;
        settings.keystorePassword = "a-real-keystore-password";
        return settings;
    }

    @Test
    void aServerOnPostgresqlWithADemoSettingDoesNotStart() {
        IllegalStateException refused = assertThrows(
                IllegalStateException.class,
                () -> settings("postgresql", false, "ldap", "intrapoll-demo-audit-key-change-me")
                        .check(null));
        assertTrue(refused.getMessage().contains("intrapoll.audit.key"), refused.getMessage());
        assertThrows(
                IllegalStateException.class,
                () -> settings("postgresql", false, "demo", "a-real-audit-key").check(null));
    }

    @Test
    void realValuesStartAndSoDoTheEmbeddedDefaultAndTestEnvironments() {
        settings("postgresql", false, "ldap", "a-real-audit-key").check(null);
        settings("h2", false, "demo", "intrapoll-demo-audit-key-change-me").check(null);
        settings("postgresql", true, "demo", "intrapoll-demo-audit-key-change-me")
                .check(null);
    }

    @Test
    void namesEveryDemoValueInUse() {
        assertEquals(
                List.of("intrapoll.keystore.password", "intrapoll.registry", "intrapoll.voter-key.secret"),
                DemoSettings.demoValuesIn(Map.of(
                        "intrapoll.registry", "demo",
                        "intrapoll.voter-key.secret", "intrapoll-demo-secret-change-me",
                        "intrapoll.audit.key", "x",
                        "intrapoll.keystore.password", "intrapoll-demo-keystore")));
    }
}
