package dev.interlock.proxy;

import dev.interlock.config.DataDir;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;

/**
 * Interlock's own certificate authority, used only to mint certificates for the hosts the proxy inspects. Created
 * on first use in {@code DataDir.ca()}: {@code interlock-ca.pem} (public) and {@code interlock-ca.key} (private,
 * 0600). Keys are ECDSA P-256: fast to generate and sign, accepted by every TLS stack we target.
 */
public final class LocalCa {
    public static final String CERT_FILE = "interlock-ca.pem";
    public static final String KEY_FILE = "interlock-ca.key";
    static final Duration CA_LIFETIME = Duration.ofDays(3650);
    /** Apple and browsers reject leaf certificates valid for more than 398 days. */
    static final Duration LEAF_LIFETIME = Duration.ofDays(397);
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path dir;
    private final X509Certificate certificate;
    private final PrivateKey key;
    /** One key pair for every leaf this process mints: the CA's signature is what clients check. */
    private final KeyPair leafKeys;

    private LocalCa(Path dir, X509Certificate certificate, PrivateKey key) {
        this.dir = dir;
        this.certificate = certificate;
        this.key = key;
        this.leafKeys = newKeyPair();
    }

    /** The CA in {@code dataDir.ca()}, created when missing or expired. Safe against a concurrent first run. */
    public static LocalCa loadOrCreate(DataDir dataDir) throws IOException {
        return loadOrCreate(dataDir.ca());
    }

    public static LocalCa loadOrCreate(Path dir) throws IOException {
        DataDir.ensurePrivateDir(dir);
        try (FileChannel lockFile = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock ignored = lockFile.lock()) {
            Path certFile = dir.resolve(CERT_FILE);
            Path keyFile = dir.resolve(KEY_FILE);
            if (Files.exists(certFile) && Files.exists(keyFile)) {
                LocalCa ca = load(dir, certFile, keyFile);
                if (ca.certificate.getNotAfter().toInstant().isAfter(Instant.now().plus(Duration.ofDays(30)))) {
                    return ca;
                }
            }
            return create(dir, certFile, keyFile);
        }
    }

    /** Loads an existing CA without creating one; empty when there is none yet. */
    public static java.util.Optional<X509Certificate> existingCertificate(DataDir dataDir) throws IOException {
        Path certFile = dataDir.ca().resolve(CERT_FILE);
        if (!Files.exists(certFile)) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(Pem.readCertificate(Files.readString(certFile), certFile.toString()));
    }

    private static LocalCa load(Path dir, Path certFile, Path keyFile) throws IOException {
        X509Certificate cert = Pem.readCertificate(Files.readString(certFile), certFile.toString());
        PrivateKey key = readKey(keyFile);
        tightenPermissions(keyFile);
        if (!matches(key, cert.getPublicKey())) {
            throw new IOException(keyFile + " does not belong to the certificate in " + certFile
                    + "; delete both files to create a new CA (then reinstall it)");
        }
        return new LocalCa(dir, cert, key);
    }

    private static LocalCa create(Path dir, Path certFile, Path keyFile) throws IOException {
        KeyPair pair = newKeyPair();
        Instant now = Instant.now();
        X500NameBuilder name = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.CN, "Interlock local CA (" + user() + "@" + hostName() + ", " + now.toString().substring(0, 10) + ")")
                .addRDN(BCStyle.O, "Interlock (local, this machine only)");
        X500Name subject = name.build();
        try {
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(subject, serial(),
                    Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(CA_LIFETIME)), subject, pair.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(pair.getPublic()));
            X509Certificate cert = sign(b, pair.getPrivate());
            // PKCS#8 ("PRIVATE KEY"): readable by openssl and by every PEM reader, with no separate curve block.
            DataDir.writePrivate(keyFile, pkcs8Pem(pair.getPrivate()).getBytes(StandardCharsets.US_ASCII));
            Files.writeString(certFile, pem(cert));
            return new LocalCa(dir, cert, pair.getPrivate());
        } catch (GeneralSecurityException | IOException e) {
            throw new IOException("cannot create the local CA in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** A certificate for {@code host} (DNS name or IP literal), signed by this CA, for {@link #leafKey()}. */
    public X509Certificate mint(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        Instant now = Instant.now();
        Instant notAfter = now.plus(LEAF_LIFETIME);
        if (notAfter.isAfter(certificate.getNotAfter().toInstant())) {
            notAfter = certificate.getNotAfter().toInstant();
        }
        try {
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            GeneralName san = isIpLiteral(h) ? new GeneralName(GeneralName.iPAddress, h.replace("[", "").replace("]", ""))
                    : new GeneralName(GeneralName.dNSName, h);
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(certificate, serial(),
                    Date.from(now.minus(Duration.ofDays(1))), Date.from(notAfter),
                    new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, h).build(), leafKeys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
                    .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(san))
                    .addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(leafKeys.getPublic()))
                    .addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(certificate));
            return sign(b, key);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot mint a certificate for " + host + ": " + e.getMessage(), e);
        }
    }

    public PrivateKey leafKey() {
        return leafKeys.getPrivate();
    }

    public X509Certificate certificate() {
        return certificate;
    }

    public Path directory() {
        return dir;
    }

    public Path certificateFile() {
        return dir.resolve(CERT_FILE);
    }

    public Path keyFile() {
        return dir.resolve(KEY_FILE);
    }

    /** SHA-256 fingerprint of the CA certificate, colon-separated upper-case hex (as browsers show it). */
    public String fingerprint() {
        return fingerprint(certificate);
    }

    public static String fingerprint(X509Certificate cert) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(cert.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(d);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static boolean isIpLiteral(String host) {
        return IPV4.matcher(host).matches() || host.contains(":");
    }

    private static X509Certificate sign(X509v3CertificateBuilder b, PrivateKey signer)
            throws GeneralSecurityException {
        try {
            ContentSigner s = new JcaContentSignerBuilder("SHA256withECDSA").build(signer);
            X509CertificateHolder holder = b.build(s);
            return new JcaX509CertificateConverter().getCertificate(holder);
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException(e.getMessage(), e);
        }
    }

    static KeyPair newKeyPair() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this Java runtime cannot generate P-256 keys", e);
        }
    }

    private static BigInteger serial() {
        return new BigInteger(127, RANDOM).add(BigInteger.ONE);
    }

    private static boolean matches(PrivateKey key, PublicKey pub) {
        try {
            byte[] probe = "interlock".getBytes(StandardCharsets.US_ASCII);
            Signature s = Signature.getInstance("SHA256withECDSA");
            s.initSign(key);
            s.update(probe);
            byte[] sig = s.sign();
            s.initVerify(pub);
            s.update(probe);
            return s.verify(sig);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static PrivateKey readKey(Path keyFile) throws IOException {
        try (PEMParser p = new PEMParser(new StringReader(Files.readString(keyFile)))) {
            Object o = p.readObject();
            JcaPEMKeyConverter conv = new JcaPEMKeyConverter();
            if (o instanceof PrivateKeyInfo info) {
                return conv.getPrivateKey(info);
            }
            if (o instanceof PEMKeyPair kp) {
                return conv.getPrivateKey(kp.getPrivateKeyInfo());
            }
            throw new IOException(keyFile + ": not a PEM private key");
        }
    }

    private static void tightenPermissions(Path keyFile) throws IOException {
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(keyFile);
            Set<PosixFilePermission> owner = Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
            if (!owner.containsAll(perms)) {
                Files.setPosixFilePermissions(keyFile, owner);
            }
        } catch (UnsupportedOperationException e) {
            // not POSIX: the per-user profile directory restricts access
        }
    }

    static String pkcs8Pem(PrivateKey key) {
        String b64 = java.util.Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(key.getEncoded());
        return "-----BEGIN PRIVATE KEY-----\n" + b64 + "\n-----END PRIVATE KEY-----\n";
    }

    static String pem(Object o) {
        StringWriter sw = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(sw)) {
            w.writeObject(o);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sw.toString();
    }

    private static String user() {
        return System.getProperty("user.name", "user");
    }

    private static String hostName() {
        // Not InetAddress.getLocalHost(): that can wait seconds on DNS for a name that is only a label here.
        for (String v : new String[] {System.getenv("HOSTNAME"), System.getenv("COMPUTERNAME")}) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        try {
            return Files.readString(Path.of("/etc/hostname")).trim();
        } catch (IOException | RuntimeException e) {
            return "localhost";
        }
    }

    /** PEM helpers shared with the bundle writer and tests. */
    static final class Pem {
        private Pem() {
        }

        static X509Certificate readCertificate(String text, String where) throws IOException {
            try (PEMParser p = new PEMParser(new StringReader(text))) {
                Object o = p.readObject();
                if (o instanceof X509CertificateHolder h) {
                    return new JcaX509CertificateConverter().getCertificate(h);
                }
                throw new IOException(where + ": not a PEM certificate");
            } catch (CertificateException e) {
                throw new IOException(where + ": bad certificate: " + e.getMessage(), e);
            }
        }
    }
}
