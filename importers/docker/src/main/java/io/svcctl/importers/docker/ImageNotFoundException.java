package io.svcctl.importers.docker;

/**
 * The source holds no image matching what was asked for: no such tag in a layout or archive, no such archive,
 * or no image for the wanted platform in an index. The message lists what there is, where it is known.
 */
public class ImageNotFoundException extends ImportException {
    public ImageNotFoundException(String doing, String why) {
        super(doing, why);
    }

    @Override
    public boolean notFound() {
        return true;
    }
}
