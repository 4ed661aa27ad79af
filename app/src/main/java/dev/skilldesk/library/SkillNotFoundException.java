package dev.skilldesk.library;

/** No such skill or version (or none the principal may see: the two look the same on purpose). */
public class SkillNotFoundException extends RuntimeException {
    public SkillNotFoundException(String message) {
        super(message);
    }
}
