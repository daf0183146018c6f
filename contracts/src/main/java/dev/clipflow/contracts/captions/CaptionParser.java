package dev.clipflow.contracts.captions;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the captions a user sends: SubRip ({@code .srt}), WebVTT, or a JSON list of words with
 * {@code start}/{@code end} seconds (a bare array, or an object with {@code words}, as OpenAI-style
 * transcription services answer). The format is recognised from the content. Errors name the line.
 * Written here because the formats are small and the errors must name the line a user got wrong.
 */
public final class CaptionParser {

    public static final int MAX_CUES = 20_000;
    public static final int MAX_CUE_CHARS = 1_000;

    private static final Pattern TIMESTAMP = Pattern.compile("(?:(\\d{1,3}):)?(\\d{1,2}):(\\d{2})[,.](\\d{1,3})");
    private static final Pattern TIMING = Pattern.compile(
            "^\\s*(" + TIMESTAMP.pattern() + ")\\s*-->\\s*(" + TIMESTAMP.pattern() + ")(\\s.*)?$");
    private static final Pattern TAG = Pattern.compile("<[^>]*>|\\{\\\\[^}]*}");
    private static final ObjectMapper JSON = new ObjectMapper();

    public static Captions parse(byte[] content) {
        String text = decode(content);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        String head = text.stripLeading();
        if (head.startsWith("[") || head.startsWith("{")) {
            return wordList(text);
        }
        String[] lines = text.split("\r\n|\r|\n", -1);
        if (head.startsWith("WEBVTT")) {
            return timedBlocks(lines, true);
        }
        return timedBlocks(lines, false);
    }

    private static String decode(byte[] content) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(content)).toString();
        } catch (CharacterCodingException e) {
            int line = 1;
            for (int i = 0; i < content.length; i++) {
                if (content[i] == '\n') {
                    line++;
                }
                if (content[i] < 0) {
                    break;
                }
            }
            throw new CaptionParseException(line, "captions must be UTF-8 text");
        }
    }

    /** SRT and WebVTT: blocks separated by blank lines, each with a timing line and its text below. */
    private static Captions timedBlocks(String[] lines, boolean vtt) {
        List<Cue> cues = new ArrayList<>();
        int i = 0;
        if (vtt) {
            if (!lines[0].strip().equals("WEBVTT") && !lines[0].startsWith("WEBVTT ") && !lines[0].startsWith("WEBVTT\t")) {
                throw new CaptionParseException(1, "a WebVTT file starts with the line 'WEBVTT'");
            }
            i = skipBlock(lines, 0);
        }
        while (i < lines.length) {
            if (lines[i].isBlank()) {
                i++;
                continue;
            }
            int blockStart = i;
            if (vtt && (lines[i].startsWith("NOTE") || lines[i].startsWith("STYLE") || lines[i].startsWith("REGION"))) {
                i = skipBlock(lines, i);
                continue;
            }
            Matcher timing = TIMING.matcher(lines[i]);
            if (!timing.matches() && i + 1 < lines.length && (vtt || lines[i].strip().matches("\\d+"))) {
                i++; // a cue number (SRT) or identifier (WebVTT) comes first
                timing = TIMING.matcher(lines[i]);
            }
            if (!timing.matches()) {
                throw new CaptionParseException(i + 1, "expected a time range like 00:00:01,000 --> 00:00:03,500, got '"
                        + abbreviate(lines[i]) + "'");
            }
            double start = seconds(timing.group(1));
            double end = seconds(timing.group(6));
            if (end < start) {
                throw new CaptionParseException(i + 1, "the cue ends before it starts");
            }
            StringBuilder text = new StringBuilder();
            i++;
            while (i < lines.length && !lines[i].isBlank()) {
                if (TIMING.matcher(lines[i]).matches()) {
                    throw new CaptionParseException(i + 1, "a blank line must separate one cue from the next");
                }
                String line = TAG.matcher(lines[i]).replaceAll("").strip();
                if (!line.isEmpty()) {
                    text.append(text.length() == 0 ? "" : "\n").append(unescape(line));
                }
                i++;
            }
            if (text.length() > MAX_CUE_CHARS) {
                throw new CaptionParseException(blockStart + 1, "a cue has more than " + MAX_CUE_CHARS + " characters");
            }
            cues.add(new Cue(start, end, text.toString()));
            checkCount(cues, blockStart + 1);
        }
        return new Captions(cues);
    }

    /** A word list: {@code [{"word"|"text", "start", "end"}, ...]} or {@code {"words": [...]}}. */
    private static Captions wordList(String text) {
        List<Word> words = new ArrayList<>();
        try (JsonParser parser = JSON.createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == JsonToken.START_OBJECT) {
                JsonToken token;
                while ((token = parser.nextToken()) == JsonToken.FIELD_NAME && !"words".equals(parser.currentName())) {
                    parser.nextToken();
                    parser.skipChildren();
                }
                if (token != JsonToken.FIELD_NAME) {
                    throw new CaptionParseException(line(parser), "a JSON captions object needs a 'words' array");
                }
                first = parser.nextToken();
            }
            if (first != JsonToken.START_ARRAY) {
                throw new CaptionParseException(line(parser), "JSON captions are an array of {\"word\", \"start\", \"end\"}");
            }
            while (parser.nextToken() == JsonToken.START_OBJECT) {
                int line = line(parser);
                JsonNode node = parser.readValueAsTree();
                JsonNode word = node.has("word") ? node.get("word") : node.get("text");
                JsonNode start = node.get("start");
                JsonNode end = node.get("end");
                if (word == null || !word.isTextual()) {
                    throw new CaptionParseException(line, "each word needs a text 'word'");
                }
                if (start == null || !start.isNumber() || end == null || !end.isNumber()) {
                    throw new CaptionParseException(line, "each word needs numeric 'start' and 'end' seconds");
                }
                if (!(start.asDouble() >= 0) || end.asDouble() < start.asDouble()) {
                    throw new CaptionParseException(line, "a word needs 0 <= start <= end");
                }
                words.add(new Word(start.asDouble(), end.asDouble(), word.asText()));
                checkCount(words, line);
            }
            if (parser.currentToken() != JsonToken.END_ARRAY) {
                throw new CaptionParseException(line(parser), "each entry of the word list must be an object");
            }
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 1 : Math.max(1, e.getLocation().getLineNr());
            throw new CaptionParseException(line, "malformed JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new CaptionParseException(1, "unreadable JSON: " + e.getMessage());
        }
        words.sort((a, b) -> Double.compare(a.start(), b.start()));
        return Captions.fromWords(words);
    }

    private static int line(JsonParser parser) {
        return Math.max(1, parser.currentTokenLocation().getLineNr());
    }

    private static int skipBlock(String[] lines, int i) {
        while (i < lines.length && !lines[i].isBlank()) {
            i++;
        }
        return i;
    }

    private static void checkCount(List<?> items, int line) {
        if (items.size() > MAX_CUES) {
            throw new CaptionParseException(line, "more than " + MAX_CUES + " cues");
        }
    }

    private static double seconds(String timestamp) {
        Matcher m = TIMESTAMP.matcher(timestamp);
        if (!m.matches()) {
            throw new IllegalStateException(timestamp);
        }
        int hours = m.group(1) == null ? 0 : Integer.parseInt(m.group(1));
        String fraction = (m.group(4) + "00").substring(0, 3);
        return hours * 3600 + Integer.parseInt(m.group(2)) * 60 + Integer.parseInt(m.group(3))
                + Integer.parseInt(fraction) / 1000.0;
    }

    private static String unescape(String line) {
        return line.replace("&lt;", "<").replace("&gt;", ">").replace("&nbsp;", "\u00A0").replace("&amp;", "&");
    }

    private static String abbreviate(String line) {
        return line.length() > 60 ? line.substring(0, 60) + "…" : line;
    }

    private CaptionParser() {
    }
}
