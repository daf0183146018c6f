package dev.clipflow.clipworker.captions;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/** Debian's tesseract OCR (tesseract-ocr + tesseract-ocr-eng), when installed. */
public final class Ocr {

    public static Optional<Path> tesseract() {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin");
        return Stream.of(path.split(":")).map(dir -> Path.of(dir, "tesseract")).filter(Files::isExecutable).findFirst();
    }

    /**
     * The text tesseract reads in a frame, upper-cased. The frame is first reduced to its near-white pixels
     * (the caption's text) in black on white, the usual clean-up before OCR: tesseract reads nothing off
     * a noisy coloured frame as it is.
     */
    public static String read(Path tesseract, Path image) {
        try {
            BufferedImage frame = ImageIO.read(image.toFile());
            BufferedImage ink = new BufferedImage(frame.getWidth(), frame.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
            for (int y = 0; y < frame.getHeight(); y++) {
                for (int x = 0; x < frame.getWidth(); x++) {
                    int rgb = frame.getRGB(x, y);
                    boolean white = (rgb >> 16 & 0xff) > 190 && (rgb >> 8 & 0xff) > 190 && (rgb & 0xff) > 190;
                    ink.setRGB(x, y, white ? 0 : 0xffffff);
                }
            }
            Path cleaned = image.resolveSibling("ink-" + image.getFileName());
            ImageIO.write(ink, "png", cleaned.toFile());
            Process p = new ProcessBuilder(tesseract.toString(), cleaned.toString(), "stdout", "-l", "eng", "--psm", "6")
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("tesseract failed on " + image);
            }
            return out.toUpperCase(java.util.Locale.ROOT);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Ocr() {
    }
}
