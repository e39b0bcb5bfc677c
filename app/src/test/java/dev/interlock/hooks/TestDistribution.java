package dev.interlock.hooks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * A real, runnable Interlock distribution laid out in a temp directory from the test's own classpath: the
 * shipped launcher and hook scripts from {@code src/main/dist}, the compiled classes as {@code lib/interlock.jar},
 * the dependency jars, and the test pack. Lets tests run the sh client and its JVM fallback as real processes
 * during {@code mvn test}, before {@code package} has built {@code app/target/dist}.
 */
public final class TestDistribution {
    static final Path SRC_DIST = Path.of("src/main/dist");

    private TestDistribution() {
    }

    public static Path build(Path root) throws IOException {
        copyTree(SRC_DIST, root);
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                p.toFile().setExecutable(true);
            }
        }
        Path lib = Files.createDirectories(root.resolve("lib"));
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            Path p = Path.of(entry);
            if (Files.isRegularFile(p) && entry.endsWith(".jar")) {
                Files.createSymbolicLink(lib.resolve(p.getFileName()), p.toAbsolutePath());
            } else if (Files.isDirectory(p) && p.getFileName().toString().equals("classes")) {
                jar(p, lib.resolve("interlock.jar"));
            }
        }
        Path packs = Files.createDirectories(root.resolve("packs"));
        try (var in = TestDistribution.class.getResourceAsStream("/hooks/packs/hooktest.yaml")) {
            Files.copy(in, packs.resolve("hooktest.yaml"));
        }
        return root;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void jar(Path classes, Path jar) throws IOException {
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar)); Stream<Path> s = Files.walk(classes)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(p).toString().replace('\\', '/')));
                Files.copy(p, out);
                out.closeEntry();
            }
        }
    }

    public static void writePrivate(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not POSIX
        }
    }
}
