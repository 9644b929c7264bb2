#!/usr/bin/env bash
# Stops the sshd processes that scripts/start-test-sshd.sh started, by the PIDs it recorded, and
# only those: a PID is signalled only while its command line still names our sshd_config.
#
#   scripts/stop-test-sshd.sh
set -euo pipefail

fleet_dir="${INFRA_SSH_FLEET_DIR:-/var/lib/infra-junit-test/fleet}"
[[ -f "$fleet_dir/pids" ]] || { echo "stop-test-sshd: no fleet recorded in $fleet_dir" >&2; exit 0; }

stopped=0
while read -r pid config; do
  [[ "$pid" =~ ^[0-9]+$ ]] || continue
  if [[ -r "/proc/$pid/cmdline" ]] && tr '\0' ' ' < "/proc/$pid/cmdline" | grep -qF -- "-f $config"; then
    kill "$pid" && stopped=$((stopped + 1))
  fi
done < "$fleet_dir/pids"

# bounded wait for them to go
while read -r pid config; do
  for ((try = 0; try < 50; try++)); do
    [[ -d "/proc/$pid" ]] || break
    sleep 0.1
  done
done < "$fleet_dir/pids"

rm -f "$fleet_dir/pids" "$fleet_dir/fleet.properties"
echo "stop-test-sshd: stopped $stopped sshd process(es)"
