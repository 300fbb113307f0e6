#!/bin/bash
# One large simulation as a Slurm job array: task K computes shard K of N into DIR/parts/.
# Submit it from the folder that holds your scenario files (docs/cluster.md, "Slurm"):
#   JOB=$(sbatch --parsable --array=0-$((N-1)) docs/recipes/slurm-simulate.sh "$SCENARIO" "$N" "$DIR" "$PATHS")
#   MERGE=$(sbatch --parsable --dependency=afterok:$JOB docs/recipes/slurm-simulate-merge.sh "$N" "$DIR")
# A task that failed or was cancelled: resubmit only it, `sbatch --array=K` with the same
# arguments, then cancel the waiting merge and submit it again after the new job.
#
# The log is a file in the submission folder (no folder in --output: Slurm opens it before
# this script runs, so a folder that does not exist yet fails the task at launch);
# --open-mode=append keeps a requeued task's first log.
# --mem: the "one shard" peak of the Sizing table in docs/cluster.md for PATHS/N paths,
# with a quarter more for safety, rounded up to whole GB: 1G covers the example's 1,000,000
# paths on 8 tasks (88 MB a shard) and up to 10,000,000 paths on 8 tasks (439 MB a shard);
# ≈ 320 bytes a path + 30 MB. Raise it (sbatch --mem=…) for larger shards.
#SBATCH --job-name=prognos-simulate
#SBATCH --cpus-per-task=2
#SBATCH --mem=1G
#SBATCH --time=00:30:00
#SBATCH --output=prognos-simulate-%A_%a.log
#SBATCH --open-mode=append
set -euo pipefail
SCENARIO=${1:?usage: slurm-simulate.sh SCENARIO N DIR [PATHS]}   # with treasury and simulation sections
SHARDS=${2:?usage: slurm-simulate.sh SCENARIO N DIR [PATHS]}     # N: the array is 0-(N-1)
DIR=${3:?usage: slurm-simulate.sh SCENARIO N DIR [PATHS]}        # this run's folder: DIR/parts, DIR/result.json
PATHS=${4:-}                                                      # optional: overrides simulation.paths
PROGNOS=${PROGNOS:-prognos}                                       # the binary: $PROGNOS, else prognos on PATH
K=${SLURM_ARRAY_TASK_ID:?submit with sbatch --array=0-$((SHARDS - 1))}
mkdir -p "$DIR/parts"
echo "$(date -Is) task $K of $SHARDS on $(hostname): $SCENARIO ${PATHS:+--paths $PATHS} -> $DIR/parts/part-$K.bin"
# Shards are numbered from 0: SLURM_ARRAY_TASK_ID is K in --shard K/N as it is. The part is
# written whole or not at all; a part of another run left in DIR is refused by the merge
# (scenario, seed and blocks are in its header).
"$PROGNOS" simulate "$SCENARIO" ${PATHS:+--paths "$PATHS"} \
  --shard "$K/$SHARDS" --threads "${SLURM_CPUS_PER_TASK:-1}" \
  --output "$DIR/parts/part-$K.bin"
