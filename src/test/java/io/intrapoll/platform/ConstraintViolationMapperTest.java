package io.intrapoll.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.validation.Valid;
import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** A violation names what the client sent: a parameter by its request name, a body field by its path. */
class ConstraintViolationMapperTest {

    private static final ValidatorFactory VALIDATORS = Validation.buildDefaultValidatorFactory();

    @AfterAll
    static void close() {
        VALIDATORS.close();
    }

    public static class Params {
        @QueryParam("page-size")
        @WholeNumber(min = 1, max = 100)
        String pageSize;
    }

    public record Item(@NotBlank String label) {}

    public record Body(@Valid List<Item> items, List<@NotNull String> ids) {}

    public static class Resource {
        public void list(@Valid @BeanParam Params params, @QueryParam("q") @Size(max = 3) String q) {}

        public void send(
                @PathParam("id") String id,
                @HeaderParam("Idempotency-Key") @Size(min = 1, max = 100) String key,
                @Valid Body body) {}
    }

    private static Set<String> fields(String name, Object... arguments) {
        Method method = Arrays.stream(Resource.class.getMethods())
                .filter(candidate -> candidate.getName().equals(name))
                .findFirst()
                .orElseThrow();
        return VALIDATORS.getValidator().forExecutables().validateParameters(new Resource(), method, arguments).stream()
                .map(violation -> ConstraintViolationMapper.field(violation, method))
                .collect(Collectors.toSet());
    }

    @Test
    void parametersAreNamedAsInTheRequest() {
        Params params = new Params();
        params.pageSize = "ten";
        assertEquals(Set.of("page-size", "q"), fields("list", params, "long"));
        assertEquals(Set.of("Idempotency-Key"), fields("send", "p", "", new Body(List.of(), List.of())));
    }

    @Test
    void bodyFieldsAreNamedByTheirPath() {
        var body = new Body(List.of(new Item("a"), new Item(" ")), Arrays.asList("x", null));
        assertEquals(Set.of("items[1].label", "ids[1]"), fields("send", "p", null, body));
    }
}
