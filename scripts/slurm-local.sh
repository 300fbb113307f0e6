#!/usr/bin/env bash
# A throw-away single-node Slurm cluster on this host, for the cluster recipes' test
# (Tests/PrognosCLITests/ClusterTests.swift) and for trying docs/cluster.md by hand.
#
#   scripts/slurm-local.sh start DIR   # munged + slurmctld + slurmd, all state under DIR
#   export SLURM_CONF=DIR/slurm.conf   # then sbatch/squeue/scontrol talk to it
#   scripts/slurm-local.sh stop DIR    # stops exactly the daemons started for DIR
#   scripts/slurm-local.sh logs DIR    # prints the daemons' logs (for diagnostics)
#
# Needs root and Debian's slurm-wlm and munge (.ci/run installs them). Loopback only:
# the controller and the node are this host at 127.0.0.1 on two free ports; munged uses
# its own key and socket under DIR, so a system munged/slurm (if any) is left alone.
# `start` returns once `sinfo` shows the node idle, or fails (exit 1) with the logs.
set -euo pipefail

cmd=${1:?usage: slurm-local.sh start|stop|logs DIR}
DIR=${2:?usage: slurm-local.sh start|stop|logs DIR}
mkdir -p "$DIR"
DIR=$(cd "$DIR" && pwd)

logs() {
    for f in "$DIR"/log/*.stdio "$DIR"/log/munged.log "$DIR"/log/slurmctld.log "$DIR"/log/slurmd.log; do
        [ -s "$f" ] || continue
        echo "----- $f (last 60 lines)"
        tail -n 60 "$f"
    done
}

# Stop one daemon by the pid file it wrote: TERM, then KILL after 5 s.
stop_pid() {
    local file=$1 pid
    [ -f "$file" ] || return 0
    pid=$(cat "$file" 2>/dev/null || true)
    [ -n "$pid" ] || return 0
    kill -TERM "$pid" 2>/dev/null || return 0
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || { rm -f "$file"; return 0; }; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
    rm -f "$file"
}

stop() {
    # Jobs still running get their slurmstepd ended with slurmd.
    stop_pid "$DIR/slurmd.pid"
    stop_pid "$DIR/slurmctld.pid"
    stop_pid "$DIR/munged.pid"
}

free_port() {
    # A port nobody listens on, from a range away from Slurm's defaults (6817/6818).
    local p
    for _ in $(seq 200); do
        p=$((20000 + RANDOM % 20000))
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "$p"; return; fi
    done
    echo "no free port" >&2; return 1
}

# Starts a daemon with no descriptor of ours beyond stdio (which go to DIR/log/NAME.stdio):
# a caller that waits for the end of our output, or for a descriptor it gave us to close
# (Foundation's Process does; so does an ssh session), would otherwise wait for the daemon.
daemon() {
    local name=$1; shift
    (
        for fd in /proc/self/fd/*; do
            fd=${fd##*/}
            [ "$fd" -gt 2 ] 2>/dev/null && eval "exec $fd>&-" 2>/dev/null
        done
        exec "$@" </dev/null >>"$DIR/log/$name.stdio" 2>&1
    )
}

wait_for() {   # wait_for SECONDS WHAT COMMAND...
    local seconds=$1 what=$2; shift 2
    local deadline=$((SECONDS + seconds))
    until "$@" >/dev/null 2>&1; do
        if [ "$SECONDS" -ge "$deadline" ]; then
            echo "slurm-local: $what not ready after ${seconds}s" >&2
            return 1
        fi
        sleep 0.2
    done
}

start() {
    [ "$(id -u)" = 0 ] || { echo "slurm-local: needs root" >&2; exit 1; }
    for tool in munged slurmctld slurmd sinfo; do
        command -v "$tool" >/dev/null || [ -x "/usr/sbin/$tool" ] || { echo "slurm-local: $tool not installed (apt-get install slurm-wlm munge)" >&2; exit 1; }
    done
    export PATH="$PATH:/usr/sbin:/sbin"
    mkdir -p "$DIR"/{munge,log,state,spool}
    chmod 700 "$DIR"/munge
    # munged: a key of our own (1 KiB of random bytes, mode 0400, as mungekey writes it).
    if [ ! -f "$DIR/munge/munge.key" ]; then
        head -c 1024 /dev/urandom > "$DIR/munge/munge.key"
        chmod 400 "$DIR/munge/munge.key"
    fi
    # --force: munged runs as root here and under a temporary folder whose parents it
    # would otherwise find too open.
    daemon munged munged --force --socket="$DIR/munge/munge.socket" --key-file="$DIR/munge/munge.key" \
        --pid-file="$DIR/munged.pid" --log-file="$DIR/log/munged.log" --seed-file="$DIR/munge/munged.seed"
    wait_for 10 munged test -S "$DIR/munge/munge.socket" || { logs; stop; exit 1; }

    local host ctld_port slurmd_port cpus memory
    host=$(hostname -s)
    ctld_port=$(free_port)
    slurmd_port=$(free_port)
    [ "$ctld_port" != "$slurmd_port" ] || slurmd_port=$((ctld_port + 1))
    # The node as slurmd sees it (CPUs, memory): jobs asking for more never start.
    cpus=$(slurmd -C | sed -n 's/.* CPUs=\([0-9]*\).*/\1/p' | head -1)
    memory=$(slurmd -C | sed -n 's/.* RealMemory=\([0-9]*\).*/\1/p' | head -1)
    cat > "$DIR/slurm.conf" <<CONF
# Written by scripts/slurm-local.sh: one host, loopback only, no cgroups, no accounting.
ClusterName=prognos-local
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$ctld_port
SlurmdPort=$slurmd_port
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$DIR/munge/munge.socket
StateSaveLocation=$DIR/state
SlurmdSpoolDir=$DIR/spool
SlurmctldPidFile=$DIR/slurmctld.pid
SlurmdPidFile=$DIR/slurmd.pid
SlurmctldLogFile=$DIR/log/slurmctld.log
SlurmdLogFile=$DIR/log/slurmd.log
SlurmctldDebug=info
SlurmdDebug=info
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
MpiDefault=none
SchedulerType=sched/backfill
SchedulerParameters=sched_interval=1,bf_interval=1
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
MinJobAge=600
KillWait=5
SlurmdTimeout=300
InactiveLimit=0
NodeName=$host NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$memory State=UNKNOWN
PartitionName=local Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
    export SLURM_CONF="$DIR/slurm.conf"
    # -i: start from a clean state (no jobs of an earlier cluster in DIR/state).
    daemon slurmctld slurmctld -i -f "$SLURM_CONF"
    wait_for 20 slurmctld scontrol ping || { logs; stop; exit 1; }
    daemon slurmd slurmd -f "$SLURM_CONF" -N "$host"
    # The node idle in sinfo: only then does a submission start at once.
    wait_for 30 "node $host" sh -c "sinfo -h -N -n '$host' -o %t | grep -qx idle" || {
        sinfo -N -l || true; scontrol show node "$host" || true; logs; stop; exit 1; }
    echo "slurm-local: node $host idle, SLURM_CONF=$SLURM_CONF"
}

case "$cmd" in
    start) start ;;
    stop) stop ;;
    logs) logs ;;
    *) echo "usage: slurm-local.sh start|stop|logs DIR" >&2; exit 64 ;;
esac
