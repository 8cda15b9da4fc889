package org.imagesearch.config;

/**
 * Which stored projection a command asks for ({@code --projection none|latest|N}); {@code SettingsResolver}
 * turns it into the projection itself, once, against the database.
 */
public sealed interface ProjectionChoice {
    ProjectionChoice NONE = new None();
    ProjectionChoice LATEST = new Latest();

    record None() implements ProjectionChoice {}

    record Latest() implements ProjectionChoice {}

    record Version(int number) implements ProjectionChoice {}

    static ProjectionChoice parse(String text) {
        if (text.equals("none")) {
            return NONE;
        }
        if (text.equals("latest")) {
            return LATEST;
        }
        if (text.matches("[1-9][0-9]{0,8}")) {
            return new Version(Integer.parseInt(text));
        }
        throw new IllegalArgumentException("--projection must be none, latest or a version number, got '" + text + "'");
    }
}
