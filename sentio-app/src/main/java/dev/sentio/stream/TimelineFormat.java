package dev.sentio.stream;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Locale;

/**
 * Results as text (timelines, and predictions' JSON), the same for every front end: CSV rows {@code file,start,end,label,confidence,} then one
 * probability per label, then the reason a segment has no emotion; or JSON. Times in seconds, 3 decimals.
 */
public final class TimelineFormat {
    private TimelineFormat() {
    }

    public static String csvHeader(List<String> labels) {
        return "file,start,end,label,confidence," + String.join(",", labels) + ",reason";
    }

    public static String csvRow(String file, StreamingRecognizer.Segment s) {
        StringBuilder b = new StringBuilder();
        b.append(csv(file)).append(',').append(seconds(s.start())).append(',').append(seconds(s.end())).append(',')
                .append(s.label()).append(',');
        if (s.speech()) {
            b.append(s.confidence());
            for (float p : s.probabilities()) {
                b.append(',').append(p);
            }
            b.append(',');
        } else {
            b.append(",".repeat(s.labels().size())).append(',').append(csv(s.reason()));
        }
        return b.toString();
    }

    /** One segment as a JSON object. */
    public static void json(ObjectNode n, StreamingRecognizer.Segment s) {
        n.put("start", Double.parseDouble(seconds(s.start())));
        n.put("end", Double.parseDouble(seconds(s.end())));
        outcome(n, s.label(), s.confidence(), s.labels(), s.probabilities(), s.reason());
    }

    /** A prediction's or a segment's outcome: label, then the reason, or the confidence and each probability. */
    public static void outcome(ObjectNode n, String label, float confidence, List<String> labels, float[] probabilities,
                               String reason) {
        n.put("label", label);
        if (reason != null) {
            n.put("reason", reason);
            return;
        }
        n.put("confidence", confidence);
        ObjectNode p = n.putObject("probabilities");
        for (int k = 0; k < labels.size(); k++) {
            p.put(labels.get(k), probabilities[k]);
        }
    }

    /** JSON, indented, as the command line prints it. */
    public static String pretty(com.fasterxml.jackson.databind.JsonNode node) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writerWithDefaultPrettyPrinter()
                    .writeValueAsString(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A file's timeline as {@code {"file": ..., "segments": [...]}}. */
    public static void json(ObjectNode n, String file, List<StreamingRecognizer.Segment> segments) {
        n.put("file", file);
        ArrayNode array = n.putArray("segments");
        segments.forEach(s -> json(array.addObject(), s));
    }

    public static String seconds(double s) {
        return String.format(Locale.ROOT, "%.3f", s);
    }

    /** A CSV field, quoted when it must be. */
    public static String csv(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
