package dev.sentio.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sentio.SharedData;
import dev.sentio.cli.SentioCli;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `sentio spark predict` and `sentio predict` on the same corpus files: the same labels and probabilities. */
class SameAsCommandLineTest {
    @TempDir
    Path dir;

    @Test
    void sparkAndTheCommandLineGiveTheSameProbabilities() throws IOException {
        Path originals = SharedData.require("corpora/originals");
        Path emodb = SharedData.require("corpora/emodb/wav");
        List<String> files = new ArrayList<>();
        try (Stream<Path> s = Stream.concat(Files.list(originals), Files.list(emodb)
                .filter(p -> p.getFileName().toString().startsWith("03a0")))) {
            s.map(Path::toString).sorted().forEach(files::add);
        }
        Path out = dir.resolve("spark");
        // a folder and a glob, as a user gives them
        assertEquals(0, SentioSpark.run("predict", "--master", "local[2]", "--out", out.toString(),
                originals.toString(), emodb + "/03a0*.flac"));
        Map<String, Row> spark = new HashMap<>();
        SparkSession session = SparkSession.builder().master("local[1]").config("spark.ui.enabled", "false").getOrCreate();
        try {
            session.read().parquet(out.toString()).collectAsList().forEach(r ->
                    spark.put(Path.of(java.net.URI.create(r.getString(0))).getFileName().toString(), r));
        } finally {
            session.stop();
        }
        JsonNode cli = new ObjectMapper().readTree(predict(files));
        assertEquals(files.size(), cli.size());
        assertEquals(files.size(), spark.size());
        for (JsonNode p : cli) {
            String name = Path.of(p.get("file").asText()).getFileName().toString();
            Row r = spark.get(name);
            assertEquals(p.get("label").asText(), r.getAs("label"), name);
            p.get("probabilities").fields().forEachRemaining(e ->
                    assertEquals(e.getValue().floatValue(), r.<Float>getAs(e.getKey()), 0f, name + " " + e.getKey()));
        }
        assertTrue(files.size() >= 30);
    }

    private static String predict(List<String> files) {
        PrintStream stdout = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            List<String> args = new ArrayList<>(List.of("predict", "--format", "json"));
            args.addAll(files);
            assertEquals(0, SentioCli.run(args.toArray(String[]::new)));
        } finally {
            System.setOut(stdout);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
