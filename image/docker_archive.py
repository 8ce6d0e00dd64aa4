"""Saves a root file system as a one-layer docker-archive tar (what `docker save` writes), the base Jib reads."""
import hashlib
import io
import json
import sys
import tarfile

rootfs, output = sys.argv[1], sys.argv[2]

layer = io.BytesIO()
with tarfile.open(fileobj=layer, mode="w", format=tarfile.PAX_FORMAT) as tar:
    # Ownership, modes and symbolic links as they are on disk: /data belongs to uid 1000.
    tar.add(rootfs, arcname=".", recursive=True)
layer_bytes = layer.getvalue()
diff_id = "sha256:" + hashlib.sha256(layer_bytes).hexdigest()

config = {
    "architecture": "amd64",
    "os": "linux",
    "config": {
        "Env": ["PATH=/opt/java/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
                "JAVA_HOME=/opt/java", "LANG=C.UTF-8"],
        "User": "1000:1000",
    },
    "rootfs": {"type": "layers", "diff_ids": [diff_id]},
}
config_bytes = json.dumps(config).encode()
config_name = hashlib.sha256(config_bytes).hexdigest() + ".json"
manifest = [{"Config": config_name, "RepoTags": ["hookline-base:bookworm"], "Layers": ["layer.tar"]}]

with tarfile.open(output, mode="w") as archive:
    for name, content in ((config_name, config_bytes), ("layer.tar", layer_bytes),
                          ("manifest.json", json.dumps(manifest).encode())):
        info = tarfile.TarInfo(name)
        info.size = len(content)
        archive.addfile(info, io.BytesIO(content))
