package io.intrapoll.platform;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.Provider;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;

/** Reads the API's request bodies, which are records, strictly ({@link JsonBodies}); ahead of the runtime's JSON-B. */
@Provider
@Consumes({MediaType.APPLICATION_JSON, RecordBodyReader.MERGE_PATCH})
@Priority(Priorities.ENTITY_CODER)
public class RecordBodyReader implements MessageBodyReader<Record> {

    public static final String MERGE_PATCH = "application/merge-patch+json";

    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return type.isRecord();
    }

    @Override
    public Record readFrom(
            Class<Record> type,
            Type genericType,
            Annotation[] annotations,
            MediaType mediaType,
            MultivaluedMap<String, String> httpHeaders,
            InputStream entityStream) {
        return JsonBodies.read(entityStream, type);
    }
}
