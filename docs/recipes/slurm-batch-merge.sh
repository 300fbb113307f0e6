#!/bin/bash
# The merge of a sweep's N shard folders (DIR/shard-0 … shard-(N-1)) into DIR/all: the
# results.csv, errors.csv and runs/ one machine's `prognos batch` writes.
#   MERGE=$(sbatch --parsable --dependency=afterok:$JOB docs/recipes/slurm-batch-merge.sh "$N" "$DIR")
# The merge writes into a fresh folder beside DIR/all and renames it only when it
# succeeded: a refused merge leaves no half-filled DIR/all, and an existing DIR/all (an
# earlier merge) is refused rather than mixed with.
#SBATCH --job-name=prognos-merge
#SBATCH --cpus-per-task=1
#SBATCH --mem=1G
#SBATCH --time=00:30:00
#SBATCH --output=prognos-merge-%j.log
#SBATCH --open-mode=append
set -euo pipefail
SHARDS=${1:?usage: slurm-batch-merge.sh N DIR}
DIR=${2:?usage: slurm-batch-merge.sh N DIR}
PROGNOS=${PROGNOS:-prognos}
if [ -e "$DIR/all" ]; then
  echo "$DIR/all exists (an earlier merge): remove it, or merge into another folder" >&2
  exit 73
fi
shards=()
for ((K = 0; K < SHARDS; K++)); do shards+=("$DIR/shard-$K"); done
work="$DIR/.all-merging-${SLURM_JOB_ID:-$$}"
rm -rf "$work"
trap 'rm -rf "$work"' EXIT
echo "$(date -Is) merging $SHARDS shards of $DIR"
"$PROGNOS" merge "${shards[@]}" --output "$work"
mv -T "$work" "$DIR/all"
echo "$(date -Is) merged into $DIR/all"
