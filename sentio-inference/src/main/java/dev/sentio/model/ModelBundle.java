package dev.sentio.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sentio.SentioException;
import dev.sentio.evaluation.Probabilities;
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
 * protocol, metrics, versions, date). An ensemble holds several networks of one architecture, each with its own
 * standardisation (each was trained with its own validation speakers) and, where it was trained on a view of the
 * features (e.g. only the prosodic columns: late fusion), its columns; their probabilities are combined as
 * {@link #combination} says. A
 * SHA-256 of each entry is stored beside them; the file is written atomically, and a damaged, truncated or
 * foreign file is refused with a clear message.
 *
 * @param architecture a name {@link Networks} knows
 * @param labels       output order of the networks
 * @param features     how input audio becomes frames
 * @param members      the networks: one, or an ensemble's
 * @param provenance   free-form facts about how the model was made
 * @param temperature  the (averaged) probabilities are tempered to p^(1/T) (temperature scaling: confidences that
 *                     are probabilities); 1 leaves them as they are
 * @param speakerNormalised trained on features standardised per speaker first: it predicts for recordings of one
 *                     speaker or session together, normalised with their own statistics, not for one file alone
 * @param speechGate   a learned check that a recording's features are speech's, after the model-free one; null
 *                     for none
 * @param combination  how an ensemble's probabilities become one (a single network's pass through unchanged)
 */
public record ModelBundle(String architecture, List<String> labels, FeatureConfig features, List<Member> members,
                          Map<String, Object> provenance, double temperature, boolean speakerNormalised,
                          SpeechGate speechGate, Combination combination) {
    /**
     * How an ensemble's networks' probabilities become one, before the temperature. Ensembles written before
     * format 3 averaged them; now their geometric mean is taken, which one temperature scales as it scales a single
     * network: under leave-one-corpus-out the same three networks' calibration error fell from 0.087 to 0.073
     * (BENCHMARKS.md, 2026-12-03).
     */
    public enum Combination {
        MEAN, GEOMETRIC_MEAN;

        /** One network's probabilities pass through as they are (not even rounded). */
        public float[] combine(float[][] members) {
            if (members.length == 1) {
                return members[0];
            }
            return this == MEAN ? Probabilities.mean(members) : Probabilities.geometricMean(members);
        }
    }

    /**
     * One network.
     *
     * @param standardizer per-column statistics from its training data (over its own columns)
     * @param parameters   its weights, DJL's serialisation
     * @param plainWeights the same weights as {@link PlainWeights}, for engine-free inference; null if absent
     * @param columns      the feature columns it reads, in order (a view of the model's features, e.g. only the
     *                     prosodic ones); null for all of them
     */
    public record Member(Standardizer standardizer, byte[] parameters, byte[] plainWeights, int[] columns) {
        public Member(Standardizer standardizer, byte[] parameters, byte[] plainWeights) {
            this(standardizer, parameters, plainWeights, null);
        }

        /** The same network reading only {@code view} of the model's columns. */
        public Member reading(int[] view) {
            return new Member(standardizer, parameters, plainWeights, view.clone());
        }

        /** How many columns the network reads. */
        public int width() {
            return standardizer.mean().length;
        }

        /** The model's features as this network reads them: its columns, standardised. */
        public float[][] input(float[][] features) {
            return standardizer.apply(columns == null ? features : select(features, columns));
        }

        /** The given columns of every frame. */
        public static float[][] select(float[][] frames, int[] columns) {
            float[][] out = new float[frames.length][columns.length];
            for (int t = 0; t < frames.length; t++) {
                for (int c = 0; c < columns.length; c++) {
                    out[t][c] = frames[t][columns[c]];
                }
            }
            return out;
        }
    }

    /**
     * Format 1: one network; format 2: an ensemble whose probabilities are averaged; format 3: an ensemble whose
     * geometric mean is taken (a single network is still written as format 1); format 4: as 3, with networks that
     * read views of the features (older readers refuse it rather than feed a network columns it was not trained on).
     */
    private static final int FORMAT = 1;
    private static final int MEAN_ENSEMBLE_FORMAT = 2;
    private static final int ENSEMBLE_FORMAT = 3;
    private static final int VIEWS_FORMAT = 4;
    private static final String MANIFEST = "model.json";
    private static final String WEIGHTS = "parameters.djl";
    private static final String PLAIN_WEIGHTS = "weights.bin";
    private static final String SUMS = "SHA256SUMS";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The most networks an ensemble holds: its cost grows with each, and so would what a crafted file can make us read. */
    public static final int MAX_MEMBERS = 16;
    /** The largest entry read (the biggest shipped network's weights are a few MB). */
    private static final int MAX_ENTRY = 64 << 20;
    /** The most read from one file in all. */
    private static final long MAX_TOTAL = 256L << 20;

    public ModelBundle {
        labels = List.copyOf(labels);
        members = List.copyOf(members);
        provenance = Map.copyOf(provenance);
        if (combination == null) {
            throw new SentioException("a model needs a way to combine its networks");
        }
        if (!(temperature > 0) || Double.isInfinite(temperature)) {
            throw new SentioException("a model's temperature must be a positive number, got " + temperature);
        }
        if (members.isEmpty() || members.size() > MAX_MEMBERS) {
            throw new SentioException("a model holds 1 to " + MAX_MEMBERS + " networks, got " + members.size());
        }
        boolean views = anyView(members);
        int columns = columns(features, members);
        for (Member m : members) {
            if (m.columns() == null ? m.width() != columns : m.columns().length != m.width()
                    || java.util.Arrays.stream(m.columns()).anyMatch(c -> c < 0 || c >= columns)) {
                throw new SentioException("damaged model: a network reads " + m.width() + " columns, which do not fit "
                        + "the " + columns + " columns of the model's features");
            }
        }
        if (views && combination != Combination.GEOMETRIC_MEAN) {
            throw new SentioException("networks that read views of the features are combined by their geometric mean");
        }
        if (speechGate != null && speechGate.features() == null && speechGate.weights().length != columns) {
            throw new SentioException("damaged model: its speech gate reads " + speechGate.weights().length
                    + " feature columns, its networks " + columns);
        }
        if (speechGate != null && speechGate.features() != null && speechGate.weights().length
                != new dev.sentio.features.FeatureExtractor(speechGate.features()).columnNames().size()) {
            throw new SentioException("damaged model: its speech gate has " + speechGate.weights().length
                    + " weights for the " + new dev.sentio.features.FeatureExtractor(speechGate.features())
                    .columnNames().size() + " columns of its own features");
        }
    }

    /** A model without a speech gate, an ensemble's networks combined by their geometric mean. */
    public ModelBundle(String architecture, List<String> labels, FeatureConfig features, List<Member> members,
                       Map<String, Object> provenance, double temperature, boolean speakerNormalised) {
        this(architecture, labels, features, members, provenance, temperature, speakerNormalised, null,
                Combination.GEOMETRIC_MEAN);
    }

    /** A model of one network. */
    public ModelBundle(String architecture, List<String> labels, FeatureConfig features, Standardizer standardizer,
                       byte[] parameters, Map<String, Object> provenance, byte[] plainWeights, double temperature,
                       boolean speakerNormalised) {
        this(architecture, labels, features, List.of(new Member(standardizer, parameters, plainWeights)), provenance,
                temperature, speakerNormalised);
    }

    /**
     * The networks of several models in one, combined by their geometric mean. They must share architecture, labels and
     * features; the provenance and temperature are the first model's (set the ensemble's own afterwards).
     */
    public static ModelBundle ensemble(List<ModelBundle> models) {
        ModelBundle first = models.get(0);
        for (ModelBundle m : models) {
            if (!m.architecture.equals(first.architecture) || !m.labels.equals(first.labels)
                    || !m.features.equals(first.features) || m.speakerNormalised != first.speakerNormalised) {
                throw new SentioException("an ensemble's models must share architecture, labels, features and "
                        + "speaker normalisation");
            }
        }
        return new ModelBundle(first.architecture, first.labels, first.features,
                models.stream().flatMap(m -> m.members.stream()).toList(), first.provenance, first.temperature,
                first.speakerNormalised);
    }

    /** How many feature columns the model's features have (each network reads them all, or its view of them). */
    public int columns() {
        return columns(features, members);
    }

    /** The features' column count: every network's width, or (with views) what the features make. */
    private static int columns(FeatureConfig features, List<Member> members) {
        return anyView(members) ? new dev.sentio.features.FeatureExtractor(features).columnNames().size()
                : members.get(0).width();
    }

    private static boolean anyView(List<Member> members) {
        return members.stream().anyMatch(m -> m.columns() != null);
    }

    /** Whether some network reads only a view of the features' columns. */
    public boolean hasViews() {
        return anyView(members);
    }

    /** The same model, every network reading only {@code view} of the columns. */
    public ModelBundle reading(int[] view) {
        return new ModelBundle(architecture, labels, features, members.stream().map(m -> m.reading(view)).toList(),
                provenance, temperature, speakerNormalised, speechGate, combination);
    }

    /** Whether every network carries plain weights (every bundle Sentio writes does; early ones did not). */
    public boolean hasPlainWeights() {
        return members.stream().allMatch(m -> m.plainWeights() != null);
    }

    /** The same model with another temperature. */
    public ModelBundle withTemperature(double t) {
        return new ModelBundle(architecture, labels, features, members, provenance, t, speakerNormalised, speechGate,
                combination);
    }

    /** The same model, marked as trained on speaker-normalised features. */
    public ModelBundle withSpeakerNormalised(boolean normalised) {
        return new ModelBundle(architecture, labels, features, members, provenance, temperature, normalised,
                speechGate, combination);
    }

    /** The same model with one more fact in its provenance (e.g. how its training data was augmented). */
    public ModelBundle withProvenance(String key, Object value) {
        Map<String, Object> more = new java.util.LinkedHashMap<>(provenance);
        more.put(key, value);
        return new ModelBundle(architecture, labels, features, members, more, temperature, speakerNormalised,
                speechGate, combination);
    }

    /** The same model with a speech gate (null: none). */
    public ModelBundle withSpeechGate(SpeechGate gate) {
        return new ModelBundle(architecture, labels, features, members, provenance, temperature, speakerNormalised, gate,
                combination);
    }

    /** The name of member {@code k}'s entry {@code base} (member 0's are the single-network names). */
    private static String entryName(String base, int k) {
        if (k == 0) {
            return base;
        }
        int dot = base.lastIndexOf('.');
        return base.substring(0, dot) + "-" + k + base.substring(dot);
    }

    /** Every entry a well-formed file may hold. */
    private static boolean known(String name) {
        if (name.equals(MANIFEST) || name.equals(SUMS)) {
            return true;
        }
        for (int k = 0; k < MAX_MEMBERS; k++) {
            if (name.equals(entryName(WEIGHTS, k)) || name.equals(entryName(PLAIN_WEIGHTS, k))) {
                return true;
            }
        }
        return false;
    }

    public void save(Path file) {
        Map<String, byte[]> entries = new java.util.LinkedHashMap<>();
        entries.put(MANIFEST, manifest());
        for (int k = 0; k < members.size(); k++) {
            entries.put(entryName(WEIGHTS, k), members.get(k).parameters());
            if (members.get(k).plainWeights() != null) {
                entries.put(entryName(PLAIN_WEIGHTS, k), members.get(k).plainWeights());
            }
        }
        StringBuilder sums = new StringBuilder();
        entries.forEach((name, bytes) -> sums.append(sha256(bytes)).append("  ").append(name).append('\n'));
        entries.put(SUMS, sums.toString().getBytes(StandardCharsets.US_ASCII));
        FeatureFiles.writeAtomically(file, out -> {
            ZipOutputStream zip = new ZipOutputStream(out);
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                entry(zip, e.getKey(), e.getValue());
            }
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
        long total = 0;
        try (ZipInputStream zip = new ZipInputStream(in)) {
            ZipEntry e;
            while ((e = zip.getNextEntry()) != null) {
                // only the known entries are read, each up to a bound: a crafted file cannot fill the heap
                if (known(e.getName())) {
                    byte[] bytes = zip.readNBytes(MAX_ENTRY + 1);
                    if (bytes.length > MAX_ENTRY) {
                        throw new SentioException(source + ": not a Sentio model (" + e.getName() + " is larger than "
                                + (MAX_ENTRY >> 20) + " MB)");
                    }
                    total += bytes.length;
                    if (total > MAX_TOTAL) {
                        throw new SentioException(source + ": not a Sentio model (more than " + (MAX_TOTAL >> 20)
                                + " MB inside)");
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
        for (Map.Entry<String, byte[]> e : entries.entrySet()) {
            if (!e.getKey().equals(SUMS) && !sums.contains(sha256(e.getValue()) + "  " + e.getKey())) {
                throw new SentioException(source + ": damaged model (checksum of " + e.getKey() + " does not match)");
            }
        }
        try {
            JsonNode m = JSON.readTree(entries.get(MANIFEST));
            int format = m.path("format").asInt();
            if (format < FORMAT || format > VIEWS_FORMAT) {
                throw new SentioException(source + ": model format " + m.path("format") + " is not supported by this "
                        + "Sentio (reads formats " + FORMAT + " to " + VIEWS_FORMAT + ")");
            }
            List<String> labels = JSON.convertValue(m.get("labels"), JSON.getTypeFactory()
                    .constructCollectionType(List.class, String.class));
            FeatureConfig features = JSON.treeToValue(m.get("features"), FeatureConfig.class);
            List<JsonNode> statistics = new java.util.ArrayList<>();
            if (format == FORMAT) {
                statistics.add(m);
            } else {
                m.path("members").forEach(statistics::add);
                if (statistics.isEmpty() || statistics.size() > MAX_MEMBERS) {
                    throw new SentioException(source + ": damaged model description (" + statistics.size()
                            + " networks; a model holds 1 to " + MAX_MEMBERS + ")");
                }
            }
            List<Member> members = new java.util.ArrayList<>();
            for (int k = 0; k < statistics.size(); k++) {
                byte[] parameters = entries.get(entryName(WEIGHTS, k));
                if (parameters == null) {
                    throw new SentioException(source + ": not a Sentio model (" + entryName(WEIGHTS, k)
                            + " is missing)");
                }
                JsonNode view = statistics.get(k).get("columns");
                members.add(new Member(new Standardizer(JSON.treeToValue(statistics.get(k).get("mean"), float[].class),
                        JSON.treeToValue(statistics.get(k).get("std"), float[].class)), parameters,
                        entries.get(entryName(PLAIN_WEIGHTS, k)),
                        format == VIEWS_FORMAT && view != null ? JSON.treeToValue(view, int[].class) : null));
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> provenance = JSON.treeToValue(m.get("provenance"), Map.class);
            String architecture = m.get("architecture").asText();
            dev.sentio.model.nn.PlainNetwork.requireKnown(architecture);
            JsonNode g = m.get("speechGate");
            SpeechGate gate = g == null ? null : new SpeechGate(new Standardizer(
                    JSON.treeToValue(g.get("mean"), float[].class), JSON.treeToValue(g.get("std"), float[].class)),
                    JSON.treeToValue(g.get("weights"), float[].class), g.get("bias").asDouble(),
                    g.get("threshold").asDouble(),
                    g.has("features") ? JSON.treeToValue(g.get("features"), FeatureConfig.class) : null);
            return new ModelBundle(architecture, labels, features, members, provenance,
                    m.path("temperature").asDouble(1.0), m.path("speakerNormalised").asBoolean(false), gate,
                    format == MEAN_ENSEMBLE_FORMAT ? Combination.MEAN : Combination.GEOMETRIC_MEAN);
        } catch (IOException | RuntimeException e) {
            if (e instanceof SentioException) {
                throw (SentioException) e;
            }
            throw new SentioException(source + ": damaged model description (" + e.getMessage() + ")");
        }
    }

    private byte[] manifest() {
        ObjectNode m = JSON.createObjectNode();
        m.put("format", hasViews() ? VIEWS_FORMAT : members.size() == 1 ? FORMAT
                : combination == Combination.MEAN ? MEAN_ENSEMBLE_FORMAT : ENSEMBLE_FORMAT);
        m.put("architecture", architecture);
        m.set("labels", JSON.valueToTree(labels));
        m.set("features", JSON.valueToTree(features));
        if (members.size() == 1 && !hasViews()) {
            statistics(m, members.get(0).standardizer());
        } else {
            com.fasterxml.jackson.databind.node.ArrayNode all = m.putArray("members");
            members.forEach(member -> {
                ObjectNode n = all.addObject();
                statistics(n, member.standardizer());
                if (member.columns() != null) {
                    n.set("columns", JSON.valueToTree(member.columns()));
                }
            });
        }
        m.set("provenance", JSON.valueToTree(provenance));
        m.put("temperature", temperature);
        m.put("speakerNormalised", speakerNormalised);
        if (speechGate != null) {
            // older readers pass over it, and recognise as before without the gate
            ObjectNode g = m.putObject("speechGate");
            statistics(g, speechGate.standardizer());
            g.set("weights", JSON.valueToTree(speechGate.weights()));
            g.put("bias", speechGate.bias());
            g.put("threshold", speechGate.threshold());
            if (speechGate.features() != null) {
                // older readers refuse such a gate: its weights do not fit the networks' columns
                g.set("features", JSON.valueToTree(speechGate.features()));
            }
        }
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(m);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void statistics(ObjectNode node, Standardizer z) {
        node.set("mean", JSON.valueToTree(z.mean()));
        node.set("std", JSON.valueToTree(z.std()));
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
