package dev.clipflow.gallery.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Gallery settings; application.properties maps the variables onto them. */
@ConfigMapping(prefix = "clipflow.gallery")
public interface GalleryConfig {

    /** Age after which the index is refreshed in the background ({@code GALLERY_CACHE_TTL_SECONDS}). */
    long cacheTtlSeconds();

    /** Page size when the caller gives none ({@code GALLERY_DEFAULT_LIMIT}). */
    int defaultLimit();

    /** Larger limits are capped to this. */
    @WithDefault("500")
    int maxLimit();

    /** Metadata objects read at the same time during a refresh. */
    @WithDefault("16")
    int readConcurrency();

    /** A cached URL is signed anew once less than this share of its lifetime remains. */
    @WithDefault("0.2")
    double urlRenewWhenRemaining();

    /** Most URLs kept signed; the pages people look at stay cached, memory stays bounded. */
    @WithDefault("20000")
    long urlCacheSize();

    /** How often the scheduler checks whether the index is stale (or was never built). */
    @WithDefault("10s")
    String checkInterval();

    /** How long a request waits for the first build of the index before answering 503. */
    @WithDefault("10")
    long firstBuildWaitSeconds();
}
