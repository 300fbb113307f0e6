#!/bin/bash
# A large sweep as a Slurm job array: task K runs shard K of N (the runs i with i mod N = K)
# into DIR/shard-K (docs/cluster.md, "Slurm"):
#   JOB=$(sbatch --parsable --array=0-$((N-1)) docs/recipes/slurm-batch.sh "$MANIFEST" "$N" "$DIR")
#   MERGE=$(sbatch --parsable --dependency=afterok:$JOB docs/recipes/slurm-batch-merge.sh "$N" "$DIR")
# --resume: a task that is requeued, or resubmitted with `sbatch --array=K`, finishes only
# the runs its folder is missing; a folder of another batch (another manifest or --set) is
# refused, never mixed.
# Log in the submission folder (a folder in --output must exist before submission), appended
# to when a task is requeued.
# --mem: the "batch" row of the Sizing table in docs/cluster.md, with a quarter more.
#SBATCH --job-name=prognos-batch
#SBATCH --cpus-per-task=2
#SBATCH --mem=1G
#SBATCH --time=00:30:00
#SBATCH --output=prognos-batch-%A_%a.log
#SBATCH --open-mode=append
set -euo pipefail
MANIFEST=${1:?usage: slurm-batch.sh MANIFEST N DIR}
SHARDS=${2:?usage: slurm-batch.sh MANIFEST N DIR}
DIR=${3:?usage: slurm-batch.sh MANIFEST N DIR}
PROGNOS=${PROGNOS:-prognos}
K=${SLURM_ARRAY_TASK_ID:?submit with sbatch --array=0-$((SHARDS - 1))}
mkdir -p "$DIR"
echo "$(date -Is) shard $K of $SHARDS on $(hostname): $MANIFEST -> $DIR/shard-$K"
"$PROGNOS" batch "$MANIFEST" --shard "$K/$SHARDS" \
  --jobs "${SLURM_CPUS_PER_TASK:-1}" --output "$DIR/shard-$K" --resume
