package io.tripline.stack.kafka;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * The classpath a child JVM needs to run the same classes as this one. Test runners (Surefire) start
 * the JVM from a manifest-only jar whose {@code Class-Path} lists the real entries, so those are
 * expanded: the child must not depend on a booter jar that is deleted when the parent exits.
 */
final class ChildClasspath {

    private ChildClasspath() {
    }

    static String current() {
        Set<String> entries = new LinkedHashSet<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                expand(Path.of(entry).toAbsolutePath(), entries);
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    private static void expand(Path entry, Set<String> out) {
        List<Path> manifestEntries = manifestClassPath(entry);
        if (manifestEntries.isEmpty()) {
            out.add(entry.toString());
            return;
        }
        // A manifest-only jar contributes its listed entries, and itself in case it also holds classes.
        out.add(entry.toString());
        for (Path listed : manifestEntries) {
            expand(listed, out);
        }
    }

    private static List<Path> manifestClassPath(Path entry) {
        if (!entry.toString().endsWith(".jar") || !Files.isRegularFile(entry)) {
            return List.of();
        }
        try (JarFile jar = new JarFile(entry.toFile())) {
            Manifest manifest = jar.getManifest();
            String classPath = manifest == null ? null : manifest.getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
            if (classPath == null || classPath.isBlank()) {
                return List.of();
            }
            List<Path> paths = new ArrayList<>();
            URI base = entry.getParent().toUri();
            for (String item : classPath.trim().split("\\s+")) {
                URI uri = base.resolve(item);
                Path path = "file".equals(uri.getScheme()) ? Path.of(uri) : Path.of(item);
                if (Files.exists(path)) {
                    paths.add(path);
                }
            }
            return paths;
        } catch (IOException | IllegalArgumentException e) {
            return List.of();
        }
    }
}
