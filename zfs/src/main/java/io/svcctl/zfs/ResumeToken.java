package io.svcctl.zfs;

import java.util.regex.Pattern;

/** The {@code receive_resume_token} of a partial resumable receive, handed to {@code zfs send -t} (OpenZFS). */
public record ResumeToken(String value) {

    // OpenZFS tokens: a version, a checksum and a compressed nvlist, in hex digits joined by '-'
    private static final Pattern FORM = Pattern.compile("[0-9][0-9a-fA-F]*(-[0-9a-fA-F]+)+");

    public ResumeToken {
        if (value.length() > 64 * 1024 || !FORM.matcher(value).matches()) {
            throw new IllegalArgumentException("not a zfs receive resume token: " + NameCheck.forMessage(value));
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
