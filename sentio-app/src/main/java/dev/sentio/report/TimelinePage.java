package dev.sentio.report;

import dev.sentio.stream.StreamingRecognizer;
import dev.sentio.stream.TimelineFormat;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * A recording's timeline as one self-contained HTML page: a coloured band of its segments (one colour per emotion,
 * grey where there is no speech), a chart of each emotion's probability over time (PNG inside the page) and the
 * segments as a table.
 */
public final class TimelinePage {
    static {
        System.setProperty("java.awt.headless", "true");
    }

    /** One colour per label, in the model's order; more labels than colours reuse them. */
    private static final Color[] PALETTE = {new Color(0x7F7F7F), new Color(0xF2B701), new Color(0x3969AC),
            new Color(0xE73F74), new Color(0x7F3C8D), new Color(0x11A579), new Color(0xE68310), new Color(0x80BA5A),
            new Color(0x008695), new Color(0xCF1C90)};
    private static final String NONE_COLOUR = "#e6e6e6";

    private TimelinePage() {
    }

    public static String html(String file, double duration, List<String> labels,
                              List<StreamingRecognizer.Segment> segments) {
        StringBuilder b = new StringBuilder();
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Sentio timeline: ")
                .append(EvaluationReport.escape(file)).append("</title>\n<style>body{font-family:sans-serif;max-width:72em;margin:2em "
                        + "auto;padding:0 1em}.band{display:flex;height:2.2em;border:1px solid #999;margin:.5em 0}"
                        + ".band div{height:100%}.key span{display:inline-block;margin-right:1em}.key i{display:"
                        + "inline-block;width:1em;height:1em;margin-right:.3em;vertical-align:middle}table{border-"
                        + "collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:.2em .5em;text-align:"
                        + "right}td:nth-child(3),th:nth-child(3){text-align:left}img{max-width:100%}</style></head><body>\n");
        b.append("<h1>Timeline: ").append(EvaluationReport.escape(file)).append("</h1>\n");
        long speech = segments.stream().filter(StreamingRecognizer.Segment::speech).count();
        b.append(String.format(Locale.ROOT, "<p>%.1f s, %d segments, %d with speech.</p>%n", duration,
                segments.size(), speech));
        b.append("<div class=\"band\">");
        for (StreamingRecognizer.Segment s : segments) {
            double width = duration > 0 ? 100 * s.duration() / duration : 0;
            b.append(String.format(Locale.ROOT, "<div style=\"width:%.4f%%;background:%s\" title=\"%s-%s s: %s\"></div>",
                    width, s.speech() ? hex(colour(labels, s.label())) : NONE_COLOUR, TimelineFormat.seconds(s.start()),
                    TimelineFormat.seconds(s.end()), EvaluationReport.escape(s.speech() ? s.label() + String.format(Locale.ROOT,
                            " %.2f", s.confidence()) : "none: " + s.reason())));
        }
        b.append("</div>\n<p class=\"key\">");
        for (String l : labels) {
            b.append("<span><i style=\"background:").append(hex(colour(labels, l))).append("\"></i>")
                    .append(EvaluationReport.escape(l)).append("</span>");
        }
        b.append("<span><i style=\"background:").append(NONE_COLOUR).append("\"></i>no emotion</span></p>\n");
        b.append("<p><img alt=\"probability of each emotion over time\" src=\"data:image/png;base64,")
                .append(Base64.getEncoder().encodeToString(chart(file, labels, segments))).append("\"></p>\n");
        b.append("<table><tr><th>start</th><th>end</th><th>label</th><th>confidence</th>");
        labels.forEach(l -> b.append("<th>").append(EvaluationReport.escape(l)).append("</th>"));
        b.append("</tr>\n");
        for (StreamingRecognizer.Segment s : segments) {
            b.append("<tr><td>").append(TimelineFormat.seconds(s.start())).append("</td><td>")
                    .append(TimelineFormat.seconds(s.end())).append("</td><td>")
                    .append(EvaluationReport.escape(s.speech() ? s.label() : "none (" + s.reason() + ")")).append("</td>");
            if (s.speech()) {
                b.append(String.format(Locale.ROOT, "<td>%.3f</td>", s.confidence()));
                for (float p : s.probabilities()) {
                    b.append(String.format(Locale.ROOT, "<td>%.3f</td>", p));
                }
            } else {
                b.append("<td></td>".repeat(labels.size() + 1));
            }
            b.append("</tr>\n");
        }
        b.append("</table>\n</body></html>\n");
        return b.toString();
    }

    /** Each label's probability as a step line over time; zero where there is no speech. */
    static byte[] chart(String file, List<String> labels, List<StreamingRecognizer.Segment> segments) {
        XYChart chart = new XYChartBuilder().width(1100).height(380).title("Emotion probabilities over time")
                .xAxisTitle("time (s)").yAxisTitle("probability").build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE).setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setYAxisMin(0.0).setYAxisMax(1.0);
        for (int k = 0; k < labels.size(); k++) {
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            for (StreamingRecognizer.Segment s : segments) {
                double p = s.speech() ? s.probabilities()[k] : 0;
                x.add(s.start());
                y.add(p);
                x.add(s.end());
                y.add(p);
            }
            if (x.isEmpty()) {
                x.add(0.0);
                y.add(0.0);
            }
            chart.addSeries(labels.get(k), x, y).setMarker(SeriesMarkers.NONE)
                    .setLineColor(PALETTE[k % PALETTE.length]);
        }
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot draw the timeline chart", e);
        }
    }

    private static Color colour(List<String> labels, String label) {
        return PALETTE[Math.max(0, labels.indexOf(label)) % PALETTE.length];
    }

    private static String hex(Color c) {
        return String.format(Locale.ROOT, "#%06x", c.getRGB() & 0xFFFFFF);
    }
}
