package dev.clipflow.clipworker.media;

import java.util.Arrays;
import java.util.List;

/**
 * The demuxers a source may be read with: media containers only. Playlists (hls, concat), image
 * sequences ({@code image2}, {@code *_pipe}), raw streams and everything else are refused, because
 * they can make ffmpeg open other files or URLs.
 */
public final class ContainerFormats {

    /** Demuxer names as ffmpeg spells them ({@code ffmpeg -demuxers}). */
    public static final List<String> ACCEPTED = List.of(
            "mov", "mp4", "m4a", "3gp", "3g2", "mj2", "matroska", "webm", "avi", "flv", "mpegts", "mpeg", "asf", "ogg");

    /** The value of ffmpeg's {@code -format_whitelist}: any other demuxer fails to open. */
    public static String whitelist() {
        return String.join(",", ACCEPTED);
    }

    /** ffmpeg options before {@code -i}: local files only, through an accepted demuxer only. */
    public static List<String> inputOptions() {
        return List.of("-protocol_whitelist", "file", "-format_whitelist", whitelist());
    }

    /** {@code format_name} as ffprobe reports it, e.g. {@code mov,mp4,m4a,3gp,3g2,mj2} or {@code matroska,webm}. */
    public static boolean isAccepted(String formatName) {
        return formatName != null && !formatName.isBlank()
                && Arrays.stream(formatName.split(",")).allMatch(ACCEPTED::contains);
    }

    private ContainerFormats() {
    }
}
