#!/usr/bin/env python3
"""Generates a realistic source tree of at least --megabytes MB for the scan benchmark.

Mostly ordinary code, config, docs and logs (Java, Python, TypeScript, Go, YAML, JSON, Markdown),
about 2% of files mentioning Terra, and a handful with planted credentials. Every value is random
and generated here (seeded): nothing is a real key.
"""
import argparse
import os
import random
import string

ALNUM = string.ascii_letters + string.digits
WORDS = ("user account session token request response handler service config client server "
         "record value index buffer stream cache queue event message payload status result "
         "error retry timeout window metric sample heart rate sleep activity daily body").split()


def ident(rng):
    return rng.choice(WORDS) + rng.choice(WORDS).capitalize()


def java_line(rng):
    return rng.choice([
        f"    private final {rng.choice(['String', 'int', 'long', 'List<String>'])} {ident(rng)};",
        f"    if ({ident(rng)} == null) {{ throw new IllegalStateException(\"{ident(rng)} missing\"); }}",
        f"    return {ident(rng)}.stream().map({ident(rng)}::{ident(rng)}).toList();",
        f"    // {' '.join(rng.choice(WORDS) for _ in range(rng.randint(4, 12)))}",
        f"    log.debug(\"{ident(rng)}={{}}\", {ident(rng)});",
    ])


def python_line(rng):
    return rng.choice([
        f"    {ident(rng).lower()} = {ident(rng).lower()}.get(\"{rng.choice(WORDS)}\", {rng.randint(0, 999)})",
        f"    for {rng.choice(WORDS)} in {ident(rng).lower()}:",
        f"        results.append({{\"{rng.choice(WORDS)}\": {rng.random():.6f}}})",
        f"    # {' '.join(rng.choice(WORDS) for _ in range(rng.randint(4, 12)))}",
    ])


def json_line(rng):
    return f'  "{ident(rng)}": "{"".join(rng.choice(ALNUM) for _ in range(rng.randint(8, 64)))}",'


def log_line(rng):
    return (f"2026-11-{rng.randint(1, 28):02d}T{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:00Z "
            f"INFO {ident(rng)} id={rng.getrandbits(128):032x} took={rng.randint(1, 900)}ms")


def md_line(rng):
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(6, 16))) + "."


KINDS = [
    (".java", java_line), (".py", python_line), (".ts", java_line), (".go", java_line),
    (".json", json_line), (".log", log_line), (".md", md_line), (".yml", json_line),
]


def terra_lines(rng, planted):
    dev_id = f"acme-{rng.choice(['testing', 'staging', 'prod'])}-{rng.randint(1000, 9999)}"
    key = "".join(rng.choice(ALNUM) for _ in range(40))
    if planted:
        return [f'TERRA_DEV_ID = "{dev_id}"', f'TERRA_API_KEY = "{key}"']
    return ['terra = Terra(dev_id=os.getenv("TERRA_DEV_ID"), api_key=os.getenv("TERRA_API_KEY"))',
            f"# see the Terra docs for the dev-id header"]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("target")
    parser.add_argument("--megabytes", type=int, default=220)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    target_bytes = args.megabytes * 1024 * 1024
    written = 0
    count = 0
    os.makedirs(args.target, exist_ok=True)
    with open(os.path.join(args.target, ".gitignore"), "w") as ignore:
        ignore.write("node_modules/\n*.tmp\n")
    while written < target_bytes:
        module = f"module{count // 400:03d}/src/{rng.choice(WORDS)}"
        extension, line = rng.choice(KINDS)
        path = os.path.join(args.target, module, f"{ident(rng)}{count}{extension}")
        os.makedirs(os.path.dirname(path), exist_ok=True)
        size = int(rng.lognormvariate(9.3, 0.9))  # median ~11 KB, long tail
        lines = []
        length = 0
        while length < size:
            text = line(rng)
            lines.append(text)
            length += len(text) + 1
        roll = rng.random()
        if roll < 0.02:
            lines[rng.randrange(len(lines))] = "\n".join(terra_lines(rng, planted=roll < 0.0005))
        content = "\n".join(lines) + "\n"
        with open(path, "w") as out:
            out.write(content)
        written += len(content)
        count += 1
    print(f"{count} files, {written / 1024 / 1024:.0f} MB in {args.target}")


if __name__ == "__main__":
    main()
