#!/bin/bash
# The merge of a simulation's N parts (DIR/parts/part-0.bin … part-(N-1).bin) into
# DIR/result.json, the bytes one machine's `prognos simulate … --format json` writes.
#   MERGE=$(sbatch --parsable --dependency=afterok:$JOB docs/recipes/slurm-simulate-merge.sh "$N" "$DIR")
# The parts are named one by one (not parts/*.bin), so a missing one is an error naming
# it and a stray part of another run is never picked up.
# --mem: the "merge" peak of the Sizing table in docs/cluster.md for all PATHS, with a
# quarter more, rounded up to whole GB: 1G covers 1,000,000 paths (41 MB) and 10,000,000
# paths (190 MB); ≈ 20 bytes a path + the bands. Raise it for far more paths.
#SBATCH --job-name=prognos-merge
#SBATCH --cpus-per-task=1
#SBATCH --mem=1G
#SBATCH --time=00:30:00
#SBATCH --output=prognos-merge-%j.log
#SBATCH --open-mode=append
set -euo pipefail
SHARDS=${1:?usage: slurm-simulate-merge.sh N DIR}
DIR=${2:?usage: slurm-simulate-merge.sh N DIR}
PROGNOS=${PROGNOS:-prognos}
parts=()
for ((K = 0; K < SHARDS; K++)); do parts+=("$DIR/parts/part-$K.bin"); done
echo "$(date -Is) merging $SHARDS parts of $DIR"
"$PROGNOS" merge "${parts[@]}" --output "$DIR/result.json"
