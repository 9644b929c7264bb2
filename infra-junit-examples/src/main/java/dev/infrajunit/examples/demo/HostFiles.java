package dev.infrajunit.examples.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;

/**
 * Writes what a demo host has on disk, under the host's own directory: the files a real host of
 * its role would have where the checks look for them ({@code etc/ssh/sshd_config},
 * {@code var/backups/pg/...}), with real modes and modification times.
 */
final class HostFiles {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

    /** Where a database host keeps its dumps, relative to the host's directory. */
    static final String BACKUP_DIRECTORY = "var/backups/pg";

    private final Path root;
    private final String host;

    HostFiles(Path root, String host) {
        this.root = root;
        this.host = host;
    }

    /** What every host has: a hardened sshd, a time daemon's configuration, nothing world-writable. */
    void writeBase() {
        write("etc/hostname", host + "\n", "rw-r--r--");
        write("etc/ssh/sshd_config", """
                # Managed by configuration management: edits here are overwritten.
                Port 22
                PermitRootLogin no
                PasswordAuthentication no
                KbdInteractiveAuthentication no
                PubkeyAuthentication yes
                X11Forwarding no
                AllowAgentForwarding no
                ClientAliveInterval 300
                """, "rw-------");
        write("etc/chrony/chrony.conf", """
                pool pool.ntp.org iburst
                makestep 1.0 3
                rtcsync
                """, "rw-r--r--");
        write("etc/motd", "This is " + host + ". Changes go through the infrastructure repository.\n", "rw-r--r--");
    }

    void writeWebServerConfig(int httpsPort, int healthPort) {
        write("etc/nginx/nginx.conf", """
                server {
                    listen %d ssl;
                    server_name %s;
                    ssl_certificate     /etc/ssl/%s.crt;
                    ssl_certificate_key /etc/ssl/private/%s.key;
                }
                server {
                    listen %d;
                    location /health { return 200; }
                }
                """.formatted(httpsPort, host, host, host, healthPort), "rw-r--r--");
    }

    void writeDatabaseConfig() {
        write("etc/postgresql/16/main/postgresql.conf", """
                listen_addresses = 'localhost'
                max_connections = 200
                shared_buffers = 2GB
                """, "rw-r--r--");
    }

    /**
     * Nightly dumps named after the day they were taken, {@code db-1-2026-11-29.dump}, each
     * {@code size} bytes and as old as the given ages say.
     */
    void writeBackups(int size, Duration... ages) {
        directory(BACKUP_DIRECTORY, "rwxr-x---");
        Instant now = Instant.now();
        for (Duration age : ages) {
            Instant taken = now.minus(age);
            Path dump = write(BACKUP_DIRECTORY + "/" + backupName(host, taken), dumpContent(size), "rw-r-----");
            setModified(dump, taken);
        }
    }

    /** A dump's file name: the host and the UTC day it was taken. */
    static String backupName(String host, Instant taken) {
        return host + "-" + DAY.format(taken) + ".dump";
    }

    /** A pg_dump custom-format header, then filler up to the size. */
    static byte[] dumpContent(int size) {
        byte[] content = new byte[size];
        Arrays.fill(content, (byte) 0x2e);
        byte[] magic = "PGDMP".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(magic, 0, content, 0, Math.min(magic.length, size));
        return content;
    }

    private Path write(String relative, String content, String permissions) {
        return write(relative, content.getBytes(StandardCharsets.UTF_8), permissions);
    }

    private Path write(String relative, byte[] content, String permissions) {
        Path file = root.resolve(relative);
        try {
            ensureDirectory(file.getParent());
            Files.write(file, content);
            // Set explicitly: the modes are part of what the security checks read.
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + file + " for " + host, e);
        }
    }

    private void directory(String relative, String permissions) {
        Path directory = root.resolve(relative);
        try {
            ensureDirectory(directory);
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString(permissions));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create " + directory + " for " + host, e);
        }
    }

    /** Creates missing directories as rwxr-xr-x whatever the umask, so no check sees a stray mode. */
    private static void ensureDirectory(Path directory) throws IOException {
        if (Files.isDirectory(directory)) {
            return;
        }
        ensureDirectory(directory.getParent());
        Files.createDirectory(directory);
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private void setModified(Path file, Instant time) {
        try {
            Files.setLastModifiedTime(file, FileTime.from(time));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not set the modification time of " + file, e);
        }
    }
}
