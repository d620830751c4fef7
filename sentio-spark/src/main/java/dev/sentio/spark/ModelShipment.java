package dev.sentio.spark;

import dev.sentio.SentioException;
import dev.sentio.model.ModelBundle;
import dev.sentio.model.Recognizer;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The model as executors get it: the bundle's bytes are broadcast once (or, for the bundled model, read from the
 * job jar), parsed once per executor JVM, and each task thread gets a recognizer of its own over that bundle (a
 * recognizer runs one network at a time). Nothing here loads a deep-learning engine.
 */
final class ModelShipment implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Parsed bundles of this JVM, by the SHA-256 of their bytes ("bundled" for the model in the jar). */
    private static final Map<String, ModelBundle> BUNDLES = new ConcurrentHashMap<>();
    private static final ThreadLocal<Map<String, Recognizer>> RECOGNIZERS = ThreadLocal.withInitial(java.util.HashMap::new);

    private final String key;
    private final Broadcast<byte[]> bytes;

    private ModelShipment(String key, Broadcast<byte[]> bytes) {
        this.key = key;
        this.bytes = bytes;
    }

    /** The bundled model, or {@code file} read on the driver (so a bad file fails before any task runs). */
    static ModelShipment of(SparkSession spark, Path file) {
        if (file == null) {
            return new ModelShipment("bundled", null);
        }
        byte[] data;
        try {
            data = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new SentioException(file + ": cannot read the model (" + e.getMessage() + ")");
        }
        ModelBundle bundle = ModelBundle.read(new ByteArrayInputStream(data), file.toString()); // refuses non-models
        String key = sha256(data);
        BUNDLES.putIfAbsent(key, bundle);
        return new ModelShipment(key, JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(data));
    }

    ModelBundle bundle() {
        return BUNDLES.computeIfAbsent(key, k -> bytes == null ? ModelBundle.bundled()
                : ModelBundle.read(new ByteArrayInputStream(bytes.value()), "the broadcast model"));
    }

    /** This task thread's recognizer. */
    Recognizer recognizer() {
        return RECOGNIZERS.get().computeIfAbsent(key, k -> Recognizer.of(bundle()));
    }

    private static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
