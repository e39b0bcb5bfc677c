package dev.interlock.hooks.install;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.Set;

/**
 * Applies an {@link Integration} to a real file: only writes when the text changes (so a second install is a
 * no-op), keeps a timestamped backup of the previous version next to it, writes atomically, follows symlinks (a
 * dotfiles repository stays the real file) and keeps the file's permissions.
 */
public final class ConfigEditor {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private final Clock clock;

    public ConfigEditor(Clock clock) {
        this.clock = clock;
    }

    /**
     * @param file    the file edited (after following symlinks)
     * @param changed false when it already had exactly this content
     * @param backup  the copy of the previous version, or null when there was none or nothing changed
     * @param deleted true when uninstalling removed the whole file (it only held Interlock's part)
     */
    public record Result(Path file, boolean changed, Path backup, boolean deleted) {
    }

    public Result install(Integration integration, Path file, HookTarget target) throws IOException {
        Path real = real(file);
        Optional<String> existing = read(real);
        String next;
        try {
            next = integration.wire(existing, target);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot edit " + real + ": " + e.getMessage(), e);
        }
        if (existing.isPresent() && existing.get().equals(next)) {
            return new Result(real, false, null, false);
        }
        Path backup = existing.isPresent() ? backup(real) : null;
        write(real, next, integration.executable());
        return new Result(real, true, backup, false);
    }

    public Result uninstall(Integration integration, Path file) throws IOException {
        Path real = real(file);
        Optional<String> existing = read(real);
        if (existing.isEmpty()) {
            return new Result(real, false, null, false);
        }
        Optional<String> next;
        try {
            next = integration.unwire(existing.get());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot edit " + real + ": " + e.getMessage(), e);
        }
        if (next.isPresent() && next.get().equals(existing.get())) {
            return new Result(real, false, null, false);
        }
        Path backup = backup(real);
        if (next.isEmpty()) {
            Files.delete(real);
            return new Result(real, true, backup, true);
        }
        write(real, next.get(), integration.executable());
        return new Result(real, true, backup, false);
    }

    private static Path real(Path file) throws IOException {
        Path abs = file.toAbsolutePath();
        return Files.isSymbolicLink(abs) && Files.exists(abs) ? abs.toRealPath() : abs;
    }

    static Optional<String> read(Path file) throws IOException {
        return Files.isRegularFile(file) ? Optional.of(Files.readString(file, StandardCharsets.UTF_8)) : Optional.empty();
    }

    private Path backup(Path file) throws IOException {
        String base = file.getFileName() + ".interlock-backup-" + STAMP.format(clock.instant());
        Path b = file.resolveSibling(base);
        for (int i = 1; Files.exists(b); i++) {
            b = file.resolveSibling(base + "-" + i);
        }
        Files.copy(file, b, StandardCopyOption.COPY_ATTRIBUTES);
        return b;
    }

    private static void write(Path file, String text, boolean executable) throws IOException {
        Files.createDirectories(file.getParent());
        Set<PosixFilePermission> perms = null;
        try {
            if (Files.exists(file)) {
                perms = Files.getPosixFilePermissions(file);
            }
        } catch (UnsupportedOperationException e) {
            // not POSIX
        }
        Path tmp = Files.createTempFile(file.getParent(), "." + file.getFileName() + ".", ".tmp");
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            try {
                if (executable) {
                    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
                } else {
                    Files.setPosixFilePermissions(tmp, perms != null ? perms : PosixFilePermissions.fromString("rw-r--r--"));
                }
            } catch (UnsupportedOperationException e) {
                // not POSIX
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
