package dev.interlock.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.interlock.service.TestPacks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code interlock doctor}'s desktop section and {@code interlock pause/resume/status}, as real processes. */
class DoctorAndPauseProcessTest {
    @TempDir
    Path tmp;
    private Process serve;
    private Process xvfb;

    @AfterEach
    void stop() throws Exception {
        for (Process p : new Process[]{serve, xvfb}) {
            if (p != null) {
                p.destroy();
                if (!p.waitFor(10, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            }
        }
    }

    private InterlockProcess.Result doctor(String display) throws Exception {
        Path home = tmp.resolve("home");
        ProcessBuilder pb = InterlockProcess.builder(home, TestPacks.bundled(tmp), "doctor", "--home", tmp.toString());
        pb.environment().remove("DISPLAY");
        pb.environment().remove("WAYLAND_DISPLAY");
        if (display != null) {
            pb.environment().put("DISPLAY", display);
        }
        Path out = tmp.resolve("doctor.out");
        Process p = pb.redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "doctor finished");
        return new InterlockProcess.Result(p.exitValue(), Files.readString(out), "");
    }

    @Test
    void doctorWithoutADisplaySaysSoAndWhatReplacesTheTray() throws Exception {
        InterlockProcess.Result r = doctor(null);
        String out = r.out();
        assertTrue(out.contains("\nDesktop\n"), out);
        assertTrue(out.contains("display:  no: no display (DISPLAY is not set)"), out);
        assertTrue(out.contains("tray:     not available: needs a display"), out);
        assertTrue(out.contains("hotkey:   not available:"), out);
        assertTrue(out.contains("instead:  no window at all: `interlock` runs headless"), out);
        assertTrue(out.contains("interlock approvals"), out);
    }

    @Test
    void doctorUnderAnXServerWithoutTrayHostOffersTheStandInWindow() throws Exception {
        Path xvfbBin = Path.of("/usr/bin/Xvfb");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(xvfbBin), "Xvfb is not installed");
        String display = ":" + (90 + (int) (ProcessHandle.current().pid() % 60));
        xvfb = new ProcessBuilder(xvfbBin.toString(), display, "-nolisten", "tcp", "-screen", "0", "1024x768x24")
                .redirectErrorStream(true).redirectOutput(tmp.resolve("xvfb.log").toFile()).start();
        Path socket = Path.of("/tmp/.X11-unix/X" + display.substring(1));
        for (int i = 0; i < 100 && !Files.exists(socket); i++) {
            Thread.sleep(50);
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(xvfb.isAlive() && Files.exists(socket), "Xvfb did not start");
        String out = doctor(display).out();
        assertTrue(out.contains("display:  yes, DISPLAY=" + display), out);
        // plain Xvfb has no tray host: AWT says so, without crashing the doctor
        assertTrue(out.contains("tray:     not available: no tray host on this desktop"), out);
        assertTrue(out.contains("a small always-available \"Interlock\" window stands in for the tray"), out);
        assertTrue(out.matches("(?s).*hotkey:   (loads, Ctrl\\+Alt\\+Shift\\+K can be registered|not available: .+).*"), out);
    }

    @Test
    void pauseIsVisibleInStatusAndResumeEndsIt() throws Exception {
        Path home = tmp.resolve("home");
        Path packs = TestPacks.bundled(tmp);
        serve = InterlockProcess.serve(home, packs);
        InterlockProcess.Result tooLong = InterlockProcess.run(home, packs, "pause", "9h");
        assertEquals(2, tooLong.exit(), tooLong.err());
        assertTrue(tooLong.err().contains("8 hours"), tooLong.err());
        InterlockProcess.Result p = InterlockProcess.run(home, packs, "pause", "20m");
        assertEquals(0, p.exit(), p.err());
        assertTrue(p.out().startsWith("Paused until "), p.out());
        String status = InterlockProcess.run(home, packs, "status").out();
        assertTrue(status.contains("PAUSED until "), status);
        assertTrue(status.contains("critical actions and production targets still ask"), status);
        assertEquals(0, InterlockProcess.run(home, packs, "resume").exit());
        assertTrue(!InterlockProcess.run(home, packs, "status").out().contains("PAUSED"));
    }
}
