package dev.clipflow.contracts.captions;

import java.util.List;
import java.util.Locale;

/** Writes captions as the files stored beside a clip: SubRip and WebVTT. */
public final class CaptionFiles {

    public static String srt(Captions captions) {
        StringBuilder out = new StringBuilder();
        List<Cue> cues = captions.cues();
        for (int i = 0; i < cues.size(); i++) {
            Cue cue = cues.get(i);
            out.append(i + 1).append('\n')
                    .append(timestamp(cue.start(), ',')).append(" --> ").append(timestamp(cue.end(), ',')).append('\n')
                    .append(cue.text()).append("\n\n");
        }
        return out.toString();
    }

    public static String vtt(Captions captions) {
        StringBuilder out = new StringBuilder("WEBVTT\n\n");
        for (Cue cue : captions.cues()) {
            out.append(timestamp(cue.start(), '.')).append(" --> ").append(timestamp(cue.end(), '.')).append('\n')
                    .append(cue.text().replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                            .replace("-->", "--&gt;"))
                    .append("\n\n");
        }
        return out.toString();
    }

    static String timestamp(double seconds, char separator) {
        long millis = Math.round(seconds * 1000);
        return String.format(Locale.ROOT, "%02d:%02d:%02d%c%03d", millis / 3_600_000, millis / 60_000 % 60,
                millis / 1000 % 60, separator, millis % 1000);
    }

    private CaptionFiles() {
    }
}
