"""Scale-out: the extraction pipeline over partitions of the input on a Dask cluster.

    from hadath.scale import run_on_cluster
    exit_code = run_on_cluster(["corpus/"], "out/", "local:4")      # or "tcp://host:8786"

Writes ``out/part-00000.jsonl`` ... (or ``.parquet`` with ``fmt="parquet"``); see
docs/scale.md. Dask is imported only when a cluster is used.
"""

from hadath.scale.cluster import OUTPUT_FORMATS, connect, decide_duplicates, run_on_cluster
from hadath.scale.partitions import (
    DEFAULT_PARTITION_SIZE,
    Partition,
    plan_partitions,
    read_partition,
)
from hadath.scale.tasks import PartitionResult, extract_partition, warm_worker

__all__ = [
    "DEFAULT_PARTITION_SIZE", "OUTPUT_FORMATS", "Partition", "PartitionResult", "connect",
    "decide_duplicates", "extract_partition", "plan_partitions", "read_partition",
    "run_on_cluster", "warm_worker",
]
