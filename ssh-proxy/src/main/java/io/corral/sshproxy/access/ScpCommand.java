package io.corral.sshproxy.access;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Recognises the remote half of the classic scp protocol in an exec request:
 * {@code scp -f
 * PATH} (source: copies files out of the instance) and {@code scp -t PATH} (sink: writes
 * into it). Only a plain command counts: the words {@code scp} or a path ending in
 * {@code /scp}, the flags scp's remote end takes ({@code -d -f -p -r -t -v -q}, bundled
 * or not, {@code --}) and arguments free of anything a shell would act on
 * ({@code ; & | < > (
 * ) $ `}, newlines), quoted or not. Anything else is an ordinary command, which needs the
 * {@code exec} permission.
 */
public final class ScpCommand {

    /** Which way an scp command copies. */
    public enum Direction {

        /** {@code scp -f}: files leave the instance. */
        READ,

        /** {@code scp -t}: files are written into the instance. */
        WRITE

    }

    private static final String SHELL_SPECIAL = ";&|<>()$`\\\n\r\0";

    private ScpCommand() {
    }

    /** The direction of {@code command} if it is a plain scp command, else empty. */
    public static Optional<Direction> direction(String command) {
        Optional<List<String>> words = words(command);
        if (words.isEmpty() || words.get().isEmpty() || !isScp(words.get().get(0))) {
            return Optional.empty();
        }
        boolean from = false;
        boolean to = false;
        boolean options = true;
        for (String word : words.get().subList(1, words.get().size())) {
            if (options && word.equals("--")) {
                options = false;
            }
            else if (options && word.startsWith("-") && word.length() > 1) {
                for (char flag : word.substring(1).toCharArray()) {
                    switch (flag) {
                        case 'f' -> from = true;
                        case 't' -> to = true;
                        case 'd', 'p', 'r', 'v', 'q' -> {
                        }
                        default -> {
                            return Optional.empty();
                        }
                    }
                }
            }
            else {
                options = false;
            }
        }
        if (from == to) {
            return Optional.empty();
        }
        return Optional.of(from ? Direction.READ : Direction.WRITE);
    }

    private static boolean isScp(String word) {
        return word.equals("scp") || word.endsWith("/scp");
    }

    /**
     * The words of {@code command} split as a shell would, quotes removed; empty when it
     * holds anything the shell would interpret beyond quoting, globbing and {@code ~}.
     */
    static Optional<List<String>> words(String command) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        char quote = 0;
        for (char c : command.toCharArray()) {
            if (SHELL_SPECIAL.indexOf(c) >= 0 && !(quote == '\'' && c != '\0' && c != '\n' && c != '\r')) {
                return Optional.empty();
            }
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
                else {
                    word.append(c);
                }
            }
            else if (c == '\'' || c == '"') {
                quote = c;
                word = word == null ? new StringBuilder() : word;
            }
            else if (c == ' ' || c == '\t') {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
            }
            else {
                word = word == null ? new StringBuilder() : word;
                word.append(c);
            }
        }
        if (quote != 0) {
            return Optional.empty();
        }
        if (word != null) {
            words.add(word.toString());
        }
        return Optional.of(words);
    }

}
