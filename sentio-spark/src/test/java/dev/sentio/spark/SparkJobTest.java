package dev.sentio.spark;

import dev.sentio.audio.WavWriter;
import dev.sentio.features.FeatureConfig;
import dev.sentio.features.FeatureExtractor;
import dev.sentio.features.FeatureMatrix;
import dev.sentio.model.Recognizer;
import dev.sentio.stream.StreamingRecognizer;
import dev.sentio.vad.TestSignals;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The job on local[2], against the library run directly on the same files. */
class SparkJobTest {
    @TempDir
    static Path dir;
    static Path corpus;
    static Path manifest;
    static SparkSession spark;

    @BeforeAll
    static void start() throws IOException {
        corpus = Files.createDirectories(dir.resolve("corpus"));
        manifest = TestSignals.toyCorpus(corpus, "sad", "angry", 2, 3);
        Files.createDirectories(corpus.resolve("sub"));
        WavWriter.write(corpus.resolve("sub/long.wav"), TestSignals.bursts(16000, 9,
                new double[][] {{0.5, 3.0, 140}, {5.0, 8.0, 230}}), 16000);
        Files.write(corpus.resolve("broken.wav"), new byte[] {'R', 'I', 'F', 'F', 1, 2, 3});
        Files.write(corpus.resolve("empty.flac"), new byte[0]);
        Files.writeString(corpus.resolve("notes.txt"), "not audio, not listed");
        spark = SparkSession.builder().master("local[2]").appName("sentio-test")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "4").getOrCreate();
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    /** The output's rows in order: its part files in name order, each in its own order. */
    static List<Row> read(SparkSession spark, Path out) {
        List<Row> rows = new java.util.ArrayList<>();
        try (java.util.stream.Stream<Path> parts = Files.list(out)) {
            parts.filter(p -> p.getFileName().toString().startsWith("part-")).sorted()
                    .forEach(p -> rows.addAll(spark.read().parquet(p.toString()).collectAsList()));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return rows;
    }

    private static List<Row> read(Path out) {
        return read(spark, out);
    }

    private static Map<String, Row> byFile(List<Row> rows) {
        return rows.stream().collect(Collectors.toMap(r -> Path.of(java.net.URI.create(
                r.<String>getAs("path").replace(" ", "%20"))).getFileName().toString(), r -> r));
    }

    @Test
    void predictGivesEachFileTheLibrarysProbabilitiesAndBadFilesTheirErrors() {
        Path out = dir.resolve("predict");
        assertEquals(2, SentioSpark.run("predict", "--master", "local[2]", "--out", out.toString(), corpus.toString()),
                "some files failed: exit 2");
        Map<String, Row> rows = byFile(read(out));
        assertEquals(15, rows.size(), "12 toy files, long.wav and two bad ones (one empty); notes.txt is not listed: " + rows.keySet());
        Recognizer library = Recognizer.bundled();
        for (String name : List.of("angry00.wav", "sad12.wav", "long.wav")) {
            Row r = rows.get(name);
            Recognizer.Prediction expected = library.recognize(corpus.resolve(name.equals("long.wav") ? "sub/" + name : name));
            assertNull(r.getAs("error"), name);
            assertEquals(expected.label(), r.getAs("label"), name);
            for (int k = 0; k < expected.labels().size(); k++) {
                assertEquals(expected.probabilities()[k], r.<Float>getAs(expected.labels().get(k)), 1e-6f, name);
            }
            assertEquals(name.equals("long.wav") ? 9.0 : 0.75, r.<Double>getAs("duration"), 1e-9);
        }
        assertTrue(rows.get("broken.wav").<String>getAs("error").contains("broken.wav"));
        assertTrue(rows.get("empty.flac").<String>getAs("error").contains("empty file"), rows.get("empty.flac").toString());
        assertNull(rows.get("broken.wav").getAs("label"));
    }

    @Test
    void aRerunWritesTheSameRowsAndAKilledRunsLeftoversAreReplaced() throws IOException {
        Path out = dir.resolve("rerun");
        String[] args = {"predict", "--master", "local[2]", "--partitions", "3", "--out", out.toString(), corpus.toString()};
        SentioSpark.run(args);
        List<Row> first = read(out);
        // what a killed run leaves: no _SUCCESS, a _temporary folder
        Files.delete(out.resolve("_SUCCESS"));
        Files.createDirectories(out.resolve("_temporary/0/task_1"));
        Files.writeString(out.resolve("_temporary/0/task_1/part-00000.parquet"), "half written");
        SentioSpark.run(args);
        assertEquals(first, read(out), "same rows, same order");
        assertTrue(Files.exists(out.resolve("_SUCCESS")));
        assertTrue(Files.notExists(out.resolve("_temporary")));
    }

    @Test
    void aFolderWithOtherFilesIsNeverOverwritten() throws IOException {
        Path out = Files.createDirectories(dir.resolve("mine"));
        Files.writeString(out.resolve("thesis.tex"), "months of work");
        assertEquals(1, SentioSpark.run("predict", "--master", "local[2]", "--out", out.toString(), corpus.toString()));
        assertEquals("months of work", Files.readString(out.resolve("thesis.tex")));
    }

    @Test
    void manifestsGiveExpectedLabelsAndSpeakersAndAMissingFileIsARow() throws IOException {
        Path list = dir.resolve("list.csv");
        Files.writeString(list, Files.readString(manifest).replace("angry00.wav", "corpus/angry00.wav")
                .replace("sad12.wav", "corpus/missing.wav").lines()
                .filter(l -> l.startsWith("path") || l.contains("corpus/")).collect(Collectors.joining("\n")) + "\n");
        Path out = dir.resolve("manifest");
        SentioSpark.run("predict", "--master", "local[2]", "--out", out.toString(), list.toString(),
                corpus.resolve("sub").toString());
        List<Row> rows = read(out);
        assertEquals(3, rows.size(), rows.toString());
        Row folder = rows.get(2);
        assertTrue(folder.<String>getAs("path").endsWith("sub/long.wav"), folder.toString());
        assertNull(folder.getAs("expected"), "a file from a folder beside a manifest has no label");
        Row fine = rows.get(0);
        assertEquals("angry", fine.getAs("expected"));
        assertEquals("s0", fine.getAs("speaker"));
        assertNull(fine.getAs("error"));
        assertTrue(rows.get(1).<String>getAs("error").contains("no such file"), rows.get(1).toString());
    }

    @Test
    void timelineRowsAreTheStreamingRecognizersSegments() {
        Path out = dir.resolve("timeline");
        SentioSpark.run("timeline", "--master", "local[2]", "--labels", "angry,sad,neutral,happy", "--out",
                out.toString(), corpus.resolve("sub").toString());
        List<Row> rows = read(out);
        List<StreamingRecognizer.Segment> expected = StreamingRecognizer.timeline(Recognizer.bundled(),
                corpus.resolve("sub/long.wav"), StreamingRecognizer.Settings.defaults()
                        .withLabels(List.of("angry", "sad", "neutral", "happy")));
        assertEquals(expected.size(), rows.size());
        for (int i = 0; i < rows.size(); i++) {
            StreamingRecognizer.Segment s = expected.get(i);
            Row r = rows.get(i);
            assertEquals(s.start(), r.<Double>getAs("start"), 1e-9);
            assertEquals(s.end(), r.<Double>getAs("end"), 1e-9);
            assertEquals(s.label(), r.getAs("label"));
            assertEquals(s.reason(), r.getAs("reason"));
            for (int k = 0; k < s.probabilities().length; k++) {
                assertEquals(s.probabilities()[k], r.<Float>getAs(s.labels().get(k)), 1e-6f);
            }
        }
        assertEquals(9.0, rows.get(rows.size() - 1).<Double>getAs("end"), 1e-9, "segments tile the file");
        assertEquals(List.of("path", "start", "end", "label", "confidence", "neutral", "happy",
                "sad", "angry", "reason", "error"), List.of(spark.read().parquet(out.toString()).columns()),
                "probabilities in the model's order");
    }

    @Test
    void featuresEqualTheExtractorsPerFrameAndAsFunctionals() {
        Path frames = dir.resolve("frames");
        Path pooled = dir.resolve("functionals");
        String one = corpus.resolve("angry00.wav").toString();
        SentioSpark.run("features", "--master", "local[2]", "--out", frames.toString(), one);
        SentioSpark.run("features", "--master", "local[2]", "--functionals", "--format", "csv", "--out",
                pooled.toString(), one);
        FeatureMatrix m = new FeatureExtractor(FeatureConfig.preset("seed")).extract(Path.of(one));
        List<Row> rows = read(frames);
        assertEquals(m.frames(), rows.size());
        for (int f = 0; f < m.frames(); f += 7) {
            assertEquals(f, rows.get(f).<Integer>getAs("frame"));
            for (int c = 0; c < m.columns(); c++) {
                assertEquals(m.values()[f][c], rows.get(f).<Float>getAs(m.names().get(c)), 0f);
            }
        }
        FeatureMatrix fm = new FeatureExtractor(FeatureConfig.preset("seed").withPooling(FeatureConfig.FUNCTIONALS))
                .extract(Path.of(one));
        List<Row> csv = spark.read().option("header", "true").option("inferSchema", "true").csv(pooled.toString())
                .collectAsList();
        assertEquals(1, csv.size());
        assertEquals(fm.values()[0][3], ((Number) csv.get(0).getAs(fm.names().get(3))).floatValue(), 1e-6f);
    }

    @Test
    void badOptionsAreRefusedBeforeAnyWork() {
        Path out = dir.resolve("refused");
        assertEquals(1, SentioSpark.run("predict", "--master", "local[2]", "--labels", "angry,bored", "--out",
                out.toString(), corpus.toString()));
        assertEquals(1, SentioSpark.run("predict", "--master", "local[2]", "--format", "xlsx", "--out",
                out.toString(), corpus.toString()));
        assertEquals(1, SentioSpark.run("predict", "--master", "local[2]", "--out", out.toString(),
                dir.resolve("nowhere").toString()));
        assertEquals(1, SentioSpark.run("timeline", "--master", "local[2]", "--hop", "3", "--out", out.toString(),
                corpus.toString()));
        assertTrue(Files.notExists(out));
        assertThrows(dev.sentio.SentioException.class, () -> ModelShipment.of(spark, manifest));
        assertNotNull(ModelShipment.of(spark, null).bundle());
    }
}
