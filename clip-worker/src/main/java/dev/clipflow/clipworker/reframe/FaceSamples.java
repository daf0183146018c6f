package dev.clipflow.clipworker.reframe;

import java.util.List;

/**
 * What the analysis of one clip found: the faces in each analysed frame and the scene cuts, times in seconds
 * from the clip's start, positions in pixels of the source frame.
 */
public record FaceSamples(List<Sample> samples, List<Double> sceneCuts) {

    public FaceSamples {
        samples = List.copyOf(samples);
        sceneCuts = List.copyOf(sceneCuts);
    }

    public record Sample(double t, List<Face> faces) {
        public Sample {
            faces = List.copyOf(faces);
        }
    }
}
