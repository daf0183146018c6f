package dev.clipflow.clipworker.captions;

import dev.clipflow.contracts.captions.CaptionStyle;
import dev.clipflow.contracts.captions.Captions;
import dev.clipflow.contracts.captions.Cue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/** Writes a clip's caption images as PNG files for its ffmpeg run; the caller removes them after. */
public final class CaptionImages {

    private final CaptionPainter painter;

    public CaptionImages(CaptionPainter painter) {
        this.painter = painter;
    }

    /** {@code prefix} names the files: {@code {prefix}{k}.png} in {@code dir}. */
    public List<CaptionOverlay> write(Captions clipCaptions, CaptionStyle style, int width, int height, Path dir,
            String prefix) {
        if (!style.burnsIn()) {
            return List.of();
        }
        List<CaptionOverlay> overlays = new ArrayList<>();
        for (Cue cue : clipCaptions.cues()) {
            for (CaptionPainter.Painted painted : painter.paint(cue, width, height, style == CaptionStyle.KARAOKE)) {
                Path file = dir.resolve(prefix + overlays.size() + ".png");
                try {
                    if (!ImageIO.write(painted.image(), "png", file.toFile())) {
                        throw new IllegalStateException("no PNG writer");
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot write the caption image " + file, e);
                }
                overlays.add(new CaptionOverlay(file, painted.x(), painted.y(), painted.start(), painted.end()));
            }
        }
        return overlays;
    }

    public static void delete(List<CaptionOverlay> overlays) {
        for (CaptionOverlay overlay : overlays) {
            try {
                Files.deleteIfExists(overlay.image());
            } catch (IOException ignored) {
                // a temp_ file: removed with the job's other temporaries
            }
        }
    }
}
