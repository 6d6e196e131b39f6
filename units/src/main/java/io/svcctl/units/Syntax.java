package io.svcctl.units;

/**
 * Which systemd parser reads a file. Both are the INI-like format of systemd.syntax(7), but they differ in
 * what a value may hold:
 * <ul>
 *   <li>{@link #UNIT}: unit files. Most values expand {@code %} specifiers, quoted words use C-style
 *       backslash escapes, command lines also expand {@code $} variables.</li>
 *   <li>{@link #NSPAWN}: {@code .nspawn} settings. No specifiers at all; list settings (Parameters=,
 *       Environment=) honour quotes but keep backslashes as they are; Bind= paths escape {@code :} and
 *       {@code \} with a backslash.</li>
 * </ul>
 */
public enum Syntax {
    UNIT,
    NSPAWN
}
