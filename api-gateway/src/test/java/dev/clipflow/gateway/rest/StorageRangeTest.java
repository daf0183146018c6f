package dev.clipflow.gateway.rest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clipflow.store.ByteRange;
import org.junit.jupiter.api.Test;

class StorageRangeTest {

    @Test
    void rangesOfTheFormsBrowsersSendAreUnderstood() {
        assertThat(StorageResource.parse("bytes=0-99", 1000)).isEqualTo(new ByteRange(0, 99));
        assertThat(StorageResource.parse("bytes=500-", 1000)).isEqualTo(new ByteRange(500, 999));
        assertThat(StorageResource.parse("bytes=-100", 1000)).isEqualTo(new ByteRange(900, 999));
        assertThat(StorageResource.parse("bytes=900-5000", 1000)).isEqualTo(new ByteRange(900, 999));
    }

    @Test
    void unsatisfiableOrUnknownRangesAreRefused() {
        assertThat(StorageResource.parse("bytes=1000-", 1000)).isNull();
        assertThat(StorageResource.parse("bytes=5-2", 1000)).isNull();
        assertThat(StorageResource.parse("bytes=-0", 1000)).isNull();
        assertThat(StorageResource.parse("bytes=0-1,5-6", 1000)).isNull();
        assertThat(StorageResource.parse("items=0-1", 1000)).isNull();
        assertThat(StorageResource.parse("bytes=99999999999999999999-", 1000)).isNull();
    }

    @Test
    void onlyJobsAndGalleryPathsNeedAKey() {
        assertThat(ApiKeyFilter.isProtected("/jobs")).isTrue();
        assertThat(ApiKeyFilter.isProtected("/jobs/123/events")).isTrue();
        assertThat(ApiKeyFilter.isProtected("//jobs")).isTrue();
        assertThat(ApiKeyFilter.isProtected("/gallery")).isTrue();
        assertThat(ApiKeyFilter.isProtected("/q/health/ready")).isFalse();
        assertThat(ApiKeyFilter.isProtected("/storage/x/y.mp4")).isFalse();
        assertThat(ApiKeyFilter.isProtected("/jobsearch")).isFalse();
    }
}
