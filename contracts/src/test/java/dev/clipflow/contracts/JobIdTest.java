package dev.clipflow.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class JobIdTest {

    @Test
    void newIdsAreValidAndIdsAreNormalisedToLowerCase() {
        assertThat(JobId.isValid(JobId.newId())).isTrue();
        assertThat(JobId.requireValid("6F1C2D3E-4A5B-4C6D-8E7F-901234567890")).isEqualTo("6f1c2d3e-4a5b-4c6d-8e7f-901234567890");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"123", "6f1c2d3e4a5b4c6d8e7f901234567890", "../6f1c2d3e-4a5b-4c6d-8e7f-901234567890",
            "6f1c2d3e-4a5b-4c6d-8e7f-901234567890/..", "6f1c2d3e-4a5b-4c6d-8e7f-90123456789g",
            "6f1c2d3e-4a5b-4c6d-8e7f-901234567890\n"})
    void anythingButACanonicalUuidIsRefusedWithAClearMessage(String candidate) {
        assertThat(JobId.isValid(candidate)).isFalse();
        assertThatThrownBy(() -> JobId.requireValid(candidate)).hasMessageStartingWith("job id must be a UUID");
    }
}
