package dev.skilldesk.skill;

/** A resource file of a version (scripts/, references/, assets/, …), stored byte for byte. */
public record SkillFile(String path, byte[] bytes, String sha256, boolean text) {
    public long size() {
        return bytes.length;
    }
}
