package dev.clipflow.gateway.submit;

/** One explicit range as a client sends it (seconds, decimals allowed). Checked by {@link JobValidator}. */
public record SubmittedClip(Double start, Double end, String title, String tiktokDesc, String instaDesc) {
}
