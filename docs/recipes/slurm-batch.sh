#!/bin/bash
# A Slurm job array for a large sweep: N shards of the runs, then the merge.
#   sbatch --array=0-9 docs/recipes/slurm-batch.sh Benchmarks/sweep/sweep-1000.yaml 10
#   sbatch --dependency=afterok:<array job id> --wrap \
#     "prognos merge sweep/shard-* --output sweep/all"
#SBATCH --job-name=prognos-batch
#SBATCH --cpus-per-task=2
#SBATCH --mem=1G
#SBATCH --time=00:30:00
#SBATCH --output=logs/batch-%A-%a.log
set -euo pipefail
MANIFEST=$1
SHARDS=$2
mkdir -p sweep logs
# A task that is preempted and requeued resumes its own shard where it stopped.
prognos batch "$MANIFEST" --shard "${SLURM_ARRAY_TASK_ID}/${SHARDS}" \
  --jobs "${SLURM_CPUS_PER_TASK:-1}" --output "sweep/shard-${SLURM_ARRAY_TASK_ID}" --resume
