import dev.clipflow.ffmpeg.FfmpegBinaries;

/** Prints the ffmpeg executable the clip-worker would run (FFMPEG_PATH, else the bundled GPL build). */
public class PrintFfmpegPath {
    public static void main(String[] args) {
        System.out.println(FfmpegBinaries.fromEnvironment().ffmpeg());
    }
}
