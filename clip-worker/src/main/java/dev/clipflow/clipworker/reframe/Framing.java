package dev.clipflow.clipworker.reframe;

import dev.clipflow.contracts.FrameLayout;

/**
 * How one clip is fitted into its frame: {@code layout} is {@code blur}, {@code crop} or {@code track} (with its
 * {@code path}), or null for a frame that needs no layout (horizontal, original, or a source already of the
 * frame's shape). {@code trackedFaceShare} is set when faces were looked for.
 */
public record Framing(FrameLayout layout, CameraPath path, Double trackedFaceShare) {

    public Framing {
        if ((layout == FrameLayout.TRACK) != (path != null) || layout == FrameLayout.AUTO) {
            throw new IllegalArgumentException("a tracked framing, and only it, has a camera path; auto is decided, not rendered");
        }
    }

    public static final Framing NONE = new Framing(null, null, null);

    public static Framing fixed(FrameLayout layout) {
        return new Framing(layout, null, null);
    }
}
