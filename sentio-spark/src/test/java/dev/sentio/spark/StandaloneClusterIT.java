package dev.sentio.spark;

import dev.sentio.audio.WavWriter;
import dev.sentio.vad.TestSignals;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The job jar on a real multi-process cluster on loopback: a standalone master and two workers, each its own JVM,
 * started here from Spark's jars as a distribution lays them out ({@code SPARK_HOME/jars}); the workers start
 * executor JVMs that see only Spark's jars and the job jar (so no training code, DJL or PyTorch). The output must
 * equal a local run's. Also: a job killed mid-run and run again writes the same output.
 */
class StandaloneClusterIT {
    @TempDir
    static Path dir;
    static Path corpus;
    static final List<Process> cluster = new ArrayList<>();
    static String master;
    static Path jobJar;
    static List<String> sparkJars;

    @BeforeAll
    static void startCluster() throws Exception {
        jobJar = Path.of(System.getProperty("sentio.spark.jar"));
        sparkJars = List.of(Files.readString(Path.of(System.getProperty("sentio.spark.classpath"))).trim()
                .split(File.pathSeparator));
        corpus = Files.createDirectories(dir.resolve("corpus"));
        TestSignals.toyCorpus(corpus, "sad", "angry", 4, 5);
        WavWriter.write(corpus.resolve("long.wav"), TestSignals.bursts(16000, 8,
                new double[][] {{0.5, 3.0, 140}, {4.5, 7.5, 230}}), 16000);
        Files.write(corpus.resolve("broken.wav"), new byte[] {'R', 'I', 'F', 'F', 9});

        Path home = Files.createDirectories(dir.resolve("spark-home/jars"));
        for (String jar : sparkJars) {
            Files.createSymbolicLink(home.resolve(Path.of(jar).getFileName()), Path.of(jar));
        }
        int port = freePort();
        master = "spark://127.0.0.1:" + port;
        cluster.add(start("master", "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port",
                "" + port, "--webui-port", "" + freePort()));
        awaitPort(port);
        for (int w = 1; w <= 2; w++) {
            cluster.add(start("worker" + w, "org.apache.spark.deploy.worker.Worker", master, "--host", "127.0.0.1",
                    "--cores", "1", "--memory", "1g", "--webui-port", "" + freePort(), "--work-dir",
                    dir.resolve("work" + w).toString()));
        }
    }

    @AfterAll
    static void stopCluster() {
        cluster.forEach(Process::destroy);
        cluster.forEach(p -> {
            try {
                if (!p.waitFor(20, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
            }
        });
    }

    private static Process start(String name, String mainClass, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(java(), "@" + System.getProperty("sentio.spark.options"),
                "-Xmx256m", "-cp", String.join(File.pathSeparator, sparkJars), mainClass));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile());
        pb.environment().put("SPARK_HOME", dir.resolve("spark-home").toString());
        pb.environment().put("SPARK_SCALA_VERSION", "2.13");
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        return pb.start();
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void awaitPort(int port) throws InterruptedException {
        for (int i = 0; i < 300; i++) {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new AssertionError("the master did not start; see " + dir.resolve("master.log"));
    }

    private static List<Row> read(Path out) {
        SparkSession s = SparkSession.builder().master("local[1]").config("spark.ui.enabled", "false").getOrCreate();
        try {
            return SparkJobTest.read(s, out);
        } finally {
            s.stop();
        }
    }

    @Test
    void theClusterWritesWhatALocalRunWrites() throws IOException {
        Path local = dir.resolve("local");
        assertEquals(2, SentioSpark.run("predict", "--master", "local[2]", "--out", local.toString(), corpus.toString()));
        Path remote = dir.resolve("cluster");
        System.setProperty("spark.jars", jobJar.toString());
        System.setProperty("spark.driver.host", "127.0.0.1");
        System.setProperty("spark.executor.memory", "512m");
        System.setProperty("spark.cores.max", "2");
        System.setProperty("spark.ui.enabled", "false");
        try {
            assertEquals(2, SentioSpark.run("predict", "--master", master, "--partitions", "6", "--out",
                    remote.toString(), corpus.toString()));
        } finally {
            Stream.of("spark.jars", "spark.driver.host", "spark.executor.memory", "spark.cores.max",
                    "spark.ui.enabled").forEach(System::clearProperty);
        }
        List<Row> expected = read(local);
        assertEquals(42, expected.size());
        assertEquals(expected, read(remote));
        // both workers ran an executor of the job, each in its own JVM
        for (int w = 1; w <= 2; w++) {
            try (Stream<Path> s = Files.walk(dir.resolve("work" + w))) {
                assertTrue(s.anyMatch(p -> p.getFileName().toString().equals("stderr")),
                        "worker " + w + " ran no executor; see " + dir.resolve("worker" + w + ".log"));
            }
        }
    }

    @Test
    void aJobKilledMidRunAndRunAgainWritesTheSameOutput() throws Exception {
        Path many = Files.createDirectories(dir.resolve("many"));
        byte[] wav = Files.readAllBytes(corpus.resolve("long.wav"));
        for (int i = 0; i < 150; i++) {
            Files.write(many.resolve(String.format("copy%03d.wav", i)), wav);
        }
        Path reference = dir.resolve("reference");
        assertEquals(0, SentioSpark.run("timeline", "--master", "local[2]", "--out", reference.toString(), many.toString()));

        Path out = dir.resolve("killed");
        List<String> command = new ArrayList<>(List.of(java(), "@" + System.getProperty("sentio.spark.options"),
                "-cp", jobJar + File.pathSeparator + String.join(File.pathSeparator, sparkJars),
                "dev.sentio.spark.SentioSpark", "timeline", "--master", "local[2]", "--partitions", "30",
                "--out", out.toString(), many.toString()));
        Process job = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("killed.log").toFile()).start();
        // killed (SIGKILL, nothing cleaned up) once some of its tasks have committed output
        Path temporary = out.resolve("_temporary");
        for (int i = 0; i < 1200 && job.isAlive() && !hasTaskOutput(temporary); i++) {
            Thread.sleep(50);
        }
        assertTrue(job.isAlive(), "the job ended before it could be killed; see " + dir.resolve("killed.log"));
        job.destroyForcibly().waitFor();
        assertTrue(Files.notExists(out.resolve("_SUCCESS")), "killed before it finished");

        assertEquals(0, SentioSpark.run("timeline", "--master", "local[2]", "--out", out.toString(), many.toString()));
        assertEquals(read(reference), read(out));
    }

    private static boolean hasTaskOutput(Path temporary) {
        if (!Files.isDirectory(temporary)) {
            return false;
        }
        try (Stream<Path> s = Files.walk(temporary)) {
            return s.anyMatch(p -> p.getFileName().toString().startsWith("part-"));
        } catch (IOException | java.io.UncheckedIOException e) {
            return false; // the job is moving files about
        }
    }
}
