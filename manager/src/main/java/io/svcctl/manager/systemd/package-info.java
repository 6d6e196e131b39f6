/**
 * svcctl's side of systemd: {@link io.svcctl.manager.systemd.SystemdClient} talks to systemd and
 * systemd-machined over D-Bus (reload, start/stop/restart waiting for the job, unit files, unit and machine
 * status), {@link io.svcctl.manager.systemd.Journal} reads unit logs through journalctl. Unit and machine
 * names are taken as strings that callers have already validated (io.svcctl.units names).
 */
package io.svcctl.manager.systemd;
