/**
 * The one way svcctl runs external programs: a {@link io.svcctl.exec.Command} (argv list, never a
 * shell string; stdin; timeout; environment additions) handed to a {@link io.svcctl.exec.CommandRunner},
 * which runs it locally, inside a test host ({@code nsenter}) or on another machine ({@code ssh}), and
 * fails with a {@link io.svcctl.exec.CommandFailedException} naming the command and what it wrote to stderr.
 */
package io.svcctl.exec;
