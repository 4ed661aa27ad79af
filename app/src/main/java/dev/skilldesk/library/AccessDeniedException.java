package dev.skilldesk.library;

/** The principal may not see or change the skill. Message names the skill and the rule. */
public class AccessDeniedException extends RuntimeException {
    public AccessDeniedException(String message) {
        super(message);
    }
}
