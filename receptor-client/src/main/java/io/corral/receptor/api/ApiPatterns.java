package io.corral.receptor.api;

import java.util.regex.Pattern;

/** Formats and limits the API enforces, in one place for requests and docs alike. */
public final class ApiPatterns {

    /** process_guid, task_guid, instance_guid, cell_id. */
    public static final String GUID = "[A-Za-z0-9_-]+";

    public static final String GUID_MESSAGE = "must match [A-Za-z0-9_-]+";

    /** domains and placement tags. */
    public static final String NAME = "[A-Za-z0-9_.-]+";

    public static final String NAME_MESSAGE = "must match [A-Za-z0-9_.-]+";

    public static final int MAX_GUID_LENGTH = 255;

    public static final int MAX_INSTANCES = 10_000;

    public static final int MAX_MEMORY_MB = 1_048_576;

    public static final int MAX_DISK_MB = 10_485_760;

    public static final int MAX_LIST_SIZE = 256;

    public static final int MAX_TAGS = 32;

    public static final int MAX_ANNOTATION_BYTES = 10 * 1024;

    /** Instances and tasks together in one {@code POST /v1/assignments}. */
    public static final int MAX_ASSIGNMENTS = 1000;

    /** What {@link #isGuid} asks of a value, for its error. */
    public static final String GUID_RULE = GUID_MESSAGE + " and be at most " + MAX_GUID_LENGTH + " characters";

    /** What {@link #isName} asks of a value, for its error. */
    public static final String NAME_RULE = NAME_MESSAGE + " and be at most " + MAX_GUID_LENGTH + " characters";

    private static final Pattern GUID_PATTERN = Pattern.compile(GUID);

    private static final Pattern NAME_PATTERN = Pattern.compile(NAME);

    private ApiPatterns() {
    }

    /** A guid of at most {@link #MAX_GUID_LENGTH} characters, as {@link #GUID} says. */
    public static boolean isGuid(String value) {
        return value.length() <= MAX_GUID_LENGTH && GUID_PATTERN.matcher(value).matches();
    }

    /** A name of at most {@link #MAX_GUID_LENGTH} characters, as {@link #NAME} says. */
    public static boolean isName(String value) {
        return value.length() <= MAX_GUID_LENGTH && NAME_PATTERN.matcher(value).matches();
    }

}
