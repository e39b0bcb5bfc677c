package dev.interlock.ui.timeline;

import dev.interlock.audit.HistogramBucket;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Pane;
import javafx.scene.shape.Line;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Text;

/** Actions per hour as stacked bars (allowed green, asked amber, denied red), drawn to fit its width. */
public final class ActivityChart extends Pane {
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("HH:mm");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE HH:mm");
    private static final double AXIS = 16;
    private static final double TOP = 14;
    private List<HistogramBucket> buckets = List.of();

    public ActivityChart() {
        getStyleClass().add("activity-chart");
        setPrefHeight(96);
        setMinHeight(96);
        widthProperty().addListener((o, a, b) -> draw());
        heightProperty().addListener((o, a, b) -> draw());
    }

    public void show(List<HistogramBucket> data) {
        this.buckets = List.copyOf(data);
        draw();
    }

    public List<HistogramBucket> buckets() {
        return buckets;
    }

    private void draw() {
        getChildren().clear();
        double w = getWidth();
        double h = getHeight() - AXIS - TOP;
        if (w <= 0 || h <= 0) {
            return;
        }
        if (buckets.isEmpty()) {
            Label none = new Label("No activity in this range.");
            none.getStyleClass().add("text-muted");
            none.relocate(8, h / 2 - 8);
            getChildren().add(none);
            return;
        }
        long max = buckets.stream().mapToLong(HistogramBucket::total).max().orElse(1);
        max = Math.max(1, max);
        double slot = w / buckets.size();
        double bar = Math.max(1, slot * 0.78);
        getChildren().add(new Line(0, h + TOP + 0.5, w, h + TOP + 0.5));
        getChildren().get(0).getStyleClass().add("chart-baseline");
        int labelEvery = Math.max(1, (int) Math.ceil(70 / slot));
        boolean multiDay = buckets.get(0).start().plusSeconds(86_400).isBefore(buckets.get(buckets.size() - 1).start());
        for (int i = 0; i < buckets.size(); i++) {
            HistogramBucket b = buckets.get(i);
            double x = i * slot + (slot - bar) / 2;
            double y = h + TOP;
            y = segment(x, y, bar, h * b.allowed() / max, "chart-bar-allow", b);
            y = segment(x, y, bar, h * b.asked() / max, "chart-bar-ask", b);
            segment(x, y, bar, h * b.denied() / max, "chart-bar-deny", b);
            if (i % labelEvery == 0) {
                Text t = new Text((multiDay ? DAY : HOUR).format(b.start().atZone(ZoneId.systemDefault())));
                t.getStyleClass().add("chart-axis");
                t.relocate(i * slot, h + TOP + 2);
                getChildren().add(t);
            }
        }
        Text top = new Text("Actions per hour (max " + max + ")");
        top.getStyleClass().add("chart-axis");
        top.relocate(0, -2);
        getChildren().add(top);
        double lx = w - 190;
        for (String[] k : new String[][] {{"allowed", "chart-bar-allow"}, {"asked", "chart-bar-ask"}, {"denied", "chart-bar-deny"}}) {
            Rectangle sw = new Rectangle(lx, 1, 9, 9);
            sw.getStyleClass().add(k[1]);
            Text t = new Text(k[0]);
            t.getStyleClass().add("chart-axis");
            t.relocate(lx + 12, -2);
            getChildren().addAll(sw, t);
            lx += 62;
        }
    }

    private double segment(double x, double y, double width, double height, String style, HistogramBucket b) {
        if (height <= 0) {
            return y;
        }
        Rectangle r = new Rectangle(x, y - height, width, height);
        r.getStyleClass().add(style);
        Tooltip.install(r, new Tooltip(HOUR.format(b.start().atZone(ZoneId.systemDefault())) + ": " + b.allowed()
                + " allowed, " + b.asked() + " asked, " + b.denied() + " denied"));
        getChildren().add(r);
        return y - height;
    }
}
