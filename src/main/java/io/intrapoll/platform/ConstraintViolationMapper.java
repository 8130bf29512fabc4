package io.intrapoll.platform;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Set;

/**
 * Bean Validation of a request (its parameters, and the body's shape): a 400 naming each invalid parameter or body
 * field as the client wrote it, such as {@code size}, {@code Idempotency-Key} or {@code audienceGroups[1]}.
 */
@Provider
public class ConstraintViolationMapper implements ExceptionMapper<ConstraintViolationException> {

    @Context
    UriInfo uriInfo;

    @Context
    ResourceInfo resourceInfo;

    @Override
    public Response toResponse(ConstraintViolationException exception) {
        Set<ConstraintViolation<?>> violations =
                exception.getConstraintViolations() == null ? Set.of() : exception.getConstraintViolations();
        var errors = violations.stream()
                .map(violation -> new Problem.FieldError(
                        field(violation, resourceInfo.getResourceMethod()), violation.getMessage()))
                .toList();
        return ProblemException.invalidFields(errors)
                .problem()
                .withInstance(uriInfo.getRequestUri().getRawPath())
                .toResponse();
    }

    /**
     * A violation's path without the method and parameter ({@code vote.ballot.optionIds[0].<list element>} is
     * {@code optionIds[0]}); a query or header parameter, also one gathered in a {@link BeanParam}, by its own name.
     */
    static String field(ConstraintViolation<?> violation, Method resourceMethod) {
        StringBuilder field = new StringBuilder();
        Class<?> beanParam = null;
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == ElementKind.PARAMETER) {
                int index = node.as(Path.ParameterNode.class).getParameterIndex();
                Annotation[] annotations = resourceMethod == null || index >= resourceMethod.getParameterCount()
                        ? new Annotation[0]
                        : resourceMethod.getParameterAnnotations()[index];
                field.append(requestName(annotations));
                beanParam = Arrays.stream(annotations).anyMatch(BeanParam.class::isInstance)
                        ? resourceMethod.getParameterTypes()[index]
                        : null;
            } else if (node.getKind() == ElementKind.PROPERTY || node.getKind() == ElementKind.CONTAINER_ELEMENT) {
                if (node.isInIterable()) {
                    field.append('[')
                            .append(node.getIndex() != null ? node.getIndex() : node.getKey())
                            .append(']');
                }
                if (node.getKind() == ElementKind.PROPERTY) {
                    String name = beanParam == null ? "" : requestName(fieldAnnotations(beanParam, node.getName()));
                    field.append(field.isEmpty() ? "" : ".").append(name.isEmpty() ? node.getName() : name);
                    beanParam = null;
                }
            }
        }
        return field.toString();
    }

    private static Annotation[] fieldAnnotations(Class<?> type, String name) {
        for (Class<?> declaring = type; declaring != null; declaring = declaring.getSuperclass()) {
            try {
                return declaring.getDeclaredField(name).getAnnotations();
            } catch (NoSuchFieldException e) {
                // declared higher up, if anywhere
            }
        }
        return new Annotation[0];
    }

    /** The name a parameter has in the request; none for the body or a bean of parameters, whose fields follow. */
    private static String requestName(Annotation[] annotations) {
        for (Annotation annotation : annotations) {
            if (annotation instanceof QueryParam query) {
                return query.value();
            } else if (annotation instanceof HeaderParam header) {
                return header.value();
            } else if (annotation instanceof PathParam path) {
                return path.value();
            } else if (annotation instanceof FormParam form) {
                return form.value();
            } else if (annotation instanceof CookieParam cookie) {
                return cookie.value();
            }
        }
        return "";
    }
}
