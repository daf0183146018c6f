package dev.clipflow.gallery.index;

/**
 * One clip as the index keeps it. {@code file} and {@code thumbnail} are names inside the job's folder
 * (the folder is kept once per job); {@code number} is 1-based, the n of its file name; {@code thumbnail} and
 * {@code captions} (the {@code .srt}) may be null.
 */
public record IndexedClip(int number, String file, String thumbnail, String title, String tiktokDesc,
                          String instaDesc, double duration, String captions) {

    /** A clip without captions. */
    public IndexedClip(int number, String file, String thumbnail, String title, String tiktokDesc, String instaDesc,
            double duration) {
        this(number, file, thumbnail, title, tiktokDesc, instaDesc, duration, null);
    }
}
