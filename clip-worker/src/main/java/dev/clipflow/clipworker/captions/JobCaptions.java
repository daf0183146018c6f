package dev.clipflow.clipworker.captions;

import dev.clipflow.contracts.captions.CaptionStyle;
import dev.clipflow.contracts.captions.Captions;
import dev.clipflow.contracts.captions.CaptionsStatus;

/**
 * A job's captions as the worker has them: the cues (source time) and style, and what the metadata says of
 * them. {@code captions} is null when the job asked for none or they could not be had.
 */
public record JobCaptions(Captions captions, CaptionStyle style, CaptionsStatus status) {

    public static final JobCaptions NONE = new JobCaptions(null, CaptionStyle.NONE, null);

    public static JobCaptions of(Captions captions, CaptionStyle style) {
        return new JobCaptions(captions, style,
                new CaptionsStatus(style.burnsIn() ? CaptionsStatus.BURNED : CaptionsStatus.FILES, null));
    }

    public static JobCaptions unavailable(String reason) {
        return new JobCaptions(null, CaptionStyle.NONE, CaptionsStatus.unavailable(reason));
    }

    public boolean present() {
        return captions != null && !captions.isEmpty();
    }
}
