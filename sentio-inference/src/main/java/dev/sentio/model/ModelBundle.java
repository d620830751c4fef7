package dev.sentio.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sentio.SentioException;
import dev.sentio.features.FeatureConfig;
import dev.sentio.io.FeatureFiles;
import dev.sentio.model.data.Standardizer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Everything a trained recogniser needs, in one zip file: the network's architecture and parameters, the
 * FeatureConfig it was trained on, the standardisation statistics, the label list, and provenance (corpora,
 * protocol, metrics, versions, date). A SHA-256 of each entry is stored beside them; the file is written
 * atomically, and a damaged, truncated or foreign file is refused with a clear message.
 *
 * @param architecture a name {@link Networks} knows
 * @param labels       output order of the network
 * @param features     how input audio becomes frames
 * @param standardizer per-column statistics from the training data
 * @param parameters   the network's weights, DJL's serialisation
 * @param provenance   free-form facts about how the model was made
 * @param plainWeights the same weights as {@link PlainWeights}, for engine-free inference; null if absent
 * @param temperature  the network's probabilities are tempered to p^(1/T) (temperature scaling: confidences that
 *                     are probabilities); 1 leaves them as they are
 * @param speakerNormalised trained on features standardised per speaker first: it predicts for recordings of one
 *                     speaker or session together, normalised with their own statistics, not for one file alone
 */
public record ModelBundle(String architecture, List<String> labels, FeatureConfig features, Standardizer standardizer,
                          byte[] parameters, Map<String, Object> provenance, byte[] plainWeights, double temperature,
                          boolean speakerNormalised) {
    private static final int FORMAT = 1;
    private static final String MANIFEST = "model.json";
    private static final String WEIGHTS = "parameters.djl";
    private static final String PLAIN_WEIGHTS = "weights.bin";
    private static final String SUMS = "SHA256SUMS";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final java.util.Set<String> ENTRIES = java.util.Set.of(MANIFEST, WEIGHTS, PLAIN_WEIGHTS, SUMS);
    /** The largest entry read (the biggest shipped network's weights are a few MB). */
    private static final int MAX_ENTRY = 64 << 20;

    public ModelBundle {
        labels = List.copyOf(labels);
        provenance = Map.copyOf(provenance);
        if (!(temperature > 0) || Double.isInfinite(temperature)) {
            throw new SentioException("a model's temperature must be a positive number, got " + temperature);
        }
    }

    /** The same model with another temperature. */
    public ModelBundle withTemperature(double t) {
        return new ModelBundle(architecture, labels, features, standardizer, parameters, provenance, plainWeights, t,
                speakerNormalised);
    }

    /** The same model, marked as trained on speaker-normalised features. */
    public ModelBundle withSpeakerNormalised(boolean normalised) {
        return new ModelBundle(architecture, labels, features, standardizer, parameters, provenance, plainWeights,
                temperature, normalised);
    }

    /** The same model with one more fact in its provenance (e.g. how its training data was augmented). */
    public ModelBundle withProvenance(String key, Object value) {
        Map<String, Object> more = new java.util.LinkedHashMap<>(provenance);
        more.put(key, value);
        return new ModelBundle(architecture, labels, features, standardizer, parameters, more, plainWeights,
                temperature, speakerNormalised);
    }

    public void save(Path file) {
        byte[] manifest = manifest();
        String sums = sha256(manifest) + "  " + MANIFEST + "\n" + sha256(parameters) + "  " + WEIGHTS + "\n"
                + (plainWeights != null ? sha256(plainWeights) + "  " + PLAIN_WEIGHTS + "\n" : "");
        FeatureFiles.writeAtomically(file, out -> {
            ZipOutputStream zip = new ZipOutputStream(out);
            entry(zip, MANIFEST, manifest);
            entry(zip, WEIGHTS, parameters);
            if (plainWeights != null) {
                entry(zip, PLAIN_WEIGHTS, plainWeights);
            }
            entry(zip, SUMS, sums.getBytes(StandardCharsets.US_ASCII));
            zip.finish();
        });
    }

    /** The model that ships inside Sentio ({@link Recognizer#BUNDLED} on the classpath). */
    public static ModelBundle bundled() {
        try (InputStream in = ModelBundle.class.getResourceAsStream(Recognizer.BUNDLED)) {
            if (in == null) {
                throw new SentioException("this build of Sentio carries no bundled model (" + Recognizer.BUNDLED + ")");
            }
            return read(in, "bundled model");
        } catch (IOException e) {
            throw new SentioException("cannot read the bundled model (" + e.getMessage() + ")");
        }
    }

    public static ModelBundle load(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        } catch (NoSuchFileException e) {
            throw new SentioException(file + ": no such model file");
        } catch (IOException e) {
            throw new SentioException(file + ": cannot read model (" + e.getMessage() + ")");
        }
    }

    /** Reads a bundle from a stream; {@code source} names it in errors. */
    public static ModelBundle read(InputStream in, String source) {
        Map<String, byte[]> entries = new HashMap<>();
        try (ZipInputStream zip = new ZipInputStream(in)) {
            ZipEntry e;
            while ((e = zip.getNextEntry()) != null) {
                // only the known entries are read, each up to a bound: a crafted file cannot fill the heap
                if (ENTRIES.contains(e.getName())) {
                    byte[] bytes = zip.readNBytes(MAX_ENTRY + 1);
                    if (bytes.length > MAX_ENTRY) {
                        throw new SentioException(source + ": not a Sentio model (" + e.getName() + " is larger than "
                                + (MAX_ENTRY >> 20) + " MB)");
                    }
                    entries.put(e.getName(), bytes);
                }
            }
        } catch (ZipException | IllegalArgumentException e) { // IllegalArgumentException: an entry name that is not UTF-8
            throw new SentioException(source + ": not a Sentio model (damaged or not a zip file: " + e.getMessage() + ")");
        } catch (IOException e) {
            throw new SentioException(source + ": truncated or unreadable model file (" + e.getMessage() + ")");
        }
        if (!entries.containsKey(MANIFEST) || !entries.containsKey(WEIGHTS) || !entries.containsKey(SUMS)) {
            throw new SentioException(source + ": not a Sentio model (expected " + MANIFEST + ", " + WEIGHTS + " and "
                    + SUMS + " inside; found " + entries.keySet() + ")");
        }
        String sums = new String(entries.get(SUMS), StandardCharsets.US_ASCII);
        List<String> checked = entries.containsKey(PLAIN_WEIGHTS) ? List.of(MANIFEST, WEIGHTS, PLAIN_WEIGHTS)
                : List.of(MANIFEST, WEIGHTS);
        for (String name : checked) {
            if (!sums.contains(sha256(entries.get(name)) + "  " + name)) {
                throw new SentioException(source + ": damaged model (checksum of " + name + " does not match)");
            }
        }
        try {
            JsonNode m = JSON.readTree(entries.get(MANIFEST));
            if (m.path("format").asInt() != FORMAT) {
                throw new SentioException(source + ": model format " + m.path("format") + " is not supported by this "
                        + "Sentio (reads format " + FORMAT + ")");
            }
            List<String> labels = JSON.convertValue(m.get("labels"), JSON.getTypeFactory()
                    .constructCollectionType(List.class, String.class));
            FeatureConfig features = JSON.treeToValue(m.get("features"), FeatureConfig.class);
            Standardizer z = new Standardizer(JSON.treeToValue(m.get("mean"), float[].class),
                    JSON.treeToValue(m.get("std"), float[].class));
            @SuppressWarnings("unchecked")
            Map<String, Object> provenance = JSON.treeToValue(m.get("provenance"), Map.class);
            String architecture = m.get("architecture").asText();
            dev.sentio.model.nn.PlainNetwork.requireKnown(architecture);
            return new ModelBundle(architecture, labels, features, z, entries.get(WEIGHTS), provenance,
                    entries.get(PLAIN_WEIGHTS), m.path("temperature").asDouble(1.0),
                    m.path("speakerNormalised").asBoolean(false));
        } catch (IOException | RuntimeException e) {
            if (e instanceof SentioException) {
                throw (SentioException) e;
            }
            throw new SentioException(source + ": damaged model description (" + e.getMessage() + ")");
        }
    }

    private byte[] manifest() {
        ObjectNode m = JSON.createObjectNode();
        m.put("format", FORMAT);
        m.put("architecture", architecture);
        m.set("labels", JSON.valueToTree(labels));
        m.set("features", JSON.valueToTree(features));
        m.set("mean", JSON.valueToTree(standardizer.mean()));
        m.set("std", JSON.valueToTree(standardizer.std()));
        m.set("provenance", JSON.valueToTree(provenance));
        m.put("temperature", temperature);
        m.put("speakerNormalised", speakerNormalised);
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(m);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void entry(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(bytes);
        zip.closeEntry();
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
