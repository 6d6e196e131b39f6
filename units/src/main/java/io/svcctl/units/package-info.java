/**
 * systemd unit files as typed models rendered by one escaping serializer ({@link io.svcctl.units.UnitFile},
 * {@link io.svcctl.units.UnitFileSerializer}), validated names ({@link io.svcctl.units.UnitName},
 * {@link io.svcctl.units.MachineName}, {@link io.svcctl.units.ServiceName}), and the units svcctl writes for a
 * service: its container ({@link io.svcctl.units.ServiceUnit}) and its published ports
 * ({@link io.svcctl.units.PortPlan}). Pure: nothing here writes files or talks to systemd.
 */
package io.svcctl.units;
