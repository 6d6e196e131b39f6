package io.svcctl.importers.docker;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ImportExceptionTest {
    @Test
    void onlyAMissingImageOrA404IsNotFound() {
        assertThat(new RegistryException("fetching manifest latest", 404, "not found").notFound()).isTrue();
        assertThat(new RegistryException("fetching manifest latest", 401, "unauthorized").notFound()).isFalse();
        assertThat(new ImageNotFoundException("reading x", "no image is tagged 'y'").notFound()).isTrue();
        assertThat(new ImportException("reading x", "it is corrupt").notFound()).isFalse();
    }
}
