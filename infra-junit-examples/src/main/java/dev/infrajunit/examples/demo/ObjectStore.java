package dev.infrajunit.examples.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;

/**
 * The demo's S3: S3Proxy on loopback over a plain directory, so the AWS checks run the real AWS SDK
 * against a real S3 API without an account. Objects are files under {@code directory/bucket/key};
 * their modification time is the object's Last-Modified.
 */
final class ObjectStore implements AutoCloseable {

    /** Credentials the store accepts; they open nothing but this store. */
    static final String ACCESS_KEY_ID = "demo-access-key";
    static final String SECRET_ACCESS_KEY = "demo-secret-key";

    private final Path directory;
    private final BlobStoreContext context;
    private final S3Proxy proxy;

    private ObjectStore(Path directory, BlobStoreContext context, S3Proxy proxy) {
        this.directory = directory;
        this.context = context;
        this.proxy = proxy;
    }

    static ObjectStore start(Path directory) throws Exception {
        Files.createDirectories(directory);
        Properties properties = new Properties();
        properties.setProperty("jclouds.filesystem.basedir", directory.toString());
        BlobStoreContext context = ContextBuilder.newBuilder("filesystem")
                .overrides(properties)
                .buildView(BlobStoreContext.class);
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(context.getBlobStore())
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY_ID, SECRET_ACCESS_KEY)
                .jettyMaxThreads(8)
                .build();
        try {
            proxy.start();
            awaitStarted(proxy);
        } catch (Exception e) {
            context.close();
            throw e;
        }
        return new ObjectStore(directory, context, proxy);
    }

    private static void awaitStarted(S3Proxy proxy) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!"STARTED".equals(proxy.getState())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("S3Proxy did not start within 10s; its state is " + proxy.getState());
            }
            Thread.sleep(10);
        }
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    void createBucket(String bucket) {
        context.getBlobStore().createContainerInLocation(null, bucket);
    }

    /** Stores an object whose Last-Modified lies {@code age} in the past. */
    void putObject(String bucket, String key, byte[] content, Duration age) {
        BlobStore store = context.getBlobStore();
        store.putBlob(bucket, store.blobBuilder(key).payload(content).contentLength(content.length).build());
        try {
            Files.setLastModifiedTime(directory.resolve(bucket).resolve(key), FileTime.from(Instant.now().minus(age)));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not age s3://" + bucket + "/" + key, e);
        }
    }

    @Override
    public void close() throws Exception {
        try {
            proxy.stop();
        } finally {
            context.close();
        }
    }
}
