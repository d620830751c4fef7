package dev.sentio.spark;

import dev.sentio.SentioException;
import dev.sentio.audio.Audio;
import dev.sentio.audio.AudioLoader;
import dev.sentio.features.FeatureConfig;
import dev.sentio.features.FeatureExtractor;
import dev.sentio.features.FeatureMatrix;
import dev.sentio.model.Recognizer;
import dev.sentio.stream.StreamingRecognizer;
import dev.sentio.vad.SpeechSegmenter;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the job does with one input file, on an executor: the result rows' columns (after the input's own), and the
 * rows for a file. The work itself is the library's, exactly as the command line does it.
 */
abstract sealed class FileJob implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The result columns (an error column follows them). */
    abstract StructType columns();

    /**
     * The rows for one file, each with a last element left for the error column; throws {@link SentioException} for
     * a problem with the file.
     *
     * (errors name {@code file}; the caller puts the input's own name back).
     */
    abstract List<Object[]> rows(Path file);

    /** {@code sentio predict}: one row per file. */
    static final class Predict extends FileJob {
        private static final long serialVersionUID = 1L;
        private final ModelShipment model;
        private final List<String> labels;

        Predict(ModelShipment model, List<String> labels) {
            this.model = model;
            this.labels = List.copyOf(labels);
        }

        @Override
        StructType columns() {
            return outcome(new StructType().add("duration", DataTypes.DoubleType), labels);
        }


        @Override
        List<Object[]> rows(Path file) {
            Recognizer recognizer = model.recognizer();
            Audio audio = AudioLoader.load(file);
            Recognizer.Prediction p = recognizer.recognize(recognizer.analyse(audio, file.toString())).restrictedTo(labels);
            Object[] row = new Object[5 + labels.size()]; // duration, outcome, error
            row[0] = audio.durationSeconds();
            outcome(row, 1, p.label(), p.confidence(), p.probabilities(), p.reason());
            return List.<Object[]>of(row);
        }
    }

    /** {@code sentio timeline}: one row per segment. */
    static final class Timeline extends FileJob {
        private static final long serialVersionUID = 1L;
        private final ModelShipment model;
        private final List<String> labels;
        private final double window;
        private final double hop;
        private final double hangover;

        Timeline(ModelShipment model, List<String> labels, double window, double hop, double hangover) {
            this.model = model;
            this.labels = List.copyOf(labels);
            // checked here, on the driver, before any task runs
            settings(window, hop, hangover, this.labels);
            this.window = window;
            this.hop = hop;
            this.hangover = hangover;
        }

        private static StreamingRecognizer.Settings settings(double window, double hop, double hangover,
                                                             List<String> labels) {
            return StreamingRecognizer.Settings.defaults().withWindow(window, hop).withLabels(labels)
                    .withSpeech(SpeechSegmenter.Settings.defaults().withHangover(hangover));
        }

        @Override
        StructType columns() {
            return outcome(new StructType().add("start", DataTypes.DoubleType).add("end", DataTypes.DoubleType), labels);
        }


        @Override
        List<Object[]> rows(Path file) {
            List<StreamingRecognizer.Segment> segments =
                    StreamingRecognizer.timeline(model.recognizer(), file, settings(window, hop, hangover, labels));
            List<Object[]> rows = new ArrayList<>();
            for (StreamingRecognizer.Segment s : segments) {
                Object[] row = new Object[6 + labels.size()]; // start, end, outcome, error
                row[0] = s.start();
                row[1] = s.end();
                outcome(row, 2, s.label(), s.confidence(), s.probabilities(), s.reason());
                rows.add(row);
            }
            return rows;
        }
    }

    /** {@code sentio features}: one row per file (functionals) or per frame. */
    static final class Features extends FileJob {
        private static final long serialVersionUID = 1L;
        /** As JSON: the configuration's own serial form. */
        private final String config;
        private final boolean pooled;
        private final List<String> names;

        Features(FeatureConfig config) {
            this.config = config.toJson();
            this.pooled = config.pooled();
            this.names = new FeatureExtractor(config).columnNames();
        }

        @Override
        StructType columns() {
            StructType t = new StructType().add("duration", DataTypes.DoubleType);
            if (!pooled) {
                t = t.add("frame", DataTypes.IntegerType).add("time", DataTypes.DoubleType);
            }
            for (String n : names) {
                t = t.add(n, DataTypes.FloatType);
            }
            return t;
        }


        @Override
        List<Object[]> rows(Path file) {
            Audio audio = AudioLoader.load(file);
            FeatureMatrix m;
            try {
                m = Extractors.of(config).extract(audio);
            } catch (SentioException | IllegalArgumentException e) {
                throw new SentioException(file + ": " + e.getMessage(), e);
            }
            int lead = pooled ? 1 : 3;
            List<Object[]> rows = new ArrayList<>(m.frames());
            for (int f = 0; f < m.frames(); f++) {
                Object[] row = new Object[lead + m.columns() + 1];
                row[0] = audio.durationSeconds();
                if (!pooled) {
                    row[1] = f;
                    row[2] = f * (double) m.hopLength() / m.sampleRate();
                }
                for (int c = 0; c < m.columns(); c++) {
                    row[lead + c] = m.values()[f][c];
                }
                rows.add(row);
            }
            return rows;
        }
    }

    /** label, confidence, one probability per label, reason. */
    private static StructType outcome(StructType t, List<String> labels) {
        t = t.add("label", DataTypes.StringType).add("confidence", DataTypes.FloatType);
        for (String l : labels) {
            t = t.add(l, DataTypes.FloatType);
        }
        return t.add("reason", DataTypes.StringType);
    }

    private static void outcome(Object[] row, int at, String label, float confidence, float[] probabilities,
                                String reason) {
        row[at] = label;
        boolean speech = reason == null;
        row[at + 1] = speech ? confidence : null;
        for (int k = 0; k < probabilities.length; k++) {
            row[at + 2 + k] = probabilities[k];
        }
        row[row.length - 2] = reason; // the error column comes last
    }

    /** One feature extractor per configuration and task thread (an extractor keeps per-call buffers). */
    private static final class Extractors {
        private static final ThreadLocal<java.util.Map<String, FeatureExtractor>> CACHE =
                ThreadLocal.withInitial(java.util.HashMap::new);

        static FeatureExtractor of(String json) {
            return CACHE.get().computeIfAbsent(json, j -> new FeatureExtractor(FeatureConfig.fromJson(j)));
        }
    }
}
