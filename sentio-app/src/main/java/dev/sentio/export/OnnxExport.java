package dev.sentio.export;

import dev.sentio.SentioException;
import dev.sentio.io.FeatureFiles;
import dev.sentio.model.ModelBundle;
import dev.sentio.model.PlainWeights;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A model bundle as an ONNX model, to run where Sentio's JVM code does not (ONNX Runtime in any language, a small
 * service): the network with the bundle's standardisation before it and its temperature scaling after it, so that
 * the features of one recording ({@code features}: [frames, columns], as {@code sentio features --config} computes
 * them with the model's FeatureConfig, functionals models one row) give the same probabilities as
 * {@code Recognizer} ({@code probabilities}: [1, labels]). The labels and the FeatureConfig are in the model's
 * metadata and in a JSON file beside it.
 */
public final class OnnxExport {
    private OnnxExport() {
    }

    /**
     * Writes {@code out}, {@code out.json} (labels, input, output, FeatureConfig) and {@code out.features.json} (the
     * FeatureConfig alone, for {@code sentio features --config}), each atomically.
     */
    public static void write(ModelBundle bundle, Path out, String source) {
        byte[] model = toOnnx(bundle, source);
        FeatureFiles.writeAtomically(out, o -> o.write(model));
        byte[] json = describe(bundle, source).getBytes(StandardCharsets.UTF_8);
        FeatureFiles.writeAtomically(out.resolveSibling(out.getFileName() + ".json"), o -> o.write(json));
        byte[] features = bundle.features().toJson().getBytes(StandardCharsets.UTF_8);
        FeatureFiles.writeAtomically(out.resolveSibling(out.getFileName() + ".features.json"), o -> o.write(features));
    }

    /** What a user needs beside the network: labels, features, what the input and output are. */
    public static String describe(ModelBundle bundle, String source) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("source", source);
        d.put("architecture", bundle.architecture());
        d.put("labels", bundle.labels());
        d.put("input", "features: float32 [frames, " + bundle.columns() + "], the FeatureConfig's "
                + "columns for one recording (functionals models: one row), not yet standardised");
        d.put("output", "probabilities: float32 [1, " + bundle.labels().size() + "], in the order of labels, "
                + "temperature-scaled as Sentio's Recognizer gives them");
        d.put("networks", bundle.members().size());
        d.put("temperature", bundle.temperature());
        d.put("speakerNormalised", bundle.speakerNormalised());
        d.put("opset", OnnxGraph.OPSET);
        if (bundle.speechGate() != null) {
            dev.sentio.model.SpeechGate g = bundle.speechGate();
            // not in the graph: a deployment applies it before asking the network (Recognizer does)
            Map<String, Object> gate = new LinkedHashMap<>();
            gate.put("rule", "speech when bias + sum(weights * (mean over frames of features - mean) / std) >= threshold");
            gate.put("mean", g.standardizer().mean());
            gate.put("std", g.standardizer().std());
            gate.put("weights", g.weights());
            gate.put("bias", g.bias());
            gate.put("threshold", g.threshold());
            if (g.features() != null) {
                // this gate scores features of its own, not the model's
                gate.put("featureConfig", g.features());
            }
            d.put("speechGate", gate);
        }
        try {
            com.fasterxml.jackson.databind.ObjectMapper om = new com.fasterxml.jackson.databind.ObjectMapper();
            Map<String, Object> all = new LinkedHashMap<>(d);
            all.put("featureConfig", om.readTree(bundle.features().toJson()));
            return om.writerWithDefaultPrettyPrinter().writeValueAsString(all) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static byte[] toOnnx(ModelBundle bundle, String source) {
        if (!bundle.hasPlainWeights()) {
            throw new SentioException(source + ": this model file carries no plain weights to export");
        }
        if (bundle.speakerNormalised()) {
            throw new SentioException(source + ": a speaker-normalised model needs each session's statistics first; "
                    + "only models that recognise one recording alone are exported");
        }
        int columns = bundle.columns();
        OnnxGraph g = new OnnxGraph();
        g.input("features", new long[] {-1, columns}, "frames");
        List<String> probabilities = new java.util.ArrayList<>();
        for (int k = 0; k < bundle.members().size(); k++) {
            // an ensemble's networks each get their own constants; a single network's keep their plain names
            g.scope(bundle.members().size() == 1 ? "" : "member" + k + "_");
            probabilities.add(network(g, bundle, bundle.members().get(k), source));
        }
        g.scope("");
        // as Recognizer combines and tempers: Calibration.temper is softmax(log(max(p, 1e-38)) / T), the floor
        // included (it matters where float32 probabilities underflow); a geometric mean of K networks is tempered in
        // the same step, as softmax(sum of their floored logs / (K T))
        boolean geometric = probabilities.size() > 1 && bundle.combination() == ModelBundle.Combination.GEOMETRIC_MEAN;
        String p = probabilities.size() == 1 || geometric ? probabilities.get(0)
                : g.node("Div", g.node("Sum", probabilities, Map.of()), g.constant("members", new long[] {1},
                new float[] {probabilities.size()}));
        if (geometric || bundle.temperature() != 1.0) {
            String floor = g.constant("probability_floor", new long[] {1}, new float[] {1e-38f});
            List<String> logs = (geometric ? probabilities : List.of(p)).stream()
                    .map(q -> g.node("Log", g.node("Max", q, floor))).toList();
            String divisor = g.constant(geometric ? "members_temperature" : "temperature", new long[] {1},
                    new float[] {(float) (logs.size() * bundle.temperature())});
            String summed = logs.size() == 1 ? logs.get(0) : g.node("Sum", logs, Map.of());
            p = g.node("Softmax", List.of(g.node("Div", summed, divisor)), Map.of("axis", 1));
        }
        g.name(p, "probabilities");
        g.output("probabilities", new long[] {1, bundle.labels().size()});
        g.metadata("labels", String.join(",", bundle.labels()));
        g.metadata("featureConfig", bundle.features().toJson());
        g.metadata("temperature", Double.toString(bundle.temperature()));
        return g.toBytes("sentio_" + bundle.architecture());
    }

    /** One network's probabilities: standardisation, the architecture's layers, softmax. */
    private static String network(OnnxGraph g, ModelBundle bundle, ModelBundle.Member member, String source) {
        Map<String, PlainWeights.Tensor> w = PlainWeights.decode(member.plainWeights());
        int columns = member.width();
        // a network trained on a view of the features reads only its columns
        String input = member.columns() == null ? "features" : g.node("Gather", List.of("features",
                g.longs("columns", new long[] {columns}, java.util.Arrays.stream(member.columns())
                        .asLongStream().toArray())), Map.of("axis", 1L));
        String z = g.node("Div", g.node("Sub", input,
                        g.constant("mean", new long[] {1, columns}, member.standardizer().mean())),
                g.constant("std", new long[] {1, columns}, member.standardizer().std()));
        String logits;
        try {
            logits = switch (bundle.architecture()) {
                case "functionals" -> mlp(g, w, z);
                case "statistics" -> mlp(g, w, statistics(g, z));
                case "seed" -> seed(g, w, z);
                case "attentive" -> attentive(g, w, z);
                default -> throw new SentioException(source + ": no ONNX export for architecture '"
                        + bundle.architecture() + "'");
            };
        } catch (IllegalArgumentException e) {
            throw new SentioException(source + ": the weights do not fit the architecture (" + e.getMessage() + ")");
        }
        return g.node("Softmax", List.of(logits), Map.of("axis", 1));
    }

    /** StatisticsMlp's pooling: each column's mean and standard deviation over the frames, side by side. */
    private static String statistics(OnnxGraph g, String z) {
        Map<String, Object> overFrames = Map.of("axes", new long[] {0}, "keepdims", 1);
        String mean = g.node("ReduceMean", List.of(z), overFrames);
        String d = g.node("Sub", z, mean);
        String variance = g.node("ReduceMean", List.of(g.node("Mul", d, d)), overFrames);
        String sd = g.node("Sqrt", g.node("Add", variance, g.constant("variance_floor", new long[] {1}, new float[] {1e-5f})));
        return g.node("Concat", List.of(mean, sd), Map.of("axis", 1));
    }

    /** The MLP of StatisticsMlp: dense 256 and 128 with ReLU (dropout is off at inference), then the output layer. */
    private static String mlp(OnnxGraph g, Map<String, PlainWeights.Tensor> w, String x) {
        String h = g.node("Relu", dense(g, w, "first", x));
        h = g.node("Relu", dense(g, w, "second", h));
        return dense(g, w, "output", h);
    }

    /** DJL's Linear, x W^T + b, as Gemm. */
    private static String dense(OnnxGraph g, Map<String, PlainWeights.Tensor> w, String name, String x) {
        PlainWeights.DenseLayer d = PlainWeights.dense(w, name);
        return g.node("Gemm", List.of(x, g.constant(name + "_weight", d.weight().shape(), d.weight().values()),
                g.constant(name + "_bias", d.bias().shape(), d.bias().values())), Map.of("transB", 1));
    }

    /** SeedLstm: two LSTM layers, the last frame's state, the output layer. */
    private static String seed(OnnxGraph g, Map<String, PlainWeights.Tensor> w, String z) {
        String sequence = g.node("Unsqueeze", z, g.longs("frames_axis", new long[] {1}, new long[] {1}));
        String[] first = lstm(g, w, "lstm", 0, sequence, "forward");
        String between = g.node("Squeeze", first[0], g.longs("direction_axis", new long[] {1}, new long[] {1}));
        String[] second = lstm(g, w, "lstm", 1, between, "forward");
        String last = g.node("Squeeze", second[1], g.longs("direction_axis0", new long[] {1}, new long[] {0}));
        return dense(g, w, "output", last);
    }

    /** AttentiveBiLstm: each direction's states attention-pooled over the frames, both side by side, the output layer. */
    private static String attentive(OnnxGraph g, Map<String, PlainWeights.Tensor> w, String z) {
        String sequence = g.node("Unsqueeze", z, g.longs("frames_axis", new long[] {1}, new long[] {1}));
        String f = pool(g, w, lstm(g, w, "forward", 0, sequence, "forward")[0], "forwardScore");
        // the backward LSTM runs over the reversed frames; its states come back in frame order, which pooling ignores
        String b = pool(g, w, lstm(g, w, "backward", 0, sequence, "reverse")[0], "backwardScore");
        return dense(g, w, "output", g.node("Concat", List.of(f, b), Map.of("axis", 1)));
    }

    /** Softmax attention over the frames of Y [frames, 1, 1, hidden]: score = w . tanh(state) + b. */
    private static String pool(OnnxGraph g, Map<String, PlainWeights.Tensor> w, String y, String score) {
        String states = g.node("Reshape", y, g.longs(score + "_shape", new long[] {2}, new long[] {-1, hiddenOf(w, score)}));
        String s = dense(g, w, score, g.node("Tanh", states));
        String weights = g.node("Softmax", List.of(s), Map.of("axis", 0));
        // opset 13: ReduceSum's axes are an input (ReduceMean's still an attribute)
        return g.node("ReduceSum", List.of(g.node("Mul", states, weights), g.longs(score + "_axes", new long[] {1},
                new long[] {0})), Map.of("keepdims", 1));
    }

    private static long hiddenOf(Map<String, PlainWeights.Tensor> w, String score) {
        return PlainWeights.dense(w, score).inputs();
    }

    /**
     * One layer, one direction of PyTorch's LSTM as ONNX's LSTM: its gates reordered from PyTorch's i, f, g, o
     * to ONNX's i, o, f, c, both biases kept apart. Returns Y [frames, 1, 1, hidden] and Y_h [1, 1, hidden].
     */
    private static String[] lstm(OnnxGraph g, Map<String, PlainWeights.Tensor> w, String name, int layer, String x,
                                 String direction) {
        PlainWeights.LstmLayer l = PlainWeights.lstm(w, name, layer);
        int hidden = l.hidden();
        int inputs = l.inputs();
        float[] bias = new float[8 * hidden];
        System.arraycopy(gates(l.inputBias(), hidden, 1), 0, bias, 0, 4 * hidden);
        System.arraycopy(gates(l.stateBias(), hidden, 1), 0, bias, 4 * hidden, 4 * hidden);
        String id = name + layer;
        String[] out = g.nodeOutputs("LSTM", List.of(x,
                g.constant(id + "_W", new long[] {1, 4L * hidden, inputs}, gates(l.inputWeight().values(), hidden, inputs)),
                g.constant(id + "_R", new long[] {1, 4L * hidden, hidden}, gates(l.stateWeight().values(), hidden, hidden)),
                g.constant(id + "_B", new long[] {1, 8L * hidden}, bias)),
                Map.of("hidden_size", hidden, "direction", direction), 2);
        return out;
    }

    /** Rows of PyTorch's gate blocks i, f, g, o (each {@code hidden} rows of {@code width}) in ONNX's order i, o, f, c. */
    private static float[] gates(float[] pytorch, int hidden, int width) {
        int block = hidden * width;
        int[] order = {0, 3, 1, 2};
        float[] onnx = new float[4 * block];
        for (int k = 0; k < 4; k++) {
            System.arraycopy(pytorch, order[k] * block, onnx, k * block, block);
        }
        return onnx;
    }
}
