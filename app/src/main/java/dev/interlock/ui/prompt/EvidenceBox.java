package dev.interlock.ui.prompt;

import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.ScrollPane;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;

/**
 * The monospace box with the full, untrusted action text: wraps long lines, scrolls, and keeps the matched span
 * in view however much text comes before it.
 */
public final class EvidenceBox {
    private final ScrollPane scroll;
    private final TextFlow flow = new TextFlow();
    private Text firstSpanPiece;

    public EvidenceBox(SafeText.Rendered rendered, double maxHeight) {
        flow.getStyleClass().add("evidence-text");
        for (SafeText.Piece p : rendered.pieces()) {
            Text t = new Text(p.display());
            t.getStyleClass().add("evidence-" + p.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
            if (p.inSpan()) {
                t.getStyleClass().add("evidence-span");
                if (firstSpanPiece == null) {
                    firstSpanPiece = t;
                }
            }
            flow.getChildren().add(t);
        }
        scroll = new ScrollPane(flow);
        scroll.getStyleClass().add("evidence-box");
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        scroll.setMaxHeight(maxHeight);
        scroll.setPrefViewportHeight(Math.min(maxHeight, 40));
        flow.heightProperty().addListener((o, a, h) -> {
            scroll.setPrefViewportHeight(Math.min(maxHeight - 8, h.doubleValue() + 4));
            Platform.runLater(this::revealSpan);
        });
    }

    public Node node() {
        return scroll;
    }

    public TextFlow flow() {
        return flow;
    }

    /** True when the matched span's first piece is inside the visible viewport. */
    public boolean spanVisible() {
        if (firstSpanPiece == null) {
            return true;
        }
        double contentH = flow.getHeight();
        double viewH = scroll.getViewportBounds().getHeight();
        double top = Math.max(0, contentH - viewH) * scroll.getVvalue();
        double y = firstSpanPiece.getBoundsInParent().getMinY();
        return y >= top - 1 && y <= top + viewH;
    }

    /** Scrolls so the first matched piece sits in view, a line below the top. */
    public void revealSpan() {
        if (firstSpanPiece == null) {
            return;
        }
        double contentH = flow.getHeight();
        double viewH = scroll.getViewportBounds().getHeight();
        if (contentH <= viewH || viewH <= 0) {
            return;
        }
        double y = Math.max(0, firstSpanPiece.getBoundsInParent().getMinY() - 18);
        scroll.setVvalue(Math.min(1, y / (contentH - viewH)));
    }
}
