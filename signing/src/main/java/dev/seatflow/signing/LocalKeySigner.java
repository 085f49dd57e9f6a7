package dev.seatflow.signing;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signs with private keys kept in a local directory, for local and dev runs where Cloud KMS is not used.
 *
 * <p>Directory layout:
 * <ul>
 *   <li>{@code <keyId>.key.pem}: the PKCS#8 "PRIVATE KEY" block followed by the X.509 "PUBLIC KEY" block.
 *       The public half is stored because the JDK cannot derive an Ed25519 public key from the private one.
 *   <li>{@code active}: one line {@code <KeyAlgorithm> <keyId>} per algorithm naming the signing key. It is
 *       rewritten by {@link #rotate()}; if it is missing or names no loadable key, the key file of that
 *       algorithm with the newest modification time signs.
 *   <li>{@code .lock}: serialises open/rotate between processes sharing the directory (the local launcher
 *       starts several services on one key dir, and they must not each generate a first key).
 * </ul>
 * {@link #publicKeys()} lists the active key, then every other key in the directory (newest first, either
 * algorithm), so licenses signed before a rotation or an algorithm switch keep verifying. The directory is
 * read on {@link #open} and {@link #rotate()} only. Key files are owner read/write only on POSIX file systems.
 */
public final class LocalKeySigner implements LicenseSigner {

    private static final Logger log = LoggerFactory.getLogger(LocalKeySigner.class);
    private static final String KEY_SUFFIX = ".key.pem";
    private static final String ACTIVE_FILE = "active";
    private static final String LOCK_FILE = ".lock";

    private final Path keyDir;
    private final KeyAlgorithm algorithm;
    /** Swapped whole on rotate so a concurrent sign() never mixes one key's id with another's bytes. */
    private volatile KeyRing ring;

    private record LocalKey(String keyId, KeyAlgorithm algorithm, PrivateKey privateKey, PublicKey publicKey,
                            FileTime modified) {
    }

    private record KeyRing(LocalKey active, List<PublicKeyInfo> publicKeys) {
    }

    private LocalKeySigner(Path keyDir, KeyAlgorithm algorithm) {
        this.keyDir = keyDir.toAbsolutePath();
        this.algorithm = algorithm;
    }

    /** Loads the keys in {@code keyDir}, generating and persisting a first {@code algorithm} key if it has none. */
    public static LocalKeySigner open(Path keyDir, KeyAlgorithm algorithm) {
        Objects.requireNonNull(keyDir, "keyDir");
        Objects.requireNonNull(algorithm, "algorithm");
        LocalKeySigner signer = new LocalKeySigner(keyDir, algorithm);
        signer.load(false);
        log.info("Local license signing key {} ({}) in {}", signer.keyId(), algorithm, signer.keyDir);
        return signer;
    }

    /** Generates a new active key; earlier keys stay published. Returns this signer. */
    public LocalKeySigner rotate() {
        String previous = keyId();
        load(true);
        log.info("Rotated local signing key {} -> {} in {}", previous, keyId(), keyDir);
        return this;
    }

    @Override
    public Signature sign(byte[] data) {
        Objects.requireNonNull(data, "data");
        LocalKey key = ring.active();
        try {
            java.security.Signature signer = java.security.Signature.getInstance(key.algorithm().signatureName());
            signer.initSign(key.privateKey());
            signer.update(data);
            return new Signature(signer.sign(), key.algorithm().jwsName(), key.keyId());
        } catch (GeneralSecurityException e) {
            throw new SigningException("signing with local key " + key.keyId() + " failed", e);
        }
    }

    @Override
    public String algorithm() {
        return ring.active().algorithm().jwsName();
    }

    @Override
    public String keyId() {
        return ring.active().keyId();
    }

    @Override
    public List<PublicKeyInfo> publicKeys() {
        return ring.publicKeys();
    }

    @Override
    public String describe() {
        return "local key " + keyId() + " (" + algorithm() + ") in " + keyDir;
    }

    private void load(boolean generate) {
        // FileLock guards against other processes only; threads of this JVM also need the monitor.
        synchronized (LocalKeySigner.class) {
            try {
                createOwnerOnlyDirectories(keyDir);
                try (FileChannel channel = FileChannel.open(keyDir.resolve(LOCK_FILE),
                        StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                     FileLock ignored = channel.lock()) {
                    List<LocalKey> keys = readKeys();
                    Map<KeyAlgorithm, String> active = readActive();
                    LocalKey current = generate ? null : pickActive(keys, active.get(algorithm));
                    if (current == null) {
                        current = generateKey();
                        keys.add(current);
                        active.put(algorithm, current.keyId());
                        writeActive(active);
                    }
                    ring = new KeyRing(current, published(keys, current));
                }
            } catch (IOException e) {
                throw new SigningException("cannot use local key directory " + keyDir + ": " + e.getMessage(), e);
            }
        }
    }

    private LocalKey pickActive(List<LocalKey> keys, String activeId) {
        List<LocalKey> candidates = keys.stream().filter(key -> key.algorithm() == algorithm).toList();
        return candidates.stream()
                .filter(key -> key.keyId().equals(activeId))
                .findFirst()
                .or(() -> candidates.stream().max(Comparator.comparing(LocalKey::modified)))
                .orElse(null);
    }

    private static List<PublicKeyInfo> published(List<LocalKey> keys, LocalKey active) {
        List<PublicKeyInfo> result = new ArrayList<>();
        result.add(info(active));
        keys.stream()
                .filter(key -> !key.keyId().equals(active.keyId()))
                .sorted(Comparator.comparing(LocalKey::modified).reversed().thenComparing(LocalKey::keyId))
                .forEach(key -> result.add(info(key)));
        return List.copyOf(result);
    }

    private static PublicKeyInfo info(LocalKey key) {
        return new PublicKeyInfo(key.keyId(), key.algorithm().jwsName(), key.publicKey());
    }

    private List<LocalKey> readKeys() throws IOException {
        List<LocalKey> keys = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(keyDir, "*" + KEY_SUFFIX)) {
            for (Path file : files) {
                keys.add(readKey(file));
            }
        }
        return keys;
    }

    private static LocalKey readKey(Path file) throws IOException {
        String pem = Files.readString(file, StandardCharsets.US_ASCII);
        byte[] privateDer = Pem.decode(pem, "PRIVATE KEY");
        byte[] publicDer = Pem.decode(pem, "PUBLIC KEY");
        for (KeyAlgorithm candidate : KeyAlgorithm.values()) {
            PrivateKey privateKey;
            PublicKey publicKey;
            try {
                KeyFactory factory = KeyFactory.getInstance(candidate.keyFactoryName());
                privateKey = factory.generatePrivate(new PKCS8EncodedKeySpec(privateDer));
                publicKey = factory.generatePublic(new X509EncodedKeySpec(publicDer));
            } catch (GeneralSecurityException notThisAlgorithm) {
                continue;
            }
            String keyId = keyId(publicKey);
            if (!file.getFileName().toString().equals(keyId + KEY_SUFFIX)) {
                throw new SigningException("key file " + file + " holds key " + keyId + "; expected it in "
                        + keyId + KEY_SUFFIX);
            }
            checkPair(candidate, privateKey, publicKey, file);
            return new LocalKey(keyId, candidate, privateKey, publicKey, Files.getLastModifiedTime(file));
        }
        throw new SigningException("key file " + file + " holds no RSA or Ed25519 key pair");
    }

    /** A hand-edited file with halves of two different keys would publish a key that verifies nothing. */
    private static void checkPair(KeyAlgorithm algorithm, PrivateKey privateKey, PublicKey publicKey, Path file) {
        byte[] probe = file.toString().getBytes(StandardCharsets.UTF_8);
        try {
            java.security.Signature signer = java.security.Signature.getInstance(algorithm.signatureName());
            signer.initSign(privateKey);
            signer.update(probe);
            byte[] signature = signer.sign();
            signer.initVerify(publicKey);
            signer.update(probe);
            if (signer.verify(signature)) {
                return;
            }
        } catch (GeneralSecurityException e) {
            throw new SigningException("key file " + file + " is unusable", e);
        }
        throw new SigningException("key file " + file + ": private and public key do not match");
    }

    private LocalKey generateKey() throws IOException {
        KeyPair pair;
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm.keyFactoryName());
            if (algorithm == KeyAlgorithm.RSA_4096) {
                generator.initialize(4096);
            }
            pair = generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new SigningException("cannot generate " + algorithm + " key", e);
        }
        String keyId = keyId(pair.getPublic());
        Path file = keyDir.resolve(keyId + KEY_SUFFIX);
        writeOwnerOnly(file, Pem.encode("PRIVATE KEY", pair.getPrivate().getEncoded())
                + Pem.encode("PUBLIC KEY", pair.getPublic().getEncoded()));
        log.info("Generated {} signing key {} in {}", algorithm, keyId, file);
        return new LocalKey(keyId, algorithm, pair.getPrivate(), pair.getPublic(), Files.getLastModifiedTime(file));
    }

    /** "local-" + 16 hex chars of SHA-256 over the X.509 encoding: stable across restarts and copies. */
    static String keyId(PublicKey key) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
            return "local-" + HexFormat.of().formatHex(hash, 0, 8);
        } catch (GeneralSecurityException e) {
            throw new SigningException("SHA-256 unavailable", e);
        }
    }

    private Map<KeyAlgorithm, String> readActive() throws IOException {
        Map<KeyAlgorithm, String> active = new EnumMap<>(KeyAlgorithm.class);
        Path file = keyDir.resolve(ACTIVE_FILE);
        if (!Files.exists(file)) {
            return active;
        }
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String[] parts = line.trim().split("\\s+");
            if (parts.length == 2 && !parts[0].startsWith("#")) {
                for (KeyAlgorithm candidate : KeyAlgorithm.values()) {
                    if (candidate.name().equals(parts[0])) {
                        active.put(candidate, parts[1]);
                    }
                }
            }
        }
        return active;
    }

    private void writeActive(Map<KeyAlgorithm, String> active) throws IOException {
        StringBuilder text = new StringBuilder("# Active signing key per algorithm; older *.key.pem stay published.\n");
        active.forEach((alg, id) -> text.append(alg.name()).append(' ').append(id).append('\n'));
        writeOwnerOnly(keyDir.resolve(ACTIVE_FILE), text.toString());
    }

    /** Write to a private temp file, then rename, so readers never see a half-written key. */
    private static void writeOwnerOnly(Path file, String content) throws IOException {
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(temp);
        if (isPosix(file)) {
            Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        Files.writeString(temp, content, StandardCharsets.US_ASCII);
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static void createOwnerOnlyDirectories(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        FileAttribute<?>[] attributes = isPosix(dir)
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"))}
                : new FileAttribute<?>[0];
        Files.createDirectories(dir, attributes);
    }

    private static boolean isPosix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
