#!/usr/bin/env python3
"""Generates a git repository whose history holds about --megabytes MB of keyword-heavy changes.

Every commit rewrites a few hundred files; about a third of the lines mention Terra's keywords
(terra, dev_id, api_key, webhook_secret) in code, config and docs, mostly with placeholders or
environment lookups, and a few planted random (seeded, fake) credentials. Written with
`git fast-import`, so generating 136 MB takes seconds.
"""
import argparse
import os
import random
import string
import subprocess

ALNUM = string.ascii_letters + string.digits
WORDS = ("user account session token request response handler service config client server "
         "record value index buffer stream cache queue event message payload status").split()


def plain(rng):
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(6, 14)))


def keyword(rng, planted):
    env = rng.choice(["testing", "staging", "prod"])
    if planted:
        key = "".join(rng.choice(ALNUM) for _ in range(40))
        return f'TERRA_DEV_ID=acme-{env}-{rng.randint(1000, 9999)} TERRA_API_KEY={key}'
    return rng.choice([
        'terra = Terra(dev_id=os.getenv("TERRA_DEV_ID"), api_key=os.getenv("TERRA_API_KEY"))',
        '  api_key: ${TERRA_API_KEY}  # the terra api key comes from the environment',
        'webhook_secret = config.get("terra.webhook_secret")',
        f'# terra dev-id for {env}: set TERRA_DEV_ID in .env.terra.{env}',
        'curl -H "dev-id: $TERRA_DEV_ID" -H "x-api-key: $TERRA_API_KEY" https://api.tryterra.co/v2/',
        '"dev_id": "<YOUR_DEV_ID>", "api_key": "<YOUR_API_KEY>",',
    ])


def content(rng):
    lines = []
    for _ in range(rng.randint(80, 400)):
        roll = rng.random()
        lines.append(keyword(rng, roll < 0.0004) if roll < 0.33 else plain(rng))
    return ("\n".join(lines) + "\n").encode()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("target")
    parser.add_argument("--megabytes", type=int, default=136)
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    os.makedirs(args.target, exist_ok=True)
    subprocess.run(["git", "init", "-q", args.target], check=True)
    paths = [f"module{i // 50:02d}/{rng.choice(WORDS)}{i}.{rng.choice(['py', 'java', 'yml', 'md'])}"
             for i in range(2000)]
    target = args.megabytes * 1024 * 1024
    written = 0
    commit = 0
    importer = subprocess.Popen(["git", "fast-import", "--quiet"], cwd=args.target,
                                stdin=subprocess.PIPE)
    stream = importer.stdin
    while written < target:
        commit += 1
        stream.write(b"commit refs/heads/main\n")
        stream.write(f"committer Bench <bench@example.invalid> {1700000000 + commit * 3600} +0000\n".encode())
        message = f"change {commit}".encode()
        stream.write(b"data %d\n%s\n" % (len(message), message))
        # later commits on the same ref continue from the previous one
        for path in rng.sample(paths, 300 if commit > 1 else len(paths)):
            body = content(rng)
            written += len(body)
            stream.write(f"M 100644 inline {path}\n".encode())
            stream.write(b"data %d\n" % len(body))
            stream.write(body)
            stream.write(b"\n")
    stream.close()
    importer.wait()
    subprocess.run(["git", "checkout", "-q", "main"], cwd=args.target, check=True)
    print(f"{commit} commits, {written / 1024 / 1024:.0f} MB of blobs in {args.target}")


if __name__ == "__main__":
    main()
