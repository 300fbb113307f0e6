#!/bin/bash
# A Slurm job array for one very large simulation: N shards, then the merge.
#   sbatch --array=0-7 docs/recipes/slurm-simulate.sh Scenarios/internbank-car-2024.yaml 8 1000000
# and, when every task has finished (or as a dependent job):
#   sbatch --dependency=afterok:<array job id> --wrap \
#     "prognos merge parts/part-*.bin --output result.json"
#SBATCH --job-name=prognos-simulate
#SBATCH --cpus-per-task=2
#SBATCH --mem=2G
#SBATCH --time=00:30:00
#SBATCH --output=logs/simulate-%A-%a.log
set -euo pipefail
SCENARIO=$1          # the scenario file (with treasury and simulation sections)
SHARDS=$2            # N: the array must be declared 0-(N-1)
PATHS=${3:-}         # optional: overrides simulation.paths
mkdir -p parts logs
# Shards are numbered from 0: SLURM_ARRAY_TASK_ID is K in --shard K/N as it is.
prognos simulate "$SCENARIO" ${PATHS:+--paths "$PATHS"} \
  --shard "${SLURM_ARRAY_TASK_ID}/${SHARDS}" --threads "${SLURM_CPUS_PER_TASK:-1}" \
  --output "parts/part-${SLURM_ARRAY_TASK_ID}.bin"
