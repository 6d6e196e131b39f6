package io.svcctl.nspawn;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How a container runs with respect to user namespaces, decided from what the storage can do. Pure.
 *
 * @param privateUsers       PrivateUsers= to write
 * @param ownership          PrivateUsersOwnership= to write, null when there is no user namespace
 * @param volumeBindOptions  options every volume bind mount needs
 * @param volumeIdShift      what to add to a container uid/gid to get the owner to store on disk for it (for
 *                           creating or seeding volumes): the range's base when the tree is shifted, else 0
 * @param warning            set when the container runs without the isolation a user namespace gives
 */
public record UserNamespacePlan(PrivateUsers privateUsers, PrivateUsersOwnership ownership,
                                List<String> volumeBindOptions, long volumeIdShift, Optional<String> warning) {

    public UserNamespacePlan {
        Objects.requireNonNull(privateUsers, "privateUsers");
        volumeBindOptions = List.copyOf(volumeBindOptions);
        Objects.requireNonNull(warning, "warning");
    }

    /**
     * Picks, in order of preference:
     * <ol>
     *   <li>the tree is already shifted into a range: that range, ownership off. Works on any file system,
     *       zfs-fuse included; volumes must be shifted the same way.</li>
     *   <li>the storage has idmapped mounts: {@code freshRange}, ownership map, volumes bound with idmap; the
     *       tree stays unshifted, so clones of one image can run in different ranges.</li>
     *   <li>neither: no user namespace, with a warning. chown is not offered: it rewrites every inode of the
     *       clone and fails on zfs-fuse (no ACL support).</li>
     * </ol>
     *
     * @param freshRange the range allocated for this service, used only when the tree is unshifted
     */
    public static UserNamespacePlan decide(TreeOwnership tree, boolean idmappedMounts, UidRange freshRange) {
        if (tree.shiftedTo().isPresent()) {
            UidRange range = tree.shiftedTo().get();
            return new UserNamespacePlan(PrivateUsers.range(range), PrivateUsersOwnership.OFF, List.of(),
                    range.base(), Optional.empty());
        }
        if (idmappedMounts) {
            return new UserNamespacePlan(PrivateUsers.range(Objects.requireNonNull(freshRange, "freshRange")),
                    PrivateUsersOwnership.MAP, List.of("idmap"), 0, Optional.empty());
        }
        return new UserNamespacePlan(PrivateUsers.off(), null, List.of(), 0, Optional.of(
                "runs without a user namespace: root in the container is root on the host. Its files are not"
                        + " shifted into a private id range and the storage cannot map ids (idmapped mounts need"
                        + " OpenZFS 2.2 or later); import the image with shifted ownership to isolate it."));
    }
}
