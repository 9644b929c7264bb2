/**
 * Assertions about things on a host, reached from {@code InfraAssertions.assertThat(host)}. Where each looks:
 * <ul>
 *   <li>files: {@code stat}, {@code head -c} (content, at most 8 MiB), {@code sha256sum}, run as privileged reads
 *       ({@code sudo -n} on hosts with {@code sudo: true}); ages by the host's own clock;</li>
 *   <li>packages: one listing per run from {@code dpkg-query}, {@code rpm -qa} or {@code apk info -v}, versions
 *       ordered by that manager's rules;</li>
 *   <li>services: systemd when it is PID 1 ({@code systemctl show}), else OpenRC, else the SysV init script's
 *       {@code status}, else a pid file; no manager at all is "could not check", never "not running";</li>
 *   <li>processes: {@code /proc/PID/status} (name and real uid);</li>
 *   <li>ports: {@code ss -ltun}, or the {@code /proc/net} tables where ss is missing, once per run;</li>
 *   <li>users and groups: {@code getent}, or {@code /etc/passwd} and {@code /etc/group}; group membership by {@code id -Gn};</li>
 *   <li>sysctl: {@code /proc/sys}, as {@code sysctl -n} reads it; mounts: {@code /proc/mounts} once per run, usage by {@code df -P};
 *       memory: {@code MemAvailable} in {@code /proc/meminfo}; OS: {@code /etc/os-release} once per run;
 *       kernel: {@code uname -srm} once per run;</li>
 *   <li>TLS certificates: {@code openssl s_client} on the host, connecting to the host's own address; where the host has
 *       no openssl (or with {@code fromTestJvm()}), a handshake from the test JVM to the host's address; the message
 *       names which;</li>
 *   <li>HTTP: {@code curl} on the host, or {@code wget}; the status of the first response.</li>
 * </ul>
 * A missing tool is a {@link dev.infrajunit.CouldNotCheckException} naming the host and the tool, not a failure.
 */
@API(status = STABLE)
package dev.infrajunit.assertions.host;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;
