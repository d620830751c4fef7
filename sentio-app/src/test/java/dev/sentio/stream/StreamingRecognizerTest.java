package dev.sentio.stream;

import dev.sentio.model.Recognizer;
import dev.sentio.vad.TestSignals;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StreamingRecognizerTest extends WithBundledModel {
    private static final int RATE = 16000;
    /** Voice-like bursts of several pitches between stretches of quiet hiss, at {@code rate}. */
    static float[] recording(int rate) {
        return TestSignals.bursts(rate, 15, new double[][] {{1.0, 2.5, 120}, {4.0, 5.2, 220}, {6.5, 13.0, 160}});
    }

    static List<StreamingRecognizer.Segment> stream(float[] y, int rate, int[] blockSizes,
                                                    StreamingRecognizer.Settings settings) {
        List<StreamingRecognizer.Segment> segments = new ArrayList<>();
        StreamingRecognizer s = new StreamingRecognizer(recognizer, rate, settings, segments::add);
        TestSignals.inBlocks(y, blockSizes, s::push);
        s.finish();
        return segments;
    }

    @Test
    void segmentsTileTheStreamAndBlockSizesDoNotMatter() {
        float[] y = recording(RATE);
        StreamingRecognizer.Settings settings = StreamingRecognizer.Settings.defaults();
        List<StreamingRecognizer.Segment> reference = stream(y, RATE, new int[] {y.length}, settings);
        double at = 0;
        for (StreamingRecognizer.Segment s : reference) {
            assertEquals(at, s.start(), 1e-9, "segments follow each other without gaps");
            assertTrue(s.end() > s.start());
            at = s.end();
        }
        assertEquals(y.length / (double) RATE, at, 1e-9, "the last segment ends with the stream");
        assertTrue(reference.stream().anyMatch(StreamingRecognizer.Segment::speech), "the bursts are found");
        for (int[] sizes : new int[][] {{1}, {37}, {4096}, {3, 1000, 17}}) {
            List<StreamingRecognizer.Segment> found = stream(y, RATE, sizes, settings);
            assertEquals(reference.size(), found.size(), "blocks of " + sizes[0]);
            for (int i = 0; i < found.size(); i++) {
                assertEquals(reference.get(i).start(), found.get(i).start());
                assertEquals(reference.get(i).end(), found.get(i).end());
                assertEquals(reference.get(i).label(), found.get(i).label());
                assertArrayEquals(reference.get(i).probabilities(), found.get(i).probabilities());
            }
        }
    }

    /** A region shorter than a window is one window: its probabilities are those of predict on its samples. */
    @Test
    void aShortRegionIsRecognisedAsItsOwnSamplesAre() {
        float[] y = recording(RATE);
        List<StreamingRecognizer.Segment> segments = stream(y, RATE, new int[] {4096},
                StreamingRecognizer.Settings.defaults());
        StreamingRecognizer.Segment first = segments.stream().filter(StreamingRecognizer.Segment::speech)
                .findFirst().orElseThrow();
        assertTrue(first.end() < 3.0, "the first burst is its own region: " + first);
        float[] samples = java.util.Arrays.copyOfRange(y, (int) Math.round(first.start() * RATE),
                (int) Math.round(first.end() * RATE));
        Recognizer.Prediction alone = recognizer.recognize(samples, RATE);
        assertEquals(alone.label(), first.label());
        assertArrayEquals(alone.probabilities(), first.probabilities(), 1e-6f);
    }

    /** Stretches of speech: neighbouring speech segments (one region with changing labels) count once. */
    private static int speechRegions(List<StreamingRecognizer.Segment> segments) {
        int regions = 0;
        double lastEnd = Double.NaN;
        for (StreamingRecognizer.Segment s : segments) {
            if (s.speech()) {
                if (!(Math.abs(s.start() - lastEnd) < 1e-6)) {
                    regions++;
                }
                lastEnd = s.end();
            }
        }
        return regions;
    }

    private static double speechSeconds(List<StreamingRecognizer.Segment> segments) {
        return segments.stream().filter(StreamingRecognizer.Segment::speech)
                .mapToDouble(StreamingRecognizer.Segment::duration).sum();
    }

    /** At another rate, the audio is resampled on the fly and the same regions are found. */
    @Test
    void anyInputRate() {
        List<StreamingRecognizer.Segment> at44 = stream(recording(44100), 44100, new int[] {4410},
                StreamingRecognizer.Settings.defaults());
        List<StreamingRecognizer.Segment> at16 = stream(recording(RATE), RATE, new int[] {4096},
                StreamingRecognizer.Settings.defaults());
        // regions, not label runs: where one region's label changes can move with the resampling
        assertEquals(speechRegions(at16), speechRegions(at44));
        assertEquals(speechSeconds(at16), speechSeconds(at44), 0.1);
        assertEquals(15.0, at44.get(at44.size() - 1).end(), 1e-3);
    }

    @Test
    void nonSpeechGetsNoEmotion() {
        for (Map.Entry<String, float[]> e : TestSignals.nonSpeech(RATE, 8).entrySet()) {
            List<StreamingRecognizer.Segment> segments = stream(e.getValue(), RATE, new int[] {4096},
                    StreamingRecognizer.Settings.defaults());
            assertFalse(segments.isEmpty(), e.getKey());
            for (StreamingRecognizer.Segment s : segments) {
                assertEquals(Recognizer.NONE, s.label(), e.getKey() + ": " + s);
                assertFalse(s.speech());
            }
        }
    }

    @Test
    void labelSubsetsAreRenormalised() {
        // given out of the model's order: probabilities and labels still line up
        List<String> four = List.of("sad", "angry", "neutral", "happy");
        for (StreamingRecognizer.Segment s : stream(recording(RATE), RATE, new int[] {4096},
                StreamingRecognizer.Settings.defaults().withLabels(four))) {
            if (s.speech()) {
                assertTrue(four.contains(s.label()));
                assertEquals(recognizer.labels().stream().filter(four::contains).toList(), s.labels(),
                        "the subset in the model's order");
                assertEquals(s.labels().get(dev.sentio.evaluation.Probabilities.argMax(s.probabilities())), s.label());
                assertEquals(s.confidence(), s.probabilities()[s.labels().indexOf(s.label())], 1e-6f);
                float sum = 0;
                for (float p : s.probabilities()) {
                    sum += p;
                }
                assertEquals(1f, sum, 1e-4f);
            }
        }
    }
}
