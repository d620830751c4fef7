package dev.sentio.bench;

import dev.sentio.audio.AudioLoader;
import dev.sentio.corpus.Corpus;
import dev.sentio.corpus.CorpusReaders;
import dev.sentio.corpus.Utterance;
import dev.sentio.model.Recognizer;
import dev.sentio.stream.StreamingRecognizer;
import dev.sentio.stream.SyntheticRecording;
import dev.sentio.vad.SpeechSegmenter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;

/**
 * How well timelines find and label speech: long recordings built from corpus utterances with near-silence or real
 * noise between them ({@link SyntheticRecording}), run through {@link StreamingRecognizer} with the bundled model.
 * Per setting: the VAD's frame accuracy (10 ms frames, speech regions against where the utterances lie), the share
 * of utterances found (a region overlaps it and its ends lie within 0.3 s of the utterance's), the share whose
 * timeline label (the label covering most of it) agrees with {@code predict} on the utterance's file, and the
 * real-time factor.
 * {@code java -cp benchmarks.jar dev.sentio.bench.TimelineReport [CORPORA] [NOISE] [UTTERANCES] [settings...]},
 * a setting being {@code window:hop:hangover} in seconds, then optionally {@code :silero} for the Silero VAD instead
 * of the model-free detector (default: the library's defaults); {@code -Dsentio.model=FILE} uses that model instead
 * of the bundled one.
 */
public final class TimelineReport {
    private static final int RATE = 16000;
    /** How far the found ends of an utterance may lie from its true ends (seconds). */
    static final double TOLERANCE = 0.3;

    private TimelineReport() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length > 0 && args[0].equals("make")) {
            make(Path.of(args[1]), Path.of(args.length > 2 ? args[2] : "../shared/corpora"));
            return;
        }
        Path corpora = Path.of(args.length > 0 ? args[0] : "../shared/corpora");
        Path noiseDir = Path.of(args.length > 1 ? args[1] : "../shared/noise/hu-nonspeech");
        int count = args.length > 2 ? Integer.parseInt(args[2]) : 60;
        List<String> settings = args.length > 3 ? List.of(args).subList(3, args.length)
                : List.of(StreamingRecognizer.DEFAULT_WINDOW + ":" + StreamingRecognizer.DEFAULT_HOP + ":"
                + SpeechSegmenter.Settings.defaults().hangoverSeconds());
        List<Path> evenNoise;
        try (Stream<Path> s = Files.list(noiseDir)) {
            evenNoise = s.filter(AudioLoader::hasAudioExtension)
                    .filter(f -> Integer.parseInt(f.getFileName().toString().replaceAll("\\D", "")) % 2 == 0)
                    .sorted().toList();
        }
        System.out.println("| corpus | gaps | window / hop / hangover (s) [VAD] | VAD frame accuracy | utterances found "
                + "(ends within 0.3 s) | labels = predict | real-time factor |");
        System.out.println("|---|---|---|---|---|---|---|");
        try (Recognizer recognizer = ChosenModel.open()) {
            for (String name : List.of("emodb", "ravdess", "tess", "nemo")) {
                Corpus corpus = CorpusReaders.open(name, corpora);
                List<Utterance> pick = new ArrayList<>(corpus.utterances());
                Collections.shuffle(pick, new Random(7));
                pick = pick.subList(0, Math.min(count, pick.size()));
                List<Path> files = pick.stream().map(Utterance::file).toList();
                List<String> labels = pick.stream().map(u -> u.emotion().label()).toList();
                List<String> alone = files.stream().map(f -> recognizer.recognize(f).label()).toList();
                for (String gaps : List.of("silence", "noise")) {
                    SyntheticRecording rec = SyntheticRecording.build(files, labels,
                            gaps.equals("noise") ? evenNoise : List.of(), new double[] {0.8, 3.0}, -10, RATE, 11);
                    for (String setting : settings) {
                        String[] p = setting.split(":");
                        StreamingRecognizer.Settings s = StreamingRecognizer.Settings.defaults()
                                .withWindow(Double.parseDouble(p[0]), Double.parseDouble(p[1]))
                                .withSpeech(SpeechSegmenter.Settings.defaults().withHangover(Double.parseDouble(p[2])));
                        if (p.length > 3 && p[3].equals("silero")) {
                            s = s.withRegions(silero().factory());
                        }
                        row(name, gaps.equals("noise") ? "real noise, -10 dB" : "near-silence", setting, recognizer,
                                rec, alone, s);
                    }
                }
            }
        }
    }

    /**
     * {@code make DIR}: writes DIR/minute.wav (EmoDB utterances with near-silence between them, one minute) and
     * DIR/hour.wav (that minute sixty times), for timing {@code sentio timeline} on long files.
     */
    private static void make(Path dir, Path corpora) throws IOException {
        Corpus corpus = CorpusReaders.open("emodb", corpora);
        List<Path> files = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < corpus.utterances().size(); i += 13) {
            files.add(corpus.utterances().get(i).file());
            labels.add(corpus.utterances().get(i).emotion().label());
        }
        SyntheticRecording rec = SyntheticRecording.build(files, labels, List.of(), new double[] {0.8, 3.0}, -10, RATE, 5);
        float[] minute = java.util.Arrays.copyOf(rec.samples(), 60 * RATE);
        Files.createDirectories(dir);
        dev.sentio.audio.WavWriter.write(dir.resolve("minute.wav"), minute, RATE);
        int[] repeats = {0};
        dev.sentio.audio.WavWriter.write(dir.resolve("hour.wav"), 60L * minute.length, RATE,
                () -> repeats[0]++ < 60 ? minute : new float[0]);
        System.out.println("wrote " + dir.resolve("minute.wav") + " and " + dir.resolve("hour.wav"));
    }

    private static dev.sentio.vad.silero.SileroVad silero;

    /** The Silero VAD, loaded once, from {@link dev.sentio.vad.silero.SileroVad#defaultModel()}. */
    private static dev.sentio.vad.silero.SileroVad silero() {
        if (silero == null) {
            silero = dev.sentio.vad.silero.SileroVad.load(dev.sentio.vad.silero.SileroVad.defaultModel());
        }
        return silero;
    }

    private static void row(String corpus, String gaps, String setting, Recognizer recognizer, SyntheticRecording rec,
                            List<String> alone, StreamingRecognizer.Settings settings) {
        List<StreamingRecognizer.Segment> segments = new ArrayList<>();
        long started = System.nanoTime();
        StreamingRecognizer stream = new StreamingRecognizer(recognizer, rec.sampleRate(), settings, segments::add);
        float[] y = rec.samples();
        for (int i = 0; i < y.length; i += 4096) {
            stream.push(y, i, Math.min(4096, y.length - i));
        }
        stream.finish();
        double seconds = (System.nanoTime() - started) / 1e9;
        SyntheticRecording.Score score = rec.score(segments, alone, TOLERANCE);
        System.out.printf(Locale.ROOT, "| %s | %s | %s | %.3f | %.3f | %.3f | %.4f |%n", corpus, gaps,
                setting.replace(":", " / "), score.frameAccuracy(), score.found(), score.agreement(),
                seconds / (y.length / (double) rec.sampleRate()));
    }
}
