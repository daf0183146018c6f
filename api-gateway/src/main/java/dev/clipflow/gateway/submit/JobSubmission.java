package dev.clipflow.gateway.submit;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The options of {@code POST /jobs}, as sent: the JSON body, or the multipart form fields. Nothing
 * here is trusted yet ({@code captions} is {@code auto} or absent; a captions file comes as its own part); {@link JobValidator} turns it into a {@code JobRequested}.
 */
public record JobSubmission(
        String sourceUrl,
        String title,
        List<SubmittedClip> clips,
        Integer targetClips,
        Double clipMinSeconds,
        Double clipMaxSeconds,
        String outputFormat,
        @Schema(enumeration = {"auto", "track", "blur", "crop"}, defaultValue = "auto",
                description = "How a vertical or square clip is framed from a wider source: 'auto' follows the speaker "
                        + "when faces are found in enough of the clip, else 'blur'; 'track' follows the most prominent "
                        + "face, blurred background where there is none; 'blur' fits the picture over a blurred copy; "
                        + "'crop' is a centre crop. Horizontal and original clips ignore it.")
        String layout,
        String webhookUrl,
        String webhookSecret,
        String captions,
        String captionsUrl,
        String captionStyle) {

    /** A submission without captions. */
    public JobSubmission(String sourceUrl, String title, List<SubmittedClip> clips, Integer targetClips,
            Double clipMinSeconds, Double clipMaxSeconds, String outputFormat, String layout, String webhookUrl,
            String webhookSecret) {
        this(sourceUrl, title, clips, targetClips, clipMinSeconds, clipMaxSeconds, outputFormat, layout, webhookUrl,
                webhookSecret, null, null, null);
    }
}
