package io.intrapoll.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The message bundles of the pages (src/main/webapp/assets/i18n): English, German and French hold the same keys with
 * the same placeholders, every key a page names is there, every key there is named by a page, and no page (the voter
 * pages, the console, sign-in, the embedded page) carries text of its own outside the bundles.
 */
class MessageBundlesTest {

    private static final Path WEBAPP = Path.of("src/main/webapp");
    private static final List<String> LANGUAGES = List.of("en", "de", "fr");
    private static final Set<String> PLURAL_CATEGORIES = Set.of("zero", "one", "two", "few", "many", "other");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\w+)}");

    @Test
    void everyLanguageHasTheKeysOfEveryOther() throws IOException {
        Map<String, Set<String>> keys = new LinkedHashMap<>();
        for (String language : LANGUAGES) {
            keys.put(language, new TreeSet<>(bundle(language).keySet()));
        }
        Set<String> all = new TreeSet<>();
        keys.values().forEach(all::addAll);
        Map<String, Set<String>> missing = new TreeMap<>();
        keys.forEach((language, present) -> {
            Set<String> lacking = new TreeSet<>(all);
            lacking.removeAll(present);
            if (!lacking.isEmpty()) {
                missing.put(language, lacking);
            }
        });
        assertEquals(Map.of(), missing, "keys a bundle lacks that another has");
    }

    @Test
    void everyMessageIsWrittenWithTheSamePlaceholders() throws IOException {
        JsonObject english = bundle("en");
        List<String> wrong = new ArrayList<>();
        for (String language : LANGUAGES) {
            JsonObject bundle = bundle(language);
            for (String key : bundle.keySet()) {
                List<String> forms = forms(bundle.get(key));
                if (forms.isEmpty() || forms.stream().anyMatch(String::isBlank)) {
                    wrong.add(language + " " + key + ": empty, or plural forms without \"other\" or with unknown ones");
                    continue;
                }
                if (english.containsKey(key) && !placeholders(forms).equals(placeholders(forms(english.get(key))))) {
                    wrong.add(language + " " + key + ": placeholders " + placeholders(forms) + ", English "
                            + placeholders(forms(english.get(key))));
                }
            }
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void everyKeyThePagesNameIsInTheBundleAndEveryKeyThereIsNamed() throws IOException {
        JsonObject english = bundle("en");
        Set<String> namespaces = new TreeSet<>();
        english.keySet().forEach(key -> namespaces.add(key.substring(0, key.indexOf('.'))));
        Set<String> named = new TreeSet<>();
        Set<String> prefixes = new TreeSet<>();
        for (Path file : sources()) {
            String text = Files.readString(file);
            collect(Pattern.compile("data-i18n=\"([^\"]+)\""), text, named);
            Matcher attributes = Pattern.compile("data-i18n-attr(?:=|': *)[\"'`]([^\"'`]+)[\"'`]")
                    .matcher(text);
            while (attributes.find()) {
                for (String pair : attributes.group(1).trim().split("\\s+")) {
                    if (!pair.contains("${")) { // elements.js's navigation label: a literal key as well
                        named.add(pair.substring(pair.indexOf(':') + 1));
                    }
                }
            }
            // Keys in scripts: every string literal that looks like one of a bundle's namespaces ...
            Matcher literals =
                    Pattern.compile("'([a-z]+(?:\\.[A-Za-z0-9_-]+)+)'").matcher(text);
            while (literals.find()) {
                String literal = literals.group(1);
                if (namespaces.contains(literal.substring(0, literal.indexOf('.')))) {
                    named.add(literal);
                }
            }
            // ... and keys made at run time from a prefix: t(`type.${poll.type}`)
            collect(Pattern.compile("t\\(`([a-z]+(?:\\.[A-Za-z0-9_-]+)*\\.)\\$\\{"), text, prefixes);
        }
        Set<String> unknown = new TreeSet<>(named);
        unknown.removeAll(english.keySet());
        assertEquals(Set.of(), unknown, "keys the pages name that en.json lacks");
        prefixes.forEach(prefix -> assertTrue(
                english.keySet().stream().anyMatch(key -> key.startsWith(prefix)), "no key starts with " + prefix));

        Set<String> unused = new TreeSet<>(english.keySet());
        unused.removeAll(named);
        unused.removeIf(key -> prefixes.stream().anyMatch(key::startsWith));
        assertEquals(Set.of(), unused, "keys no page names");
    }

    /** The English written in the pages and in elements.js, shown until a bundle is in, is the bundle's English. */
    @Test
    void theEnglishInThePagesIsTheBundlesEnglish() throws IOException {
        JsonObject english = bundle("en");
        Map<String, String> differing = new TreeMap<>();
        for (Path page : files(".html")) {
            Matcher texts =
                    Pattern.compile("data-i18n=\"([^\"]+)\"[^>]*>([^<]*)<").matcher(Files.readString(page));
            while (texts.find()) {
                String expected = english.getString(texts.group(1), null);
                if (!texts.group(2).equals(expected)) {
                    differing.put(page + " " + texts.group(1), texts.group(2) + " / " + expected);
                }
            }
        }
        Matcher fallbacks = Pattern.compile("^\\s+'([a-z]+\\.[a-z.-]+)': '([^']*)',$", Pattern.MULTILINE)
                .matcher(Files.readString(WEBAPP.resolve("assets/elements.js")));
        int count = 0;
        while (fallbacks.find()) {
            count++;
            if (!fallbacks.group(2).equals(english.getString(fallbacks.group(1), null))) {
                differing.put("elements.js " + fallbacks.group(1), fallbacks.group(2));
            }
        }
        assertTrue(count > 10, "elements.js's English fallbacks were not found");
        assertEquals(Map.of(), differing, "page text / en.json");
    }

    /** Text between tags outside an element that names its message: words a translation would miss. */
    @Test
    void theTranslatedPagesHaveNoTextOfTheirOwn() throws IOException {
        Pattern text = Pattern.compile("<([a-zA-Z][^>]*)>([^<]+)<");
        List<String> untranslated = new ArrayList<>();
        for (Path page : files(".html")) {
            String html = Files.readString(page);
            html = html.replaceAll("(?s)<head>.*?<title", "<head><title")
                    .replaceAll("(?s)</title>.*?</head>", "</title></head>");
            Matcher found = text.matcher(html);
            while (found.find()) {
                String words = found.group(2).strip();
                boolean translated = found.group(1).contains("data-i18n=");
                // Punctuation, the product's name, and the audit trail's action names (data, not words) stay.
                boolean data = words.matches("[·|↗#\\d\\s]*")
                        || words.equals("Intrapoll")
                        || words.matches("[a-z]+(\\.[a-z-]+)*");
                if (!translated && !data) {
                    untranslated.add(page + ": " + words);
                }
            }
        }
        assertEquals(List.of(), untranslated);
        // And scripts: no sentence-like literal in the voter pages' scripts outside the bundles.
        Pattern sentence = Pattern.compile("(?m)^(?!\\s*(?://|\\*)).*?(['`])([A-Z][a-z]+[ ,:][^'`]*)\\1");
        List<String> literals = new ArrayList<>();
        for (Path script : files(".js")) {
            Matcher found = sentence.matcher(Files.readString(script));
            while (found.find()) {
                boolean fallback = found.group().matches("\\s+'[a-z]+\\.[a-z.-]+': '.*")
                        || found.group().contains("brand:");
                if (!fallback && !found.group().contains("console.warn")) {
                    literals.add(script + ": " + found.group(2));
                }
            }
        }
        assertEquals(List.of(), literals, "text in scripts that is not in the bundles");
    }

    private static JsonObject bundle(String language) throws IOException {
        try (Reader in = Files.newBufferedReader(WEBAPP.resolve("assets/i18n/" + language + ".json"))) {
            return Json.createReader(in).readObject();
        }
    }

    /** A message's forms: itself, or its plural forms (which must include "other" and only CLDR's categories). */
    private static List<String> forms(JsonValue message) {
        if (message instanceof JsonString string) {
            return List.of(string.getString());
        }
        JsonObject plural = message.asJsonObject();
        if (!plural.containsKey("other") || !PLURAL_CATEGORIES.containsAll(plural.keySet())) {
            return List.of();
        }
        return plural.values().stream()
                .map(form -> ((JsonString) form).getString())
                .toList();
    }

    private static Set<String> placeholders(List<String> forms) {
        Set<String> names = new TreeSet<>();
        forms.forEach(form -> collect(PLACEHOLDER, form, names));
        return names;
    }

    private static void collect(Pattern pattern, String text, Set<String> into) {
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            into.add(matcher.group(1));
        }
    }

    private static List<Path> sources() throws IOException {
        try (Stream<Path> files = Files.walk(WEBAPP)) {
            // i18n.js itself only says how keys are written.
            List<Path> sources = files.filter(file ->
                            file.toString().endsWith(".js") || file.toString().endsWith(".html"))
                    .filter(file -> !file.endsWith("i18n.js"))
                    .toList();
            assertFalse(sources.isEmpty());
            return sources;
        }
    }

    /** The pages (every one is translated) or their scripts, but i18n.js, which only says how keys are written. */
    private static List<Path> files(String suffix) throws IOException {
        return sources().stream()
                .filter(file -> file.toString().endsWith(suffix))
                .toList();
    }
}
