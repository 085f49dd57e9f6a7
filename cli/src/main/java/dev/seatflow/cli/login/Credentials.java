package dev.seatflow.cli.login;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import tools.jackson.databind.json.JsonMapper;

/**
 * The token {@code login} stored, and the gateway it is for: {@code credentials.json} in the
 * user's config directory, readable by the user alone (0600, in a 0700 directory).
 */
public record Credentials(String url, String token) {

    public static final String FILE = "credentials.json";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    public static Path file(Path configDir) {
        return configDir.resolve(FILE);
    }

    /** The stored credentials, or null when there are none. */
    public static Credentials load(Path configDir) {
        return load(configDir, warning -> { });
    }

    /** The stored credentials, or null; {@code warnings} hears when the file is readable by others than the user. */
    @SuppressWarnings("unchecked")
    public static Credentials load(Path configDir, Consumer<String> warnings) {
        Path file = file(configDir);
        if (!Files.exists(file)) {
            return null;
        }
        try {
            Set<PosixFilePermission> permissions = posixPermissions(file);
            if (permissions != null && permissions.stream().anyMatch(GROUP_OR_OTHERS::contains)) {
                warnings.accept("warning: " + file + " is readable by others than you (" + PosixFilePermissions.toString(permissions)
                        + "): anyone who read it has your token; run 'chmod 600 " + file + "' and log in again");
            }
            Map<String, Object> stored = JSON.readValue(Files.readAllBytes(file), Map.class);
            return new Credentials((String) stored.get("url"), (String) stored.get("token"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /**
     * Writes the file so that it is never readable by others, not even for a moment: created 0600
     * under a name of its own beside the target (two logins at once do not meet), then moved over it.
     * A file system without POSIX permissions cannot promise that, so nothing is stored there.
     */
    public Path save(Path configDir) {
        Path file = file(configDir);
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("url", url);
        content.put("token", token);
        Path temporary = null;
        try {
            createPrivateDirectory(configDir);
            temporary = Files.createTempFile(configDir, FILE + ".", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.write(temporary, JSON.writeValueAsBytes(content));
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return file;
        } catch (UnsupportedOperationException notPosix) {
            throw new UncheckedIOException("cannot store the token in " + configDir, new IOException(
                    "its file system has no POSIX permissions, so the token could not be kept from other users;"
                            + " set XDG_CONFIG_HOME to a directory on a POSIX file system, or pass SEATFLOW_TOKEN instead of logging in"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        } finally {
            if (temporary != null) {
                try {
                    Files.deleteIfExists(temporary);   // gone already after the move
                } catch (IOException ignored) {
                    // a stray 0600 file of the user's own
                }
            }
        }
    }

    private static final Set<PosixFilePermission> GROUP_OR_OTHERS = EnumSet.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE);

    /** The file's permissions, or null on a file system without them. */
    private static Set<PosixFilePermission> posixPermissions(Path file) throws IOException {
        try {
            return Files.getPosixFilePermissions(file);
        } catch (UnsupportedOperationException notPosix) {
            return null;
        }
    }

    private static void createPrivateDirectory(Path dir) throws IOException {
        if (dir.getParent() != null) {
            Files.createDirectories(dir.getParent());
        }
        try {
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (FileAlreadyExistsException exists) {
            // the user's own directory: its permissions are theirs to choose
        }
    }

    public static void delete(Path configDir) {
        try {
            Files.deleteIfExists(file(configDir));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + file(configDir), e);
        }
    }
}
