package dev.sentio.report;

import dev.sentio.evaluation.ConfusionMatrix;
import dev.sentio.model.train.CrossValidation;
import dev.sentio.model.train.SequenceClassifier;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** PNG charts for evaluation reports (XChart, rendered off-screen). */
public final class ReportCharts {
    static {
        // Charts are drawn into images; no display is needed or wanted (servers, CI).
        System.setProperty("java.awt.headless", "true");
    }

    private ReportCharts() {
    }

    /**
     * The pooled confusion matrix as a heat map: the colour of a cell is the share of its true class (row), so
     * the diagonal reads as per-class recall whatever the class sizes; the shares are printed in the cells.
     */
    public static byte[] confusionHeatMap(ConfusionMatrix cm, String title) {
        List<String> labels = cm.labels();
        int n = labels.size();
        HeatMapChart chart = new HeatMapChartBuilder().width(120 + 70 * n).height(110 + 60 * n).title(title)
                .xAxisTitle("predicted").yAxisTitle("true").build();
        chart.getStyler().setShowValue(true).setMin(0).setMax(1).setLegendVisible(false);
        chart.getStyler().setRangeColors(new Color[] {new Color(0xF7FBFF), new Color(0x9ECAE1), new Color(0x4292C6)});
        chart.getStyler().setHeatMapValueDecimalPattern("0.00");
        chart.getStyler().setValueFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 12));
        chart.getStyler().setValueFontColor(Color.DARK_GRAY);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        // The chart's y axis grows upwards; the first true class goes on top, as in the tables.
        List<String> rows = new ArrayList<>(labels);
        java.util.Collections.reverse(rows);
        List<Number[]> cells = new ArrayList<>();
        for (int t = 0; t < n; t++) {
            long rowTotal = cm.support(t);
            for (int p = 0; p < n; p++) {
                double share = rowTotal == 0 ? 0 : cm.count(t, p) / (double) rowTotal;
                cells.add(new Number[] {p, n - 1 - t, share});
            }
        }
        chart.addSeries("share of the true class", labels, rows, cells);
        return png(chart);
    }

    /** Validation UAR per epoch, one line per fold. */
    public static byte[] validationCurves(List<CrossValidation.FoldResult> folds) {
        return curves(folds, "Validation UAR per epoch (held-out training speakers)", "UAR",
                SequenceClassifier.EpochLog::validationUar);
    }

    /** Training loss per epoch, one line per fold. */
    public static byte[] lossCurves(List<CrossValidation.FoldResult> folds) {
        return curves(folds, "Training loss per epoch (class-weighted cross-entropy)", "loss",
                SequenceClassifier.EpochLog::trainLoss);
    }

    private static byte[] curves(List<CrossValidation.FoldResult> folds, String title, String yTitle,
                                 ToDoubleFunction<SequenceClassifier.EpochLog> value) {
        XYChart chart = new XYChartBuilder().width(820).height(420).title(title).xAxisTitle("epoch")
                .yAxisTitle(yTitle).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE).setChartBackgroundColor(Color.WHITE);
        for (CrossValidation.FoldResult f : folds) {
            if (f.history().isEmpty()) {
                continue;
            }
            double[] x = f.history().stream().mapToDouble(SequenceClassifier.EpochLog::epoch).toArray();
            double[] y = f.history().stream().mapToDouble(value).toArray();
            chart.addSeries(f.fold(), x, y).setMarker(SeriesMarkers.NONE);
        }
        return png(chart);
    }

    /** One bar per category (e.g. UAR per test condition), values from 0 to 1. */
    public static byte[] bars(String title, String xTitle, String yTitle, List<String> names, List<Double> values) {
        org.knowm.xchart.CategoryChart chart = new org.knowm.xchart.CategoryChartBuilder().width(720).height(420)
                .title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax(1.0);
        chart.addSeries(yTitle, names, values);
        return png(chart);
    }

    private static byte[] png(Chart<?, ?> chart) {
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
