package dev.interlock.ui.shots;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;

/** Writes node and scene snapshots as PNG (Monocle renders them headless). */
final class Png {
    private Png() {
    }

    static void write(Scene scene, Path file) throws IOException {
        save(scene.snapshot(null), file);
    }

    static void write(Node node, Path file) throws IOException {
        save(node.snapshot(null, null), file);
    }

    private static void save(WritableImage img, Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        ImageIO.write(SwingFXUtils.fromFXImage(img, null), "png", file.toFile());
    }
}
