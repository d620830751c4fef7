package dev.sentio.stream;

import dev.sentio.SharedData;
import dev.sentio.audio.AudioLoader;
import dev.sentio.model.Recognizer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Timelines of long recordings made of corpus utterances of known emotion with gaps between them
 * ({@link SyntheticRecording}): each utterance is found, gaps of real noise alone mostly get no emotion, and the
 * labels agree with per-file predict.
 */
class LongRecordingTest extends WithBundledModel {
    /** How far a found end may lie from the utterance's (seconds). */
    private static final double TOLERANCE = 0.3;
    private static List<Path> files(Path dir, java.util.function.Predicate<String> pick, int n) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(AudioLoader::hasAudioExtension).filter(f -> pick.test(f.getFileName().toString()))
                    .sorted().limit(n).toList();
        }
    }

    private static List<StreamingRecognizer.Segment> timeline(SyntheticRecording rec) {
        List<StreamingRecognizer.Segment> segments = new ArrayList<>();
        StreamingRecognizer s = new StreamingRecognizer(recognizer, rec.sampleRate(),
                StreamingRecognizer.Settings.defaults(), segments::add);
        dev.sentio.vad.TestSignals.inBlocks(rec.samples(), new int[] {4096}, s::push);
        s.finish();
        return segments;
    }

    @Test
    void utterancesAreFoundAndLabelledAsPredictLabelsThem() throws IOException {
        // one utterance of each of 16 EmoDB files spread over speakers and emotions
        Path emodb = SharedData.require("corpora/emodb/wav");
        List<Path> all = files(emodb, n -> true, Integer.MAX_VALUE);
        List<Path> utterances = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            utterances.add(all.get(i * all.size() / 16));
        }
        List<String> labels = utterances.stream().map(f -> "?").toList();
        SyntheticRecording rec = SyntheticRecording.build(utterances, labels, List.of(), new double[] {0.8, 3.0},
                -10, 16000, 3);
        List<StreamingRecognizer.Segment> segments = timeline(rec);
        List<String> alone = utterances.stream().map(f -> recognizer.recognize(f).label()).toList();
        SyntheticRecording.Score score = rec.score(segments, alone, TOLERANCE);
        int found = (int) Math.round(16 * score.found());
        int agree = (int) Math.round(16 * score.agreement());
        System.out.printf("long recording of 16 EmoDB utterances: %d found within %.1f s, %d labelled as predict "
                + "labels their files%n", found, TOLERANCE, agree);
        assertTrue(found >= 14, found + " of 16 utterances found with both ends within " + TOLERANCE + " s");
        assertTrue(agree >= 10, agree + " of 16 timeline labels agree with predict");
    }

    @Test
    void realNoiseAloneMostlyGetsNoEmotion() throws IOException {
        // the even-numbered noise files: never looked at while the speech check was tuned
        Path noise = SharedData.require("noise/hu-nonspeech");
        List<Path> even = files(noise, n -> Integer.parseInt(n.replaceAll("\\D", "")) % 2 == 0, 50);
        float[][] pieces = new float[even.size()][];
        int total = 0;
        for (int i = 0; i < pieces.length; i++) {
            pieces[i] = AudioLoader.load(even.get(i), 16000).samples();
            total += pieces[i].length + 16000;
        }
        float[] y = new float[total];
        int at = 0;
        for (float[] p : pieces) {
            System.arraycopy(p, 0, y, at, p.length);
            at += p.length + 16000; // a second of digital silence between sounds
        }
        SyntheticRecording rec = new SyntheticRecording(y, 16000, List.of());
        double emotion = 0;
        for (StreamingRecognizer.Segment s : timeline(rec)) {
            emotion += s.speech() ? s.duration() : 0;
        }
        double seconds = y.length / 16000.0;
        System.out.printf("%.0f s of 50 real noise files: %.1f s (%.1f%%) given an emotion%n", seconds, emotion,
                100 * emotion / seconds);
        assertTrue(emotion / seconds <= 0.15, emotion + " s of " + seconds + " s of noise given an emotion");
    }
}
