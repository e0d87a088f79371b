"""Weekly merchandising report: answers the team's questions over the whole catalogue export.

The export is pasted into the prompt in full ("the model sees everything"); it has grown with
every season.
"""
from pathlib import Path

import anthropic

client = anthropic.Anthropic()

CATALOGUE = (Path(__file__).parent / "catalogue.md").read_text(encoding="utf-8")


def ask(question: str) -> str:
    # prompt-cost: 200/week
    response = client.messages.create(
        model="claude-haiku-5-5",
        max_tokens=1500,
        system=[
            {"type": "text", "text": "You answer merchandising questions from this catalogue export only."},
            {"type": "text", "text": CATALOGUE, "cache_control": {"type": "ephemeral"}},
        ],
        messages=[{"role": "user", "content": question}],
    )
    return response.content[0].text
