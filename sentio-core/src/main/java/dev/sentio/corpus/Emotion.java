package dev.sentio.corpus;

import dev.sentio.SentioException;

import java.util.Locale;
import java.util.Map;

/**
 * One emotion vocabulary across corpora. Each corpus's own words map here explicitly (see {@link #parse}):
 * EmoDB's German initials, RAVDESS's codes and TESS's words all end up as these labels.
 */
public enum Emotion {
    NEUTRAL, CALM, HAPPY, SAD, ANGRY, FEAR, DISGUST, SURPRISE, BOREDOM;

    private static final Map<String, Emotion> WORDS = Map.ofEntries(
            Map.entry("neutral", NEUTRAL), Map.entry("calm", CALM),
            Map.entry("happy", HAPPY), Map.entry("happiness", HAPPY), Map.entry("joy", HAPPY),
            Map.entry("sad", SAD), Map.entry("sadness", SAD),
            Map.entry("angry", ANGRY), Map.entry("anger", ANGRY),
            Map.entry("fear", FEAR), Map.entry("fearful", FEAR), Map.entry("anxiety", FEAR),
            Map.entry("disgust", DISGUST), Map.entry("disgusted", DISGUST),
            Map.entry("surprise", SURPRISE), Map.entry("surprised", SURPRISE), Map.entry("ps", SURPRISE),
            Map.entry("pleasant_surprise", SURPRISE), Map.entry("pleasant_surprised", SURPRISE),
            Map.entry("boredom", BOREDOM), Map.entry("bored", BOREDOM));

    /** The label for a corpus's word (case-insensitive; fearful -> fear, ps -> surprise, ...). */
    public static Emotion parse(String word) {
        Emotion e = WORDS.get(word.trim().toLowerCase(Locale.ROOT).replace(' ', '_').replace('-', '_'));
        if (e == null) {
            throw new SentioException("unknown emotion label '" + word + "': use one of " + WORDS.keySet());
        }
        return e;
    }

    /** Lower-case name, as labels are written in files and reports. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
