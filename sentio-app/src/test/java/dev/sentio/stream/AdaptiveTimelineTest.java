package dev.sentio.stream;

import dev.sentio.app.ToyModels;
import dev.sentio.model.Recognizer;
import dev.sentio.vad.TestSignals;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A speaker-normalised model in a stream: each window standardised with the recording's speech so far. */
class AdaptiveTimelineTest {
    @TempDir
    Path dir;

    @Test
    void aSpeakerNormalisedModelAdaptsToTheRecordingAndBlockSizesStillDoNotMatter() {
        Path model = ToyModels.train(TestSignals.toyCorpus(dir, "sad", "angry", 3, 4), dir, "functionals", true);
        float[] y = TestSignals.bursts(16000, 16, new double[][] {{1, 2.5, 120}, {4, 5.5, 260}, {7, 8.5, 125},
                {10, 11.5, 250}, {13, 14.5, 118}});
        try (Recognizer r = Recognizer.load(model)) {
            assertTrue(r.bundle().speakerNormalised());
            List<StreamingRecognizer.Segment> whole = run(r, y, y.length);
            List<StreamingRecognizer.Segment> blocks = run(r, y, 37);
            assertEquals(whole.size(), blocks.size());
            for (int i = 0; i < whole.size(); i++) {
                assertEquals(whole.get(i).label(), blocks.get(i).label());
                assertArrayEquals(whole.get(i).probabilities(), blocks.get(i).probabilities());
            }
            List<String> emotions = whole.stream().filter(StreamingRecognizer.Segment::speech)
                    .map(StreamingRecognizer.Segment::label).toList();
            assertEquals(5, emotions.size(), "one segment per burst: " + whole);
            // once it has heard both voices, the low ones are sad and the high ones angry
            assertEquals(List.of("angry", "sad", "angry", "sad"), emotions.subList(1, 5));
        }
    }

    private static List<StreamingRecognizer.Segment> run(Recognizer r, float[] y, int block) {
        List<StreamingRecognizer.Segment> segments = new ArrayList<>();
        StreamingRecognizer s = new StreamingRecognizer(r, 16000, StreamingRecognizer.Settings.defaults(), segments::add);
        TestSignals.inBlocks(y, new int[] {block}, s::push);
        s.finish();
        return segments;
    }
}
