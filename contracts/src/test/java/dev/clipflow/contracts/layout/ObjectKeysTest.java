package dev.clipflow.contracts.layout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clipflow.contracts.JobId;
import org.junit.jupiter.api.Test;

class ObjectKeysTest {

    private static final String JOB = "6f1c2d3e-4a5b-4c6d-8e7f-901234567890";

    @Test
    void clipsThumbnailsAndMetadataLiveInTheJobFolderUnderTheSanitizedTitle() {
        assertThat(ObjectKeys.clip(JOB, "My talk", 1)).isEqualTo(JOB + "/My_talk_clip_1.mp4");
        assertThat(ObjectKeys.thumbnail(JOB, "My talk", 12)).isEqualTo(JOB + "/My_talk_clip_12.jpg");
        assertThat(ObjectKeys.metadata(JOB, "../x")).isEqualTo(JOB + "/x_metadata.json");
    }

    @Test
    void uploadedSourcesGoUnderUploadsWithASafeExtension() {
        assertThat(ObjectKeys.uploadedSource(JOB, "MP4")).isEqualTo("uploads/" + JOB + "/source.mp4");
        assertThat(ObjectKeys.uploadedSource(JOB, "../../sh")).isEqualTo("uploads/" + JOB + "/source.bin");
        assertThat(ObjectKeys.uploadedSource(JOB, null)).isEqualTo("uploads/" + JOB + "/source.bin");
    }

    @Test
    void keysForAMalformedJobIdAreRefused() {
        assertThatThrownBy(() -> ObjectKeys.clip("../etc", "t", 1)).isInstanceOf(JobId.InvalidJobIdException.class);
    }

    @Test
    void fileNamesWithSeparatorsAreRefused() {
        assertThatThrownBy(() -> ObjectKeys.jobObject(JOB, "../secret")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ObjectKeys.jobObject(JOB, "..")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ObjectKeys.jobObject(JOB, "a\\b")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void metadataKeysAreRecognisedButNotUploadedSources() {
        assertThat(ObjectKeys.isMetadataKey(JOB + "/t_metadata.json")).isTrue();
        assertThat(ObjectKeys.isMetadataKey("uploads/" + JOB + "/x_metadata.json")).isFalse();
        assertThat(ObjectKeys.isMetadataKey(JOB + "/t_clip_1.mp4")).isFalse();
    }

    @Test
    void clipNumbersAndJobIdsAreReadBackFromNamesAndKeys() {
        assertThat(ObjectKeys.clipNumberOf("My_talk_clip_3.mp4")).contains(3);
        assertThat(ObjectKeys.clipNumberOf("My_talk_metadata.json")).isEmpty();
        assertThat(ObjectKeys.jobIdOf(JOB.toUpperCase() + "/a.mp4")).contains(JOB);
        assertThat(ObjectKeys.jobIdOf("uploads/" + JOB + "/source.mp4")).isEmpty();
    }

    @Test
    void clipNumbersStartAtOne() {
        assertThatThrownBy(() -> ObjectKeys.clipFile("t", 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
