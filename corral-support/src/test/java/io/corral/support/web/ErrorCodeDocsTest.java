package io.corral.support.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The error table of docs/api.md is what the services answer: the same names, each with
 * its status.
 */
class ErrorCodeDocsTest {

    private static final Path API_DOC = Path.of("..", "docs", "api.md");

    private static final String TABLE_HEADER = "| status | name | when |";

    record DocumentedError(String name, int status) {
    }

    @Test
    void theDocumentedErrorsAreTheErrorCodes() throws IOException {
        List<DocumentedError> codes = Arrays.stream(ErrorCode.values())
            .map(code -> new DocumentedError(code.wireName(), code.status().value()))
            .toList();

        assertThat(documentedErrors()).containsExactlyInAnyOrderElementsOf(codes);
    }

    @Test
    void noNameHasTwoStatuses() {
        assertThat(Arrays.stream(ErrorCode.values()).map(ErrorCode::wireName)).doesNotHaveDuplicates();
    }

    /**
     * The rows of the table under "### Errors": {@code | 404 | `TaskNotFound` | when |}.
     */
    private static List<DocumentedError> documentedErrors() throws IOException {
        List<String> lines = Files.readAllLines(API_DOC);
        int header = lines.indexOf(TABLE_HEADER);
        assertThat(header).as("the error table of %s", API_DOC).isNotNegative();
        return lines.stream()
            .skip(header + 2)
            .takeWhile(line -> line.startsWith("|"))
            .map(line -> line.split("\\|"))
            .map(cells -> new DocumentedError(cells[2].replace("`", "").strip(), Integer.parseInt(cells[1].strip())))
            .toList();
    }

}
