package dev.clipflow.clipworker.captions;

import dev.clipflow.contracts.captions.Word;
import java.nio.file.Path;
import java.util.List;

/** Speech to text: the timed words of an audio file (16 kHz mono MP3), in that file's seconds. */
public interface Transcriber {

    List<Word> transcribe(Path audio) throws TranscriptionUnavailableException;

    /** The service could not be reached or kept failing; the job goes on without captions. */
    class TranscriptionUnavailableException extends Exception {
        public TranscriptionUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
