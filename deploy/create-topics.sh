#!/usr/bin/env bash
# One-shot topic initialisation for docker-compose (and any cluster): every Tripline topic with the
# partitions and cleanup policy declared in pipeline-core's Topics; existing topics are left alone.
# TopicsDeployTest holds this list to the registry. Usage: create-topics.sh BOOTSTRAP [REPLICATION_FACTOR]
set -euo pipefail
bootstrap="${1:?usage: create-topics.sh BOOTSTRAP [REPLICATION_FACTOR]}"
rf="${2:-1}"
topics_cmd="${KAFKA_TOPICS:-/opt/kafka/bin/kafka-topics.sh}"

create() { # name partitions cleanup retention.ms
  "$topics_cmd" --bootstrap-server "$bootstrap" --create --if-not-exists --topic "$1" \
    --partitions "$2" --replication-factor "$rf" --config "cleanup.policy=$3" --config "retention.ms=$4"
}

create tripline.raw.guardduty 3 delete 604800000
create tripline.raw.securityhub 3 delete 604800000
create tripline.raw.cloudtrail 3 delete 604800000
create tripline.findings 3 compact -1
create tripline.detections 3 delete 2592000000
create tripline.incidents 3 compact -1
create tripline.ocsf 3 delete 2592000000
create tripline.remediation.actions 3 compact -1
create tripline.remediation.audit 1 delete -1
create tripline.ingest.cursors 1 compact -1
create tripline.dlq 1 delete 2592000000
