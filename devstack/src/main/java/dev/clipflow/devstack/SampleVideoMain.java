package dev.clipflow.devstack;

import java.nio.file.Path;

/**
 * Generates a sample video from the command line, for {@code ./clipflow demo}:
 * {@code java -cp devstack.jar dev.clipflow.devstack.SampleVideoMain --seconds 120 --size 1280x720 --out demo.mp4}.
 */
public final class SampleVideoMain {

    public static void main(String[] args) {
        double seconds = 120;
        int width = 1280;
        int height = 720;
        Path out = Path.of("sample.mp4");
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--seconds" -> seconds = Double.parseDouble(require(value, "--seconds"));
                case "--size" -> {
                    String[] size = require(value, "--size").split("x");
                    width = Integer.parseInt(size[0]);
                    height = Integer.parseInt(size[1]);
                }
                case "--out" -> out = Path.of(require(value, "--out"));
                default -> {
                    System.err.println("usage: SampleVideoMain [--seconds S] [--size WxH] [--out FILE]");
                    System.exit(2);
                }
            }
            i++;
        }
        SampleVideo.builder().seconds(seconds).size(width, height).fps(30).build().writeTo(out);
        System.out.println(out.toAbsolutePath());
    }

    private static String require(String value, String option) {
        if (value == null) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return value;
    }

    private SampleVideoMain() {
    }
}
