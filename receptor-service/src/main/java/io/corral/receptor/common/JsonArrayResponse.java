package io.corral.receptor.common;

import io.corral.receptor.client.ReceptorJson;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.function.Consumer;
import org.springframework.http.MediaType;
import tools.jackson.core.JsonGenerator;

/**
 * Writes a JSON array element by element, so listing every record holds only one in
 * memory.
 */
public final class JsonArrayResponse {

    private JsonArrayResponse() {
    }

    /** {@code source} hands each element to the consumer it is given, in order. */
    public static <T> void write(HttpServletResponse response, Consumer<Consumer<T>> source) throws IOException {
        writeElements(response,
                generator -> source.accept(element -> ReceptorJson.mapper().writeValue(generator, element)));
    }

    /**
     * {@code elements} writes each element to the generator itself, between the array's
     * brackets.
     */
    public static void writeElements(HttpServletResponse response, Consumer<JsonGenerator> elements)
            throws IOException {
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        try (JsonGenerator generator = ReceptorJson.mapper().createGenerator(response.getOutputStream())) {
            generator.writeStartArray();
            elements.accept(generator);
            generator.writeEndArray();
        }
    }

}
