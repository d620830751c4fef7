package dev.sentio.export;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An ONNX model built node by node and written in ONNX's protobuf format (onnx.proto, IR version 8, opset 13),
 * with protobuf-java's wire encoder; the field numbers are those of the ONNX specification.
 */
final class OnnxGraph {
    static final int OPSET = 13;
    private static final int IR_VERSION = 8;
    private static final int FLOAT = 1;
    private static final int ATTRIBUTE_FLOAT = 1;
    private static final int ATTRIBUTE_INT = 2;
    private static final int ATTRIBUTE_STRING = 3;
    private static final int ATTRIBUTE_INTS = 7;
    private static final int INT64 = 7;

    private final List<byte[]> nodes = new ArrayList<>();
    private final List<byte[]> initializers = new ArrayList<>();
    private final List<byte[]> inputs = new ArrayList<>();
    private final List<byte[]> outputs = new ArrayList<>();
    private final Map<String, String> metadata = new LinkedHashMap<>();
    private int counter;
    /** Put before every constant's name: an ensemble's networks each have their own. */
    private String scope = "";

    /** A graph input of floats; a dimension of -1 is symbolic, named {@code symbols[i]}. */
    void input(String name, long[] shape, String... symbols) {
        inputs.add(valueInfo(name, shape, symbols));
    }

    void output(String name, long[] shape, String... symbols) {
        outputs.add(valueInfo(name, shape, symbols));
    }

    /** A constant tensor of floats; returns its name. */
    String constant(String name, long[] shape, float[] values) {
        ByteBuffer raw = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            raw.putFloat(v);
        }
        return tensor(name, shape, FLOAT, raw.array());
    }

    /** A constant tensor of 64-bit integers (shapes, axes); returns its name. */
    String longs(String name, long[] shape, long[] values) {
        ByteBuffer raw = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : values) {
            raw.putLong(v);
        }
        return tensor(name, shape, INT64, raw.array());
    }

    /** Constants made from now on get {@code prefix} before their names ("" for none). */
    void scope(String prefix) {
        scope = prefix;
    }

    private String tensor(String bare, long[] shape, int type, byte[] littleEndian) {
        String name = scope + bare;
        initializers.add(message(out -> {
            for (long d : shape) {
                out.writeInt64(1, d);
            }
            out.writeInt32(2, type);
            out.writeString(8, name);
            out.writeBytes(9, ByteString.copyFrom(littleEndian));
        }));
        return name;
    }

    /** A node; returns the name of its (first) output. */
    String node(String op, List<String> in, Map<String, Object> attributes) {
        return nodeOutputs(op, in, attributes, 1)[0];
    }

    /** A node with {@code count} outputs; returns their names. */
    String[] nodeOutputs(String op, List<String> in, Map<String, Object> attributes, int count) {
        String base = op.toLowerCase(java.util.Locale.ROOT) + "_" + counter++;
        String[] outs = new String[count];
        for (int k = 0; k < count; k++) {
            outs[k] = k == 0 ? base : base + "_" + k;
        }
        nodes.add(message(o -> {
            for (String i : in) {
                o.writeString(1, i);
            }
            for (String out : outs) {
                o.writeString(2, out);
            }
            o.writeString(3, base);
            o.writeString(4, op);
            for (Map.Entry<String, Object> a : new java.util.TreeMap<>(attributes).entrySet()) {
                o.writeByteArray(5, attribute(a.getKey(), a.getValue()));
            }
        }));
        return outs;
    }

    String node(String op, String... in) {
        return node(op, List.of(in), Map.of());
    }

    /** Renames the value {@code from} to {@code to} (an Identity node), e.g. for the graph's output. */
    void name(String from, String to) {
        nodes.add(message(o -> {
            o.writeString(1, from);
            o.writeString(2, to);
            o.writeString(3, to);
            o.writeString(4, "Identity");
        }));
    }

    void metadata(String key, String value) {
        metadata.put(key, value);
    }

    byte[] toBytes(String graphName) {
        byte[] graph = message(o -> {
            for (byte[] n : nodes) {
                o.writeByteArray(1, n);
            }
            o.writeString(2, graphName);
            for (byte[] t : initializers) {
                o.writeByteArray(5, t);
            }
            for (byte[] i : inputs) {
                o.writeByteArray(11, i);
            }
            for (byte[] v : outputs) {
                o.writeByteArray(12, v);
            }
        });
        return message(o -> {
            o.writeInt64(1, IR_VERSION);
            o.writeString(2, "sentio");
            o.writeByteArray(7, graph);
            o.writeByteArray(8, message(opset -> {
                opset.writeString(1, "");
                opset.writeInt64(2, OPSET);
            }));
            for (Map.Entry<String, String> e : metadata.entrySet()) {
                o.writeByteArray(14, message(entry -> {
                    entry.writeString(1, e.getKey());
                    entry.writeString(2, e.getValue());
                }));
            }
        });
    }

    private static byte[] attribute(String name, Object value) {
        return message(o -> {
            o.writeString(1, name);
            if (value instanceof Float f) {
                o.writeFloat(2, f);
                o.writeInt32(20, ATTRIBUTE_FLOAT);
            } else if (value instanceof Integer || value instanceof Long) {
                o.writeInt64(3, ((Number) value).longValue());
                o.writeInt32(20, ATTRIBUTE_INT);
            } else if (value instanceof String text) {
                o.writeBytes(4, ByteString.copyFromUtf8(text));
                o.writeInt32(20, ATTRIBUTE_STRING);
            } else if (value instanceof long[] ints) {
                for (long v : ints) {
                    o.writeInt64(8, v);
                }
                o.writeInt32(20, ATTRIBUTE_INTS);
            } else {
                throw new IllegalArgumentException("attribute " + name + ": unsupported value " + value);
            }
        });
    }

    private static byte[] valueInfo(String name, long[] shape, String... symbols) {
        byte[] dims = message(o -> {
            int s = 0;
            for (long d : shape) {
                String symbol = d < 0 ? symbols[s++] : null;
                o.writeByteArray(1, message(dim -> {
                    if (symbol != null) {
                        dim.writeString(2, symbol);
                    } else {
                        dim.writeInt64(1, d);
                    }
                }));
            }
        });
        byte[] tensor = message(o -> {
            o.writeInt32(1, FLOAT);
            o.writeByteArray(2, dims);
        });
        return message(o -> {
            o.writeString(1, name);
            o.writeByteArray(2, message(type -> type.writeByteArray(1, tensor)));
        });
    }

    /** What writes one message's fields. */
    private interface Fields {
        void write(CodedOutputStream out) throws IOException;
    }

    private static byte[] message(Fields fields) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            CodedOutputStream out = CodedOutputStream.newInstance(bytes);
            fields.write(out);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
