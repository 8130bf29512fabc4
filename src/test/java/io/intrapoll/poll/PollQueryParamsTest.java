package io.intrapoll.poll;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The list call's query parameters: a bad one names itself; good ones become the query. */
class PollQueryParamsTest {

    private static final ValidatorFactory VALIDATORS = Validation.buildDefaultValidatorFactory();

    @AfterAll
    static void close() {
        VALIDATORS.close();
    }

    private static PollQueryParams params(String status, String q, String page, String size) {
        PollQueryParams params = new PollQueryParams();
        params.status = status;
        params.q = q;
        params.page = page;
        params.size = size;
        return params;
    }

    private static Set<String> invalid(PollQueryParams params) {
        return VALIDATORS.getValidator().validate(params).stream()
                .map(ConstraintViolation::getPropertyPath)
                .map(Object::toString)
                .collect(Collectors.toSet());
    }

    @Test
    void pageSizeOutsideOneToHundredIsRefused() {
        assertEquals(Set.of("size"), invalid(params(null, null, null, "0")));
        assertEquals(Set.of("size"), invalid(params(null, null, null, "101")));
        assertEquals(Set.of("size"), invalid(params(null, null, null, "ten")));
        assertEquals(Set.of("size"), invalid(params(null, null, null, "2.5")));
        assertEquals(Set.of("page"), invalid(params(null, null, "-1", null)));
        assertEquals(Set.of(), invalid(params(null, null, "0", "100")));
        assertEquals(Set.of(), invalid(params(null, null, null, "1")));
    }

    @Test
    void everyBadParameterIsNamedAtOnce() {
        assertEquals(Set.of("status", "q", "page", "size"), invalid(params("GONE", "x".repeat(201), "first", "0")));
        var message = VALIDATORS
                .getValidator()
                .validate(params(null, null, null, "0"))
                .iterator()
                .next()
                .getMessage();
        assertEquals("must be a whole number from 1 to 100", message);
    }

    @Test
    void statusIsTakenInAnyCase() {
        for (PollStatus status : PollStatus.values()) {
            String name = status.name();
            for (String sent : Set.of(name, name.toLowerCase(Locale.ROOT), " " + name + " ")) {
                var params = params(sent, null, null, null);
                assertEquals(Set.of(), invalid(params), sent);
                assertEquals(status, params.query().status());
            }
        }
        assertEquals(
                Set.of("DRAFT", "OPEN", "CLOSED", "ARCHIVED"),
                Arrays.stream(PollStatus.values()).map(Enum::name).collect(Collectors.toSet()),
                "the status pattern lists every status");
    }

    @Test
    void absentOrBlankParametersTakeTheirDefaults() {
        assertEquals(
                new PollQuery(null, null, 0, 20, false),
                params(null, null, null, null).query());
        assertEquals(
                new PollQuery(null, null, 0, 20, false),
                params(" ", " ", "", " ").query());
        assertEquals(
                new PollQuery(PollStatus.OPEN, "lunch", 2, 5, false),
                params("open", " lunch ", "2", " 5").query());
    }

    @Test
    void sortIsNewestUnlessClosingIsAskedFor() {
        PollQueryParams closing = params(null, null, null, null);
        closing.sort = " Closing ";
        assertEquals(Set.of(), invalid(closing));
        assertEquals(true, closing.query().closingFirst());
        PollQueryParams newest = params(null, null, null, null);
        newest.sort = "newest";
        assertEquals(false, newest.query().closingFirst());
        PollQueryParams unknown = params(null, null, null, null);
        unknown.sort = "oldest";
        assertEquals(Set.of("sort"), invalid(unknown));
    }
}
