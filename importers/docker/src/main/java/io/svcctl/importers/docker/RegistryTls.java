package io.svcctl.importers.docker;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * TLS trust for one registry: the system's trust store plus the CA files Docker and containers/image look for in
 * {@code certs.d/HOST[:PORT]/*.crt}; or, with verification off, trust in anything (skopeo's --tls-verify=false).
 */
final class RegistryTls {
    private RegistryTls() {
    }

    static SSLContext context(boolean verify, List<Path> certDirectories, Set<String> hostNames) throws ImportException {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            X509ExtendedTrustManager trust = verify ? verifying(caFiles(certDirectories, hostNames)) : new TrustAll();
            context.init(null, new TrustManager[] {trust}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new ImportException("setting up TLS for " + hostNames, e.getMessage(), e);
        }
    }

    /**
     * Sets up the TLS client ahead of the first connection: a client handshake's first step with no network (in
     * a context that trusts anything, as it never meets a server), then, when certificates will be verified, the
     * system trust store, which the JDK keeps once loaded. Its failure is no one's: a real connection meets it
     * again and reports it.
     */
    static void prepare(boolean verify) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new TrustAll()}, null);
            SSLEngine engine = context.createSSLEngine();
            engine.setUseClientMode(true);
            engine.beginHandshake();
            engine.wrap(ByteBuffer.allocate(0), ByteBuffer.allocate(engine.getSession().getPacketBufferSize()));
            if (verify) {
                trustManager(null);
            }
        } catch (GeneralSecurityException | SSLException | RuntimeException e) {
            // see above
        }
    }

    /** {@code DIR/NAME/*.crt} for every certs directory and host name, sorted for a stable order. */
    static List<Path> caFiles(List<Path> certDirectories, Set<String> hostNames) throws ImportException {
        List<Path> files = new ArrayList<>();
        for (Path dir : certDirectories) {
            for (String host : new LinkedHashSet<>(hostNames)) {
                Path hostDir = dir.resolve(host);
                if (!Files.isDirectory(hostDir)) {
                    continue;
                }
                try (DirectoryStream<Path> crts = Files.newDirectoryStream(hostDir, "*.crt")) {
                    List<Path> found = new ArrayList<>();
                    crts.forEach(found::add);
                    found.sort(null);
                    files.addAll(found);
                } catch (IOException e) {
                    throw new ImportException("reading CA files in " + hostDir, e.getMessage(), e);
                }
            }
        }
        return files;
    }

    private static X509ExtendedTrustManager verifying(List<Path> caFiles) throws GeneralSecurityException, ImportException {
        X509ExtendedTrustManager system = trustManager(null);
        if (caFiles.isEmpty()) {
            return system;
        }
        KeyStore extra = KeyStore.getInstance(KeyStore.getDefaultType());
        try {
            extra.load(null, null);
        } catch (IOException e) {
            throw new ImportException("setting up TLS trust", e.getMessage(), e);
        }
        CertificateFactory x509 = CertificateFactory.getInstance("X.509");
        int n = 0;
        for (Path file : caFiles) {
            try (InputStream in = Files.newInputStream(file)) {
                for (Certificate cert : x509.generateCertificates(in)) {
                    extra.setCertificateEntry("ca-" + n++, cert);
                }
            } catch (IOException | CertificateException e) {
                throw new ImportException("reading CA file " + file, "it is not a PEM certificate: " + e.getMessage(), e);
            }
        }
        return new EitherTrusted(system, trustManager(extra));
    }

    private static X509ExtendedTrustManager trustManager(KeyStore store) throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        for (TrustManager tm : factory.getTrustManagers()) {
            if (tm instanceof X509ExtendedTrustManager x) {
                return x;
            }
        }
        throw new GeneralSecurityException("the JDK offers no X509 trust manager");
    }

    /** Trusts a server that either the system store or the registry's own CA files vouch for (host names still checked). */
    private static final class EitherTrusted extends ServerTrust {
        private final X509ExtendedTrustManager system;
        private final X509ExtendedTrustManager registry;

        EitherTrusted(X509ExtendedTrustManager system, X509ExtendedTrustManager registry) {
            this.system = system;
            this.registry = registry;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            try {
                registry.checkServerTrusted(chain, authType, engine);
            } catch (CertificateException e) {
                system.checkServerTrusted(chain, authType, engine);
            }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            try {
                registry.checkServerTrusted(chain, authType, socket);
            } catch (CertificateException e) {
                system.checkServerTrusted(chain, authType, socket);
            }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            try {
                registry.checkServerTrusted(chain, authType);
            } catch (CertificateException e) {
                system.checkServerTrusted(chain, authType);
            }
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            List<X509Certificate> all = new ArrayList<>(List.of(registry.getAcceptedIssuers()));
            all.addAll(List.of(system.getAcceptedIssuers()));
            return all.toArray(new X509Certificate[0]);
        }
    }

    /**
     * Accepts any server certificate and skips the host name check (an extended trust manager owns that check),
     * which is what --tls-verify=false asks for.
     */
    private static final class TrustAll extends ServerTrust {
        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }

    /** A trust manager for a client: it judges servers only. */
    private abstract static class ServerTrust extends X509ExtendedTrustManager {
        @Override
        public final void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            throw new CertificateException("a registry client does not accept client certificates");
        }

        @Override
        public final void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            throw new CertificateException("a registry client does not accept client certificates");
        }

        @Override
        public final void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("a registry client does not accept client certificates");
        }
    }
}
