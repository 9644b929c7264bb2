#!/usr/bin/env bash
# Starts a fleet of real OpenSSH servers on loopback addresses for the integration tests and the
# benchmark: N sshd processes, each with its own host key on its own address and port: 127.0.77.1 to
# 127.0.77.250 on port 2222, then the same addresses on port 2223 for hosts 251 to 500, and so on.
# Test users log in with one client key: infratest (login shell sh), infratest-fish (fish) and
# infratest-tcsh (tcsh), the last two to show that commands mean the same under any login shell.
# infratest may also log in with an RSA key, and with a key of no authorized_keys file whose user
# certificate a CA signed that every sshd trusts (TrustedUserCAKeys). One known_hosts file lists
# every host.
#
#   scripts/start-test-sshd.sh [N]          # N hosts, default 3 (at most 1000)
#   scripts/stop-test-sshd.sh               # stops exactly the sshd processes started here
#
# Writes $INFRA_SSH_FLEET_DIR/fleet.properties (default /var/lib/infra-junit-test/fleet), which the
# tests tagged "openssh" and the benchmark read. Needs root (sshd must switch to the test user).
# Settings: INFRA_SSH_FLEET_DIR, INFRA_SSH_FLEET_NET (default 127.0.77), INFRA_SSH_FLEET_PORT (2222, the
# first of the ports used).
set -euo pipefail

count="${1:-3}"
fleet_dir="${INFRA_SSH_FLEET_DIR:-/var/lib/infra-junit-test/fleet}"
net="${INFRA_SSH_FLEET_NET:-127.0.77}"
port="${INFRA_SSH_FLEET_PORT:-2222}"
user="infratest"
fish_user="infratest-fish"
tcsh_user="infratest-tcsh"
per_port=250
here="$(cd "$(dirname "$0")" && pwd)"

fail() { echo "start-test-sshd: $*" >&2; exit 1; }

[[ "$count" =~ ^[0-9]+$ ]] && (( count >= 1 && count <= 1000 )) || fail "N must be 1..1000, not '$count'"
[[ "$net" =~ ^127\.[0-9]+\.[0-9]+$ ]] || fail "INFRA_SSH_FLEET_NET must be a loopback /24 such as 127.0.77, not '$net'"
(( EUID == 0 )) || fail "run as root: each sshd switches to the test user '$user'"
case "$fleet_dir" in /tmp/*) fail "INFRA_SSH_FLEET_DIR must not be under /tmp: sshd's StrictModes refuses keys there";; esac

for package in openssh-server fish tcsh; do
  if ! dpkg -s "$package" >/dev/null 2>&1; then
    echo "start-test-sshd: installing $package" >&2
    apt-get install -y -q "$package" >/dev/null || { apt-get update -q >/dev/null && apt-get install -y -q "$package" >/dev/null; }
  fi
done
command -v ssh-keygen >/dev/null || fail "ssh-keygen is missing (package openssh-client)"

# A fleet started earlier from this directory is stopped first, by its recorded PIDs only.
if [[ -f "$fleet_dir/pids" ]]; then
  "$here/stop-test-sshd.sh"
fi

# The test user; '*' as password field: useradd leaves it '!' (locked), and sshd refuses locked
# accounts even for public keys when PAM is off.
add_user() { # name home shell
  if ! id "$1" >/dev/null 2>&1; then
    useradd --system --create-home --home-dir "$2" --shell "$3" "$1"
  fi
  usermod -p '*' -s "$3" "$1"
}
add_user "$user" /var/lib/infra-junit-test/home /bin/sh
add_user "$fish_user" /var/lib/infra-junit-test/home-fish /usr/bin/fish
add_user "$tcsh_user" /var/lib/infra-junit-test/home-tcsh /usr/bin/tcsh

install -d -m 755 -o root -g root /var/lib/infra-junit-test "$fleet_dir" "$fleet_dir/authorized_keys" "$fleet_dir/hosts"
install -d -m 700 "$fleet_dir/client"
install -d -m 755 /run/sshd

key="$fleet_dir/client/id_ed25519"
[[ -f "$key" ]] || ssh-keygen -q -t ed25519 -N '' -C "infra-junit-test-client" -f "$key"
for login in "$fish_user" "$tcsh_user"; do
  install -m 644 -o root -g root "$key.pub" "$fleet_dir/authorized_keys/$login"
done
rsa_key="$fleet_dir/client/id_rsa"
[[ -f "$rsa_key" ]] || ssh-keygen -q -t rsa -b 3072 -N '' -C "infra-junit-test-client-rsa" -f "$rsa_key"
cat "$key.pub" "$rsa_key.pub" > "$fleet_dir/authorized_keys/$user"
chmod 644 "$fleet_dir/authorized_keys/$user"

# A user CA and a key known only by its certificate: the CA signs it for the test user.
user_ca="$fleet_dir/client/user_ca"
cert_key="$fleet_dir/client/id_cert"
[[ -f "$user_ca" ]] || ssh-keygen -q -t ed25519 -N '' -C "infra-junit-test-user-ca" -f "$user_ca"
[[ -f "$cert_key" ]] || ssh-keygen -q -t ed25519 -N '' -C "infra-junit-test-client-cert" -f "$cert_key"
ssh-keygen -q -s "$user_ca" -I infra-junit-test-client -n "$user" -V -5m:+3650d "$cert_key.pub"
install -m 644 -o root -g root "$user_ca.pub" "$fleet_dir/user_ca.pub"

: > "$fleet_dir/known_hosts"
: > "$fleet_dir/pids"
hosts=()
address_of() { echo "$net.$(( ($1 - 1) % per_port + 1 ))"; }
port_of() { echo "$(( port + ($1 - 1) / per_port ))"; }
for ((i = 1; i <= count; i++)); do
  address="$(address_of "$i")"
  host_port="$(port_of "$i")"
  dir="$fleet_dir/hosts/$i"
  install -d -m 755 "$dir"
  [[ -f "$dir/ssh_host_ed25519_key" ]] || ssh-keygen -q -t ed25519 -N '' -C "host-$i" -f "$dir/ssh_host_ed25519_key"
  # the first host is the jump host: its log shows the connections it forwards
  loglevel=VERBOSE; (( i == 1 )) && loglevel=DEBUG1
  cat > "$dir/sshd_config" <<CONFIG
ListenAddress $address:$host_port
HostKey $dir/ssh_host_ed25519_key
PidFile $dir/sshd.pid
UsePAM no
PermitRootLogin no
AllowUsers $user $fish_user $tcsh_user
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
AuthorizedKeysFile $fleet_dir/authorized_keys/%u
TrustedUserCAKeys $fleet_dir/user_ca.pub
StrictModes yes
AllowTcpForwarding yes
X11Forwarding no
PrintMotd no
MaxStartups 100:30:200
LogLevel $loglevel
CONFIG
  rm -f "$dir/sshd.pid"
  /usr/sbin/sshd -f "$dir/sshd_config" -E "$dir/sshd.log"
  echo "[$address]:$host_port $(cut -d' ' -f1,2 "$dir/ssh_host_ed25519_key.pub")" >> "$fleet_dir/known_hosts"
  hosts+=("$address:$host_port")
done

# Each sshd writes its PID once it listens; wait for all (bounded), then record them.
for ((i = 1; i <= count; i++)); do
  dir="$fleet_dir/hosts/$i"
  for ((try = 0; try < 100; try++)); do
    [[ -s "$dir/sshd.pid" ]] && (exec 3<>"/dev/tcp/$(address_of "$i")/$(port_of "$i")") 2>/dev/null && break
    sleep 0.1
  done
  [[ -s "$dir/sshd.pid" ]] || fail "sshd $i did not start; see $dir/sshd.log"
  echo "$(cat "$dir/sshd.pid") $dir/sshd_config" >> "$fleet_dir/pids"
done

cp "$fleet_dir/known_hosts" "$fleet_dir/known_hosts.hashed"
ssh-keygen -q -H -f "$fleet_dir/known_hosts.hashed" >/dev/null 2>&1
rm -f "$fleet_dir/known_hosts.hashed.old"

cat > "$fleet_dir/fleet.properties" <<PROPERTIES
# written by scripts/start-test-sshd.sh
user=$user
fishUser=$fish_user
tcshUser=$tcsh_user
identityFile=$key
rsaIdentityFile=$rsa_key
certificateIdentityFile=$cert_key
certificateFile=$cert_key-cert.pub
knownHosts=$fleet_dir/known_hosts
knownHostsHashed=$fleet_dir/known_hosts.hashed
hosts=$(IFS=,; echo "${hosts[*]}")
jumpHostLog=$fleet_dir/hosts/1/sshd.log
deadHost=$net.254:$port
PROPERTIES
echo "start-test-sshd: $count OpenSSH hosts on $net.1-$(( count < per_port ? count : per_port )), ports $port-$(port_of "$count"); fleet described in $fleet_dir/fleet.properties"
