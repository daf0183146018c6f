package dev.clipflow.clipworker.reframe;

import java.util.List;

/**
 * Where a fixed-size crop window sits over the source while a clip plays, and when there is nothing to follow.
 * Times are seconds from the clip's start; positions are the window's top-left corner in source pixels, always
 * inside the frame.
 *
 * @param duration       the clip's, in seconds
 * @param follows        stretches where the window follows a face, in order, not overlapping
 * @param trackedShare   share (0..1) of the analysed frames that had the followed face
 */
public record CameraPath(int cropWidth, int cropHeight, double duration, List<Follow> follows, double trackedShare) {

    public CameraPath {
        follows = List.copyOf(follows);
    }

    /** A stretch that follows a face: the window moves in straight lines between its keys, from {@code start} to {@code end}. */
    public record Follow(double start, double end, List<Key> keys) {
        public Follow {
            keys = List.copyOf(keys);
            if (keys.isEmpty()) {
                throw new IllegalArgumentException("a followed stretch needs a key");
            }
        }
    }

    public record Key(double t, double x, double y) {
    }

    /** Whether the window follows a face for the whole clip, in one stretch. */
    public boolean followsThroughout() {
        return follows.size() == 1 && follows.get(0).start() <= 0 && follows.get(0).end() >= duration;
    }
}
