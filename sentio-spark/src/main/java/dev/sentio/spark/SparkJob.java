package dev.sentio.spark;

import dev.sentio.SentioException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

/**
 * Sentio as a Spark job: inputs listed by Spark (folders, globs, manifests), each file's work done on the executors
 * by a {@link FileJob}, rows written as Parquet or CSV. A bad file is a row with its error, never a failed job; the
 * output is ordered, so a rerun writes the same rows.
 */
public final class SparkJob {
    /** What each output row starts with: the input file as Spark names it. */
    public static final String PATH = "path";
    /** From a manifest: the label it gives and the speaker (absent for folder inputs). */
    public static final String EXPECTED = "expected";
    public static final String SPEAKER = "speaker";
    /** Last in every row: null when the file was fine, else the problem. */
    public static final String ERROR = "error";

    private static final String AUDIO = "(?i).*\\.(wav|wave|flac|mp3|aif|aiff|aifc|ogg|oga|opus)$";

    private SparkJob() {
    }

    /**
     * The input files: a folder (searched recursively), a glob, or a file, listed by Spark's {@code binaryFile}
     * source without reading contents; or a CSV manifest {@code path,label[,speaker]} with a header, whose relative
     * paths are relative to the manifest's folder.
     *
     * @return rows of {@link #PATH}, and {@link #EXPECTED} and {@link #SPEAKER} when there is a manifest (null for
     *         files not from one)
     */
    public static Dataset<Row> inputs(SparkSession spark, List<String> inputs) {
        Dataset<Row> all = null;
        for (String input : inputs) {
            Dataset<Row> d = input.toLowerCase(Locale.ROOT).endsWith(".csv") ? manifest(spark, input) : files(spark, input);
            all = all == null ? d : all.unionByName(d, true); // files beside manifests: no label, no speaker
        }
        if (all == null) {
            throw new SentioException("no inputs given");
        }
        return all;
    }

    private static Dataset<Row> files(SparkSession spark, String input) {
        Dataset<Row> listed;
        try {
            listed = spark.read().format("binaryFile").option("recursiveFileLookup", "true").load(input);
        } catch (Exception e) { // Spark's AnalysisException is checked for Java
            if (e.getMessage() != null && e.getMessage().contains("PATH_NOT_FOUND")) {
                throw new SentioException(input + ": no such file or folder");
            }
            throw new SentioException(input + ": cannot list (" + firstLine(e) + ")");
        }
        // The listing Spark made (in parallel on large trees), not a scan: a scan drops empty files, which must
        // come out as rows with their error like any other bad file. No file is read on the driver.
        List<String> audio = Arrays.stream(listed.inputFiles()).map(SparkJob::asHadoopPath).filter(p -> p.matches(AUDIO))
                .sorted().toList();
        return spark.createDataset(audio, Encoders.STRING()).toDF(PATH);
    }

    /** A listed file as Hadoop names it ("file:/a b.wav"), as a manifest's qualified paths are named. */
    private static String asHadoopPath(String listed) {
        try {
            return new org.apache.hadoop.fs.Path(new java.net.URI(listed)).toString();
        } catch (java.net.URISyntaxException e) {
            return listed;
        }
    }

    private static Dataset<Row> manifest(SparkSession spark, String manifest) {
        org.apache.hadoop.fs.Path file = new org.apache.hadoop.fs.Path(manifest);
        String folder;
        try {
            FileSystem fs = file.getFileSystem(spark.sparkContext().hadoopConfiguration());
            folder = fs.makeQualified(file).getParent().toString();
        } catch (IOException | IllegalArgumentException e) {
            throw new SentioException(manifest + ": cannot read (" + e.getMessage() + ")");
        }
        StructType schema = new StructType().add(PATH, DataTypes.StringType).add("label", DataTypes.StringType)
                .add(SPEAKER, DataTypes.StringType);
        Dataset<Row> rows;
        try {
            rows = spark.read().option("header", "true").schema(schema).csv(manifest); // a missing speaker is null
        } catch (Exception e) {
            throw new SentioException(manifest + ": cannot read the manifest (" + firstLine(e) + ")");
        }
        // an absolute path or a URI stays as it is; a relative one is relative to the manifest's folder
        Column absolute = col(PATH).startsWith("/").or(col(PATH).rlike("^[A-Za-z][A-Za-z0-9+.-]+:"));
        return rows.where(col(PATH).isNotNull())
                .select(when(absolute, col(PATH)).otherwise(concat(lit(folder + "/"), col(PATH))).as(PATH),
                        col("label").as(EXPECTED), col(SPEAKER));
    }

    /**
     * Runs {@code job} over the inputs: one task per range of paths (the model and extractors are made once per
     * task thread); rows ordered by path, then as the job gives them (by time).
     *
     * @param partitions how many tasks (0: twice Spark's default parallelism, and at least one per 500 files)
     */
    public static Dataset<Row> run(SparkSession spark, Dataset<Row> inputs, FileJob job, int partitions) {
        List<String> inputColumns = Arrays.asList(inputs.columns());
        StructType schema = new StructType(inputs.schema().fields());
        for (StructField f : job.columns().fields()) {
            schema = schema.add(f);
        }
        schema = schema.add(ERROR, DataTypes.StringType);
        long files = inputs.count(); // from the listing Spark made when the inputs were loaded
        if (files == 0) {
            throw new SentioException("no audio files found in the inputs");
        }
        int tasks = partitions > 0 ? partitions
                : (int) Math.max(2L * spark.sparkContext().defaultParallelism(), (files + 499) / 500);
        int width = schema.size();
        int lead = inputColumns.size();
        FlatMapFunction<Row, Row> perFile = input -> rowsOf(job, input, lead, width);
        // The inputs are sorted, not the results: a sort of the results would sample them first, recognising every
        // file twice. A file's rows come out in the job's own order, so the output is ordered by path, then time.
        return inputs.repartitionByRange(tasks, col(PATH)).sortWithinPartitions(PATH).flatMap(perFile, Encoders.row(schema));
    }

    private static Iterator<Row> rowsOf(FileJob job, Row input, int lead, int width) {
        String path = input.getString(0);
        List<Row> out = new ArrayList<>();
        try (InputFile file = InputFile.open(path)) {
            try {
                for (Object[] results : job.rows(file.local())) {
                    out.add(row(input, lead, width, results, null));
                }
            } catch (SentioException e) {
                out.add(row(input, lead, width, null, file.describe(e)));
            } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
                out.add(row(input, lead, width, null, path + ": internal error (" + file.describe(e) + ")"));
            }
        } catch (SentioException e) {
            out.add(row(input, lead, width, null, e.getMessage()));
        }
        return out.iterator();
    }

    private static Row row(Row input, int lead, int width, Object[] results, String error) {
        Object[] values = new Object[width];
        for (int k = 0; k < lead; k++) {
            values[k] = input.get(k);
        }
        if (results != null) {
            System.arraycopy(results, 0, values, lead, results.length - 1);
        }
        values[width - 1] = error;
        return RowFactory.create(values);
    }

    /** The formats {@link #write} writes. */
    public static final List<String> FORMATS = List.of("parquet", "csv");

    /**
     * Writes the rows to the folder {@code out} (any Hadoop file system) as Parquet or CSV with a header. A folder
     * that holds an earlier output of the job (complete, or left by a killed run) is replaced; a folder with other
     * files is refused, so nothing a user saved is lost. {@code _SUCCESS} marks a complete output.
     */
    public static void write(SparkSession spark, Dataset<Row> rows, String out, String format) {
        if (!FORMATS.contains(format)) {
            throw new SentioException("unknown --format '" + format + "': use " + String.join(" or ", FORMATS));
        }
        refuseForeignFiles(spark.sparkContext().hadoopConfiguration(), out);
        var writer = rows.write().mode(SaveMode.Overwrite);
        if (format.equals("csv")) {
            writer.option("header", "true").csv(out);
        } else {
            writer.parquet(out);
        }
    }

    /** What Spark writes into an output folder: part files, their checksums, _SUCCESS, _temporary. */
    private static final Pattern SPARK_OUTPUT = Pattern.compile("\\.?(part-.*|_SUCCESS(\\.crc)?|_temporary)");

    private static void refuseForeignFiles(Configuration conf, String out) {
        org.apache.hadoop.fs.Path folder = new org.apache.hadoop.fs.Path(out);
        try {
            FileSystem fs = folder.getFileSystem(conf);
            if (!fs.exists(folder)) {
                return;
            }
            if (!fs.getFileStatus(folder).isDirectory()) {
                throw new SentioException(out + ": is a file; --out needs a folder");
            }
            for (FileStatus s : fs.listStatus(folder)) {
                if (!SPARK_OUTPUT.matcher(s.getPath().getName()).matches()) {
                    throw new SentioException(out + ": holds " + s.getPath().getName() + ", which this job did not "
                            + "write; give a new or empty folder (an earlier output of the job is replaced)");
                }
            }
        } catch (IOException e) {
            throw new SentioException(out + ": cannot check the output folder (" + e.getMessage() + ")");
        }
    }

    /** A Spark message's first line (the rest is often a plan or a stack). */
    static String firstLine(Throwable e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
