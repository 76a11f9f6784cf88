package dev.gitops.imagebuilder.emulator;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An EC2 Image Builder (workflow API) emulator on 127.0.0.1, speaking REST-JSON to the real AWS
 * SDK, with STS AssumeRole on the same port ({@link StsHandler}) for roles of other accounts. State
 * rules are documented in {@link WorkflowStore}; the HTTP control API for scripts in {@link
 * ControlHttpHandler}.
 */
public final class ImageBuilderEmulator implements AutoCloseable {

  /** Path prefix of the control API; the SDK never calls it. */
  public static final String CONTROL_PREFIX = "/_emulator/";

  private static final int THREADS = 32;

  static {
    // Without TCP_NODELAY the JDK server's separate header and body writes meet the client's
    // delayed ACK: ~40 ms
    // per call. Read once when the JDK server classes load, so it must be set before the first
    // server.
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  private final EmulatorOptions options;
  private final ExecutorService executor;
  private final ApiHttpHandler apiHandler;
  private final StsHandler stsHandler;
  private final InetSocketAddress address;
  private volatile HttpServer server;
  private final WorkflowStore store;
  private final PageTokens pageTokens = new PageTokens();
  private final InMemoryS3 s3 = new InMemoryS3();
  private final Faults faults = new Faults();
  private final Counters counters = new Counters();
  private final TrustList trustList = new TrustList();
  private final SessionCredentials sessions = new SessionCredentials(Clock.systemUTC());
  private volatile Set<Operation> forbidden;

  private ImageBuilderEmulator(EmulatorOptions options) throws IOException {
    this.options = options;
    this.store = new WorkflowStore(options.maxBuildVersions(), Clock.systemUTC());
    this.forbidden = options.forbiddenOperations();
    AtomicInteger threadNumber = new AtomicInteger();
    this.executor =
        new ThreadPoolExecutor(
            THREADS,
            THREADS,
            30,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            r -> {
              Thread t = new Thread(r, "imagebuilder-emulator-" + threadNumber.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    ApiDispatcher dispatcher = new ApiDispatcher(store, s3, pageTokens, () -> forbidden);
    CallerIdentities identities = new CallerIdentities(options.account(), sessions);
    this.apiHandler = new ApiHttpHandler(dispatcher, faults, counters, identities);
    this.stsHandler = new StsHandler(identities, trustList, sessions, counters);
    this.server = listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), options.port()));
    this.address = server.getAddress();
  }

  private HttpServer listen(InetSocketAddress at) throws IOException {
    HttpServer listening = HttpServer.create(at, 256);
    listening.createContext(
        "/", exchange -> (StsHandler.accepts(exchange) ? stsHandler : apiHandler).handle(exchange));
    listening.createContext(CONTROL_PREFIX, new ControlHttpHandler(this));
    listening.setExecutor(executor);
    listening.start();
    return listening;
  }

  public static ImageBuilderEmulator start(EmulatorOptions options) {
    try {
      return new ImageBuilderEmulator(options);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot bind 127.0.0.1:" + options.port(), e);
    }
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + address.getPort());
  }

  public String account() {
    return options.account();
  }

  public String region() {
    return options.region();
  }

  public InMemoryS3 s3() {
    return s3;
  }

  public Faults faults() {
    return faults;
  }

  /** Calls of every account. */
  public Counters counters() {
    return counters;
  }

  /** Calls made with {@code account}'s credentials (AssumeRole: in the role's account). */
  public Counters counters(String account) {
    return counters.forAccount(account);
  }

  /**
   * Lets the emulator's account assume {@code roleArn} ({@code arn:aws:iam::ACCOUNT:role/NAME}),
   * replacing its entry; a non-null external ID must then come with every AssumeRole of it.
   */
  public void trust(String roleArn, String externalIdOrNull) {
    trustList.trust(roleArn, externalIdOrNull);
  }

  /** AssumeRole of {@code roleArn} is AccessDenied from now on; issued credentials stay valid. */
  public void distrust(String roleArn) {
    trustList.distrust(roleArn);
  }

  /**
   * The lifetime of credentials AssumeRole issues from now on; null: the request's DurationSeconds,
   * else an hour.
   */
  public void credentialLifetime(Duration lifetime) {
    sessions.lifetime(lifetime);
  }

  /**
   * Marks a build as used by a recipe (DeleteWorkflow then answers ResourceDependencyException) or
   * not.
   */
  public void markInUse(String buildArn, boolean inUse) {
    store.replace(buildArn(buildArn), b -> b.withInUse(inUse));
  }

  /**
   * Expires every pagination token issued so far: a listing that goes on with one gets
   * InvalidPaginationTokenException, as with an expired token in AWS.
   */
  public void expirePageTokens() {
    pageTokens.expireAll();
  }

  /** Deprecates a build, as another tool or the console would. */
  public void deprecate(String buildArn) {
    store.replace(buildArn(buildArn), b -> b.withDeprecation("Deprecated out of band."));
  }

  /** Deletes a build as another tool would: no API call, no counters, ignores in-use marks. */
  public void deleteOutOfBand(String buildArn) {
    store.replace(buildArn(buildArn), b -> null);
  }

  /** Read-only snapshot of every stored build of every account, tags included. */
  public List<WorkflowBuild> builds() {
    return store.snapshot(null);
  }

  /** Read-only snapshot of the builds of one account. */
  public List<WorkflowBuild> builds(String account) {
    return store.snapshot(account);
  }

  /** Operations answered with ForbiddenException from now on (empty: none). */
  public void forbid(Set<Operation> operations) {
    forbidden = operations.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(operations));
  }

  /** Changes the quota of build versions per account and region. */
  public void maxBuildVersions(int max) {
    store.maxBuildVersions(max);
  }

  /**
   * Forgets all builds, tokens, S3 objects, faults, counters, restrictions, trusted roles and the
   * credential lifetime. Credentials already issued stay valid until they expire.
   */
  public void reset() {
    store.clear();
    trustList.clear();
    sessions.lifetime(null);
    s3.clear();
    faults.reset();
    counters.reset();
    forbidden = Set.of();
    store.maxBuildVersions(options.maxBuildVersions());
  }

  /**
   * Closes the port at once (connections are refused, open ones are cut) and listens on the same
   * port again after {@code outage}, with all state kept: an endpoint that is unreachable for a
   * while.
   */
  public void unreachableFor(Duration outage) {
    server.stop(0);
    Thread reopen =
        new Thread(
            () -> {
              try {
                Thread.sleep(outage.toMillis());
                server = listen(address);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              } catch (IOException e) {
                throw new UncheckedIOException("cannot listen again on " + address, e);
              }
            },
            "imagebuilder-emulator-reopen");
    reopen.setDaemon(true);
    reopen.start();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private static WorkflowArn buildArn(String text) {
    return WorkflowArn.parse(text)
        .filter(WorkflowArn::isBuild)
        .orElseThrow(
            () -> new IllegalArgumentException("not a workflow build version ARN: " + text));
  }
}
