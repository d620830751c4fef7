package dev.sentio.spark;

import dev.sentio.SentioException;
import dev.sentio.features.FeatureConfig;
import dev.sentio.model.Recognizer;
import dev.sentio.stream.StreamingRecognizer;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import static org.apache.spark.sql.functions.col;

/**
 * The Spark job's command line, for {@code spark-submit --class dev.sentio.spark.SentioSpark sentio-spark.jar MODE ...}
 * and {@code ./sentio spark MODE ...}: it only translates options for {@link SparkJob}.
 */
@Command(name = "sentio spark", mixinStandardHelpOptions = true,
        description = "Sentio as an Apache Spark job: many files recognised on a cluster (or on this machine with "
                + "--master local[N]), one output row per file, segment or frame, written as Parquet or CSV.",
        subcommands = {SentioSpark.Predict.class, SentioSpark.Timeline.class, SentioSpark.Features.class,
                CommandLine.HelpCommand.class})
public final class SentioSpark {
    private SentioSpark() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the job's command line; returns 0 (all files fine), 1 (failed, or every file did), 2 (some files did). */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new SentioSpark());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("sentio spark: " + (e instanceof SentioException ? e.getMessage()
                    : "failed: " + e.getClass().getSimpleName() + ": " + SparkJob.firstLine(e)));
            if (System.getenv("SENTIO_DEBUG") != null) {
                e.printStackTrace(commandLine.getErr());
            }
            return 1;
        });
        return cli.execute(args);
    }

    /** The jar this class was loaded from, or null (classes from a folder, as in tests). */
    static String ownJar() {
        try {
            java.security.CodeSource source = SentioSpark.class.getProtectionDomain().getCodeSource();
            String path = source == null ? null : java.nio.file.Path.of(source.getLocation().toURI()).toString();
            return path != null && path.endsWith(".jar") ? path : null;
        } catch (java.net.URISyntaxException | SecurityException e) {
            return null;
        }
    }

    /** Options of every mode. */
    static final class JobOptions {
        @Parameters(arity = "1..*", paramLabel = "INPUT", description = "Folders (recursed), globs or files, local "
                + "or on any Hadoop file system (hdfs://, s3a://, ...); or CSV manifests path,label[,speaker] with a header.")
        List<String> inputs;

        @Option(names = "--out", required = true, paramLabel = "DIR",
                description = "Output folder (replaced if it holds an earlier output of this job; refused if it holds other files).")
        String out;

        @Option(names = "--format", defaultValue = "parquet", paramLabel = "FMT",
                description = "parquet or csv (with a header). Default: ${DEFAULT-VALUE}.")
        String format;

        @Option(names = "--master", paramLabel = "URL", description = "Spark master, e.g. local[2] or "
                + "spark://host:7077 (default: spark-submit's, else local[*]).")
        String master;

        @Option(names = "--partitions", defaultValue = "0", paramLabel = "N",
                description = "Tasks to split the files into (default: twice the cores, at least one per 500 files).")
        int partitions;
    }

    /** Options of the modes that recognise. */
    static final class ModelChoice {
        @Option(names = "--model", paramLabel = "FILE", description = "A model file from 'sentio train' "
                + "(default: the bundled model); broadcast to the executors once.")
        Path file;

        @Option(names = "--labels", split = ",", paramLabel = "LIST",
                description = "Choose among these labels only; their probabilities are renormalised.")
        List<String> labels;

        /** The model, checked on the driver, and the labels to show. */
        ModelShipment ship(SparkSession spark) {
            ModelShipment model = ModelShipment.of(spark, file);
            Recognizer recognizer = model.recognizer(); // a model without plain weights is refused here
            if (recognizer.bundle().speakerNormalised()) {
                throw new SentioException("this model was trained with --speaker-norm and recognises a speaker's "
                        + "recordings together; the Spark job recognises each file alone: use a model trained without it");
            }
            return model;
        }

        List<String> shown(ModelShipment model) {
            Recognizer recognizer = model.recognizer();
            return labels == null ? recognizer.labels() : recognizer.requireLabels(labels);
        }
    }

    abstract static class Mode implements Callable<Integer> {
        @Mixin
        JobOptions job;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        abstract FileJob fileJob(SparkSession spark);

        @Override
        public Integer call() {
            if (!SparkJob.FORMATS.contains(job.format)) {
                throw new SentioException("unknown --format '" + job.format + "': use parquet or csv");
            }
            SparkSession.Builder builder = SparkSession.builder().appName(spec.qualifiedName());
            SparkConf given = new SparkConf();
            if (job.master != null) {
                builder.master(job.master);
            } else if (!given.contains("spark.master")) {
                builder.master("local[*]");
            }
            // run from the job jar without spark-submit (./sentio spark --master spark://...): executors need the jar
            String self = ownJar();
            if (!given.contains("spark.jars") && self != null) {
                builder.config("spark.jars", self);
            }
            boolean own = SparkSession.getDefaultSession().isEmpty(); // a caller's session is left running
            SparkSession spark = builder.getOrCreate();
            try {
                Dataset<Row> rows = SparkJob.run(spark, SparkJob.inputs(spark, job.inputs), fileJob(spark), job.partitions);
                SparkJob.write(spark, rows, job.out, job.format);
                return summarise(spark, spec.commandLine().getErr());
            } finally {
                if (own) {
                    spark.stop();
                }
            }
        }

        /** What was written, read back from the output (cheap: two columns). */
        private int summarise(SparkSession spark, java.io.PrintWriter err) {
            Dataset<Row> written = job.format.equals("csv")
                    ? spark.read().option("header", "true").csv(job.out) : spark.read().parquet(job.out);
            long files = written.select(col(SparkJob.PATH)).distinct().count();
            List<Row> failed = written.where(col(SparkJob.ERROR).isNotNull()).select(SparkJob.ERROR)
                    .orderBy(SparkJob.ERROR).collectAsList();
            err.printf("sentio spark: %d files, %d rows, %d failed; written to %s (%s)%n", files, written.count(),
                    failed.size(), job.out, job.format);
            failed.stream().limit(20).forEach(r -> err.println("  " + r.getString(0)));
            if (failed.size() > 20) {
                err.println("  ... and " + (failed.size() - 20) + " more (the error column of the output lists them)");
            }
            err.flush();
            return failed.isEmpty() ? 0 : failed.size() == files ? 1 : 2;
        }
    }

    @Command(name = "predict", mixinStandardHelpOptions = true,
            description = "One row per file: path, duration, label, confidence, a probability per label, reason, error.")
    static final class Predict extends Mode {
        @Mixin
        ModelChoice model;

        @Override
        FileJob fileJob(SparkSession spark) {
            ModelShipment m = model.ship(spark);
            return new FileJob.Predict(m, model.shown(m));
        }
    }

    @Command(name = "timeline", mixinStandardHelpOptions = true,
            description = "One row per segment of each file (as 'sentio timeline'): path, start, end, label, "
                    + "confidence, a probability per label, reason, error.")
    static final class Timeline extends Mode {
        @Mixin
        ModelChoice model;

        @Option(names = "--window", defaultValue = "" + StreamingRecognizer.DEFAULT_WINDOW, paramLabel = "S",
                description = "Length of the windows speech is recognised in (seconds). Default: ${DEFAULT-VALUE}.")
        double window;

        @Option(names = "--hop", defaultValue = "" + StreamingRecognizer.DEFAULT_HOP, paramLabel = "S",
                description = "Step between windows (seconds). Default: ${DEFAULT-VALUE}.")
        double hop;

        @Option(names = "--hangover", defaultValue = "0.5", paramLabel = "S",
                description = "Silence that ends a speech region (seconds). Default: ${DEFAULT-VALUE}.")
        double hangover;

        @Override
        FileJob fileJob(SparkSession spark) {
            ModelShipment m = model.ship(spark);
            try {
                return new FileJob.Timeline(m, model.shown(m), window, hop, hangover);
            } catch (IllegalArgumentException e) {
                throw new SentioException(e.getMessage());
            }
        }
    }

    @Command(name = "features", mixinStandardHelpOptions = true,
            description = "Features for training elsewhere: one row per frame (path, duration, frame, time, a column "
                    + "per feature), or one per file with --functionals.")
    static final class Features extends Mode {
        @Option(names = "--preset", defaultValue = "seed", paramLabel = "NAME",
                description = "Feature preset: seed or seed-raw. Default: ${DEFAULT-VALUE}.")
        String preset;

        @Option(names = "--config", paramLabel = "FILE", description = "A FeatureConfig JSON file (overrides --preset), "
                + "e.g. the feature-config.json that 'sentio features' writes.")
        Path config;

        @Option(names = "--functionals", description = "One row per file: each column's mean, sd, skewness, kurtosis, "
                + "percentiles and frame-to-frame change.")
        boolean functionals;

        @Override
        FileJob fileJob(SparkSession spark) {
            FeatureConfig c;
            try {
                c = config != null ? FeatureConfig.fromJson(Files.readString(config)) : FeatureConfig.preset(preset);
            } catch (IOException e) {
                throw new SentioException(config + ": cannot read (" + e.getMessage() + ")");
            }
            return new FileJob.Features(functionals ? c.withPooling(FeatureConfig.FUNCTIONALS) : c);
        }
    }
}
