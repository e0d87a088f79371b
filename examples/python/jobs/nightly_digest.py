"""Nightly job: summarise yesterday's tickets and answer release-history questions.

Runs from cron at 02:00 UTC; nobody waits for it.
"""
import json
import sys
import time
from pathlib import Path

import anthropic
from openai import OpenAI

client = anthropic.Anthropic()
oai = OpenAI()

RELEASE_NOTES = (Path(__file__).parent / "release_notes.md").read_text(encoding="utf-8")
DIGEST_PROMPT = "You write a two-sentence digest of a support ticket for the morning stand-up."


def load_tickets(path: str) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def digest_all(tickets: list[dict]) -> list[str]:
    digests = []
    for ticket in tickets:
        response = client.messages.create(
            model="claude-haiku-4-5",
            max_tokens=200,
            system=DIGEST_PROMPT,
            messages=[{"role": "user", "content": ticket["body"]}],
        )
        digests.append(response.content[0].text)
    return digests


def release_history(question: str) -> str:
    # prompt-cost: 300/day
    completion = oai.chat.completions.create(
        model="gpt-4.1",
        max_completion_tokens=400,
        messages=[
            {"role": "system", "content": "Answer from these release notes only.\n\n" + RELEASE_NOTES},
            {"role": "user", "content": question},
        ],
    )
    return completion.choices[0].message.content


def classify_with_retry(text: str) -> str:
    for attempt in range(5):
        try:
            response = client.messages.create(
                model="claude-3-5-sonnet-20241022",
                max_tokens=20,
                messages=[{"role": "user", "content": f"Label the sentiment (positive, neutral, negative): {text}"}],
            )
            return response.content[0].text
        except anthropic.APIError:
            time.sleep(1)
    raise RuntimeError("classification failed")


if __name__ == "__main__":
    for line in digest_all(load_tickets(sys.argv[1])):
        print(line)
