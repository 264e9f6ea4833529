package network.hermes.node.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CertificateEntry;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.ChannelBinding;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.DefaultTlsClient;
import org.bouncycastle.tls.DefaultTlsServer;
import org.bouncycastle.tls.HashAlgorithm;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.SignatureAlgorithm;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsClientProtocol;
import org.bouncycastle.tls.TlsContext;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.TlsServerProtocol;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaDefaultTlsCredentialedSigner;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCrypto;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCryptoProvider;

/**
 * TLS 1.3 for node connections, on BouncyCastle's TLS API. Its JSSE layer cannot hand out the RFC
 * 9266 {@code tls-exporter} value after the handshake (it wipes the exporter secret first, bc-java
 * issue 1535), and the JDK's exporter API needs release 25; the TLS API lets us take the value in
 * {@code notifyHandshakeComplete}, the moment its maintainers point to. The record cipher runs on
 * the JDK's AES-GCM. Certificates are ephemeral, self-signed and not checked: who the peer is comes
 * from its {@link ChannelBindingProof} over the exporter value, which a man in the middle (holding
 * two different TLS connections) cannot produce.
 */
public final class NodeTls {
  private static final ProtocolVersion[] TLS13 = ProtocolVersion.TLSv13.only();
  private static final int[] SUITES = {
    CipherSuite.TLS_AES_128_GCM_SHA256, CipherSuite.TLS_AES_256_GCM_SHA384
  };
  private static final SignatureAndHashAlgorithm ECDSA_P256 =
      SignatureAndHashAlgorithm.getInstance(HashAlgorithm.sha256, SignatureAlgorithm.ecdsa);

  private final JcaTlsCrypto crypto;
  private final KeyPair keys;
  private final byte[] certificate;

  private NodeTls(JcaTlsCrypto crypto, KeyPair keys, byte[] certificate) {
    this.crypto = crypto;
    this.keys = keys;
    this.certificate = certificate;
  }

  /** One TLS connection after its handshake: its streams and its channel binding. */
  public record Connection(Socket socket, InputStream in, OutputStream out, byte[] binding) {
    /** Closes the connection (the socket: a reader blocked on it wakes at once). */
    public void close() {
      try {
        socket.close();
      } catch (IOException ignored) {
        // already closed
      }
    }
  }

  /** A TLS setup with a fresh ephemeral certificate (P-256), for either end. */
  public static NodeTls create() {
    try {
      SecureRandom random = new SecureRandom();
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"), random);
      KeyPair pair = generator.generateKeyPair();
      return new NodeTls(
          new JcaTlsCryptoProvider().create(random), pair, selfSigned(pair, random).getEncoded());
    } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
      throw new IllegalStateException("cannot set up TLS 1.3: " + e.getMessage(), e);
    }
  }

  /** Server side: runs the handshake on an accepted socket within {@code timeout}. */
  public Connection accept(Socket socket, Duration timeout) throws IOException {
    socket.setTcpNoDelay(true);
    socket.setSoTimeout(Math.toIntExact(timeout.toMillis()));
    TlsServerProtocol protocol =
        new TlsServerProtocol(socket.getInputStream(), socket.getOutputStream());
    Server server = new Server();
    try {
      protocol.accept(server);
    } catch (IOException e) {
      socket.close();
      throw new IOException("TLS handshake failed: " + e.getMessage(), e);
    }
    socket.setSoTimeout(0);
    return new Connection(
        socket, protocol.getInputStream(), protocol.getOutputStream(), server.binding);
  }

  /** Client side: connects and runs the handshake within {@code timeout}. */
  public Connection connect(InetSocketAddress address, Duration timeout) throws IOException {
    Socket socket = new Socket();
    try {
      socket.setTcpNoDelay(true);
      socket.connect(address, Math.toIntExact(timeout.toMillis()));
      socket.setSoTimeout(Math.toIntExact(timeout.toMillis()));
      TlsClientProtocol protocol =
          new TlsClientProtocol(socket.getInputStream(), socket.getOutputStream());
      Client client = new Client();
      try {
        protocol.connect(client);
      } catch (IOException e) {
        throw new IOException("TLS handshake with " + address + " failed: " + e.getMessage(), e);
      }
      socket.setSoTimeout(0);
      return new Connection(
          socket, protocol.getInputStream(), protocol.getOutputStream(), client.binding);
    } catch (IOException | RuntimeException e) {
      socket.close();
      throw e;
    }
  }

  private static byte[] exporter(TlsContext context) throws IOException {
    byte[] binding = context.exportChannelBinding(ChannelBinding.tls_exporter);
    if (binding == null || binding.length != ChannelBindingProof.BINDING_LENGTH) {
      throw new IOException("TLS exporter channel binding unavailable");
    }
    return binding;
  }

  private final class Server extends DefaultTlsServer {
    private byte[] binding;

    Server() {
      super(crypto);
    }

    @Override
    protected ProtocolVersion[] getSupportedVersions() {
      return TLS13;
    }

    @Override
    protected int[] getSupportedCipherSuites() {
      return SUITES.clone();
    }

    @Override
    public TlsCredentials getCredentials() throws IOException {
      Certificate chain =
          new Certificate(
              new byte[0],
              new CertificateEntry[] {
                new CertificateEntry(crypto.createCertificate(certificate), null)
              });
      return new JcaDefaultTlsCredentialedSigner(
          new TlsCryptoParameters(context), crypto, keys.getPrivate(), chain, ECDSA_P256);
    }

    @Override
    public void notifyHandshakeComplete() throws IOException {
      super.notifyHandshakeComplete();
      binding = exporter(context); // the secret behind it is wiped right after this call
    }
  }

  private final class Client extends DefaultTlsClient {
    private byte[] binding;

    Client() {
      super(crypto);
    }

    @Override
    protected ProtocolVersion[] getSupportedVersions() {
      return TLS13;
    }

    @Override
    protected int[] getSupportedCipherSuites() {
      return SUITES.clone();
    }

    @Override
    public TlsAuthentication getAuthentication() {
      return new TlsAuthentication() {
        @Override
        public void notifyServerCertificate(TlsServerCertificate serverCertificate) {
          // not checked: the provider proves its identity over the channel binding instead
        }

        @Override
        public TlsCredentials getClientCredentials(CertificateRequest request) {
          return null;
        }
      };
    }

    @Override
    public void notifyHandshakeComplete() throws IOException {
      super.notifyHandshakeComplete();
      binding = exporter(context);
    }
  }

  private static X509CertificateHolder selfSigned(KeyPair pair, SecureRandom random)
      throws OperatorCreationException {
    X500Name name = new X500Name("CN=hermes-node");
    Instant now = Instant.now();
    return new JcaX509v3CertificateBuilder(
            name,
            new BigInteger(64, random),
            Date.from(now.minus(Duration.ofHours(1))),
            Date.from(now.plus(Duration.ofDays(365))),
            name,
            pair.getPublic())
        .build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate()));
  }
}
