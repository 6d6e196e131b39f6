package io.svcctl.testhost.registry;

import io.svcctl.exec.CommandRunner;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A throwaway CA and a server certificate it signed, made with openssl for a test's registry.
 *
 * @param caFile      the CA certificate (PEM): what a client must trust
 * @param certificate the server certificate (PEM)
 * @param key         the server's private key (PEM)
 */
public record TestCertificates(Path caFile, Path certificate, Path key) {

    /**
     * @param names the server's names: IP addresses and DNS names, e.g. {@code 127.0.0.1}, {@code localhost}
     */
    public static TestCertificates create(CommandRunner runner, Path dir, List<String> names) throws IOException {
        Tools.require("openssl", "openssl");
        Files.createDirectories(dir);
        Path caKey = dir.resolve("ca.key");
        Path ca = dir.resolve("ca.crt");
        Path key = dir.resolve("server.key");
        Path csr = dir.resolve("server.csr");
        Path cert = dir.resolve("server.crt");
        Path ext = dir.resolve("server.ext");
        String san = names.stream().map(n -> (isIp(n) ? "IP:" : "DNS:") + n).collect(Collectors.joining(","));
        Files.writeString(ext, "subjectAltName=" + san + "\nbasicConstraints=critical,CA:FALSE\n"
                + "keyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\n");
        // EC keys: generated at once, where RSA takes noticeable time on a shared machine
        Tools.run(runner, "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                "-nodes", "-keyout", caKey.toString(), "-out", ca.toString(), "-days", "7",
                "-subj", "/CN=svcctl test CA",
                "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign");
        Tools.run(runner, "openssl", "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", key.toString(), "-out", csr.toString(), "-subj", "/CN=svcctl test registry");
        Tools.run(runner, "openssl", "x509", "-req", "-in", csr.toString(), "-CA", ca.toString(),
                "-CAkey", caKey.toString(), "-CAcreateserial", "-out", cert.toString(), "-days", "7",
                "-extfile", ext.toString());
        return new TestCertificates(ca, cert, key);
    }

    private static boolean isIp(String name) {
        if (!name.matches("[0-9.]+|.*:.*")) {
            return false;
        }
        try {
            InetAddress.getByName(name);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
