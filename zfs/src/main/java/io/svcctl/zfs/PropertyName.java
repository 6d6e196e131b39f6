package io.svcctl.zfs;

import java.util.regex.Pattern;

/**
 * A property name: a native one ({@code mountpoint}, {@code receive_resume_token}) or a user property
 * {@code module:property} (lowercase letters, digits and {@code : - . _}, with a colon). Either way it
 * cannot be an option, a second property in a comma list, or carry an '=' into {@code name=value}.
 */
public record PropertyName(String value) {

    // before the constants below: their construction uses these
    /** ZAP_MAXNAMELEN (256) less the terminating NUL. */
    static final int MAX_LENGTH = 255;

    private static final Pattern NATIVE = Pattern.compile("[a-z][a-z0-9_]*");
    private static final Pattern USER = Pattern.compile("[a-z][a-z0-9._-]*:[a-z0-9:._-]+");
    private static final String KIND = "property";

    public static final PropertyName TYPE = new PropertyName("type");
    public static final PropertyName ORIGIN = new PropertyName("origin");
    public static final PropertyName GUID = new PropertyName("guid");
    public static final PropertyName CREATETXG = new PropertyName("createtxg");
    public static final PropertyName CREATION = new PropertyName("creation");
    public static final PropertyName MOUNTPOINT = new PropertyName("mountpoint");
    public static final PropertyName MOUNTED = new PropertyName("mounted");
    public static final PropertyName CANMOUNT = new PropertyName("canmount");
    public static final PropertyName USED = new PropertyName("used");
    public static final PropertyName AVAILABLE = new PropertyName("available");
    public static final PropertyName REFERENCED = new PropertyName("referenced");
    public static final PropertyName QUOTA = new PropertyName("quota");
    public static final PropertyName READONLY = new PropertyName("readonly");
    public static final PropertyName USERREFS = new PropertyName("userrefs");
    public static final PropertyName RECEIVE_RESUME_TOKEN = new PropertyName("receive_resume_token");
    public static final PropertyName VERSION = new PropertyName("version");
    public static final PropertyName HEALTH = new PropertyName("health");

    public PropertyName {
        NameCheck.length(KIND, value, MAX_LENGTH);
        if (value.indexOf(':') >= 0) {
            if (!USER.matcher(value).matches()) {
                throw new InvalidZfsNameException(KIND, value,
                        "a user property is module:property in lowercase letters, digits and : - . _,"
                                + " the module starting with a letter");
            }
        } else if (!NATIVE.matcher(value).matches()) {
            throw new InvalidZfsNameException(KIND, value,
                    "a native property is lowercase letters, digits and '_', starting with a letter;"
                            + " user properties need a colon (module:property)");
        }
    }

    public static PropertyName parse(String value) {
        return new PropertyName(value);
    }

    /** A user property such as {@code svcctl:image}. */
    public static PropertyName user(String module, String property) {
        return new PropertyName(module + ":" + property);
    }

    public boolean isUserProperty() {
        return value.indexOf(':') >= 0;
    }

    @Override
    public String toString() {
        return value;
    }

    // Written out, as in every record compared or hashed on a command's way: a record's generated equals and
    // hashCode build method handles on first use, 1-12 ms of a fresh JVM each (docs/performance.md).
    @Override
    public boolean equals(Object o) {
        return o instanceof PropertyName p && value.equals(p.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }
}
