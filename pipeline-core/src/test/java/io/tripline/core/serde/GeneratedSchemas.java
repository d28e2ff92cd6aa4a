package io.tripline.core.serde;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.apache.avro.specific.SpecificRecordBase;

import io.tripline.schema.v1.TrailEvent;

/**
 * Every record class the schemas module generates ({@code io.tripline.schema.v1}), found on the class path, so a
 * schema added there is covered by the writer tests without editing them.
 */
final class GeneratedSchemas {

    private static final String PACKAGE = TrailEvent.class.getPackageName();

    private GeneratedSchemas() {
    }

    static List<Class<? extends SpecificRecordBase>> recordClasses() {
        try {
            Path location = Path.of(TrailEvent.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isDirectory(location)) {
                return recordClassesUnder(location);
            }
            try (FileSystem jar = FileSystems.newFileSystem(location)) {
                return recordClassesUnder(jar.getPath("/"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Class<? extends SpecificRecordBase>> recordClassesUnder(Path root) throws IOException {
        try (Stream<Path> files = Files.list(root.resolve(PACKAGE.replace('.', '/')))) {
            return files.map(file -> file.getFileName().toString())
                    .filter(name -> name.endsWith(".class") && !name.contains("$"))
                    .sorted()
                    .map(name -> load(PACKAGE + "." + name.substring(0, name.length() - ".class".length())))
                    .filter(type -> SpecificRecordBase.class.isAssignableFrom(type) && !Modifier.isAbstract(type.getModifiers()))
                    .<Class<? extends SpecificRecordBase>>map(type -> type.asSubclass(SpecificRecordBase.class))
                    .toList();
        }
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
