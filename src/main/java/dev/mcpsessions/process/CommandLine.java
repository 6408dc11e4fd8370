package dev.mcpsessions.process;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a command into words the way a POSIX shell does, so that {@code start name '<command>'}
 * means what the user typed, but executes the words directly: no variables, globs or operators.
 */
public final class CommandLine {

    private CommandLine() {
    }

    /**
     * Whitespace separates words; single quotes keep everything literal; double quotes keep
     * everything but {@code \" \\ \$ \`} (and a backslash-newline, which is removed); a backslash
     * outside quotes escapes the next character; adjacent parts join into one word.
     *
     * @throws IllegalArgumentException for an empty command, an unterminated quote or a trailing backslash
     */
    public static List<String> split(String command) {
        if (command == null || command.isBlank()) {
            throw new IllegalArgumentException("empty command");
        }
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false; // distinguishes an empty word ('') from no word at all
        int i = 0;
        int length = command.length();
        while (i < length) {
            char c = command.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n') {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
                i++;
            } else if (c == '\'') {
                int close = command.indexOf('\'', i + 1);
                if (close < 0) {
                    throw new IllegalArgumentException("unterminated single quote at position " + i + " in command");
                }
                word.append(command, i + 1, close);
                inWord = true;
                i = close + 1;
            } else if (c == '"') {
                i = doubleQuoted(command, i, word);
                inWord = true;
            } else if (c == '\\') {
                if (i + 1 >= length) {
                    throw new IllegalArgumentException("trailing backslash at the end of command");
                }
                char next = command.charAt(i + 1);
                if (next != '\n') { // backslash-newline is a line continuation
                    word.append(next);
                    inWord = true;
                }
                i += 2;
            } else {
                word.append(c);
                inWord = true;
                i++;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        if (words.isEmpty()) {
            throw new IllegalArgumentException("empty command");
        }
        return List.copyOf(words);
    }

    /** Appends the content of the double-quoted part opening at {@code open}; returns the index after it. */
    private static int doubleQuoted(String command, int open, StringBuilder word) {
        int i = open + 1;
        while (i < command.length()) {
            char c = command.charAt(i);
            if (c == '"') {
                return i + 1;
            }
            if (c == '\\' && i + 1 < command.length()) {
                char next = command.charAt(i + 1);
                if (next == '"' || next == '\\' || next == '$' || next == '`') {
                    word.append(next);
                    i += 2;
                    continue;
                }
                if (next == '\n') {
                    i += 2;
                    continue;
                }
            }
            word.append(c);
            i++;
        }
        throw new IllegalArgumentException("unterminated double quote at position " + open + " in command");
    }
}
