package dev.interlock.ui.tray;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.image.Image;

/**
 * Draws the tray icons (a shield, coloured and marked per state) in code, at any size, so there are no image
 * files to keep in sync: green check = protected, blue with a count = pending, amber pause bars = paused,
 * ice-blue padlock = frozen, red "!" = unhealthy, green with a red dot = missed decisions.
 */
public final class TrayIcons {
    static final Color GREEN = new Color(0x2d, 0xa4, 0x4e);
    static final Color BLUE = new Color(0x09, 0x69, 0xda);
    static final Color AMBER = new Color(0xd9, 0x77, 0x06);
    static final Color ICE = new Color(0x4f, 0xa3, 0xc7);
    static final Color RED = new Color(0xd1, 0x24, 0x2f);

    private TrayIcons() {
    }

    public static BufferedImage awt(TrayStatus status, int size) {
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.scale(size / 32.0, size / 32.0);
            TrayStatus.State state = status.state();
            Color fill = switch (state) {
                case PROTECTED, MISSED -> GREEN;
                case PENDING -> BLUE;
                case PAUSED -> AMBER;
                case FROZEN -> ICE;
                case UNHEALTHY -> RED;
            };
            Path2D shield = shield();
            g.setColor(fill);
            g.fill(shield);
            g.setColor(fill.darker());
            g.setStroke(new BasicStroke(1.5f));
            g.draw(shield);
            g.setColor(Color.WHITE);
            g.setStroke(new BasicStroke(3.2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            switch (state) {
                case PROTECTED, MISSED -> {
                    Path2D check = new Path2D.Double();
                    check.moveTo(9.5, 16.5);
                    check.lineTo(14, 21);
                    check.lineTo(22.5, 11.5);
                    g.draw(check);
                }
                case PAUSED -> {
                    g.fillRoundRect(10, 9, 4, 14, 2, 2);
                    g.fillRoundRect(18, 9, 4, 14, 2, 2);
                }
                case FROZEN -> {
                    g.setStroke(new BasicStroke(2.4f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
                    g.drawArc(11, 7, 10, 11, 0, 180);
                    g.drawLine(11, 12, 11, 15);
                    g.drawLine(21, 12, 21, 15);
                    g.fillRoundRect(8, 14, 16, 10, 3, 3);
                    g.setColor(ICE.darker());
                    g.fillOval(14, 17, 4, 4);
                }
                case UNHEALTHY -> {
                    g.drawLine(16, 8, 16, 17);
                    g.fillOval(14, 21, 4, 4);
                }
                case PENDING -> {
                    String n = status.pending() > 9 ? "9+" : String.valueOf(status.pending());
                    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, n.length() > 1 ? 13 : 17));
                    int w = g.getFontMetrics().stringWidth(n);
                    g.drawString(n, 16 - w / 2f, 22);
                }
                default -> {
                }
            }
            if (state == TrayStatus.State.MISSED) {
                g.setColor(Color.WHITE);
                g.fillOval(20, 0, 12, 12);
                g.setColor(RED);
                g.fillOval(22, 2, 8, 8);
            }
        } finally {
            g.dispose();
        }
        return img;
    }

    public static Image fx(TrayStatus status, int size) {
        return SwingFXUtils.toFXImage(awt(status, size), null);
    }

    private static Path2D shield() {
        Path2D p = new Path2D.Double();
        p.moveTo(16, 1.5);
        p.curveTo(20, 4, 25, 5, 29, 5);
        p.lineTo(29, 14);
        p.curveTo(29, 22, 23, 28, 16, 30.5);
        p.curveTo(9, 28, 3, 22, 3, 14);
        p.lineTo(3, 5);
        p.curveTo(7, 5, 12, 4, 16, 1.5);
        p.closePath();
        return p;
    }
}
