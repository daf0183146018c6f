package dev.clipflow.gateway.submit;

import java.util.List;

/**
 * The options of {@code POST /jobs}, as sent: the JSON body, or the multipart form fields. Nothing
 * here is trusted yet ({@code captions} is {@code auto} or absent; a captions file comes as its own part); {@link JobValidator} turns it into a {@code JobRequested}.
 */
public record JobSubmission(
        String sourceUrl,
        String title,
        List<ClipRequest> clips,
        Integer targetClips,
        Double clipMinSeconds,
        Double clipMaxSeconds,
        String outputFormat,
        String layout,
        String webhookUrl,
        String webhookSecret,
        String captions,
        String captionsUrl,
        String captionStyle) {

    /** A submission without captions. */
    public JobSubmission(String sourceUrl, String title, List<ClipRequest> clips, Integer targetClips,
            Double clipMinSeconds, Double clipMaxSeconds, String outputFormat, String layout, String webhookUrl,
            String webhookSecret) {
        this(sourceUrl, title, clips, targetClips, clipMinSeconds, clipMaxSeconds, outputFormat, layout, webhookUrl,
                webhookSecret, null, null, null);
    }
}
