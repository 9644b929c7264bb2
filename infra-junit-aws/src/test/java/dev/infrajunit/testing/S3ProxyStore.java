package dev.infrajunit.testing;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Properties;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;

/**
 * A real S3 implementation on 127.0.0.1: S3Proxy over jclouds' {@code filesystem} blob store.
 * S3 offers no way to set an object's LastModified, but this store reports each object's file
 * modification time as its LastModified, so a test writes the object file itself and sets its
 * mtime: that is how stale backups are made. Requests must be signed with the test credentials.
 */
public final class S3ProxyStore implements AutoCloseable {

    private final Path root;
    private final BlobStoreContext context;
    private final S3Proxy proxy;

    public S3ProxyStore(Path root) throws Exception {
        TestAwsCredentials.install();
        this.root = root;
        Properties properties = new Properties();
        properties.setProperty("jclouds.filesystem.basedir", root.toString());
        context = ContextBuilder.newBuilder("filesystem").overrides(properties).build(BlobStoreContext.class);
        proxy = S3Proxy.builder()
                .blobStore(context.getBlobStore())
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, TestAwsCredentials.ACCESS_KEY, TestAwsCredentials.SECRET_KEY)
                .build();
        proxy.start();
        for (int i = 0; i < 500 && !"STARTED".equals(proxy.getState()); i++) {
            Thread.sleep(10);
        }
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    public void createBucket(String bucket) throws IOException {
        Files.createDirectories(root.resolve(bucket));
    }

    /** Stores an object of that size (a sparse file) whose LastModified is {@code lastModified}. */
    public void put(String bucket, String key, long size, Instant lastModified) throws IOException {
        Path file = root.resolve(bucket).resolve(key);
        Files.createDirectories(file.getParent());
        try (RandomAccessFile out = new RandomAccessFile(file.toFile(), "rw")) {
            out.setLength(size);
        }
        Files.setLastModifiedTime(file, FileTime.from(lastModified));
    }

    @Override
    public void close() throws Exception {
        proxy.stop();
        context.close();
    }
}
