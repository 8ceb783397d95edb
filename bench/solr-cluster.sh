# Sourced by the SolrCloud bench scripts, after bench/serve-node.sh. solr_cluster NAME TITLE NOTE
# makes a work folder $work in $BENCH_DIR (NAME-bench-XXXXXX) and the report $REPORT
# (NAME-report-<time>.md), headed with TITLE, the machine, the commit, NOTE and the load; starts a
# local SolrCloud (bin/solr-dev) in $work and makes a collection "bench" of $SHARDS shards with
# $JAR's solr-setup; it sets $zk and $solr (the --search address). When the script exits, the
# nodes it lists in $nodes are stopped, then the cluster, and $work is removed (stop_all: set
# `trap stop_all EXIT` again after serve_node, which sets a trap of its own).
solr_cluster() {
  local name=$1 title=$2 note=$3
  mkdir -p "$BENCH_DIR"
  work=$(mktemp -d "$BENCH_DIR/$name-bench-XXXXXX")
  export DOSSIER_SOLR_DEV="$work/solr-dev"
  REPORT="$BENCH_DIR/$name-report-$(date +%Y%m%d-%H%M%S).md"
  nodes=()
  trap stop_all EXIT
  {
    echo "# $title, $(date -u +%Y-%m-%dT%H:%MZ)"
    echo
    echo "Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo) RAM;" \
         "$(java -version 2>&1 | head -1); commit $(git rev-parse --short HEAD); $note"
    echo "Load before: $(uptime)"
  } | tee "$REPORT"
  zk=$(bin/solr-dev start | tail -1)
  echo "SolrCloud (bin/solr-dev, two Solr 9.10.1 nodes in one JVM): ZooKeeper $zk" | tee -a "$REPORT"
  java -jar "$JAR" solr-setup --zk "$zk" --collection bench --shards "$SHARDS" 2>&1 | tail -1 | tee -a "$REPORT"
  solr="solr:zk=$zk/bench"
}

stop_all() {
  for pid in "${nodes[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${nodes[@]}"; do wait "$pid" 2>/dev/null || true; done
  bin/solr-dev stop || true
  rm -rf "$work"
}
