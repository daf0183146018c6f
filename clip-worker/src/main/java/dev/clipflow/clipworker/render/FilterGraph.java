package dev.clipflow.clipworker.render;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code -filter_complex} of a clip, built step by step. The video runs from {@code [0:v]} through each
 * {@link #video} step, in the order they are added, to {@code [v]} in yuv420p with square pixels; the audio,
 * when there is one, from {@code [0:a]} to {@code [a]}. A step may branch and join inside itself (split ...
 * overlay), or bring in another input ({@code "[1:v]overlay=..."}), as long as it starts from the current
 * video and ends in one stream; its own labels must not repeat another step's.
 */
public final class FilterGraph {

    private final List<String> chains = new ArrayList<>();
    private String video = "0:v";
    private String audio;
    private int steps;

    /** Applies {@code filters} to the video as it is after the steps before. */
    public FilterGraph video(String filters) {
        String output = "step" + steps++;
        chains.add("[" + video + "]" + filters + "[" + output + "]");
        video = output;
        return this;
    }

    /** The audio chain from {@code [0:a]} to {@code [a]}. */
    public FilterGraph audio(String filters) {
        audio = "[0:a]" + filters + "[a]";
        return this;
    }

    public boolean hasAudio() {
        return audio != null;
    }

    public String build() {
        List<String> all = new ArrayList<>(chains);
        all.add("[" + video + "]setsar=1,format=yuv420p[v]");
        if (audio != null) {
            all.add(audio);
        }
        return String.join(";", all);
    }
}
