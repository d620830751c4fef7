package dev.sentio.model.train;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * When this training code was built. A checkpoint (a finished fold, a training epoch) records it, so a run started
 * again after the code changed trains again instead of mixing results of two builds into one report.
 */
final class Build {
    /** The build's time stamp, or "unknown" where the classes did not come from a Maven build. */
    static final String STAMP = read();

    private Build() {
    }

    private static String read() {
        try (InputStream in = Build.class.getResourceAsStream("build.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            String built = p.getProperty("built", "unknown");
            return built.startsWith("${") ? "unknown" : built;
        } catch (IOException e) {
            return "unknown";
        }
    }
}
