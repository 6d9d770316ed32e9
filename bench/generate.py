"""Generate maps of a given size in the contract's format, for the benchmark.

The maps look like real ones (comments, the ten template stages, every field
filled with varied text, catalogue ids) so that parsing, rendering and editing
costs are those of a real portfolio, only larger.
"""

from __future__ import annotations

import argparse
import random
import tomllib
from pathlib import Path

STAGES = (
    ("sensibilisation", "Sensibilisation"),
    ("recherche", "Recherche"),
    ("selection", "Sélection"),
    ("acquisition", "Acquisition"),
    ("decouverte", "Découverte"),
    ("utilisation", "Utilisation"),
    ("maintenance", "Maintenance"),
    ("fidelisation", "Fidélisation"),
    ("recommandation", "Recommandation"),
    ("engagement", "Engagement"),
)
CATALOG = Path(__file__).resolve().parents[1] / "catalog"
WORDS = (
    "client commande reçoit message application page paiement conseiller retour avis "
    "livraison offre compte panier question réponse rapide clair attente lien"
).split()


def _ids(name: str, array: str) -> list[str]:
    data = tomllib.loads((CATALOG / f"{name}.toml").read_text(encoding="utf-8"))
    return [entry["id"] for entry in data[array]]


def _sentence(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize()


def map_text(touchpoints: int, seed: int = 1) -> str:
    """A map with `touchpoints` touchpoints spread over the ten stages."""
    rng = random.Random(seed)
    channels = _ids("channels", "channels")
    supports = _ids("supports", "supports") + _ids("touchpoints", "touchpoints")
    types = _ids("types", "types")
    lines = [
        "# Generated for the benchmark: a large but realistic map.",
        "schema = 1",
        f'title = "Portefeuille de services ({touchpoints} points de contact)"',
        'locale = "fr"',
        "",
        "[persona]",
        'name = "Alex, 41 ans"',
        'description = "Client de plusieurs services, exigeant et pressé"',
        "",
    ]
    per_stage = [touchpoints // len(STAGES)] * len(STAGES)
    for i in range(touchpoints % len(STAGES)):
        per_stage[i] += 1
    for (stage_id, name), count in zip(STAGES, per_stage):
        lines += [
            f"# {name}",
            "[[stages]]",
            f'id = "{stage_id}"',
            f'name = "{name}"',
            f'situation = "{_sentence(rng, 10)}"',
            "",
        ]
        for _ in range(count):
            lines += [
                "[[stages.touchpoints]]",
                f'channel = "{rng.choice(channels)}"',
                f'support = "{rng.choice(supports)}"',
                f'response = "{_sentence(rng, 8)}"',
                f'type = "{rng.choice(types)}"',
                f'who = "{_sentence(rng, 2)}"',
                f"emotion = {rng.randint(-2, 2)}",
                f'pain = "{_sentence(rng, 5) if rng.random() < 0.3 else ""}"',
                f'opportunity = "{_sentence(rng, 5) if rng.random() < 0.2 else ""}"',
                "",
            ]
    return "\n".join(lines)


def write_maps(folder: Path, sizes: tuple[int, ...]) -> dict[int, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = {}
    for size in sizes:
        path = folder / f"map-{size}.toml"
        path.write_text(map_text(size), encoding="utf-8")
        paths[size] = path
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("sizes", nargs="*", type=int, default=[30, 300, 3000])
    parser.add_argument("-o", "--output", type=Path, default=Path(__file__).parent / "maps")
    args = parser.parse_args()
    for size, path in write_maps(args.output, tuple(args.sizes)).items():
        print(f"{size:>6} touchpoints -> {path}")


if __name__ == "__main__":
    main()
