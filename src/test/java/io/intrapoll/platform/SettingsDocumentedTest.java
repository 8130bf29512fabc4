package io.intrapoll.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * README's settings table, the server configuration's {@code <variable>} declarations and the code's
 * {@code @ConfigProperty} injections describe the same settings with the same defaults.
 */
class SettingsDocumentedTest {

    private static final Path CONFIG = Path.of("src/main/liberty/config");
    private static final Pattern INJECTED = Pattern.compile("@ConfigProperty\\(([^)]*)\\)");
    private static final Pattern NAME = Pattern.compile("name = \"([^\"]+)\"");
    private static final Pattern CODE = Pattern.compile("`([^`]*)`");

    /** Per setting, the defaults its declarations give (one per configuration that declares it, e.g. H2's). */
    private static Map<String, Set<String>> declared;

    private static Map<String, String> documented;

    @BeforeAll
    static void read() throws Exception {
        declared = declaredDefaults();
        documented = readmeTable();
    }

    @Test
    void everyDeclaredSettingIsInTheReadmeTableAndNothingElseIs() {
        Set<String> undocumented = new TreeSet<>(declared.keySet());
        undocumented.removeAll(documented.keySet());
        Set<String> undeclared = new TreeSet<>(documented.keySet());
        undeclared.removeAll(declared.keySet());
        assertEquals(Set.of(), undocumented, "declared, not in README's table");
        assertEquals(Set.of(), undeclared, "in README's table, not declared");
    }

    @Test
    void theReadmeTableGivesEachSettingsDeclaredDefault() {
        Map<String, String> wrong = new TreeMap<>();
        declared.forEach((setting, defaults) -> {
            String cell = documented.get(setting);
            boolean right = cell == null // reported by the test above
                    || (defaults.equals(Set.of(""))
                            ? cell.startsWith("empty")
                            : codeSpans(cell).equals(defaults));
            if (!right) {
                wrong.put(setting, "README says " + cell + "; declared " + defaults);
            }
        });
        assertEquals(Map.of(), wrong);
    }

    @Test
    void everySettingTheCodeReadsIsDeclaredWithItsDefaultInTheConfiguration() throws IOException {
        Set<String> injected = injectedSettings();
        assertFalse(injected.isEmpty(), "no @ConfigProperty found: the scan is broken");
        Set<String> undeclared = new TreeSet<>(injected);
        undeclared.removeAll(declared.keySet());
        assertEquals(Set.of(), undeclared, "read by the code, declared nowhere");
    }

    @Test
    void theCodeHoldsNoSecondDefault() throws IOException {
        try (Stream<Path> sources = javaSources()) {
            List<String> withDefaults = new ArrayList<>();
            for (Path source : sources.toList()) {
                Matcher injection = INJECTED.matcher(Files.readString(source));
                while (injection.find()) {
                    if (injection.group(1).contains("defaultValue")) {
                        withDefaults.add(source.getFileName() + ": " + injection.group());
                    }
                }
            }
            assertEquals(List.of(), withDefaults);
        }
    }

    private static Map<String, Set<String>> declaredDefaults() throws Exception {
        Map<String, Set<String>> defaults = new TreeMap<>();
        var factory = DocumentBuilderFactory.newInstance();
        try (Stream<Path> files = Files.walk(CONFIG)) {
            for (Path file :
                    files.filter(path -> path.toString().endsWith(".xml")).toList()) {
                NodeList variables =
                        factory.newDocumentBuilder().parse(file.toFile()).getElementsByTagName("variable");
                for (int i = 0; i < variables.getLength(); i++) {
                    Element variable = (Element) variables.item(i);
                    // value= fixes a setting (not a tunable); defaultValue= declares one.
                    if (variable.hasAttribute("defaultValue")) {
                        defaults.computeIfAbsent(variable.getAttribute("name"), name -> new TreeSet<>())
                                .add(variable.getAttribute("defaultValue"));
                    }
                }
            }
        }
        return defaults;
    }

    /** The rows of README's table under "## Configuration": setting -> its default cell. */
    private static Map<String, String> readmeTable() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        String section = readme.substring(readme.indexOf("\n## Configuration\n"));
        section = section.substring(0, section.indexOf("\n## ", 1));
        Map<String, String> rows = new TreeMap<>();
        for (String line : section.lines().toList()) {
            if (line.startsWith("| `")) {
                String[] cells = line.split(" \\| ");
                List<String> names = codeSpans(cells[0]).stream().toList();
                assertEquals(1, names.size(), "one setting per row: " + line);
                assertNull(rows.put(names.get(0), cells[1]), "listed twice: " + names.get(0));
            }
        }
        return rows;
    }

    private static Set<String> codeSpans(String cell) {
        Set<String> spans = new TreeSet<>();
        Matcher code = CODE.matcher(cell);
        while (code.find()) {
            spans.add(code.group(1));
        }
        return spans;
    }

    private static Set<String> injectedSettings() throws IOException {
        try (Stream<Path> sources = javaSources()) {
            return sources.flatMap(source -> {
                        try {
                            return INJECTED.matcher(Files.readString(source)).results();
                        } catch (IOException e) {
                            throw new IllegalStateException(e);
                        }
                    })
                    .map(injection -> NAME.matcher(injection.group(1)))
                    .filter(Matcher::find)
                    .map(name -> name.group(1))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    private static Stream<Path> javaSources() throws IOException {
        return Files.walk(Path.of("src/main/java"))
                .filter(path -> path.toString().endsWith(".java"));
    }
}
