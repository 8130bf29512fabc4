package io.intrapoll.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.openapi.api.OpenApiConfigImpl;
import io.smallrye.openapi.runtime.OpenApiProcessor;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbTransient;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.DotName;
import org.jboss.jandex.FieldInfo;
import org.jboss.jandex.Index;
import org.jboss.jandex.Indexer;
import org.jboss.jandex.RecordComponentInfo;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The document that /openapi serves, built without a server: SmallRye OpenAPI (what Liberty's mpOpenAPI runs) reads
 * the compiled classes with the OpenAPI settings of server.xml.
 */
class OpenApiDocumentTest {

    /**
     * What Liberty's mpOpenAPI sets before server.xml does: it leaves private fields out of schemas, as JSON-B does
     * (OpenLiberty issue 30123), which leaves a record's unannotated components out too.
     */
    private static final Map<String, String> LIBERTY_DEFAULTS =
            Map.of("mp.openapi.extensions.smallrye.private-properties.enable", "false");

    private static Index application;
    private static OpenAPI document;

    @BeforeAll
    static void buildTheDocument() throws Exception {
        var config = new OpenApiConfigImpl(new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(LIBERTY_DEFAULTS, "Liberty", 100))
                .withSources(new PropertiesConfigSource(openApiSettingsOfTheServer(), "server.xml", 500))
                .build());
        application = indexOfTheApplication();
        document = OpenApiProcessor.bootstrap(config, application, OpenApiDocumentTest.class.getClassLoader());
    }

    /** A generated client reads only what the document describes: every field the API writes must be in it. */
    @Test
    void everyFieldOfARecordTheApiWritesIsInItsSchema() {
        DotName schema = DotName.createSimple(Schema.class);
        Map<String, List<String>> missing = new TreeMap<>();
        for (ClassInfo type : application.getKnownClasses()) {
            AnnotationInstance named = type.declaredAnnotation(schema);
            if (!type.isRecord() || named == null || named.value("name") == null) {
                continue;
            }
            String name = named.value("name").asString();
            var declared = document.getComponents().getSchemas().get(name);
            assertNotNull(declared, "no schema " + name);
            var properties = declared.getProperties() == null ? Map.of() : declared.getProperties();
            for (RecordComponentInfo component : type.recordComponents()) {
                String property = writtenAs(type, component);
                if (property != null && !properties.containsKey(property)) {
                    missing.computeIfAbsent(name, key -> new ArrayList<>()).add(property);
                }
            }
        }
        assertEquals(Map.of(), missing, "fields the API writes that its schemas leave out");
    }

    /**
     * The JSON name of a record component, or null when JSON-B or the document leaves it out. The annotations sit on
     * the component's field (neither @Schema nor JSON-B's annotations target record components).
     */
    private static String writtenAs(ClassInfo record, RecordComponentInfo component) {
        FieldInfo field = record.field(component.name());
        AnnotationInstance schema = field.annotation(DotName.createSimple(Schema.class));
        boolean hidden = schema != null
                && schema.value("hidden") != null
                && schema.value("hidden").asBoolean();
        if (hidden || field.hasAnnotation(DotName.createSimple(JsonbTransient.class))) {
            return null;
        }
        AnnotationInstance property = field.annotation(DotName.createSimple(JsonbProperty.class));
        return property == null ? component.name() : property.value().asString();
    }

    @Test
    void everyOperationHasAnOperationIdOfItsOwn() {
        Map<String, List<String>> byId = new TreeMap<>();
        List<String> withoutId = new ArrayList<>();
        operations().forEach((name, operation) -> {
            String id = operation.getOperationId();
            if (id == null || id.isBlank()) {
                withoutId.add(name);
            } else {
                byId.computeIfAbsent(id, key -> new ArrayList<>()).add(name);
            }
        });
        assertEquals(List.of(), withoutId, "operations without an operationId");
        byId.values().removeIf(names -> names.size() == 1);
        assertEquals(Map.of(), byId, "operationIds used more than once");
    }

    @Test
    void everyErrorResponseIsAProblem() {
        assertTrue(document.getComponents().getSchemas().containsKey("Problem"), "the Problem schema");
        List<String> notProblems = new ArrayList<>();
        operations()
                .forEach((name, operation) -> operation
                        .getResponses()
                        .getAPIResponses()
                        .forEach((status, response) -> {
                            if ((status.startsWith("4") || status.startsWith("5")) && !isProblem(shared(response))) {
                                notProblems.add(name + " " + status);
                            }
                        }));
        assertEquals(List.of(), notProblems, "error responses that are not application/problem+json Problems");
    }

    /** The response a reference (#/components/responses/NotFound) names, which must exist. */
    private static APIResponse shared(APIResponse response) {
        if (response.getRef() == null) {
            return response;
        }
        String name = response.getRef().substring(response.getRef().lastIndexOf('/') + 1);
        Map<String, APIResponse> declared = document.getComponents().getResponses();
        APIResponse shared = declared == null ? null : declared.get(name);
        assertNotNull(shared, "no shared response " + response.getRef());
        return shared;
    }

    private static boolean isProblem(APIResponse response) {
        MediaType problem =
                response.getContent() == null ? null : response.getContent().getMediaType(Problem.MEDIA_TYPE);
        return problem != null
                && problem.getSchema() != null
                && "#/components/schemas/Problem".equals(problem.getSchema().getRef());
    }

    /** Every operation of the document, named as in "GET /api/v1/polls/{id}". */
    private static Map<String, Operation> operations() {
        Map<String, Operation> operations = new TreeMap<>();
        document.getPaths()
                .getPathItems()
                .forEach((path, item) -> item.getOperations()
                        .forEach((method, operation) -> operations.put(method + " " + path, operation)));
        return operations;
    }

    /** The application's own classes: the server scans no library (server.xml). */
    private static Index indexOfTheApplication() throws Exception {
        Path classes = Path.of(RestApplication.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        Indexer indexer = new Indexer();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                try (InputStream in = Files.newInputStream(file)) {
                    indexer.index(in);
                }
            }
        }
        return indexer.complete();
    }

    /**
     * The mp.openapi.* variables of server.xml, which Liberty hands to MicroProfile OpenAPI as configuration, and the
     * application's microprofile-config.properties.
     */
    private static Map<String, String> openApiSettingsOfTheServer() throws Exception {
        NodeList variables = DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(Path.of("src/main/liberty/config/server.xml").toFile())
                .getElementsByTagName("variable");
        Map<String, String> settings = new HashMap<>();
        for (int i = 0; i < variables.getLength(); i++) {
            Element variable = (Element) variables.item(i);
            if (variable.getAttribute("name").startsWith("mp.openapi.")) {
                settings.put(variable.getAttribute("name"), variable.getAttribute("value"));
            }
        }
        // and the application's own (the model reader)
        Properties application = new Properties();
        try (var in = Files.newInputStream(Path.of("src/main/resources/META-INF/microprofile-config.properties"))) {
            application.load(in);
        }
        application.stringPropertyNames().stream()
                .filter(name -> name.startsWith("mp.openapi."))
                .forEach(name -> settings.put(name, application.getProperty(name)));
        return settings;
    }
}
