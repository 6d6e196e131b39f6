/**
 * The {@code .nspawn} settings of a service container ({@link io.svcctl.nspawn.NspawnSettings}), rendered through
 * the units serializer, and the user-namespace decisions behind them ({@link io.svcctl.nspawn.UserNamespacePlan},
 * {@link io.svcctl.nspawn.UidRange}). Pure: nothing here writes files or runs nspawn.
 */
package io.svcctl.nspawn;
