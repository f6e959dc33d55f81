package io.github.mwoauth.webflux;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DrbgSessionIdGeneratorTests {

    @Test
    void generateWhenCalledThenDistinctVersion4Uuids() {
        DrbgSessionIdGenerator generator = new DrbgSessionIdGenerator();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String id = generator.generate();
            UUID uuid = UUID.fromString(id);
            assertThat(uuid.version()).isEqualTo(4);
            assertThat(uuid.variant()).isEqualTo(2);
            ids.add(id);
        }
        assertThat(ids).hasSize(1000);
    }
}
