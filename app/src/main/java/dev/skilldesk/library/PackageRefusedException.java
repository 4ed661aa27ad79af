package dev.skilldesk.library;

/** A package or folder was refused as a whole; the message names the entry and the rule. */
public class PackageRefusedException extends RuntimeException {
    public PackageRefusedException(String message) {
        super(message);
    }
}
