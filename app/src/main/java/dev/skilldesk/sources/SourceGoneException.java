package dev.skilldesk.sources;

/** A source's folder, package, clone or sub-path is no longer there: the skills from it are source-gone. */
final class SourceGoneException extends RuntimeException {
    SourceGoneException(String message) {
        super(message);
    }
}
